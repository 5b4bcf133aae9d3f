package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
	"orderdesk/reports"
)

// printedSheet is what one worksheet part says about how it prints.
type printedSheet struct {
	SheetPr struct {
		PageSetUpPr struct {
			FitToPage string `xml:"fitToPage,attr"`
		} `xml:"pageSetUpPr"`
	} `xml:"sheetPr"`
	Dimension *struct {
		Ref string `xml:"ref,attr"`
	} `xml:"dimension"`
	Rows []struct {
		Cells []struct {
			R string `xml:"r,attr"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
	PageSetup *struct {
		Orientation string `xml:"orientation,attr"`
		FitToWidth  string `xml:"fitToWidth,attr"`
		FitToHeight string `xml:"fitToHeight,attr"`
		PaperSize   string `xml:"paperSize,attr"`
	} `xml:"pageSetup"`
	HeaderFooter *struct {
		OddHeader string `xml:"oddHeader"`
		OddFooter string `xml:"oddFooter"`
	} `xml:"headerFooter"`
}

// usedRange is the smallest range holding every cell of the sheet.
func (s printedSheet) usedRange(t *testing.T) string {
	t.Helper()
	minCol, minRow, maxCol, maxRow := 0, 0, 0, 0
	for _, r := range s.Rows {
		for _, c := range r.Cells {
			col, row, err := excelize.CellNameToCoordinates(c.R)
			if err != nil {
				t.Fatal(err)
			}
			if minCol == 0 || col < minCol {
				minCol = col
			}
			if minRow == 0 || row < minRow {
				minRow = row
			}
			maxCol, maxRow = max(maxCol, col), max(maxRow, row)
		}
	}
	if maxRow == 0 {
		return "A1"
	}
	from, _ := excelize.CoordinatesToCellName(minCol, minRow)
	to, _ := excelize.CoordinatesToCellName(maxCol, maxRow)
	if from == to {
		return from
	}
	return from + ":" + to
}

type workbookPart struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
	DefinedNames []struct {
		Name    string `xml:"name,attr"`
		SheetID *int   `xml:"localSheetId,attr"`
		Refers  string `xml:",chardata"`
	} `xml:"definedNames>definedName"`
}

type relsPart struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type stylesPart struct {
	Fonts []struct {
		Bold *struct{} `xml:"b"`
		Name *struct {
			Val string `xml:"val,attr"`
		} `xml:"name"`
	} `xml:"fonts>font"`
}

// xlsxPackage reads the parts of a written workbook.
type xlsxPackage struct {
	t *testing.T
	z *zip.Reader
}

func openPackage(t *testing.T, data []byte) xlsxPackage {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return xlsxPackage{t, z}
}

func (p xlsxPackage) decode(name string, v any) {
	p.t.Helper()
	r, err := p.z.Open(name)
	if err != nil {
		p.t.Fatalf("%s: %v", name, err)
	}
	defer r.Close()
	if err := xml.NewDecoder(r).Decode(v); err != nil {
		p.t.Fatalf("%s: %v", name, err)
	}
}

func (p xlsxPackage) text(name string) string {
	p.t.Helper()
	r, err := p.z.Open(name)
	if err != nil {
		p.t.Fatalf("%s: %v", name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

// printWant is how a workbook's sheets should print.
type printWant struct {
	paperSize   string            // excelize's code: "9" A4, "1" Letter
	header      string            // what every page header holds besides the tab's name
	footer      string            // the whole footer
	orientation map[string]string // per tab, for the tabs named
	titleRows   map[string]int    // rows repeated on each page, per tab; 1 if not named
}

// checkPrinting reads every sheet of a written workbook and checks its
// page setup, header and footer, print titles and dimension, and that
// every font of the workbook names its family. The first sheet is the
// Summary, which prints on one page.
func checkPrinting(t *testing.T, data []byte, want printWant) {
	t.Helper()
	p := openPackage(t, data)
	var wb workbookPart
	p.decode("xl/workbook.xml", &wb)
	var rels relsPart
	p.decode("xl/_rels/workbook.xml.rels", &rels)
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = path.Join("xl", r.Target)
	}
	printTitles := map[int]string{}
	for _, d := range wb.DefinedNames {
		if d.Name == "_xlnm.Print_Titles" && d.SheetID != nil {
			printTitles[*d.SheetID] = d.Refers
		}
	}
	if len(wb.Sheets) < 2 {
		t.Fatalf("%d sheets", len(wb.Sheets))
	}
	for i, sheet := range wb.Sheets {
		var s printedSheet
		p.decode(targets[sheet.RID], &s)
		name := sheet.Name
		if fit, err := strconv.ParseBool(s.SheetPr.PageSetUpPr.FitToPage); err != nil || !fit {
			t.Errorf("%s: fitToPage %q, want 1", name, s.SheetPr.PageSetUpPr.FitToPage)
		}
		tall := "0" // as many pages as the rows need
		if i == 0 {
			tall = "1"
		}
		switch ps := s.PageSetup; {
		case ps == nil:
			t.Errorf("%s: no pageSetup", name)
		case ps.FitToWidth != "1" || ps.FitToHeight != tall || ps.PaperSize != want.paperSize:
			t.Errorf("%s: pageSetup fitToWidth %q fitToHeight %q paperSize %q, want 1, %s, %s", name,
				ps.FitToWidth, ps.FitToHeight, ps.PaperSize, tall, want.paperSize)
		case ps.Orientation != "portrait" && ps.Orientation != "landscape":
			t.Errorf("%s: orientation %q", name, ps.Orientation)
		case want.orientation[name] != "" && ps.Orientation != want.orientation[name]:
			t.Errorf("%s: orientation %s, want %s", name, ps.Orientation, want.orientation[name])
		}
		switch hf := s.HeaderFooter; {
		case hf == nil:
			t.Errorf("%s: no headerFooter", name)
		case !strings.Contains(hf.OddHeader, want.header) || !strings.Contains(hf.OddHeader, "&A"):
			t.Errorf("%s: page header %q, want the tab (&A) and %q", name, hf.OddHeader, want.header)
		case hf.OddFooter != want.footer:
			t.Errorf("%s: page footer %q, want %q", name, hf.OddFooter, want.footer)
		}
		if s.Dimension == nil {
			t.Errorf("%s: no dimension", name)
		} else if used := s.usedRange(t); s.Dimension.Ref != used {
			t.Errorf("%s: dimension %s, the cells use %s", name, s.Dimension.Ref, used)
		}
		rows := want.titleRows[name]
		if rows == 0 {
			rows = 1
		}
		wantTitles := "'" + strings.ReplaceAll(name, "'", "''") + "'!$1:$" + strconv.Itoa(rows)
		if got := printTitles[i]; got != wantTitles {
			t.Errorf("%s: print titles %q, want %q", name, got, wantTitles)
		}
	}

	var styles stylesPart
	p.decode("xl/styles.xml", &styles)
	if len(styles.Fonts) == 0 || styles.Fonts[0].Name == nil || styles.Fonts[0].Name.Val == "" {
		t.Fatalf("the normal font has no name: %+v", styles.Fonts)
	}
	family, bold := styles.Fonts[0].Name.Val, false
	for i, f := range styles.Fonts {
		bold = bold || f.Bold != nil
		if f.Name == nil || f.Name.Val != family {
			t.Errorf("font %d (bold %v) names %+v, want %s as the normal cells", i, f.Bold != nil, f.Name, family)
		}
	}
	if !bold {
		t.Error("no bold font")
	}
}

// days is a month of daily sales, for a chart with a label per day.
func days(month time.Time) func(yield func([]any) error) error {
	return func(yield func([]any) error) error {
		for d := month; d.Month() == month.Month(); d = d.AddDate(0, 0, 1) {
			if err := yield([]any{d, app.Money(10000 + d.Day()*137)}); err != nil {
				return err
			}
		}
		return nil
	}
}

func printedWorkbook(paper reports.Paper) reports.Workbook {
	month := time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
	wide := make([]reports.Column, 16)
	for i := range wide {
		wide[i] = reports.Column{Header: fmt.Sprintf("Column %d", i+1), Kind: reports.MoneyColumn, Total: true}
	}
	wideRow := make([]any, len(wide))
	for i := range wideRow {
		wideRow[i] = app.Money(i * 100)
	}
	cny, _ := app.LookupCurrency("CNY")
	return reports.Workbook{
		Title:      "Tom & Jerry Tea · Monthly report 2026-10",
		Period:     "2026-10",
		Currency:   cny,
		TotalLabel: "Total",
		Paper:      paper,
		Summary: []reports.Figure{{Label: "Orders", Value: 42, Kind: reports.IntColumn},
			{Label: "Net sales", Value: app.Money(123450), Kind: reports.MoneyColumn}},
		Charts: []reports.Chart{{Title: "Sales by day", Sheet: "Days", Category: 0, Value: 1, Kind: "line"},
			{Title: "Sales by day", Sheet: "Days", Category: 0, Value: 1, Kind: "bar"}},
		Sheets: []reports.Sheet{
			{Name: "Days", Columns: []reports.Column{{Header: "Day", Kind: reports.DateColumn},
				{Header: "Sales", Kind: reports.MoneyColumn, Total: true}}, Rows: days(month)},
			{Name: "Wide", Title: "Wide · 2026-10", Columns: wide, Rows: rowsOf(wideRow, wideRow)},
			{Name: "Empty", Columns: []reports.Column{{Header: "Return"}, {Header: "Amount", Kind: reports.MoneyColumn}},
				Empty: "No returns in this period"},
			{Name: "No rows", Columns: []reports.Column{{Header: "Note"}}},
		},
	}
}

func rowsOf(rows ...[]any) func(yield func([]any) error) error {
	return func(yield func([]any) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestWorkbookPrints: every sheet prints fitted to the page's width, in
// the orientation its width needs, with its header rows on each page and
// the shop, the tab and the page number around it; the Summary and its
// charts on one page; every sheet declares the cells it uses.
func TestWorkbookPrints(t *testing.T) {
	for _, c := range []struct {
		paper reports.Paper
		size  string
	}{{"", "9"}, {reports.PaperA4, "9"}, {reports.PaperLetter, "1"}} {
		t.Run(string(c.paper), func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.WriteWorkbook(&buf, printedWorkbook(c.paper), nil); err != nil {
				t.Fatal(err)
			}
			checkPrinting(t, buf.Bytes(), printWant{paperSize: c.size,
				// An ampersand in the shop's name is not a header code.
				header:      "&LTom && Jerry Tea · Monthly report 2026-10",
				footer:      "&CPage &P of &N",
				orientation: map[string]string{"Summary": "landscape", "Days": "portrait", "Wide": "landscape", "Empty": "portrait"},
				titleRows:   map[string]int{"Summary": 2, "Wide": 2},
			})
		})
	}
}

// TestWorkbookChartsFitTheSummary: the charts stand beside the figures,
// one under the other without overlapping, and a month of days is
// labelled so that the labels do not run into each other.
func TestWorkbookChartsFitTheSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.WriteWorkbook(&buf, printedWorkbook(""), nil); err != nil {
		t.Fatal(err)
	}
	p := openPackage(t, buf.Bytes())
	var drawing struct {
		Anchors []struct {
			From struct {
				Col int `xml:"col"`
				Row int `xml:"row"`
			} `xml:"from"`
			To struct {
				Col    int `xml:"col"`
				Row    int `xml:"row"`
				RowOff int `xml:"rowOff"`
			} `xml:"to"`
		} `xml:"twoCellAnchor"`
	}
	p.decode("xl/drawings/drawing1.xml", &drawing)
	if len(drawing.Anchors) != 2 {
		t.Fatalf("%d charts on the Summary, want 2", len(drawing.Anchors))
	}
	for i, a := range drawing.Anchors {
		// Columns A and B hold the figures; rows 1 to 3 the title.
		if a.From.Col < 2 || a.From.Row < 3 {
			t.Errorf("chart %d starts at column %d row %d, over the figures or the title", i+1, a.From.Col+1, a.From.Row+1)
		}
		if i > 0 {
			above := drawing.Anchors[i-1].To
			if above.Row > a.From.Row || above.Row == a.From.Row && above.RowOff > 0 {
				t.Errorf("chart %d starts in row %d, chart %d ends in row %d", i+1, a.From.Row+1, i, above.Row+1)
			}
		}
	}
	chart := p.text("xl/charts/chart1.xml")
	catAx := chart[strings.Index(chart, "<catAx>"):strings.Index(chart, "</catAx>")]
	var skip int
	if i := strings.Index(catAx, "<tickLblSkip"); i < 0 {
		t.Errorf("31 days without a label skip:\n%s", catAx)
	} else if _, err := fmt.Sscanf(catAx[i:], `<tickLblSkip val="%d"`, &skip); err != nil {
		t.Errorf("label skip: %v", err)
	}
	// A label "10-31" needs about 40 px; the plot is about 490 px wide.
	if labels := (31 + max(skip, 1) - 1) / max(skip, 1); labels*40 > 490 {
		t.Errorf("every %d of 31 days labelled: %d labels", max(skip, 1), labels)
	}
	if !strings.Contains(catAx, `rot="-2700000"`) {
		t.Errorf("the day labels are not slanted for the readers that label every day:\n%s", catAx)
	}
}

// TestMonthlyWorkbookPrints reads every sheet of the monthly workbook in
// both languages.
func TestMonthlyWorkbookPrints(t *testing.T) {
	ctx, svc, now := sampleService(t)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.Local)
	for _, c := range []struct {
		lang        reports.Lang
		footer      string
		orientation map[string]string
	}{
		{reports.LangEnglish, "&CPage &P of &N", map[string]string{"Summary": "landscape", "Orders": "landscape",
			"Order lines": "landscape", "Sales by day": "portrait", "Complaints": "portrait"}},
		{reports.LangChinese, "&C第 &P 页，共 &N 页", map[string]string{"汇总": "landscape", "订单": "landscape",
			"订单明细": "landscape", "按日销售": "portrait", "投诉统计": "portrait"}},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			data := writeMonthBytes(t, ctx, svc, from, c.lang)
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			summary := f.GetSheetName(0)
			title, _ := f.GetCellValue(summary, "A1")
			if title == "" {
				t.Fatal("no title on the Summary")
			}
			checkPrinting(t, data, printWant{paperSize: "9", header: "&L" + strings.ReplaceAll(title, "&", "&&"),
				footer: c.footer, orientation: c.orientation, titleRows: map[string]int{summary: 2}})
		})
	}
}

func writeMonthBytes(t *testing.T, ctx context.Context, svc *app.Service, from time.Time, l reports.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteMonthly(ctx, svc, &buf, reports.MonthlyOptions{Lang: l, From: from, To: from.AddDate(0, 1, 0),
		Now: from}, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
