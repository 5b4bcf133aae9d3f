package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// maxUnzippedSize bounds what a workbook may expand to. 100,000 orders are
// a few hundred MB of sheet XML; a "zip bomb" is more.
const maxUnzippedSize = 1 << 30

// Text of date and time cells.
const (
	dateTimeLayout = "2006-01-02 15:04:05"
	timeLayout     = "15:04:05"
)

// ReadXLSX reads every sheet of an .xlsx workbook that has a header and data
// rows. Cells come out as their stored value, not as Excel would display
// them: 6.95 and not "6.9500000000000002" or "6.95 ¥", 13800138000 and not
// "1.38E+10"; date and time cells as "2006-01-02 15:04:05" or "15:04:05".
// Numbers past Excel's 15 significant digits read as Excel shows them,
// 3.37287498234824E+18: the digits beyond are not trustworthy.
// excelize reads the whole workbook file into memory (it is compressed and
// small) but streams each sheet row by row.
func ReadXLSX(r io.Reader) (tables []Table, err error) {
	// excelize parses XML that anyone can write; a broken file must end in
	// an error the user can act on, never in a crash of the desk.
	defer func() {
		if p := recover(); p != nil {
			tables = nil
			err = &FormatError{Reason: "the workbook cannot be read", Err: ErrDamagedWorkbook, Cause: fmt.Errorf("%v", p)}
		}
	}()

	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := checkZip(data); err != nil {
		if errors.Is(err, errNotWorkbook) {
			return nil, &FormatError{Reason: "a zip archive, not an Excel workbook", Err: ErrNotATable}
		}
		return nil, openError(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzippedSize})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, openError(err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()

	if err := showStoredValues(f); err != nil {
		return nil, &FormatError{Reason: "the workbook's cell formats cannot be read", Err: ErrDamagedWorkbook, Cause: err}
	}
	// Mac Excel once counted dates from 1904; such workbooks still exist.
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, &FormatError{Reason: "the workbook's settings cannot be read", Err: ErrDamagedWorkbook, Cause: err}
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	for _, sheet := range f.GetSheetList() {
		t, err := readSheet(f, sheet, date1904)
		if err != nil {
			return nil, err
		}
		if len(t.Rows) > 0 {
			tables = append(tables, t)
		}
	}
	if len(tables) == 0 {
		return nil, &FormatError{Reason: "no sheet has a header row and data rows", Err: ErrEmptyFile}
	}
	return tables, nil
}

var (
	errTooLarge    = errors.New("the workbook expands to more than 1 GB")
	errNotWorkbook = errors.New("no spreadsheet parts in the archive")
)

// checkZip reads every part of the workbook once before excelize opens it.
// excelize allocates whatever size a part's header claims and ignores
// checksum errors, so a damaged file could take gigabytes of memory or lose
// rows without a word; archive/zip checks sizes and checksums. It costs
// about 4% of reading a workbook.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var total uint64
	spreadsheet := false
	for _, part := range zr.File {
		spreadsheet = spreadsheet || strings.HasPrefix(part.Name, "xl/")
		total += part.UncompressedSize64
		if total > maxUnzippedSize {
			return errTooLarge
		}
		rc, err := part.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", part.Name, err)
		}
	}
	if !spreadsheet {
		return errNotWorkbook
	}
	return nil
}

func openError(err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return &FormatError{Reason: "Excel 97–2003 or password-protected workbook", Err: ErrOldOrLockedExcel, Cause: err}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum),
		errors.Is(err, io.ErrUnexpectedEOF):
		return &FormatError{Reason: "the workbook is incomplete or corrupted", Err: ErrDamagedWorkbook, Cause: err}
	}
	return &FormatError{Reason: "the workbook cannot be opened", Err: ErrDamagedWorkbook, Cause: err}
}

func readSheet(f *excelize.File, sheet string, date1904 bool) (Table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return Table{}, &FormatError{Sheet: sheet, Reason: "the sheet cannot be read", Err: ErrDamagedWorkbook, Cause: err}
	}
	defer rows.Close()
	var b tableBuilder
	// Next also stops at rows missing from the file, so counting its calls
	// gives the row number Excel shows.
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns()
		if err != nil {
			return Table{}, &FormatError{Sheet: sheet, Line: line, Reason: "the row cannot be read", Err: ErrDamagedWorkbook, Cause: err}
		}
		for i, c := range cells {
			cells[i] = dateText(c, date1904)
		}
		b.add(line, cells)
	}
	if err := rows.Error(); err != nil {
		return Table{}, &FormatError{Sheet: sheet, Line: line, Reason: "the sheet cannot be read", Err: ErrDamagedWorkbook, Cause: err}
	}
	b.table.Name = sheet
	return b.table, nil
}

// noNumberFormat is a format id that is neither built in nor defined in any
// workbook; excelize then returns a number cell's stored value unchanged.
const noNumberFormat = -1

// Date and time cells are read through a number format that writes the
// serial date with nine decimals (a tenth of a millisecond) behind a
// private-use character, which real cell text does not contain; dateText
// turns that into a date. excelize's own date formatting would do it too,
// but takes three times as long as all the rest of reading a sheet.
const (
	dateMark = "\uE000"
	timeMark = "\uE001"
)

// showStoredValues makes excelize's rows iterator give the text an importer
// needs. The iterator applies each cell's number format, which turns 6.95
// into "6.95 ¥", an order number into "2.03E+10" and a date into "11/2/26
// 10:15" (or leaves a Chinese date format's serial number, 46328.43). So
// every cell style of this in-memory copy is pointed at one of three
// formats: none for numbers and text, a marked serial number for dates and
// for times. Nothing is saved back.
//
// excelize has no call to change a style in place; its exported Styles
// field is the workbook's parsed styles.xml, which it consults on every read.
func showStoredValues(f *excelize.File) error {
	dateFormat, err := customNumberFormat(f, `"`+dateMark+`"0.000000000`)
	if err != nil {
		return err
	}
	timeFormat, err := customNumberFormat(f, `"`+timeMark+`"0.000000000`)
	if err != nil {
		return err
	}
	s := f.Styles
	if s == nil || s.CellXfs == nil {
		return nil
	}
	custom := map[int]string{}
	if s.NumFmts != nil {
		for _, nf := range s.NumFmts.NumFmt {
			if nf == nil {
				continue
			}
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	for i := range s.CellXfs.Xf {
		xf := &s.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		var kind valueKind
		if code, ok := custom[id]; ok {
			kind = formatCodeKind(code)
		} else {
			kind = builtInFormatKind(id)
		}
		target := noNumberFormat
		switch kind {
		case dateValue:
			target = dateFormat
		case timeValue:
			target = timeFormat
		}
		xf.NumFmtID = &target
	}
	return nil
}

// dateText turns a marked serial date from showStoredValues into
// "2006-01-02 15:04:05" (dates) or "15:04:05" (times), to the nearest
// second as Excel shows it; a value that is no date (negative, past the
// year 9999) stays a plain number. Other text passes unchanged.
func dateText(cell string, date1904 bool) string {
	isTime := strings.Contains(cell, timeMark)
	if !isTime && !strings.Contains(cell, dateMark) {
		return cell
	}
	// A negative value has its minus sign before the mark.
	text := strings.NewReplacer(dateMark, "", timeMark, "").Replace(cell)
	serial, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return text
	}
	// Excel's calendar runs from 1900 (or 1904) to the end of 9999.
	if serial < 0 || serial > 2958465 || math.IsNaN(serial) {
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	if isTime {
		seconds := int64(math.Round((serial - math.Floor(serial)) * 86400))
		return time.Unix(seconds, 0).UTC().Format(timeLayout)
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	return t.Round(time.Second).Format(dateTimeLayout)
}

// customNumberFormat returns the id of a custom number format with code,
// adding it to the workbook's styles through excelize's public API.
func customNumberFormat(f *excelize.File, code string) (int, error) {
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return 0, err
	}
	xfs := f.Styles.CellXfs
	if xfs == nil || style < 0 || style >= len(xfs.Xf) || xfs.Xf[style].NumFmtID == nil {
		return 0, fmt.Errorf("number format %q was not added", code)
	}
	return *xfs.Xf[style].NumFmtID, nil
}

type valueKind int

const (
	plainValue valueKind = iota
	dateValue
	timeValue
)

// builtInFormatKind classifies Excel's built-in number formats (ECMA-376
// part 1, 18.8.30), including the East Asian and Thai date formats that
// Excel on Chinese Windows writes as ids 27–36 and 50–58.
func builtInFormatKind(id int) valueKind {
	switch {
	case 14 <= id && id <= 17, id == 22, 27 <= id && id <= 31, id == 36,
		50 <= id && id <= 54, id == 57, id == 58, 71 <= id && id <= 74, id == 77, id == 81:
		return dateValue
	case 18 <= id && id <= 21, 32 <= id && id <= 35, 45 <= id && id <= 47,
		id == 55, id == 56, id == 75, id == 76, 78 <= id && id <= 80:
		return timeValue
	}
	return plainValue
}

// formatCodeKind classifies a custom number format code by the date and
// time letters outside quoted text, escapes, [colour]/[$currency] brackets
// and AM/PM markers: y or d make a date, h or s a time, and m is the month
// unless it stands with h or s.
func formatCodeKind(code string) valueKind {
	var year, day, month, hour, second bool
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code) // the first section decides
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++ // the next character is literal, padding or fill
		case '[':
			end := i + 1
			for end < len(code) && code[end] != ']' {
				end++
			}
			// [h], [mm], [ss] are elapsed time; other brackets hold a
			// colour, a condition or a locale.
			if inner := strings.ToLower(code[i+1 : end]); inner != "" && strings.Trim(inner, "hms") == "" {
				hour = true
			}
			i = end
		case 'A', 'a':
			if hasPrefixFold(code[i:], "am/pm") {
				i += len("am/pm") - 1
			} else if hasPrefixFold(code[i:], "a/p") {
				i += len("a/p") - 1
			}
		case 'y', 'Y':
			year = true
		case 'd', 'D':
			day = true
		case 'm', 'M':
			month = true
		case 'h', 'H':
			hour = true
		case 's', 'S':
			second = true
		}
	}
	switch {
	case year || day || (month && !hour && !second):
		return dateValue
	case hour || second:
		return timeValue
	}
	return plainValue
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
