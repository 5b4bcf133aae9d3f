package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
)

// ColumnKind says what a workbook column holds, and so which Go type its
// values have and how Excel shows them.
type ColumnKind int

const (
	TextColumn          ColumnKind = iota // string
	IntColumn                             // int or int64, shown #,##0
	MoneyColumn                           // app.Money in the workbook's currency
	DateColumn                            // time.Time, shown as its local date
	DateTimeColumn                        // time.Time, shown as local date and minute
	PercentColumn                         // float64, 0..1
	DurationHoursColumn                   // float64 hours
)

const columnKinds = int(DurationHoursColumn) + 1

var columnKindNames = [columnKinds]string{"text", "int", "money", "date", "date-time", "percent", "hours"}

func (k ColumnKind) String() string {
	if k < 0 || int(k) >= columnKinds {
		return "ColumnKind(" + strconv.Itoa(int(k)) + ")"
	}
	return columnKindNames[k]
}

// Column is one column of a data sheet.
type Column struct {
	Header string // already in the reader's language
	Kind   ColumnKind
	Total  bool    // sum this column in the totals row (Int, Money, DurationHours)
	Width  float64 // 0: fit to the header and the first rows (CJK counts double)
}

// Sheet is one data sheet, streamed row by row.
type Sheet struct {
	Name    string // tab name; made legal and unique when written
	Title   string // optional bold line above the table, e.g. "Orders · 2026-11"
	Columns []Column
	// Rows calls yield for each row and returns the error of the
	// underlying query, or the error yield returned, at which it stops.
	// Values are string, int, int64, app.Money (minor units of the
	// workbook's currency), time.Time (shown in time.Local), float64
	// (0..1 for PercentColumn, hours for DurationHoursColumn), or nil for
	// an empty cell; each must match its column's kind. yield does not
	// keep row, so the caller may reuse it.
	Rows  func(yield func(row []any) error) error
	Empty string // shown in the first data row when there are no rows
}

// Figure is a key figure on the Summary sheet.
type Figure struct {
	Label string
	Value any // as in Sheet.Rows
	Kind  ColumnKind
}

// Chart is drawn on the Summary sheet from a data sheet's columns.
type Chart struct {
	Title    string
	Sheet    string // Name of one of the workbook's Sheets (the first, if several share it)
	Category int    // column index of the categories (e.g. the day)
	Value    int    // column index of the values (e.g. sales)
	Kind     string // "line", "bar" (vertical bars) or "pie"
}

// Workbook is a report as a set of sheets: a Summary first, then the
// data sheets in order.
type Workbook struct {
	Title       string // "Qinglan Tea House · Monthly report 2026-11"
	Period      string
	Currency    app.Currency // for money formats
	SummaryName string       // tab name of the summary; "" is "Summary"
	TotalLabel  string       // first cell of each totals row, unless that column is summed: "Total", "合计"
	Summary     []Figure
	Charts      []Chart
	Sheets      []Sheet
	Created     time.Time // document properties, for reproducible output
	Paper       Paper     // what every sheet prints on; "" is A4
	PageLabel   string    // page footer, "Page {n} of {total}"; "" is English
}

const (
	widthSampleRows = 200  // rows held back to fit column widths before streaming the rest
	progressEvery   = 5000 // rows between progress reports
	minColumnWidth  = 6.0  // in widths of the digit "0"
	maxColumnWidth  = 60.0 // long free text is cut off on screen rather than making the sheet unreadable
	chartWidth      = 580  // pixels: beside the figures, within a landscape page
	chartRows       = 14   // two charts about as tall as the figures
	chartRowStep    = chartRows + 1
	// excelize anchors a chart to the rows its height covers by its own
	// measure of a default row, 18 px (Excel draws 20), so a height in
	// those pixels is what makes a chart end on a row and not run into
	// the next one.
	excelizeRowPixels = 18
	chartHeight       = chartRows * excelizeRowPixels
	chartGapWidth     = 2  // the column between the figures and the charts
	chartPlotInset    = 90 // pixels of a chart's width taken by the value axis and margins
	chartLabelPitch   = 40 // pixels per category label, so that dates ("11-30") do not overlap
	chartAxisColour   = "595959"
	maxTabNameUnits   = 31 // Excel's limit, counted in UTF-16 units
	defaultTabName    = "Sheet"
	summaryTabName    = "Summary"
	headerFill        = "DDEBF7"
	emptyNoteColour   = "808080"
)

// WriteWorkbook writes wb as an .xlsx file to w. Data sheets are streamed,
// so a sheet of a million rows needs little memory; progress, if not
// nil, hears the tab name and the rows written so far every 5,000 rows
// and at the end of each sheet.
func WriteWorkbook(w io.Writer, wb Workbook, progress func(sheet string, rows int)) (err error) {
	if progress == nil {
		progress = func(string, int) {}
	}
	if err := checkWorkbook(wb); err != nil {
		return err
	}
	summaryName := wb.SummaryName
	if summaryName == "" {
		summaryName = summaryTabName
	}
	names := make([]string, 0, len(wb.Sheets)+1)
	names = append(names, summaryName)
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
	}
	tabs := tabNames(names)
	pages := newPrinting(wb)

	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	styles, err := newWorkbookStyles(f, wb.Currency)
	if err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), tabs[0]); err != nil {
		return err
	}
	for _, tab := range tabs[1:] {
		if _, err := f.NewSheet(tab); err != nil {
			return err
		}
	}
	// Before any sheet is streamed: SetActiveSheet reads every worksheet
	// back into memory, which after streaming would be the whole month.
	f.SetActiveSheet(0)
	written := make([]writtenSheet, len(wb.Sheets))
	for i, s := range wb.Sheets {
		sw := &sheetWriter{file: f, styles: styles, currency: wb.Currency, sheet: s,
			tab: tabs[i+1], totalLabel: wb.TotalLabel, progress: progress, pages: pages}
		if written[i], err = sw.write(); err != nil {
			return fmt.Errorf("sheet %q: %w", s.Name, err)
		}
	}
	if err := writeSummary(f, styles, pages, tabs[0], wb, written); err != nil {
		return fmt.Errorf("sheet %q: %w", tabs[0], err)
	}
	props := &excelize.DocProperties{Title: wb.Title, Subject: wb.Period, Creator: "OrderDesk"}
	if !wb.Created.IsZero() {
		stamp := wb.Created.UTC().Format("2006-01-02T15:04:05Z")
		props.Created, props.Modified = stamp, stamp
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	dims := make(map[string]string, len(written))
	for _, s := range written {
		dims[s.tab] = s.dimension
	}
	streamedDimensions(f, dims)
	return writeSorted(f, w)
}

// writeSorted writes the package in a fixed order, so that the same
// workbook always gives the same bytes: excelize writes streamed sheets,
// and the defaults in [Content_Types].xml, in map order. zip's Copy moves
// the other parts compressed as they are, which costs little.
func writeSorted(f *excelize.File, w io.Writer) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	parts := slices.Clone(zr.File)
	slices.SortFunc(parts, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	zw := zip.NewWriter(w)
	for _, part := range parts {
		if part.Name == contentTypesPart {
			err = copySortedContentTypes(zw, part)
		} else {
			err = zw.Copy(part)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

const contentTypesPart = "[Content_Types].xml"

// contentTypes is the package's [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name          `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []contentDefault  `xml:"Default"`
	Overrides []contentOverride `xml:"Override"`
}

type contentDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type contentOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

func copySortedContentTypes(zw *zip.Writer, part *zip.File) error {
	r, err := part.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	var types contentTypes
	if err := xml.NewDecoder(r).Decode(&types); err != nil {
		return fmt.Errorf("%s: %w", contentTypesPart, err)
	}
	slices.SortFunc(types.Defaults, func(a, b contentDefault) int {
		return strings.Compare(a.Extension, b.Extension)
	})
	slices.SortFunc(types.Overrides, func(a, b contentOverride) int {
		return strings.Compare(a.PartName, b.PartName)
	})
	out, err := zw.CreateHeader(&zip.FileHeader{Name: contentTypesPart, Method: zip.Deflate})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(out, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(out).Encode(types)
}

// checkWorkbook finds the caller's mistakes before any row is streamed,
// so a bad chart does not cost a minute of writing first.
func checkWorkbook(wb Workbook) error {
	for _, s := range wb.Sheets {
		if len(s.Columns) == 0 {
			return fmt.Errorf("sheet %q has no columns", s.Name)
		}
		for _, c := range s.Columns {
			if c.Kind < 0 || int(c.Kind) >= columnKinds {
				return fmt.Errorf("sheet %q column %q: unknown kind %d", s.Name, c.Header, int(c.Kind))
			}
			if c.Total && !summable(c.Kind) {
				return fmt.Errorf("sheet %q column %q: a %s column cannot be totalled", s.Name, c.Header, c.Kind)
			}
		}
	}
	for _, c := range wb.Charts {
		if _, ok := chartTypes[c.Kind]; !ok {
			return fmt.Errorf("chart %q: unknown kind %q (want line, bar or pie)", c.Title, c.Kind)
		}
		i := chartSheet(wb.Sheets, c.Sheet)
		if i < 0 {
			return fmt.Errorf("chart %q: no sheet %q", c.Title, c.Sheet)
		}
		n := len(wb.Sheets[i].Columns)
		if c.Category < 0 || c.Category >= n || c.Value < 0 || c.Value >= n {
			return fmt.Errorf("chart %q: sheet %q has no column %d or %d", c.Title, c.Sheet, c.Category, c.Value)
		}
	}
	for _, fig := range wb.Summary {
		if fig.Kind < 0 || int(fig.Kind) >= columnKinds {
			return fmt.Errorf("figure %q: unknown kind %d", fig.Label, int(fig.Kind))
		}
		if _, err := cellValue(fig.Kind, fig.Value, wb.Currency); err != nil {
			return fmt.Errorf("figure %q: %w", fig.Label, err)
		}
	}
	return nil
}

func summable(k ColumnKind) bool {
	return k == IntColumn || k == MoneyColumn || k == DurationHoursColumn
}

// chartSheet is the index of the first sheet called name, or -1.
func chartSheet(sheets []Sheet, name string) int {
	return slices.IndexFunc(sheets, func(s Sheet) bool { return s.Name == name })
}

// writtenSheet is where a data sheet's rows ended up, for the charts.
type writtenSheet struct {
	tab       string
	headerRow int
	rows      int    // data rows, without the totals row
	dimension string // the cells used, "A1:R1467"
}

// sheetWriter streams one data sheet.
type sheetWriter struct {
	file       *excelize.File
	stream     *excelize.StreamWriter
	styles     *workbookStyles
	currency   app.Currency
	sheet      Sheet
	tab        string
	totalLabel string
	progress   func(string, int)
	pages      printing

	headerRow int
	started   bool
	sample    [][]any   // the first rows, held back until the widths are known
	widths    []float64 // widest text seen per column, in digit widths
	width     float64   // of the whole sheet, in digit widths
	nextRow   int       // sheet row the next data row goes to
	rows      int       // data rows yielded so far
	intSums   []int64   // Int columns, and Money in minor units
	floatSums []float64 // DurationHours columns
	cells     []any     // reused for every streamed row
	yieldErr  error
}

func (s *sheetWriter) write() (writtenSheet, error) {
	s.headerRow = 1
	if s.sheet.Title != "" {
		s.headerRow = 2
	}
	// The rows frozen on screen are the rows repeated on paper.
	if err := s.pages.set(s.file, s.tab, s.headerRow, false); err != nil {
		return writtenSheet{}, err
	}
	var err error
	if s.stream, err = s.file.NewStreamWriter(s.tab); err != nil {
		return writtenSheet{}, err
	}
	n := len(s.sheet.Columns)
	s.nextRow = s.headerRow + 1
	s.widths = make([]float64, n)
	s.intSums, s.floatSums = make([]int64, n), make([]float64, n)
	s.cells = make([]any, n)
	if s.sheet.Rows != nil {
		err = s.sheet.Rows(s.yield)
	}
	// yield's own error comes first: the caller's Rows may have dropped it.
	if s.yieldErr != nil {
		return writtenSheet{}, s.yieldErr
	}
	if err != nil {
		return writtenSheet{}, err
	}
	if !s.started {
		if err := s.start(); err != nil {
			return writtenSheet{}, err
		}
	}
	dimension, err := s.finish()
	if err != nil {
		return writtenSheet{}, err
	}
	return writtenSheet{tab: s.tab, headerRow: s.headerRow, rows: s.rows, dimension: dimension}, nil
}

// yield takes one row from the caller: checks and converts it, and either
// holds it back for measuring or streams it.
func (s *sheetWriter) yield(row []any) error {
	if s.yieldErr != nil {
		return s.yieldErr
	}
	if err := s.take(row); err != nil {
		s.yieldErr = err
		return err
	}
	return nil
}

func (s *sheetWriter) take(row []any) error {
	cols := s.sheet.Columns
	if len(row) > len(cols) {
		return fmt.Errorf("row %d has %d values for %d columns", s.rows+1, len(row), len(cols))
	}
	cells := s.cells
	if !s.started {
		cells = make([]any, len(cols))
	}
	clear(cells)
	for i, v := range row {
		c, err := cellValue(cols[i].Kind, v, s.currency)
		if err != nil {
			return fmt.Errorf("row %d column %q: %w", s.rows+1, cols[i].Header, err)
		}
		cells[i] = c
		if !s.started {
			s.widths[i] = max(s.widths[i], textWidth(displayText(cols[i].Kind, v, s.currency)))
		}
		if cols[i].Total {
			switch v := v.(type) {
			case int:
				s.intSums[i] += int64(v)
			case int64:
				s.intSums[i] += v
			case app.Money:
				s.intSums[i] += int64(v)
			case float64:
				s.floatSums[i] += v
			}
		}
	}
	s.rows++
	if !s.started {
		s.sample = append(s.sample, cells)
		if len(s.sample) < widthSampleRows {
			return nil
		}
		return s.start()
	}
	if err := s.setRow(cells); err != nil {
		return err
	}
	if s.rows%progressEvery == 0 {
		s.progress(s.tab, s.rows)
	}
	return nil
}

func (s *sheetWriter) setRow(cells []any) error {
	err := s.stream.SetRow("A"+strconv.Itoa(s.nextRow), cells)
	s.nextRow++
	return err
}

// start fixes the column widths, styles and panes, which the
// StreamWriter takes only before the first row, then writes the title,
// the header and the rows held back so far.
func (s *sheetWriter) start() error {
	s.started = true
	sw, st := s.stream, s.styles
	// Last column first: excelize puts each newly set column in front of
	// the others and the StreamWriter writes them in that order, but Excel
	// wants them ascending.
	for i := len(s.sheet.Columns) - 1; i >= 0; i-- {
		c := s.sheet.Columns[i]
		width := c.Width
		if width <= 0 {
			// Padding for the cell margins; the header also holds the filter button.
			width = max(s.widths[i]+2, textWidth(c.Header)+4)
			width = min(max(width, minColumnWidth), maxColumnWidth)
		}
		s.width += width
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
		// A column style rather than a style per cell: cheaper to stream,
		// and rows the reader adds later get the same format.
		if id := st.cell[c.Kind]; id != 0 {
			if err := sw.SetColStyle(i+1, i+1, id); err != nil {
				return err
			}
		}
	}
	first := "A" + strconv.Itoa(s.headerRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: s.headerRow, TopLeftCell: first,
		ActivePane: "bottomLeft", Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if s.sheet.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.sheetTitle, Value: s.sheet.Title}}); err != nil {
			return err
		}
	}
	header := make([]any, len(s.sheet.Columns))
	for i, c := range s.sheet.Columns {
		id := st.header
		if numeric(c.Kind) {
			id = st.headerRight
		}
		header[i] = excelize.Cell{StyleID: id, Value: c.Header}
	}
	if err := sw.SetRow("A"+strconv.Itoa(s.headerRow), header); err != nil {
		return err
	}
	for _, cells := range s.sample {
		if err := s.setRow(cells); err != nil {
			return err
		}
	}
	s.sample = nil
	return nil
}

// finish writes the totals row or the empty note, the filter and the
// orientation, and ends the stream. It returns the cells the sheet uses.
func (s *sheetWriter) finish() (string, error) {
	cols := s.sheet.Columns
	lastRow := s.headerRow + s.rows
	switch {
	case s.rows == 0 && s.sheet.Empty != "":
		if err := s.setRow([]any{excelize.Cell{StyleID: s.styles.emptyNote, Value: s.sheet.Empty}}); err != nil {
			return "", err
		}
		lastRow++
	case s.rows > 0 && slices.ContainsFunc(cols, func(c Column) bool { return c.Total }):
		if err := s.setRow(s.totalsRow(lastRow)); err != nil {
			return "", err
		}
	}
	lastCol, err := excelize.ColumnNumberToName(len(cols))
	if err != nil {
		return "", err
	}
	// The StreamWriter has no AutoFilter or page setup of its own. The
	// File's ones only record them in the worksheet the stream writes out
	// at Flush and in the workbook's defined names, so they work between
	// the last row and Flush.
	ref := "A" + strconv.Itoa(s.headerRow) + ":" + lastCol + strconv.Itoa(lastRow)
	if err := s.file.AutoFilter(s.tab, ref, nil); err != nil {
		return "", err
	}
	if err := s.pages.orient(s.file, s.tab, s.width*pixelsPerWidth); err != nil {
		return "", err
	}
	if err := s.stream.Flush(); err != nil {
		return "", err
	}
	if s.rows == 0 || s.rows%progressEvery != 0 {
		s.progress(s.tab, s.rows)
	}
	return usedRange(len(cols), s.nextRow-1), nil
}

// totalsRow sums the Total columns with a formula, and also stores the
// exact sum as the cell's cached value: excelize does not calculate, and
// viewers that do not recalculate (previews, phones) would show nothing.
func (s *sheetWriter) totalsRow(lastRow int) []any {
	cols := s.sheet.Columns
	cells := make([]any, len(cols))
	for i, c := range cols {
		cell := excelize.Cell{StyleID: s.styles.totalBlank}
		if c.Total {
			name, _ := excelize.ColumnNumberToName(i + 1)
			cell.StyleID = s.styles.total[c.Kind]
			cell.Formula = fmt.Sprintf("SUM(%s%d:%s%d)", name, s.headerRow+1, name, lastRow)
			switch c.Kind {
			case MoneyColumn:
				cell.Value = moneyMajor(app.Money(s.intSums[i]), s.currency)
			case IntColumn:
				cell.Value = s.intSums[i]
			default:
				cell.Value = s.floatSums[i]
			}
		} else if i == 0 {
			cell.Value = s.totalLabel
		}
		cells[i] = cell
	}
	return cells
}

func numeric(k ColumnKind) bool {
	return k == IntColumn || k == MoneyColumn || k == PercentColumn || k == DurationHoursColumn
}

// cellValue checks v against its column's kind and turns it into what
// excelize writes. A value of the wrong type is an error rather than a
// guess: an int in a money column would show a hundred times the amount,
// a formatted "¥12.00" string would not add up.
func cellValue(kind ColumnKind, v any, cur app.Currency) (any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		if kind == TextColumn {
			return v, nil
		}
	case int, int64:
		if kind == IntColumn {
			return v, nil
		}
	case app.Money:
		if kind == MoneyColumn {
			return moneyMajor(v, cur), nil
		}
	case time.Time:
		switch {
		case kind != DateColumn && kind != DateTimeColumn:
		case v.IsZero():
			return nil, nil // not yet: "actual completion" of an open order
		case kind == DateColumn:
			// Midnight, so that filtering and comparing by day works.
			y, m, d := v.In(time.Local).Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.Local), nil
		default:
			return v.In(time.Local), nil
		}
	case float64:
		if kind == PercentColumn || kind == DurationHoursColumn {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%v is not a number", v)
			}
			return v, nil
		}
	}
	return nil, fmt.Errorf("%T value does not go in a %s column", v, kind)
}

// moneyMajor is m in major units as the float nearest to its exact
// decimal value: for |m| < 2^53 both operands are exact and IEEE division
// rounds once, which is what parsing "123.45" gives.
func moneyMajor(m app.Money, cur app.Currency) float64 {
	unit := int64(1)
	for range cur.Decimals {
		unit *= 10
	}
	if m > -1<<53 && m < 1<<53 {
		return float64(m) / float64(unit)
	}
	f, _ := strconv.ParseFloat(strings.ReplaceAll(cur.FormatPlain(m), ",", ""), 64)
	return f
}

// displayText is roughly how Excel shows v, for fitting column widths.
func displayText(kind ColumnKind, v any, cur app.Currency) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return app.FormatCount(int64(v))
	case int64:
		return app.FormatCount(v)
	case app.Money:
		return cur.Format(v)
	case time.Time:
		if kind == DateColumn {
			return "2006-01-02"
		}
		return "2006-01-02 15:04"
	case float64:
		if kind == PercentColumn {
			return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
		}
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return ""
}

// textWidth is s's width in widths of the digit "0": Chinese, Japanese
// and Korean characters take two.
func textWidth(s string) float64 {
	w := 0
	for _, r := range s {
		w++
		if wideRune(r) {
			w++
		}
	}
	return float64(w)
}

func wideRune(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo
		0x2E80 <= r && r <= 0xA4CF && r != 0x303F, // CJK radicals … Yi, punctuation, kana
		0xAC00 <= r && r <= 0xD7A3,                // Hangul syllables
		0xF900 <= r && r <= 0xFAFF,                // CJK compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F,                // CJK compatibility forms
		0xFF00 <= r && r <= 0xFF60,                // full-width forms
		0xFFE0 <= r && r <= 0xFFE6,
		0x1F300 <= r && r <= 0x1F64F, // emoji
		0x20000 <= r && r <= 0x3FFFD: // CJK extensions
		return true
	}
	return false
}

// tabNames makes names legal, distinct tab names, in order. Excel
// compares tab names without case and reserves "History".
func tabNames(names []string) []string {
	taken := map[string]bool{"history": true}
	tabs := make([]string, len(names))
	for i, name := range names {
		base := legalTabName(name)
		tab := base
		for n := 2; taken[strings.ToLower(tab)]; n++ {
			suffix := " (" + strconv.Itoa(n) + ")"
			tab = strings.TrimRight(truncateUTF16(base, maxTabNameUnits-len(suffix)), " ") + suffix
		}
		taken[strings.ToLower(tab)] = true
		tabs[i] = tab
	}
	return tabs
}

// legalTabName replaces what Excel does not allow in a tab name ([]:*?/\
// and control characters) with spaces, and cuts it to 31 UTF-16 units.
// Apostrophes become ’: excelize writes the filter's defined name without
// doubling them, and Excel rejects a name that starts or ends with one.
func legalTabName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r), unicode.IsControl(r):
			return ' '
		case r == '\'':
			return '’'
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimSpace(truncateUTF16(name, maxTabNameUnits))
	if name == "" {
		return defaultTabName
	}
	return name
}

// truncateUTF16 cuts s to at most units UTF-16 code units, between runes.
func truncateUTF16(s string, units int) string {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > units {
			return s[:i]
		}
	}
	return s
}

// writeSummary fills the first tab in normal mode: title, period, the key
// figures, and beside them the charts, so that all of it prints on one
// page. Charts live here because excelize silently drops a chart added to
// a streamed sheet.
func writeSummary(f *excelize.File, st *workbookStyles, pages printing, tab string, wb Workbook, sheets []writtenSheet) error {
	set := func(cell string, value any, style int) error {
		if err := f.SetCellValue(tab, cell, value); err != nil {
			return err
		}
		return f.SetCellStyle(tab, cell, cell, style)
	}
	if err := set("A1", wb.Title, st.summaryTitle); err != nil {
		return err
	}
	if err := f.SetCellValue(tab, "A2", wb.Period); err != nil {
		return err
	}
	labelWidth, valueWidth := minColumnWidth, minColumnWidth
	const firstFigure = 4
	row := firstFigure
	for _, fig := range wb.Summary {
		value, _ := cellValue(fig.Kind, fig.Value, wb.Currency) // checked by checkWorkbook
		r := strconv.Itoa(row)
		if err := f.SetCellValue(tab, "A"+r, fig.Label); err != nil {
			return err
		}
		if err := set("B"+r, value, st.figure[fig.Kind]); err != nil {
			return err
		}
		labelWidth = max(labelWidth, textWidth(fig.Label)+2)
		valueWidth = max(valueWidth, textWidth(displayText(fig.Kind, fig.Value, wb.Currency))+2)
		row++
	}
	labelWidth, valueWidth = min(labelWidth, maxColumnWidth), min(valueWidth, maxColumnWidth)
	if err := f.SetColWidth(tab, "A", "A", labelWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(tab, "B", "B", valueWidth); err != nil {
		return err
	}
	dimension := usedRange(1, 2) // title and period
	if row > firstFigure {
		dimension = usedRange(2, row-1)
	}
	if err := f.SetSheetDimension(tab, dimension); err != nil {
		return err
	}
	if err := f.SetColWidth(tab, "C", "C", chartGapWidth); err != nil {
		return err
	}
	width := (labelWidth + valueWidth) * pixelsPerWidth
	row = firstFigure
	for _, c := range wb.Charts {
		i := chartSheet(wb.Sheets, c.Sheet)
		if sheets[i].rows == 0 {
			continue // nothing to draw; an empty chart only puzzles the reader
		}
		if err := f.AddChart(tab, "D"+strconv.Itoa(row), summaryChart(c, sheets[i])); err != nil {
			return fmt.Errorf("chart %q: %w", c.Title, err)
		}
		width = (labelWidth+valueWidth+chartGapWidth)*pixelsPerWidth + chartWidth
		row += chartRowStep
	}
	if err := pages.set(f, tab, 2, true); err != nil { // title and period
		return err
	}
	return pages.orient(f, tab, width)
}

var chartTypes = map[string]excelize.ChartType{
	"line": excelize.Line,
	"bar":  excelize.Col, // what people call a bar chart of sales by day; excelize's Bar is horizontal
	"pie":  excelize.Pie,
}

// summaryChart draws c from exactly the data rows of its sheet, never the
// totals row.
func summaryChart(c Chart, s writtenSheet) *excelize.Chart {
	sheet := sheetPrefix(s.tab)
	first, last := s.headerRow+1, s.headerRow+s.rows
	ref := func(col, from, to int) string {
		a, _ := excelize.CoordinatesToCellName(col+1, from, true)
		if from == to {
			return sheet + a
		}
		b, _ := excelize.CoordinatesToCellName(col+1, to, true)
		return sheet + a + ":" + b
	}
	pie := c.Kind == "pie"
	legend := "none" // one series: its name is the title
	if pie {
		legend = "right"
	}
	// Excel's default light grey is hard to read on paper.
	axisFont := excelize.Font{Color: chartAxisColour}
	// When all category labels would overlap, Excel labels every nth (a
	// month of days: every third) and all of them are slanted, for
	// LibreOffice, which labels every category whatever the skip.
	skip, slant := 0, excelize.Alignment{}
	if labels := (chartWidth - chartPlotInset) / chartLabelPitch; s.rows > labels {
		skip, slant.TextRotation = (s.rows+labels-1)/labels, -45
	}
	return &excelize.Chart{
		Type: chartTypes[c.Kind],
		Series: []excelize.ChartSeries{{
			Name:       ref(c.Value, s.headerRow, s.headerRow),
			Categories: ref(c.Category, first, last),
			Values:     ref(c.Value, first, last),
		}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:     excelize.ChartLegend{Position: legend},
		VaryColors: &pie, // one colour per slice, one colour per series otherwise
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		// Day categories are date serials: without a format a viewer shows
		// them as numbers (46,328); text categories ignore it.
		XAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "m-d"}, TickLabelSkip: skip,
			Alignment: slant, Font: axisFont},
		YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}, Font: axisFont},
	}
}

// workbookStyles are the style ids every sheet shares.
type workbookStyles struct {
	sheetTitle, summaryTitle int
	header, headerRight      int
	emptyNote, totalBlank    int
	cell, figure, total      [columnKinds]int
}

// numberFormats are the formats per column kind; "" is General.
func numberFormats(cur app.Currency) [columnKinds]string {
	return [columnKinds]string{
		IntColumn:           "#,##0",
		MoneyColumn:         moneyFormat(cur),
		DateColumn:          "yyyy-mm-dd",
		DateTimeColumn:      "yyyy-mm-dd hh:mm",
		PercentColumn:       "0.0%",
		DurationHoursColumn: "0.0",
	}
}

// currencySymbols are the symbols of money formats that excelize reads
// back as written (see LIBRARIES.md): a locale-tagged symbol where Excel
// knows one, a quoted literal otherwise. Each holds the app's symbol for
// the code.
var currencySymbols = map[string]string{
	"CNY": `[$¥-804]`,
	"HKD": `"HK$"`,
	"TWD": `[$NT$-404]`,
	"MOP": `"MOP$"`,
	"SGD": `"S$"`,
	"USD": `[$$-409]`,
	"CAD": `"CA$"`,
	"AUD": `"A$"`,
	"GBP": `[$£-809]`,
	"EUR": `[$€-x-euro2]`,
	"JPY": `[$¥-411]`,
	"KRW": `[$₩-412]`,
}

// moneyFormat writes amounts as app.Currency.Format does, negatives in
// red: [$¥-804]#,##0.00;[Red]-[$¥-804]#,##0.00.
func moneyFormat(cur app.Currency) string {
	symbol, ok := currencySymbols[cur.Code]
	if !ok || !strings.Contains(symbol, cur.Symbol) {
		symbol = `"` + strings.ReplaceAll(cur.Symbol, `"`, `""`) + `"`
	}
	number := "#,##0"
	if cur.Decimals > 0 {
		number += "." + strings.Repeat("0", cur.Decimals)
	}
	return symbol + number + ";[Red]-" + symbol + number
}

func newWorkbookStyles(f *excelize.File, cur app.Currency) (*workbookStyles, error) {
	// Every font names the normal cells' family: a font without a name
	// is a serif in LibreOffice.
	family, err := f.GetDefaultFont()
	if err != nil {
		return nil, err
	}
	font := func(fnt excelize.Font) *excelize.Font {
		fnt.Family = family
		return &fnt
	}
	var errs []error
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		errs = append(errs, err)
		return id
	}
	withFormat := func(s excelize.Style, format string) excelize.Style {
		if format != "" {
			s.CustomNumFmt = &format
		}
		return s
	}
	bold := font(excelize.Font{Bold: true})
	topBorder := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	headerStyle := excelize.Style{Font: bold,
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}},
		Border: []excelize.Border{{Type: "bottom", Color: "9BC2E6", Style: 1}}}
	headerRightStyle := headerStyle
	headerRightStyle.Alignment = &excelize.Alignment{Horizontal: "right"}

	st := &workbookStyles{
		sheetTitle:   style(excelize.Style{Font: font(excelize.Font{Bold: true, Size: 12})}),
		summaryTitle: style(excelize.Style{Font: font(excelize.Font{Bold: true, Size: 14})}),
		header:       style(headerStyle),
		headerRight:  style(headerRightStyle),
		emptyNote:    style(excelize.Style{Font: font(excelize.Font{Italic: true, Color: emptyNoteColour})}),
		totalBlank:   style(excelize.Style{Font: bold, Border: topBorder}),
	}
	for kind, format := range numberFormats(cur) {
		if format != "" {
			st.cell[kind] = style(withFormat(excelize.Style{}, format))
		}
		st.figure[kind] = style(withFormat(excelize.Style{Font: bold}, format))
		st.total[kind] = style(withFormat(excelize.Style{Font: bold, Border: topBorder}, format))
	}
	return st, errors.Join(errs...)
}
