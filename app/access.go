package app

import (
	"context"
	"fmt"
	"slices"
)

// Permission is a kind of change to the shop. Every service that
// changes something needs one, and the service checks it: a screen hiding
// a button is not the check.
type Permission string

const (
	PermOrders         Permission = "orders"          // enter, change, cancel, hold orders; import; log contacts
	PermReview         Permission = "review"          // approve, hold, reject at review; letters sent
	PermFulfil         Permission = "fulfil"          // allocate, pick, check, pack, ship, track, sign off
	PermShortage       Permission = "shortage"        // what to do about missing stock: service tells the customer, the warehouse found the gap
	PermTracking       Permission = "tracking"        // report and clear a parcel's problems: whoever hears of them first
	PermStock          Permission = "stock"           // receive, count and expect stock; warehouses and bins
	PermCatalog        Permission = "catalog"         // products and their prices
	PermCustomers      Permission = "customers"       // customer records
	PermMoney          Permission = "money"           // payments, invoices, late fees
	PermRefund         Permission = "refund"          // money paid back
	PermAfterSales     Permission = "after_sales"     // after-sales cases and complaints
	PermReceiveReturns Permission = "receive_returns" // inspecting returned goods into stock
	PermSettings       Permission = "settings"        // the shop's settings, rules and mappings
	PermUsers          Permission = "users"           // accounts and their roles
	PermRestore        Permission = "restore"         // putting a backup in place of the shop
	PermBackup         Permission = "backup"          // copying or checking the whole shop: every customer, every account
)

// Permissions lists every permission.
func Permissions() []Permission {
	return []Permission{PermOrders, PermReview, PermFulfil, PermShortage, PermTracking, PermStock, PermCatalog, PermCustomers, PermMoney, PermRefund,
		PermAfterSales, PermReceiveReturns, PermSettings, PermUsers, PermRestore, PermBackup}
}

// rolePermissions is the least each role needs (seed 004, chapter 4): the
// owner does everything; customer service takes and looks after orders
// and customers but neither moves stock nor pays money back; the
// warehouse picks, packs, ships and keeps the stock but never touches
// prices or money; finance handles payments, refunds and invoices.
var rolePermissions = map[Role][]Permission{
	RoleOwner:     Permissions(),
	RoleService:   {PermOrders, PermReview, PermShortage, PermTracking, PermCustomers, PermAfterSales},
	RoleWarehouse: {PermFulfil, PermShortage, PermTracking, PermStock, PermReceiveReturns},
	RoleFinance:   {PermMoney, PermRefund},
}

// Allowed reports whether a role may make changes of a kind.
func Allowed(r Role, p Permission) bool { return slices.Contains(rolePermissions[r], p) }

// PermissionError refuses a change the acting person's role may not make.
type PermissionError struct {
	Actor      string
	Role       Role
	Permission Permission
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("%s (%s) may not change %s; ask the owner, or someone whose role allows it",
		e.Actor, e.Role, e.Permission)
}

// Permitted reports whether the person ctx acts as may make changes of a
// kind: nil if so, a PermissionError if not.
func Permitted(ctx context.Context, p Permission) error {
	_, err := allow(ctx, p)
	return err
}

// allow checks that the acting person may make changes of a kind.
func allow(ctx context.Context, p Permission) (Actor, error) {
	who, err := ActorFrom(ctx)
	if err != nil {
		return who, err
	}
	// Without accounts (single-user mode, the default) the one person at
	// the desk is the owner.
	if who.Role == "" {
		who.Role = RoleOwner
	}
	if !Allowed(who.Role, p) {
		return who, &PermissionError{Actor: who.Name, Role: who.Role, Permission: p}
	}
	return who, nil
}

// actionPermission is what a step of an order's life needs.
func actionPermission(a Action) Permission {
	switch a {
	case ActionConfirm, ActionReject, ActionReturnToDraft:
		return PermReview
	case ActionAllocate, ActionDeallocate, ActionStartPicking, ActionPack, ActionShipPart, ActionShip, ActionDeliver,
		ActionComplete, ActionHandOver:
		return PermFulfil
	case ActionRecordPayment:
		return PermMoney
	}
	return PermOrders
}
