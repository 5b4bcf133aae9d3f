package app

import "testing"

// TestRolePermissions pins the least-privilege table: the owner
// may do everything, and the examples of the requirement hold.
func TestRolePermissions(t *testing.T) {
	for _, p := range Permissions() {
		if !Allowed(RoleOwner, p) {
			t.Errorf("the owner may not %s", p)
		}
	}
	for _, c := range []struct {
		role Role
		perm Permission
		want bool
	}{
		{RoleWarehouse, PermRefund, false},  // warehouse cannot refund
		{RoleWarehouse, PermCatalog, false}, // nor change prices
		{RoleWarehouse, PermFulfil, true},   // but ships
		{RoleWarehouse, PermStock, true},    // and keeps the stock
		{RoleService, PermStock, false},     // customer service cannot adjust stock
		{RoleService, PermOrders, true},     // but takes orders
		{RoleService, PermAfterSales, true}, // and after-sales
		{RoleService, PermRefund, false},    // but pays nothing back
		{RoleFinance, PermRefund, true},     // finance refunds
		{RoleFinance, PermFulfil, false},    // and ships nothing
		{RoleService, PermUsers, false},     // only the owner manages users
		{RoleFinance, PermRestore, false},   // and restores backups
		{RoleWarehouse, PermShortage, true}, // a short pick is decided on the floor
		{RoleService, PermShortage, true},   // or with the customer
		{RoleService, PermTracking, true},   // customer service hears of a lost parcel first
		{RoleFinance, PermTracking, false},
		{Role("visitor"), PermOrders, false}, // an unknown role may nothing
	} {
		if got := Allowed(c.role, c.perm); got != c.want {
			t.Errorf("Allowed(%s, %s) = %v, want %v", c.role, c.perm, got, c.want)
		}
	}
	for _, a := range Actions() {
		if p := actionPermission(a); !Allowed(RoleOwner, p) {
			t.Errorf("%s needs %s, which nobody has", a, p)
		}
	}
}
