package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

func readOne(t *testing.T, name string) Table {
	t.Helper()
	tables, err := ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 {
		t.Fatalf("%s: %d tables, want 1", name, len(tables))
	}
	return tables[0]
}

// cellAt returns the row's cell under the header name, failing the test if
// the header has no such column.
func cellAt(t *testing.T, tab Table, r Row, name string) string {
	t.Helper()
	i := tab.Column(name)
	if i < 0 {
		t.Fatalf("%s: no column %q in %q", tab.Name, name, tab.Header)
	}
	return r.Cells[i]
}

func checkShape(t *testing.T, tab Table) {
	t.Helper()
	for _, r := range tab.Rows {
		if len(r.Cells) != len(tab.Header) {
			t.Fatalf("%s row %d has %d cells, header %d", tab.Name, r.Line, len(r.Cells), len(tab.Header))
		}
		if len(r.Extra) > 0 {
			t.Errorf("%s row %d has extra cells %q", tab.Name, r.Line, r.Extra)
		}
	}
}

func rowNumbers(tab Table) []int {
	var out []int
	for _, r := range tab.Rows {
		out = append(out, r.Line)
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadShopifyExport(t *testing.T) {
	tab := readOne(t, "shopify_orders.csv")
	checkShape(t, tab)
	if tab.Name != "shopify_orders.csv" || len(tab.Header) != 79 {
		t.Fatalf("name %q, %d header cells; want shopify_orders.csv, 79", tab.Name, len(tab.Header))
	}
	if got := tab.Column("lineitem_sku", "SKU"); got != 20 {
		t.Errorf("Column(lineitem_sku) = %d, want 20", got)
	}
	if got := tab.Column("Order ID", "Name"); got != 0 {
		t.Errorf("Column falls back to the second name: got %d, want 0", got)
	}
	if got := tab.Column("订单编号"); got != -1 {
		t.Errorf("Column(订单编号) = %d, want -1", got)
	}
	// #1004's note has a line break: one row, two lines of text.
	if want := []int{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}; !equalInts(rowNumbers(tab), want) {
		t.Fatalf("rows %v, want %v", rowNumbers(tab), want)
	}
	first, second, note := tab.Rows[0], tab.Rows[1], tab.Rows[6]
	for name, want := range map[string]string{
		"Name": "#1001", "Billing Name": "张伟", "Billing Zip": "310012", "Lineitem sku": "TEA-LJ-250",
		"Lineitem quantity": "2", "Total": "424.00", "Created at": "2026-11-02 10:15:23 +0800",
	} {
		if got := cellAt(t, tab, first, name); got != want {
			t.Errorf("#1001 %s = %q, want %q", name, got, want)
		}
	}
	if got := cellAt(t, tab, second, "Total"); got != "" {
		t.Errorf("second line of #1001 carries Total %q; Shopify leaves it empty", got)
	}
	if got := cellAt(t, tab, note, "Notes"); got != "请周末送货。\n放小区快递柜即可, 谢谢" {
		t.Errorf("#1004 note = %q", got)
	}
	if got := cellAt(t, tab, tab.Rows[9], "Billing Street"); got != "221 Baker Street, Flat 3" {
		t.Errorf("#1006 street = %q", got)
	}
}

func TestReadShopifyBadRowFile(t *testing.T) {
	tab := readOne(t, "shopify_orders_bad_row.csv")
	checkShape(t, tab)
	byLine := map[int]Row{}
	for _, r := range tab.Rows {
		byLine[r.Line] = r
	}
	if got := cellAt(t, tab, byLine[3], "Lineitem quantity"); got != "abc" {
		t.Errorf("row 3 quantity = %q, want abc", got)
	}
	if got := cellAt(t, tab, byLine[5], "Lineitem sku"); got != "" {
		t.Errorf("row 5 SKU = %q, want empty", got)
	}
	if got := cellAt(t, tab, byLine[5], "Lineitem name"); got != "刻字服务 (定制)" {
		t.Errorf("row 5 name = %q", got)
	}
}

func TestReadWooCommerceExport(t *testing.T) {
	tab := readOne(t, "woocommerce_orders.csv")
	checkShape(t, tab)
	if tab.Header[0] != "Order Number" {
		t.Fatalf("first header cell = %q: BOM or quotes left", tab.Header[0])
	}
	if tab.Column("order number") != 0 || tab.Column("Quantity (- Refund)") != 32 {
		t.Errorf("columns: order number %d, quantity %d", tab.Column("order number"), tab.Column("Quantity (- Refund)"))
	}
	if len(tab.Rows) != 7 {
		t.Fatalf("%d rows, want 7", len(tab.Rows))
	}
	for _, r := range tab.Rows {
		if cellAt(t, tab, r, "Order Number") == "5015" && cellAt(t, tab, r, "Last Name (Billing)") != "Müller" {
			t.Errorf("5015 last name = %q", cellAt(t, tab, r, "Last Name (Billing)"))
		}
		if cellAt(t, tab, r, "Order Number") == "5016" && cellAt(t, tab, r, "Customer Note") != `Please leave it with the concierge, "Mr O'Neill".` {
			t.Errorf("5016 note = %q", cellAt(t, tab, r, "Customer Note"))
		}
	}
}

func TestReadTaobaoOrdersGBK(t *testing.T) {
	tab := readOne(t, "taobao_orders_gbk.csv")
	checkShape(t, tab)
	if len(tab.Header) != 32 || tab.Header[13] != "收货地址" {
		t.Fatalf("header %q: want 32 cells, 收货地址 trimmed", tab.Header)
	}
	if tab.Column("收货地址 ") != 13 || tab.Column("订单付款时间") != 18 {
		t.Errorf("header matching ignores the stray spaces: %d %d", tab.Column("收货地址 "), tab.Column("订单付款时间"))
	}
	if len(tab.Rows) != 6 {
		t.Fatalf("%d rows, want 6", len(tab.Rows))
	}
	first, xinjiang := tab.Rows[0], tab.Rows[1]
	for name, want := range map[string]string{
		"订单编号": "3372874982348239101", "收货人姓名": "张伟", "联系手机": "13800138000",
		"订单状态": "买家已付款,等待卖家发货", "总金额": "312.00", "收货地址": "浙江省 杭州市 西湖区 文三路 398号 东方通信大厦 (310013)",
	} {
		if got := cellAt(t, tab, first, name); got != want {
			t.Errorf("first order %s = %q, want %q", name, got, want)
		}
	}
	if got := cellAt(t, tab, xinjiang, "收货地址"); !strings.HasPrefix(got, "新疆维吾尔自治区 乌鲁木齐市") {
		t.Errorf("second order address = %q", got)
	}
	if xinjiang.Line != 3 {
		t.Errorf("second order on row %d, want 3", xinjiang.Line)
	}
}

func TestReadTaobaoItemsGBK(t *testing.T) {
	tab := readOne(t, "taobao_items_gbk.csv")
	checkShape(t, tab)
	if len(tab.Header) != 10 {
		t.Fatalf("header %q: the trailing comma must not add a column", tab.Header)
	}
	var skus []string
	for _, r := range tab.Rows {
		skus = append(skus, cellAt(t, tab, r, "商家编码"))
	}
	want := "TEA-LJ-250 TEA-LJ-100 TEA-PE-357 POT-GW-150 CUP-BC-6 ACC-TOWEL TEA-TGY-500 TEA-JSM-250 ACC-NEEDLE TEA-PE-SHU"
	if got := strings.Join(skus, " "); got != want {
		t.Errorf("SKUs %s, want %s", got, want)
	}
	if got := cellAt(t, tab, tab.Rows[0], "标题"); got != "西湖龙井 2026新茶 明前特级 250g罐装" {
		t.Errorf("first title %q", got)
	}
}

func TestReadGenericOrdersWorkbook(t *testing.T) {
	tab := readOne(t, "generic_orders.xlsx") // the empty Sheet2 is left out
	checkShape(t, tab)
	if tab.Name != "订单" || strings.Join(tab.Header, ",") != strings.Join(genericHeader, ",") {
		t.Fatalf("sheet %q header %q", tab.Name, tab.Header)
	}
	if want := []int{2, 3, 4, 6, 7, 8}; !equalInts(rowNumbers(tab), want) {
		t.Fatalf("rows %v, want %v (row 5 is empty)", rowNumbers(tab), want)
	}
	first := tab.Rows[0]
	for name, want := range map[string]string{
		"订单编号": "20261101001", "下单时间": "2026-11-01 09:30:00", "客户": "张伟", "电话": "13800138000",
		"商家编码": "TEA-LJ-250", "数量": "2", "单价": "168", "详细地址": "文三路 100 号 3 幢 502",
	} {
		if got := cellAt(t, tab, first, name); got != want {
			t.Errorf("first line %s = %q, want %q", name, got, want)
		}
	}
	if got := cellAt(t, tab, tab.Rows[3], "下单时间"); got != "2026-11-02 08:15:30" {
		t.Errorf("row 6 time = %q", got)
	}
	if got := cellAt(t, tab, tab.Rows[1], "下单时间"); got != "" {
		t.Errorf("continuation line time = %q, want empty", got)
	}
}

// TestWorkbookCellText writes cells the way Excel users format them and
// checks that each reads back as its stored value.
func TestWorkbookCellText(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	at := time.Date(2026, 11, 2, 10, 15, 23, 0, time.UTC)
	cases := []struct {
		value any
		style int
		want  string
	}{
		{6.95, style(excelize.Style{NumFmt: 2}), "6.95"},                 // 0.00
		{1234.5, style(excelize.Style{NumFmt: 4}), "1234.5"},             // #,##0.00
		{100000, style(excelize.Style{NumFmt: 11}), "100000"},            // 0.00E+00
		{0.15, style(excelize.Style{NumFmt: 9}), "0.15"},                 // 0%
		{20261101001, style(excelize.Style{}), "20261101001"},            // General, a wide number
		{123456789012, style(excelize.Style{NumFmt: 1}), "123456789012"}, // 0
		{"00123", style(excelize.Style{NumFmt: 2}), "00123"},             // text stays text
		{at, style(excelize.Style{NumFmt: 22}), "2026-11-02 10:15:23"},   // m/d/yy h:mm
		{at, style(excelize.Style{NumFmt: 14}), "2026-11-02 10:15:23"},   // a date-only format keeps the stored time
		{at, style(excelize.Style{NumFmt: 31}), "2026-11-02 10:15:23"},   // yyyy"年"m"月"d"日"
		{at, style(excelize.Style{CustomNumFmt: pointerTo(`yyyy"年"m"月"d"日" hh:mm`)}), "2026-11-02 10:15:23"},
		{at, style(excelize.Style{CustomNumFmt: pointerTo(`[$-804]yyyy/m/d;@`)}), "2026-11-02 10:15:23"},
		{0.4375, style(excelize.Style{NumFmt: 21}), "10:30:00"}, // h:mm:ss
		{0.4375, style(excelize.Style{CustomNumFmt: pointerTo(`[h]:mm`)}), "10:30:00"},
		{-5.5, style(excelize.Style{CustomNumFmt: pointerTo(`#,##0.00;[Red]-#,##0.00`)}), "-5.5"},
		{98, style(excelize.Style{CustomNumFmt: pointerTo(`[$¥-804]#,##0.00`)}), "98"},
		{-5.5, style(excelize.Style{NumFmt: 22}), "-5.5"},                             // not a date
		{3e6, style(excelize.Style{NumFmt: 14}), "3000000"},                           // past 9999-12-31
		{int64(3372874982348239101), style(excelize.Style{}), "3.37287498234824E+18"}, // 19 digits as a number
		{true, 0, "TRUE"},
		{"  ＝带空格　", 0, "＝带空格"},
	}
	header := []any{"value"}
	if err := f.SetSheetRow("Sheet1", "A1", &header); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetCellValue("Sheet1", ref, c.value); err != nil {
			t.Fatal(err)
		}
		if c.style != 0 {
			if err := f.SetCellStyle("Sheet1", ref, ref, c.style); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tables, err := ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows := tables[0].Rows
	if len(rows) != len(cases) {
		t.Fatalf("%d rows, want %d", len(rows), len(cases))
	}
	for i, c := range cases {
		if got := rows[i].Cells[0]; got != c.want {
			t.Errorf("%v: got %q, want %q", c.value, got, c.want)
		}
	}
}

func TestWorkbook1904Dates(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: pointerTo(true)}); err != nil {
		t.Fatal(err)
	}
	dates, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	f.SetCellValue("Sheet1", "A1", "下单时间")
	// 1904 system: serial 0 is 1904-01-01.
	f.SetCellFloat("Sheet1", "A2", 44460.5, -1, 64)
	f.SetCellStyle("Sheet1", "A2", "A2", dates)
	var buf bytes.Buffer
	f.WriteTo(&buf)
	tables, err := ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := tables[0].Rows[0].Cells[0]; got != "2025-09-22 12:00:00" {
		t.Errorf("1904 date = %q, want 2025-09-22 12:00:00", got)
	}
}

func TestDamagedWorkbook(t *testing.T) {
	whole, err := os.ReadFile(filepath.Join("testdata", "generic_orders.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{len(whole) / 2, len(whole) - 10, 30} {
		path := filepath.Join(t.TempDir(), "下载中断.xlsx")
		if err := os.WriteFile(path, whole[:size], 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(path)
		var fe *FormatError
		if !errors.Is(err, ErrDamagedWorkbook) || !errors.As(err, &fe) || fe.Path != path {
			t.Errorf("cut at %d bytes: err = %v, want a FormatError for %s wrapping ErrDamagedWorkbook", size, err, path)
		}
	}
	// Every cut of a workbook, not only the kind downloads leave.
	for size := 0; size < len(whole); size += 97 {
		if _, err := ReadXLSX(bytes.NewReader(whole[:size])); err == nil {
			t.Errorf("cut at %d bytes read without error", size)
		}
	}
}

func TestReadFileRejects(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name    string
		content []byte
		want    error
	}{
		{"empty.csv", nil, ErrEmptyFile},
		{"header-only.csv", []byte("订单编号,数量\r\n,\r\n\r\n"), ErrEmptyFile},
		{"blank.csv", []byte("\n\n  \n"), ErrEmptyFile},
		{"logo.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ErrNotATable},
		{"old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00"), ErrOldOrLockedExcel},
		{"notes.zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), ErrDamagedWorkbook},
	}
	var archive bytes.Buffer
	zw := zip.NewWriter(&archive)
	w, _ := zw.Create("orders.csv")
	w.Write([]byte("sku,qty\nTEA-EARL,1\n"))
	zw.Close()
	cases = append(cases, struct {
		name    string
		content []byte
		want    error
	}{"orders.zip", archive.Bytes(), ErrNotATable})
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(path)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		if strings.Count(err.Error(), path) != 1 {
			t.Errorf("%s: message %q does not name the file once", c.name, err)
		}
	}
	missing := filepath.Join(dir, "missing.csv")
	if _, err := ReadFile(missing); !errors.Is(err, os.ErrNotExist) || strings.Count(err.Error(), missing) != 1 {
		t.Errorf("missing file: %v", err)
	}
}

func TestCSVEncodings(t *testing.T) {
	const text = "订单编号\t收货人姓名\t数量\r\n3372874982348239101\t张伟\t2\r\n3373015526671139102\t吴倩\t1\r\n"
	utf16 := func(order unicode.Endianness, bom unicode.BOMPolicy) []byte {
		b, err := unicode.UTF16(order, bom).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	inputs := map[string][]byte{
		"UTF-8":           []byte(text),
		"UTF-8 BOM":       append([]byte("\uFEFF"), text...),
		"GB18030":         gb18030(text),
		"UTF-16LE BOM":    utf16(unicode.LittleEndian, unicode.UseBOM),
		"UTF-16BE BOM":    utf16(unicode.BigEndian, unicode.UseBOM),
		"UTF-16LE no BOM": utf16(unicode.LittleEndian, unicode.IgnoreBOM),
	}
	for name, in := range inputs {
		tab, err := ReadCSV("x.txt", bytes.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := strings.Join(tab.Header, "|") + "/" + strings.Join(tab.Rows[1].Cells, "|")
		if want := "订单编号|收货人姓名|数量/3373015526671139102|吴倩|1"; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestCSVEncodingDecidedByFirstChineseText(t *testing.T) {
	// GBK whose first 100 kB are ASCII: the decision waits for the first
	// non-ASCII byte.
	var b strings.Builder
	b.WriteString("sku,qty,note\n")
	for b.Len() < 100<<10 {
		b.WriteString("TEA-LJ-250,1,ok\n")
	}
	b.WriteString("TEA-PE-357,2,新疆偏远请发EMS\n")
	tab, err := ReadCSV("late.csv", bytes.NewReader(gb18030(b.String())))
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.Rows[len(tab.Rows)-1].Cells[2]; got != "新疆偏远请发EMS" {
		t.Errorf("late GBK text = %q", got)
	}

	// UTF-8 with one stray Latin-1 byte stays UTF-8.
	stray := []byte("名称,备注\n" + strings.Repeat("西湖龙井,明前特级\n", 50) + "Caf\xe9,x\n")
	tab, err = ReadCSV("stray.csv", bytes.NewReader(stray))
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.Rows[0].Cells[0]; got != "西湖龙井" {
		t.Errorf("UTF-8 with a stray byte read as %q", got)
	}
}

func TestCSVDelimitersAndRowNumbers(t *testing.T) {
	cases := []struct {
		name, text string
		want       string // header / rows as line:cells
	}{
		{"semicolon", "SKU;Menge;Preis\nTEA-EARL;2;7,80\n", "SKU|Menge|Preis / 2:TEA-EARL|2|7,80"},
		{"sep line", "sep=;\nSKU;Note\nTEA-EARL;a, b\n", "SKU|Note / 2:TEA-EARL|a, b"},
		{"quoted commas in header", "\"a,b\";c;d\n1;2;3\n", "a,b|c|d / 2:1|2|3"},
		{"tab", "SKU\tQty\nTEA-EARL\t2\n", "SKU|Qty / 2:TEA-EARL|2"},
		{"blank and empty rows keep numbering", "a,b\n1,2\n\n,\n3,\"x\ny\"\n4,5\n\n\n",
			"a|b / 2:1|2 5:3|x\ny 6:4|5"},
		{"leading blank lines", "\n\nsku,qty\nA,1\n", "sku|qty / 4:A|1"},
		{"short and long rows", "a,b,c\n1\n1,2,3,4,,\n1,2,3,,\n", "a|b|c / 2:1|| 3:1|2|3+4 4:1|2|3"},
		{"platform wrappers", "id,phone,zip\n=\"3372874982348239101\",'13812345678,\t'02128\n",
			"id|phone|zip / 2:3372874982348239101|13812345678|02128"},
		{"spaces", "\u00a0name\u3000, qty \n\u3000张伟\u00a0, 2\n", "name|qty / 2:张伟|2"},
		{"CR LF and a trailing empty header", "a,b,\r\n1,2,\r\n", "a|b / 2:1|2"},
	}
	for _, c := range cases {
		tab, err := ReadCSV(c.name, strings.NewReader(c.text))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var rows []string
		for _, r := range tab.Rows {
			s := strings.Join(r.Cells, "|")
			if len(r.Extra) > 0 {
				s += "+" + strings.Join(r.Extra, "+")
			}
			rows = append(rows, strconv.Itoa(r.Line)+":"+s)
		}
		got := strings.Join(tab.Header, "|") + " / " + strings.Join(rows, " ")
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestCleanCell(t *testing.T) {
	cases := map[string]string{
		`="3372874982348239101"`: "3372874982348239101",
		`=" 00123 "`:             "00123",
		`="say ""hi"""`:          `say "hi"`,
		"'13800000000":           "13800000000",
		"'+8613800138000":        "+8613800138000",
		"'90s retro mug":         "'90s retro mug",
		"'Tis the season":        "'Tis the season",
		"\t13800000000":          "13800000000",
		"\u00a0\u3000张伟\u200b":   "张伟",
		"\ufeffOrder Number":     "Order Number",
		"=SUM(A1:A2)":            "=SUM(A1:A2)",
		`="`:                     `="`,
		"'":                      "'",
		"'2026-11-02 10:15":      "2026-11-02 10:15",
		"'(0571) 8765-4321":      "(0571) 8765-4321",
	}
	for in, want := range cases {
		if got := cleanCell(in); got != want {
			t.Errorf("cleanCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnMatching(t *testing.T) {
	tab := Table{Header: []string{"\ufeff\"Order ID\"", "Ｓｈｉｐｐｉｎｇ　Ｚｉｐ", "收货地址", "order_id"}}
	cases := map[string]int{
		"order id": 0, "ORDER_ID": 0, "OrderID": 0, "'Order ID'": 0,
		"shipping zip": 1, "ShippingZip": 1, "收货地址 ": 2, "收货 地址": 2, "Total": -1,
	}
	for name, want := range cases {
		if got := tab.Column(name); got != want {
			t.Errorf("Column(%q) = %d, want %d", name, got, want)
		}
	}
	if got := tab.Column(); got != -1 {
		t.Errorf("Column() = %d", got)
	}
}
