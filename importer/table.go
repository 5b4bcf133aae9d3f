// Package importer reads the order files that shops download from their sales
// platforms (Shopify, WooCommerce, Taobao/Tmall, hand-made Excel lists) into
// plain text tables: a header row and data rows of trimmed strings. It knows
// file formats, text encodings and the platforms' cell quirks; what the
// columns mean is left to the preset mappers built on top of it.
package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Table is one sheet (or one CSV file) as text: the header row and the data
// rows, every cell a trimmed string.
type Table struct {
	Name   string   // sheet name; for CSV the file's base name
	Header []string // cleaned header cells, trailing empty ones dropped
	Rows   []Row
}

// Row is one data row of a Table.
type Row struct {
	// Line is the row number as a spreadsheet shows it: the header is row 1
	// when it is the first line, so the first data row is 2. Skipped empty
	// rows still count, so the user finds the row where the program says.
	Line int
	// Cells has exactly len(Header) entries; missing cells are "".
	Cells []string
	// Extra holds the non-empty cells past the last header column: a sign
	// of a shifted row (an unquoted comma in an address) that a mapper
	// should report rather than import.
	Extra []string
}

// Errors the GUI translates; match them with errors.Is.
var (
	// ErrNotATable: the file is neither CSV/TSV text nor an Excel workbook
	// (a PDF, a picture, an archive, unreadable bytes).
	ErrNotATable = errors.New("importer: not a CSV or Excel table")
	// ErrEmptyFile: the file or workbook has no header row or no data rows.
	ErrEmptyFile = errors.New("importer: no header or no data rows")
	// ErrDamagedWorkbook: the file starts like an .xlsx but cannot be read
	// (cut short by a download, or corrupted).
	ErrDamagedWorkbook = errors.New("importer: the Excel workbook is damaged or incomplete")
	// ErrOldOrLockedExcel: an Excel 97–2003 .xls or a password-protected
	// workbook; the user has to save it as .xlsx (without a password) or CSV.
	ErrOldOrLockedExcel = errors.New("importer: old .xls or password-protected workbook")
)

// FormatError says which file (and where in it) could not be read as a
// table. Err is one of the Err* values above; Cause is the underlying
// library error, if any.
type FormatError struct {
	Path   string
	Sheet  string // set when the problem is inside one sheet of a workbook
	Line   int    // set when the problem is at a known row
	Reason string // detail in plain English, for the log
	Err    error
	Cause  error
}

func (e *FormatError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ", sheet %q", e.Sheet)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ", row %d", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	return b.String()
}

func (e *FormatError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// ReadFile reads an order file by its content, not its extension (platforms
// and users rename files freely): an .xlsx workbook gives one table per
// non-empty sheet, anything else is read as CSV/TSV text and gives one.
// Every error names the file (path), once.
func ReadFile(path string) ([]Table, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()

	magic := make([]byte, 8)
	n, err := io.ReadFull(file, magic)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	magic = magic[:n]
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}

	var tables []Table
	switch {
	case isZip(magic):
		tables, err = ReadXLSX(file)
	case isOLE(magic):
		err = &FormatError{Reason: "Excel 97–2003 or password-protected workbook", Err: ErrOldOrLockedExcel}
	default:
		var t Table
		t, err = ReadCSV(filepath.Base(path), file)
		tables = []Table{t}
	}
	if err != nil {
		var fe *FormatError
		var pe *fs.PathError
		switch {
		case errors.As(err, &fe):
			fe.Path = path
		case errors.As(err, &pe): // names the file already
		default:
			err = fmt.Errorf("read %s: %w", path, err)
		}
		return nil, err
	}
	return tables, nil
}

func isZip(magic []byte) bool { return strings.HasPrefix(string(magic), "PK\x03\x04") }

// isOLE matches the compound-file container of .xls files, which Excel
// also uses to wrap encrypted .xlsx workbooks.
func isOLE(magic []byte) bool {
	return strings.HasPrefix(string(magic), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

// Column returns the index of the first header cell that matches any of the
// names, or -1. Matching ignores case, spaces, underscores, hyphens, a BOM,
// quotes around the name and full-width forms, because the same column is
// spelt "Order ID", "order_id", "order-id" and "订单编号 " by different
// exports.
func (t *Table) Column(names ...string) int {
	for _, name := range names {
		want := headerKey(name)
		for i, h := range t.Header {
			if headerKey(h) == want {
				return i
			}
		}
	}
	return -1
}

func headerKey(s string) string {
	s = width.Fold.String(s)
	s = strings.TrimFunc(s, isBlank)
	for len(s) >= 2 && ((s[0] == '"' && s[len(s)-1] == '"') || (s[0] == '\'' && s[len(s)-1] == '\'')) {
		s = strings.TrimFunc(s[1:len(s)-1], isBlank)
	}
	return strings.Map(func(r rune) rune {
		if isBlank(r) || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// isBlank is white space plus the invisible characters that spreadsheets
// and web pages leave around values: BOM and zero-width space.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

// cleanCell undoes what platforms do to keep Excel from mangling a value:
// ="3372874982348239101" (Taobao, Excel exports) and a leading apostrophe
// ('13800000000, Shopify's '02128 zip codes) both mean "this is text".
// Surrounding white space, including no-break and ideographic spaces, goes.
func cleanCell(s string) string {
	s = strings.TrimFunc(s, isBlank)
	if len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) {
		s = strings.ReplaceAll(s[2:len(s)-1], `""`, `"`)
		return strings.TrimFunc(s, isBlank)
	}
	// Only before a number (ids, phones, zips, dates): a product title may
	// really start with an apostrophe ('90s retro mug).
	if len(s) >= 2 && s[0] == '\'' && isNumberLike(s[1:]) {
		return s[1:]
	}
	return s
}

func isNumberLike(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case strings.ContainsRune("+-() .:/", r):
		default:
			return false
		}
	}
	return digits
}

// tableBuilder turns raw records into a Table: the first non-empty record
// is the header, later empty records are skipped, cells are cleaned and
// every row is cut or padded to the header's width.
type tableBuilder struct {
	table     Table
	hasHeader bool
}

func (b *tableBuilder) add(line int, record []string) {
	cells := make([]string, len(record))
	empty := true
	for i, c := range record {
		cells[i] = cleanCell(c)
		if cells[i] != "" {
			empty = false
		}
	}
	if empty {
		return
	}
	if !b.hasHeader {
		b.hasHeader = true
		b.table.Header = trimTrailingEmpty(cells)
		return
	}
	width := len(b.table.Header)
	row := Row{Line: line}
	if len(cells) >= width {
		row.Cells = cells[:width:width]
		if extra := trimTrailingEmpty(cells[width:]); len(extra) > 0 {
			row.Extra = extra
		}
	} else {
		row.Cells = append(cells, make([]string, width-len(cells))...)
	}
	b.table.Rows = append(b.table.Rows, row)
}

func trimTrailingEmpty(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n:n]
}
