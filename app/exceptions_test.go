package app

import "testing"

// TestEveryTaskKindHasAClass: each kind of the work queue sorts into a
// class, and every class but internal has kinds in it.
func TestEveryTaskKindHasAClass(t *testing.T) {
	used := map[ExceptionClass]bool{}
	for _, k := range TaskKinds() {
		c := k.Class()
		found := false
		for _, known := range ExceptionClasses() {
			found = found || c == known
		}
		if !found {
			t.Errorf("%s sorts into %q", k, c)
		}
		used[c] = true
	}
	for _, c := range []ExceptionClass{ClassCustomer, ClassStock, ClassLogistics, ClassPayment, ClassInternal} {
		if !used[c] {
			t.Errorf("no task kind is %s", c)
		}
	}
	if TaskDecideStock.Class() != ClassStock || TaskTrackingProblem.Class() != ClassLogistics || TaskCollect.Class() != ClassPayment {
		t.Error("a kind sorts into the wrong class")
	}
}
