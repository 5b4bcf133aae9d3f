package data_test

import (
	"context"
	"errors"
	"testing"

	"orderdesk/app"
)

// TestServicesEnforcePermissions calls the services as each role:
// what the role may do goes through, what it may not is refused with a
// PermissionError and the database is left as it was.
func TestServicesEnforcePermissions(t *testing.T) {
	f := fulfilShop(t)
	as := func(r app.Role) context.Context {
		return app.WithActor(context.Background(), app.Actor{Name: "staff-" + string(r), Role: r})
	}
	// Paid and cancelled: its money is due back, a little to each role.
	paid := f.confirmed(f.input(app.LineInput{SKU: "TEA-001", Qty: 1}))
	_, err := f.svc.RecordPayment(f.ctx, paid.ID, app.PaymentInput{Method: app.PayAlipay, Amount: paid.Payable})
	f.must(err)
	_, err = f.svc.Cancel(f.ctx, paid.ID, "customer changed their mind")
	f.must(err)
	tea := f.products[0]
	var fresh *app.Order // made by the owner before a call that needs one
	confirmed := func() { fresh = f.confirmed(f.input(app.LineInput{SKU: "CUP-002", Qty: 1})) }
	delivered := func() { fresh = f.delivered(app.LineInput{SKU: "TEA-001", Qty: 1}) }
	calls := []struct {
		name    string
		perm    app.Permission
		prepare func()
		call    func(ctx context.Context) error
	}{
		{"enter an order", app.PermOrders, nil, func(ctx context.Context) error {
			_, err := f.svc.CreateOrder(ctx, f.input(), false)
			return err
		}},
		{"adjust stock", app.PermStock, nil, func(ctx context.Context) error {
			return f.svc.AdjustStock(ctx, app.StockAdjustment{ProductID: tea.ID, BinID: f.bins[0].ID, Delta: -1, Reason: "count"})
		}},
		{"change a price", app.PermCatalog, nil, func(ctx context.Context) error {
			p := *tea
			p.Price++
			return f.svc.SaveProduct(ctx, &p)
		}},
		{"refund money", app.PermRefund, nil, func(ctx context.Context) error {
			_, err := f.svc.RecordRefund(ctx, paid.ID, app.RefundInput{Amount: 100, Reference: "cancelled"})
			return err
		}},
		{"record a payment", app.PermMoney, confirmed, func(ctx context.Context) error {
			_, err := f.svc.RecordPayment(ctx, fresh.ID, app.PaymentInput{Method: app.PayCash, Amount: 100})
			return err
		}},
		{"allocate", app.PermFulfil, confirmed, func(ctx context.Context) error {
			_, err := f.svc.Allocate(ctx, fresh.ID)
			return err
		}},
		{"open a return", app.PermAfterSales, delivered, func(ctx context.Context) error {
			_, err := f.svc.OpenCase(ctx, app.CaseInput{OrderID: fresh.ID, Kind: app.CaseReturnRefund, Reason: app.ReasonQuality,
				Lines: []app.CaseLineInput{{LineID: fresh.Lines[0].ID, Qty: 1}}})
			return err
		}},
		{"change the settings", app.PermSettings, nil, func(ctx context.Context) error {
			shop, err := f.svc.Shop(ctx)
			if err != nil {
				return err
			}
			return f.svc.SaveShop(ctx, shop)
		}},
	}
	for _, role := range []app.Role{app.RoleService, app.RoleWarehouse, app.RoleFinance, app.RoleOwner} {
		for _, c := range calls {
			if c.prepare != nil {
				c.prepare()
			}
			before := countRows(t, rawDB(t, f.store.Path()))
			err := c.call(as(role))
			var refused *app.PermissionError
			switch {
			case app.Allowed(role, c.perm) && err != nil:
				t.Errorf("%s may %s but was refused: %v", role, c.name, err)
			case !app.Allowed(role, c.perm) && !errors.As(err, &refused):
				t.Errorf("%s may not %s but got %v", role, c.name, err)
			case !app.Allowed(role, c.perm):
				if after := countRows(t, rawDB(t, f.store.Path())); after != before {
					t.Errorf("%s was refused %s but the database changed: %+v, was %+v", role, c.name, after, before)
				}
			}
		}
	}
	// History shows who really acted.
	o, err := f.svc.CreateOrder(as(app.RoleService), f.input(), false)
	f.must(err)
	events, _ := f.svc.History(f.ctx, app.SubjectOrder, o.ID)
	if len(events) == 0 || events[0].Actor != "staff-customer_service" {
		t.Fatalf("the order's history names %+v, want the service person", events)
	}
	f.check()
}
