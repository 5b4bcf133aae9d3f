package screens

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"orderdesk/app"
	"orderdesk/assets"
	"orderdesk/importer"
)

// TestTranslationsComplete checks that every language file has every key
// the code asks for: literal keys in the GUI's source, and the keys built
// from the domain's enums.
func TestTranslationsComplete(t *testing.T) {
	want := map[string]bool{}
	literal := regexp.MustCompile(`lang\.(?:L|X)\("([^"]+)"(\s*\+)?`)
	for _, dir := range []string{".", "../cmd/orderdesk"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
				if m[2] == "" { // not a prefix such as "status." + value
					want[m[1]] = true
				}
			}
		}
	}
	for _, c := range orderColumns() {
		want[c.title] = true
	}
	for _, s := range app.Statuses() {
		want["status."+string(s)] = true
	}
	for _, s := range app.PaymentStatuses() {
		want["payment."+string(s)] = true
	}
	for _, k := range app.CreditKinds() {
		want["credit."+string(k)] = true
	}
	for _, c := range app.Channels() {
		want["channel."+string(c)] = true
	}
	for _, m := range app.PaymentMethods() {
		want["method."+string(m)] = true
	}
	for _, a := range app.Actions() {
		want["action."+string(a)] = true
	}
	for _, k := range app.MoveKinds() {
		want["move."+string(k)] = true
	}
	for _, c := range app.ContactChannels() {
		want["contact."+string(c)] = true
	}
	for _, k := range app.FindingKinds() {
		want["finding."+string(k)] = true
	}
	for _, st := range []app.StockState{app.StockInStock, app.StockTransfer, app.StockShort, app.StockNone} {
		want["stockstate."+string(st)] = true
	}
	for _, d := range []app.ReviewDecision{app.DecisionAuto, app.DecisionApproved, app.DecisionHeld, app.DecisionRejected} {
		want["decision."+string(d)] = true
	}
	for _, f := range importer.Fields() {
		want["import.field."+string(f)] = true
	}
	for _, k := range app.TaskKinds() {
		want["task."+string(k)] = true
		want["taskkind."+string(k)] = true
	}
	for _, st := range app.Stages() {
		want["stage."+string(st)] = true
	}
	for _, p := range app.TrackingProblems() {
		want["problem."+string(p)] = true
	}
	for _, k := range app.ShortageKinds() {
		want["shortage."+string(k)] = true
	}
	for _, c := range app.ExceptionClasses() {
		want["class."+string(c)] = true
	}
	for _, st := range app.ShipmentStatuses() {
		want["shipment."+string(st)] = true
	}
	for _, k := range app.CaseKinds() {
		want["casekind."+string(k)] = true
	}
	for _, r := range app.CaseReasons() {
		want["reason."+string(r)] = true
	}
	for _, st := range app.CaseStatuses() {
		want["casestatus."+string(st)] = true
	}
	for _, d := range app.Dispositions() {
		want["disposition."+string(d)] = true
	}
	for _, c := range app.ComplaintCategories() {
		want["complaintcat."+string(c)] = true
	}
	for _, st := range app.ComplaintStatuses() {
		want["complaintstatus."+string(st)] = true
	}
	for _, v := range app.Satisfactions() {
		want["satisfaction."+string(v)] = true
	}
	for _, r := range []app.Role{app.RoleOwner, app.RoleService, app.RoleWarehouse, app.RoleFinance} {
		want["role."+string(r)] = true
	}
	for _, k := range []app.CustomerKind{app.CustomerRetail, app.CustomerDealer} {
		want["kind."+string(k)] = true
	}
	for _, file := range []string{"en", "zh-Hans", "zh-TW", "zh-HK"} {
		raw, err := assets.Translations.ReadFile("translations/" + file + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var have map[string]any
		if err := json.Unmarshal(raw, &have); err != nil {
			t.Fatalf("%s.json: %v", file, err)
		}
		for k := range want {
			if _, ok := have[k]; !ok {
				t.Errorf("%s.json lacks %q", file, k)
			}
		}
		// English shows the service's own message for a field problem;
		// every other language needs words for each problem code.
		if file == "en" {
			continue
		}
		for _, code := range []string{app.CodeRequired, app.CodeTooLong, app.CodeInvalid, app.CodeTooSmall,
			app.CodeTooLarge, app.CodeUnknown, app.CodeDuplicate, app.CodeShort} {
			if _, ok := have["error."+code]; !ok {
				t.Errorf("%s.json lacks %q", file, "error."+code)
			}
		}
	}
}
