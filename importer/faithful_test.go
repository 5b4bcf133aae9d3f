package importer_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"orderdesk/app"
	"orderdesk/importer"
)

// An import takes what the file gives or says why not: nothing is turned
// into something else on the way without the user hearing of it.

// parseCSV reads CSV text with a preset, in the shop's CNY.
func parseCSV(t *testing.T, text string, opt importer.Options) importer.Parsed {
	t.Helper()
	tab, err := importer.ReadCSV("orders.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	opt.Currency, _ = app.LookupCurrency("CNY")
	if opt.Preset == "" {
		opt.Preset = importer.PresetGeneric
	}
	if opt.Location == nil {
		opt.Location = time.UTC // where 0001-01-01 00:00 is Go's zero time
	}
	parsed, err := importer.Parse([]importer.Table{tab}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return parsed
}

func problemsOf(list []app.ImportProblem) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.Sheet)
		b.WriteString(" row ")
		b.WriteString(itoa(p.Row))
		b.WriteString(": ")
		b.WriteString(p.Message)
		b.WriteString("\n")
	}
	return b.String()
}

func itoa(n int) string { return app.FormatCount(int64(n)) }

// TestAmountsRefusedAsTyped: NaN and Inf are not amounts, and the problem
// quotes the cell as the file has it (once "aN": the currency marks were
// trimmed as a set of letters, N among them); the marks shops write still
// read.
func TestAmountsRefusedAsTyped(t *testing.T) {
	parsed := parseCSV(t, "order id,sku,qty,price,shipping\n"+
		"A1,TEA-LJ-250,1,NaN,\n"+
		"A2,TEA-LJ-250,1,Inf,\n"+
		"A3,TEA-LJ-250,1,12.00,-NaN\n"+
		"A4,TEA-LJ-250,1,+Inf,\n"+
		"A5,TEA-LJ-250,1,HK$ 12.50,RMB 8\n"+
		"A6,TEA-LJ-250,1,\"¥1,280.00\",NT$3\n"+
		"A7,TEA-LJ-250,1,MB12,\n", importer.Options{Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	shown := problemsOf(parsed.Problems)
	for _, want := range []string{`row 2: "NaN" is not an amount`, `row 3: "Inf" is not an amount`, `row 4: "-NaN" is not an amount`,
		`row 5: "+Inf" is not an amount`, `row 8: "MB12" is not an amount`} {
		if !strings.Contains(shown, want) {
			t.Errorf("problems lack %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, `"aN"`) || len(parsed.Problems) != 5 {
		t.Errorf("problems:\n%s", shown)
	}
	prices := map[string][2]app.Money{}
	for _, o := range parsed.Orders {
		prices[o.PlatformOrderID] = [2]app.Money{o.Lines[0].UnitPrice, o.ShippingFee}
	}
	if prices["A5"] != [2]app.Money{1250, 800} || prices["A6"] != [2]app.Money{128000, 300} {
		t.Errorf("amounts with currency marks: %v", prices)
	}
}

// TestOrderDatesThatAreNotReal: year 1 (what tools write for "no date",
// and Go's zero time, which the service took for "now") and other dates
// before 2000 refuse the order with the date as the file has it.
func TestOrderDatesThatAreNotReal(t *testing.T) {
	parsed := parseCSV(t, "order id,sku,qty,date\n"+
		"A1,TEA-LJ-250,1,0001-01-01\n"+
		"A2,TEA-LJ-250,1,0001-01-01 00:00:00\n"+
		"A3,TEA-LJ-250,1,1970-01-01 08:00\n"+
		"A4,TEA-LJ-250,1,2026-11-02 10:15\n", importer.Options{})
	shown := problemsOf(parsed.Problems)
	for _, want := range []string{`row 2: the order date "0001-01-01" is not a real date`,
		`row 3: the order date "0001-01-01 00:00:00" is not a real date`, `row 4: the order date "1970-01-01 08:00" is not a real date`} {
		if !strings.Contains(shown, want) {
			t.Errorf("problems lack %q:\n%s", want, shown)
		}
	}
	if len(parsed.Problems) != 3 || len(parsed.Orders) != 1 || parsed.Orders[0].PlatformOrderID != "A4" {
		t.Errorf("%d orders read; problems:\n%s", len(parsed.Orders), shown)
	}
}

// TestOrderDatesTheServiceRefuses: a date in the future (the service has
// the clock), and history without any date (it would be booked today).
// New orders without a date are taken as placed now.
func TestOrderDatesTheServiceRefuses(t *testing.T) {
	ctx, svc := teaShop(t)
	run := func(text string, opt importer.Options) (app.ImportResult, error) {
		t.Helper()
		parsed := parseCSV(t, text, opt)
		if len(parsed.Problems) > 0 {
			t.Fatalf("parse problems:\n%s", problemsOf(parsed.Problems))
		}
		return importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "orders.csv", CreateProducts: true}, nil)
	}
	res, err := run("order id,sku,qty,date\nF1,TEA-LJ-250,1,2099-01-01 10:00\n", importer.Options{})
	if err != nil || res.Orders != 0 || len(res.Rejected) != 1 || !strings.Contains(problemsOf(res.Problems),
		"row 2: the order date 2099-01-01 10:00 is not a real date: the time is in the future") {
		t.Fatalf("a future date: %v, %d imported\n%s", err, res.Orders, problemsOf(res.Problems))
	}
	// A file without an order date column is not dated today: neither
	// history nor new orders; the user gives the date (--date).
	for _, opt := range []importer.Options{{}, {NewOrders: true}} {
		tab, _ := importer.ReadCSV("orders.csv", strings.NewReader("order id,sku,qty,price\nH1,TEA-LJ-250,1,12\n"))
		opt.Currency, _ = app.LookupCurrency("CNY")
		if _, err := importer.Parse([]importer.Table{tab}, opt); !errors.Is(err, importer.ErrNoOrderDate) {
			t.Fatalf("a file without dates (new orders %v): %v", opt.NewOrders, err)
		}
	}
	day := time.Date(2026, 11, 3, 0, 0, 0, 0, time.Local)
	res, err = run("order id,sku,qty,price\nN1,TEA-LJ-250,1,12\n", importer.Options{NewOrders: true, Date: day})
	if err != nil || res.Orders != 1 {
		t.Fatalf("a new order dated by the user: %v %+v", err, res)
	}
	o := orderOf(t, ctx, svc, app.ChannelWebShop, "N1")
	if !o.OrderedAt.Equal(day) {
		t.Fatalf("the new order is dated %v, want the date given %v", o.OrderedAt, day)
	}
}

// TestBytesThatAreNotText: a cell the preset reads that holds bytes that
// are not UTF-8 (a Latin-1 "é" in an otherwise UTF-8 file, which the
// reader keeps as UTF-8 for the rest's sake) refuses its order, naming the
// row and the column; the same bytes in a column nobody reads change
// nothing.
func TestBytesThatAreNotText(t *testing.T) {
	var b strings.Builder
	b.WriteString("order id,sku,qty,customer,internal\n")
	for i := range 6 {
		b.WriteString("A" + itoa(i+1) + ",TEA-LJ-250,1,浙江杭州西湖区文三路客户,备注\n")
	}
	b.WriteString("B1,TEA-LJ-250,1,Jos\xe9 Garc\xeda,ok\n")
	b.WriteString("B2,TEA-LJ-250,1,José,caf\xe9\n")
	parsed := parseCSV(t, b.String(), importer.Options{Date: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	shown := problemsOf(parsed.Problems)
	if len(parsed.Problems) != 1 || !strings.Contains(shown, `row 8: column "customer": "Jos\xe9 Garc\xeda" is not UTF-8 text`) {
		t.Fatalf("problems:\n%s", shown)
	}
	for _, o := range parsed.Orders {
		if o.PlatformOrderID == "B1" {
			t.Fatal("the order with unreadable text was read")
		}
	}
	if len(parsed.Orders) != 7 {
		t.Fatalf("%d orders read, want 7", len(parsed.Orders))
	}
}

// TestHiddenCharactersAreTakenOutAndListed: a right-to-left override in a
// name (it shows the rest backwards, on screen and on the label) and a
// zero-width space in a street are taken out of what is stored, and the
// result lists each as a warning for its order, in the preview as in the
// import.
func TestHiddenCharactersAreTakenOutAndListed(t *testing.T) {
	ctx, svc := teaShop(t)
	parsed := parseCSV(t, "order id,sku,product name,qty,price,date,customer,phone,city,street\n"+
		"R1,TEA-LJ-250,西湖龙井\u202e,1,12,2026-11-02 10:15,Wang \u202eFang,13800138001,杭州市,文三路\u200b 100 号\n"+
		"R2,NEW-TEA-1,新\u200b茶,1,12,2026-11-02 10:16,Li Na,13800138002,杭州市,文三路 8 号\n", importer.Options{NewOrders: true})
	for _, dry := range []bool{true, false} {
		res, err := importer.Run(ctx, svc, parsed, app.ImportBatch{Source: "orders.csv", CreateProducts: true, DryRun: dry}, nil)
		if err != nil || res.Orders != 2 {
			t.Fatalf("dry run %v: %v %+v", dry, err, res)
		}
		shown := problemsOf(res.Warnings)
		for _, want := range []string{"row 2: removed a hidden text-direction character from the customer name",
			"row 2: removed a hidden text-direction character from the recipient's name",
			"row 2: removed an invisible character from the street",
			"row 3: removed an invisible character from the name of new product NEW-TEA-1"} {
			if !strings.Contains(shown, want) {
				t.Errorf("dry run %v: warnings lack %q:\n%s", dry, want, shown)
			}
		}
		// The known product's name in the file is not used: nothing to
		// say about it.
		if len(res.Warnings) != 4 || res.Warnings[0].Order != "R1" || res.Warnings[0].Code != app.CodeHiddenText {
			t.Errorf("dry run %v: warnings %+v", dry, res.Warnings)
		}
	}
	o := orderOf(t, ctx, svc, app.ChannelWebShop, "R1")
	if o.CustomerName != "Wang Fang" || o.RecipientName != "Wang Fang" || o.Address.Street != "文三路 100 号" {
		t.Fatalf("stored %q, %q, %q", o.CustomerName, o.RecipientName, o.Address.Street)
	}
	c, err := svc.Customer(ctx, o.CustomerID)
	if err != nil || c.Name != "Wang Fang" || c.Address.Street != "文三路 100 号" {
		t.Fatalf("customer %+v %v", c, err)
	}
	if o := orderOf(t, ctx, svc, app.ChannelWebShop, "R2"); o.Lines[0].Name != "新茶" {
		t.Fatalf("the new product is called %q", o.Lines[0].Name)
	}
}

// TestServiceRefusesBytesThatAreNotText: whoever calls the import, text
// that is not UTF-8 never reaches the shop, and history without a date is
// not booked today.
func TestServiceRefusesBytesThatAreNotText(t *testing.T) {
	ctx, svc := teaShop(t)
	at := time.Date(2026, 11, 2, 10, 15, 0, 0, time.Local)
	line := []app.ImportLine{{Row: 2, SKU: "TEA-LJ-250", Qty: 1, UnitPrice: 1200}}
	res, err := svc.ImportOrders(ctx, app.ImportBatch{Source: "x.csv", Channel: app.ChannelWebShop, CreateProducts: true, Orders: []app.ImportOrder{
		{Row: 2, PlatformOrderID: "U1", OrderedAt: at, RecipientName: "Jos\xe9", Lines: line},
		{Row: 3, PlatformOrderID: "U2", Status: app.StatusCompleted, Lines: line},
	}}, nil)
	shown := problemsOf(res.Problems)
	if err != nil || res.Orders != 0 || len(res.Rejected) != 2 || !strings.Contains(shown, `row 2: the recipient's name "Jos\xe9" is not UTF-8 text`) ||
		!strings.Contains(shown, "row 3: no order date") {
		t.Fatalf("%v, %d imported\n%s", err, res.Orders, shown)
	}
}
