// Package app is the shop's domain: orders and their life, customers,
// products, warehouses and the stock ledger, payments, events and tasks,
// money, validation, and the services that screens and subcommands call.
//
// It uses the standard library only. The store that keeps the data is an
// interface (Store) implemented elsewhere, so every rule here can be tested
// on its own and every service runs the same against any store.
package app
