package reports

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
)

var (
	cny = app.Currency{Code: "CNY", Symbol: "¥", Decimals: 2}
	// A moment given in UTC: the workbook must show it in time.Local.
	orderedAt = time.Date(2026, 11, 2, 1, 30, 0, 0, time.UTC)
)

const longChineseName = "杭州茗香茶行有限公司西湖龙井专营店（河坊街旗舰店）"

// rowsOf streams fixed rows, reusing one slice as a database cursor would.
func rowsOf(rows ...[]any) func(yield func([]any) error) error {
	return func(yield func([]any) error) error {
		buf := make([]any, 0, 16)
		for _, r := range rows {
			buf = append(buf[:0], r...)
			if err := yield(buf); err != nil {
				return err
			}
		}
		return nil
	}
}

func sampleWorkbook() Workbook {
	orders := Sheet{Name: "订单 Orders", Title: "订单 · 2026-11",
		Columns: []Column{
			{Header: "订单号", Kind: TextColumn},
			{Header: "Ordered", Kind: DateTimeColumn},
			{Header: "客户", Kind: TextColumn},
			{Header: "数量 Qty", Kind: IntColumn, Total: true},
			{Header: "金额", Kind: MoneyColumn, Total: true},
			{Header: "退货率", Kind: PercentColumn},
			{Header: "Hours", Kind: DurationHoursColumn, Total: true},
			{Header: "Planned", Kind: DateColumn},
		},
		Rows: rowsOf(
			[]any{"202611-001", orderedAt, longChineseName, 3, app.Money(123450), 0.125, 1.5, orderedAt},
			[]any{"202611-002", orderedAt.Add(26 * time.Hour), "Tea Lovers Ltd", int64(1200), app.Money(-300), nil, 2.4, time.Time{}},
			[]any{"202611-003", nil, "沈国强"}, // a short row: the rest is empty
		),
	}
	days := Sheet{Name: "Sales by day/channel", Columns: []Column{
		{Header: "日期", Kind: DateColumn}, {Header: "Orders", Kind: IntColumn, Total: true},
		{Header: "Sales", Kind: MoneyColumn, Total: true}},
		Rows: rowsOf(
			[]any{time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local), 2, app.Money(10000)},
			[]any{time.Date(2026, 11, 2, 0, 0, 0, 0, time.Local), 5, app.Money(25050)},
			[]any{time.Date(2026, 11, 3, 0, 0, 0, 0, time.Local), 1, app.Money(990)},
		)}
	returns := Sheet{Name: "Returns", Columns: []Column{{Header: "Return", Kind: TextColumn},
		{Header: "Amount", Kind: MoneyColumn, Total: true}}, Empty: "No returns in this period"}
	stock := Sheet{Name: "Stock", Columns: []Column{{Header: "SKU"}}, Rows: rowsOf([]any{"TEA-LJ-250"})}
	stockAgain := Sheet{Name: "stock", Columns: []Column{{Header: "SKU"}}, Rows: rowsOf([]any{"POT-ZS-300"})}
	return Workbook{
		Title:      "青岚茶舍 Qinglan Tea House · Monthly report 2026-11",
		Period:     "2026-11-01 – 2026-11-30",
		Currency:   cny,
		TotalLabel: "合计",
		Summary: []Figure{
			{Label: "订单数 Orders", Value: 42, Kind: IntColumn},
			{Label: "销售额 Sales", Value: app.Money(123450), Kind: MoneyColumn},
			{Label: "退货率 Return rate", Value: 0.034, Kind: PercentColumn},
			{Label: "Not known", Value: nil, Kind: PercentColumn},
		},
		Charts: []Chart{
			{Title: "Sales by day", Sheet: "Sales by day/channel", Category: 0, Value: 2, Kind: "line"},
			{Title: "Orders by day", Sheet: "Sales by day/channel", Category: 0, Value: 1, Kind: "bar"},
			{Title: "Returns", Sheet: "Returns", Category: 0, Value: 1, Kind: "pie"}, // no rows: skipped
		},
		Sheets:  []Sheet{orders, days, returns, stock, stockAgain},
		Created: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC),
	}
}

// writeAndOpen writes wb and opens the result twice: formatted and raw.
func writeAndOpen(t *testing.T, wb Workbook) (data []byte, formatted, raw *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, wb, nil); err != nil {
		t.Fatal(err)
	}
	open := func(opts ...excelize.Options) *excelize.File {
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()), opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	return buf.Bytes(), open(), open(excelize.Options{RawCellValue: true})
}

// cellsAre checks cells of one sheet: cell reference → shown text.
func cellsAre(t *testing.T, f *excelize.File, sheet string, want map[string]string) {
	t.Helper()
	for _, ref := range slices.Sorted(mapKeys(want)) {
		got, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got != want[ref] {
			t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want[ref])
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestWorkbookSheetsAndValues(t *testing.T) {
	data, f, raw := writeAndOpen(t, sampleWorkbook())

	wantTabs := []string{"Summary", "订单 Orders", "Sales by day channel", "Returns", "Stock", "stock (2)"}
	if got := f.GetSheetList(); !slices.Equal(got, wantTabs) {
		t.Fatalf("tabs %q, want %q", got, wantTabs)
	}
	local := orderedAt.In(time.Local)
	cellsAre(t, f, "订单 Orders", map[string]string{
		"A1": "订单 · 2026-11",
		"A2": "订单号", "B2": "Ordered", "C2": "客户", "D2": "数量 Qty", "E2": "金额", "F2": "退货率", "G2": "Hours", "H2": "Planned",
		"A3": "202611-001", "B3": local.Format("2006-01-02 15:04"), "C3": longChineseName, "D3": "3",
		"E3": "¥1,234.50", "F3": "12.5%", "G3": "1.5", "H3": local.Format("2006-01-02"),
		"D4": "1,200", "E4": "-¥3.00", "F4": "", "G4": "2.4", "H4": "",
		"A5": "202611-003", "B5": "", "C5": "沈国强", "E5": "",
		// Totals: the label, formulas with their cached sums, nothing under text.
		"A6": "合计", "B6": "", "D6": "1,203", "E6": "¥1,231.50", "G6": "3.9", "F6": "",
		"A7": "",
	})
	cellsAre(t, raw, "订单 Orders", map[string]string{
		"E3": "1234.5", "E4": "-3", "D4": "1200", "F3": "0.125", "G6": "3.9", "E6": "1231.5",
	})
	for ref, want := range map[string]string{"D6": "SUM(D3:D5)", "E6": "SUM(E3:E5)", "G6": "SUM(G3:G5)", "F6": ""} {
		if got, _ := f.GetCellFormula("订单 Orders", ref); got != want {
			t.Errorf("formula %s = %q, want %q", ref, got, want)
		}
	}
	// The cached totals are what Excel computes from the formulas.
	for _, ref := range []string{"D6", "E6", "G6"} {
		calc, err := raw.CalcCellValue("订单 Orders", ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		cached, _ := raw.GetCellValue("订单 Orders", ref)
		if calc != cached {
			t.Errorf("%s: formula gives %q, cached value is %q", ref, calc, cached)
		}
	}
	for ref, style := range map[string]string{"E3": "[$¥-804]#,##0.00;[Red]-[$¥-804]#,##0.00",
		"D3": "#,##0", "B3": "yyyy-mm-dd hh:mm", "H3": "yyyy-mm-dd", "F3": "0.0%", "G3": "0.0"} {
		if got := numFmtOf(t, f, "订单 Orders", ref); got != style {
			t.Errorf("%s number format %q, want %q", ref, got, style)
		}
	}
	for _, ref := range []string{"A2", "E2", "A6", "E6"} {
		if !boldAt(t, f, "订单 Orders", ref) {
			t.Errorf("%s is not bold", ref)
		}
	}

	cellsAre(t, f, "Summary", map[string]string{
		"A1": "青岚茶舍 Qinglan Tea House · Monthly report 2026-11", "A2": "2026-11-01 – 2026-11-30",
		"A4": "订单数 Orders", "B4": "42", "A5": "销售额 Sales", "B5": "¥1,234.50", "B6": "3.4%", "A7": "Not known", "B7": "",
	})
	cellsAre(t, f, "Sales by day channel", map[string]string{
		"A1": "日期", "A2": "2026-11-01", "C3": "¥250.50", "A5": "合计", "B5": "8", "C5": "¥360.40",
	})
	cellsAre(t, f, "Returns", map[string]string{"A1": "Return", "B1": "Amount", "A2": "No returns in this period", "A3": "", "B2": ""})
	cellsAre(t, f, "Stock", map[string]string{"A2": "TEA-LJ-250"})
	cellsAre(t, f, "stock (2)", map[string]string{"A2": "POT-ZS-300"})

	if props, err := f.GetDocProps(); err != nil || props.Created != "2026-12-01T08:00:00Z" || props.Title == "" {
		t.Errorf("document properties %+v, %v", props, err)
	}

	// Each data sheet is frozen below its header and filters header and data rows, never the totals.
	for sheet, want := range map[string]struct {
		split  int
		filter string
	}{"订单 Orders": {2, "A2:H5"}, "Sales by day channel": {1, "A1:C4"}, "Returns": {1, "A1:B2"}, "Stock": {1, "A1:A2"}} {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != want.split || panes.XSplit != 0 {
			t.Errorf("%s panes %+v, want frozen below row %d", sheet, panes, want.split)
		}
		if got := filterOf(f, sheet); got != want.filter {
			t.Errorf("%s autofilter %q, want %q", sheet, got, want.filter)
		}
		// excelize writes the range absolute ($A$2:$H$5), as it does in normal mode.
		xml := strings.ReplaceAll(zipEntry(t, data, sheetPath(t, f, sheet)), "$", "")
		if !strings.Contains(xml, `<autoFilter ref="`+want.filter+`"`) {
			t.Errorf("%s has no autoFilter element for %s", sheet, want.filter)
		}
		var cols []int
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(xml, -1) {
			n, _ := strconv.Atoi(m[1])
			cols = append(cols, n)
		}
		if len(cols) == 0 || !slices.IsSorted(cols) {
			t.Errorf("%s: columns %v, which Excel wants ascending", sheet, cols)
		}
	}

	// Widths: the long Chinese name counts double, short columns stay narrow.
	if w, _ := f.GetColWidth("订单 Orders", "C"); w < textWidth(longChineseName) || w > maxColumnWidth {
		t.Errorf("customer column width %.1f for a name %.0f wide", w, textWidth(longChineseName))
	}
	if w, _ := f.GetColWidth("订单 Orders", "A"); w < 10 || w > 16 {
		t.Errorf("order number column width %.1f", w)
	}
	if w, _ := f.GetColWidth("订单 Orders", "B"); w < 16 {
		t.Errorf("date-time column width %.1f is narrower than the date", w)
	}

	// Two charts on the Summary, over exactly the three data rows; none for the empty sheet.
	// excelize writes the chart namespace as the default one, without "c:".
	chart1 := html.UnescapeString(zipEntry(t, data, "xl/charts/chart1.xml"))
	for _, want := range []string{"<lineChart>", "<f>'Sales by day channel'!$A$2:$A$4</f>",
		"<f>'Sales by day channel'!$C$2:$C$4</f>", "<f>'Sales by day channel'!$C$1</f>", "<a:t>Sales by day</a:t>"} {
		if !strings.Contains(chart1, want) {
			t.Errorf("chart1.xml lacks %s", want)
		}
	}
	chart2 := html.UnescapeString(zipEntry(t, data, "xl/charts/chart2.xml"))
	if !strings.Contains(chart2, "<barChart>") || !strings.Contains(chart2, `<barDir val="col">`) ||
		!strings.Contains(chart2, "'Sales by day channel'!$B$2:$B$4") {
		t.Errorf("chart2.xml is not the orders column chart:\n%s", chart2)
	}
	if zipHas(t, data, "xl/charts/chart3.xml") {
		t.Error("a chart was drawn for a sheet without rows")
	}
	if rels := zipEntry(t, data, "xl/worksheets/_rels/"+strings.TrimPrefix(sheetPath(t, f, "Summary"), "xl/worksheets/")+".rels"); !strings.Contains(rels, "drawing") {
		t.Errorf("the charts are not on the Summary: %s", rels)
	}
}

func numFmtOf(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprintf("builtin %d", st.NumFmt)
}

func boldAt(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Font != nil && st.Font.Bold
}

// filterOf is the range of the sheet's autofilter, from the defined name
// Excel keeps for it.
func filterOf(f *excelize.File, sheet string) string {
	index, _ := f.GetSheetIndex(sheet)
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && (d.Scope == sheet || d.Scope == fmt.Sprint(index)) {
			_, ref, _ := strings.Cut(d.RefersTo, "!")
			return strings.ReplaceAll(ref, "$", "")
		}
	}
	return ""
}

func sheetPath(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	for id, name := range f.GetSheetMap() {
		if name == sheet {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		}
	}
	t.Fatalf("no sheet %q", sheet)
	return ""
}

func zipHas(t *testing.T, data []byte, name string) bool {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = z.Open(name)
	return err == nil
}

func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWorkbookReproducible: the same workbook gives the same bytes.
func TestWorkbookReproducible(t *testing.T) {
	var first bytes.Buffer
	if err := WriteWorkbook(&first, sampleWorkbook(), nil); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		var again bytes.Buffer
		if err := WriteWorkbook(&again, sampleWorkbook(), nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two writes of one workbook differ")
		}
	}
	z, err := zip.NewReader(bytes.NewReader(first.Bytes()), int64(first.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", z.File[0].Name)
	}
}

// TestWorkbookMoneyFormats writes every currency the shop can pick and
// reads the amounts back as the app formats them.
func TestWorkbookMoneyFormats(t *testing.T) {
	currencies := []app.Currency{
		{Code: "CNY", Symbol: "RMB ", Decimals: 2}, // not the table's symbol: written as a literal
		{Code: "KWD", Symbol: "KD", Decimals: 3},   // not in the table
	}
	for _, code := range app.CurrencyCodes() {
		cur, _ := app.LookupCurrency(code)
		currencies = append(currencies, cur)
	}
	for _, cur := range currencies {
		code := cur.Code
		amounts := []app.Money{123450, -300, 0, 7, 100_000_000_00}
		var rows [][]any
		for _, m := range amounts {
			rows = append(rows, []any{m})
		}
		wb := Workbook{Currency: cur, Summary: []Figure{{Label: "Sales", Value: amounts[0], Kind: MoneyColumn}},
			Sheets: []Sheet{{Name: "Money", Columns: []Column{{Header: code, Kind: MoneyColumn}}, Rows: rowsOf(rows...)}}}
		_, f, _ := writeAndOpen(t, wb)
		for i, m := range amounts {
			got, _ := f.GetCellValue("Money", fmt.Sprintf("A%d", i+2))
			if want := cur.Format(m); got != want {
				t.Errorf("%s: %d minor units read back %q, want %q", code, m, got, want)
			}
		}
		if got, _ := f.GetCellValue("Summary", "B4"); got != cur.Format(amounts[0]) {
			t.Errorf("%s: summary figure %q, want %q", code, got, cur.Format(amounts[0]))
		}
	}
}

// TestWorkbookShowsLocalTime: times are shown on the shop's clock,
// whatever zone the query gave them in.
func TestWorkbookShowsLocalTime(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	t.Cleanup(func() { time.Local = saved })
	at := time.Date(2026, 11, 30, 20, 30, 0, 0, time.UTC) // 04:30 next morning in Beijing
	_, f, _ := writeAndOpen(t, Workbook{Sheets: []Sheet{{Name: "Times",
		Columns: []Column{{Header: "At", Kind: DateTimeColumn}, {Header: "Day", Kind: DateColumn}},
		Rows:    rowsOf([]any{at, at})}}})
	cellsAre(t, f, "Times", map[string]string{"A2": "2026-12-01 04:30", "B2": "2026-12-01"})
}

func TestMoneyMajorIsExact(t *testing.T) {
	for _, c := range []struct {
		m    app.Money
		cur  app.Currency
		want float64
	}{{12345, cny, 123.45}, {-1, cny, -0.01}, {10, cny, 0.1}, {1999, app.Currency{Decimals: 0}, 1999},
		{1 << 60, cny, 11529215046068469.76}, {123456789012345, cny, 1234567890123.45}} {
		if got := moneyMajor(c.m, c.cur); got != c.want {
			t.Errorf("moneyMajor(%d) = %v, want %v", c.m, got, c.want)
		}
	}
}

// TestWorkbookStreamsManyRows goes past the measured first rows and the
// progress interval.
func TestWorkbookStreamsManyRows(t *testing.T) {
	const n = 12_345
	sheet := Sheet{Name: "Lines", Title: "Lines", Columns: []Column{{Header: "No", Kind: IntColumn},
		{Header: "Amount", Kind: MoneyColumn, Total: true}, {Header: "Note"}},
		Rows: func(yield func([]any) error) error {
			for i := 1; i <= n; i++ {
				note := "short"
				if i == n { // after the measured rows: does not widen the column
					note = strings.Repeat("很长的备注", 10)
				}
				if err := yield([]any{i, app.Money(i), note}); err != nil {
					return err
				}
			}
			return nil
		}}
	var progress []string
	var buf bytes.Buffer
	err := WriteWorkbook(&buf, Workbook{Currency: cny, TotalLabel: "Total", Sheets: []Sheet{sheet}},
		func(s string, rows int) { progress = append(progress, fmt.Sprintf("%s %d", s, rows)) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Lines 5000", "Lines 10000", "Lines 12345"}; !slices.Equal(progress, want) {
		t.Errorf("progress %q, want %q", progress, want)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	last := fmt.Sprint(n + 2)
	cellsAre(t, f, "Lines", map[string]string{"A3": "1", "A" + last: "12,345", "B" + last: "¥123.45",
		fmt.Sprintf("A%d", n+3): "Total", fmt.Sprintf("B%d", n+3): cny.Format(n * (n + 1) / 2)})
	if w, _ := f.GetColWidth("Lines", "C"); w > 10 {
		t.Errorf("note column %.1f wide: measured beyond the first rows", w)
	}
}

func TestWorkbookErrors(t *testing.T) {
	queryFailed := errors.New("database is locked")
	cols := []Column{{Header: "金额", Kind: MoneyColumn}}
	for _, c := range []struct {
		name string
		wb   Workbook
		want string
		is   error
	}{
		{"query fails", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols,
			Rows: func(yield func([]any) error) error {
				for range 300 { // past the held-back rows
					if err := yield([]any{app.Money(1)}); err != nil {
						return err
					}
				}
				return queryFailed
			}}}}, `sheet "Orders"`, queryFailed},
		{"int in a money column", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols, Rows: rowsOf([]any{app.Money(1)}, []any{100})}}},
			`sheet "Orders": row 2 column "金额": int value does not go in a money column`, nil},
		{"yield's error dropped by the caller", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols,
			Rows: func(yield func([]any) error) error { _ = yield([]any{"¥1.00"}); return nil }}}},
			"string value does not go in a money column", nil},
		{"too many values", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols, Rows: rowsOf([]any{app.Money(1), "x"})}}},
			"row 1 has 2 values for 1 columns", nil},
		{"chart on an unknown sheet", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols}},
			Charts: []Chart{{Title: "Sales", Sheet: "Days", Kind: "line"}}}, `no sheet "Days"`, nil},
		{"chart kind", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: cols}},
			Charts: []Chart{{Title: "Sales", Sheet: "Orders", Kind: "radar"}}}, `unknown kind "radar"`, nil},
		{"figure kind", Workbook{Summary: []Figure{{Label: "Orders", Kind: ColumnKind(99)}}}, `figure "Orders": unknown kind 99`, nil},
		{"percent total", Workbook{Sheets: []Sheet{{Name: "Orders", Columns: []Column{{Header: "Rate", Kind: PercentColumn, Total: true}}}}},
			"a percent column cannot be totalled", nil},
		{"figure type", Workbook{Summary: []Figure{{Label: "Orders", Value: "42", Kind: IntColumn}}},
			`figure "Orders": string value does not go in a int column`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := WriteWorkbook(io.Discard, c.wb, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %s", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v does not wrap %v", err, c.is)
			}
		})
	}
}

func TestTabNames(t *testing.T) {
	long := strings.Repeat("销售", 20)
	got := tabNames([]string{"Summary", "Sales by day/channel", "a[b]:c*d?e\\f", "  ", "history", "'Q4' sales",
		"Orders", "ORDERS", "orders", long, long, "emoji 😀" + strings.Repeat("x", 30), "Summary"})
	want := []string{"Summary", "Sales by day channel", "a b c d e f", "Sheet", "history (2)", "’Q4’ sales",
		"Orders", "ORDERS (2)", "orders (3)", strings.Repeat("销售", 15) + "销", strings.Repeat("销售", 13) + "销 (2)",
		"emoji 😀" + strings.Repeat("x", 23), "Summary (2)"}
	if !slices.Equal(got, want) {
		t.Errorf("tab names\n got %q\nwant %q", got, want)
	}
	// Excel's rules, checked by excelize: every one can be created.
	f := excelize.NewFile()
	defer f.Close()
	for _, name := range got {
		if _, err := f.NewSheet(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}

// TestDimensionPatch: the streamed dimension is replaced however excelize
// splits its writes, and a streamed sheet without it is an error rather
// than a sheet that claims one cell.
func TestDimensionPatch(t *testing.T) {
	const part = "xl/worksheets/sheet2.xml"
	sheet := `<?xml version="1.0"?><worksheet><sheetPr></sheetPr>` + streamedDimension + `<sheetData><row r="1"></row></sheetData></worksheet>`
	for _, c := range []struct {
		name    string
		content string
		chunk   int
		want    string
	}{
		{"one write", sheet, len(sheet), strings.Replace(sheet, streamedDimension, `<dimension ref="A1:C9"/>`, 1)},
		{"byte by byte", sheet, 1, strings.Replace(sheet, streamedDimension, `<dimension ref="A1:C9"/>`, 1)},
		{"no dimension", strings.Replace(sheet, streamedDimension, "", 1), 7, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			z := &dimensionZip{Writer: zip.NewWriter(&buf), refs: map[string]string{part: "A1:C9"}, patches: map[string]*dimensionPatch{}}
			w, err := z.Create(part)
			if err != nil {
				t.Fatal(err)
			}
			for s := c.content; s != ""; s = s[min(c.chunk, len(s)):] {
				if _, err := io.WriteString(w, s[:min(c.chunk, len(s))]); err != nil {
					t.Fatal(err)
				}
			}
			err = z.Close()
			if c.want == "" {
				if err == nil || !strings.Contains(err.Error(), part) {
					t.Fatalf("error %v, want one naming %s", err, part)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := zipEntry(t, buf.Bytes(), part); got != c.want {
				t.Errorf("part\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
