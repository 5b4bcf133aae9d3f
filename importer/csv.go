package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// ReadCSV reads one CSV or TSV export. name is used as the table's name and
// in errors. The encoding and the delimiter (comma, semicolon or tab) are
// detected; the file is read once, record by record.
func ReadCSV(name string, r io.Reader) (Table, error) {
	t, err := readCSV(r)
	t.Name = name
	if err != nil {
		var fe *FormatError
		if errors.As(err, &fe) && fe.Path == "" {
			fe.Path = name
		}
		return Table{}, err
	}
	return t, nil
}

func readCSV(r io.Reader) (Table, error) {
	text, err := utf8Text(r)
	if err != nil {
		return Table{}, err
	}
	br := bufio.NewReaderSize(text, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return Table{}, err
	}
	if isZip(head) || isOLE(head) {
		return Table{}, &FormatError{Reason: "the file is a workbook or archive, not CSV text", Err: ErrNotATable}
	}

	// Excel writes and honours a first line "sep=;" naming the delimiter;
	// it does not show that line as a row, so rows are counted after it.
	comma, hinted := separatorHint(head)
	if hinted {
		if _, err := br.ReadString('\n'); err != nil && err != io.EOF {
			return Table{}, err
		}
	} else {
		comma = guessDelimiter(head)
	}

	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	var b tableBuilder
	row, prevEnd := 0, 0
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Table{}, &FormatError{Line: pe.StartLine, Reason: "the CSV text cannot be parsed", Err: ErrNotATable, Cause: err}
			}
			return Table{}, err
		}
		// Spreadsheets show each record as one row, a blank line as an
		// empty row, and a quoted cell's line breaks inside its row; count
		// rows the same way so the numbers match what the user sees.
		start, _ := cr.FieldPos(0)
		last := len(record) - 1
		lastStart, _ := cr.FieldPos(last)
		row += start - prevEnd
		prevEnd = lastStart + strings.Count(record[last], "\n")
		b.add(row, record)
	}
	if !b.hasHeader || len(b.table.Rows) == 0 {
		return Table{}, &FormatError{Reason: "no header row or no data rows", Err: ErrEmptyFile}
	}
	return b.table, nil
}

// separatorHint reads Excel's "sep=X" first line.
func separatorHint(head []byte) (rune, bool) {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) == 5 && bytes.EqualFold(line[:4], []byte("sep=")) {
		switch c := rune(line[4]); c {
		case ',', ';', '\t', '|':
			return c, true
		}
	}
	return 0, false
}

// guessDelimiter picks the delimiter that occurs most often, outside
// quotes, in the header line: comma for most exports, semicolon where Excel
// runs with a decimal comma (Germany, France), tab for Excel's "Unicode
// text", Amazon's flat files and copy-paste. Lines before the header that
// hold nothing but delimiters or spaces (eBay's report starts with one)
// are looked past.
func guessDelimiter(head []byte) rune {
	counts := map[rune]int{}
	quoted, text := false, false
	for _, c := range string(head) {
		if c == '"' {
			quoted, text = !quoted, true
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			if text {
				break
			}
			clear(counts)
			continue
		}
		if !strings.ContainsRune(",;\t| \r\uFEFF", c) {
			text = true
		}
		counts[c]++
	}
	best := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
