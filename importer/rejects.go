package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"orderdesk/app"
)

// RejectsColumn heads the column of a rejects file that says what is
// wrong with each order; presets ignore it when the file comes back.
const RejectsColumn = "Import problem"

// RejectsExt is the rejects file's extension for these tables: a CSV for
// one table, a workbook (a sheet per table) for several, as Taobao's two
// reports or a workbook's sheets.
func RejectsExt(tables []Table) string {
	if len(tables) > 1 {
		return ".xlsx"
	}
	return ".csv"
}

// WriteRejects writes the rejected orders' rows as they came, with their
// problems in a first column, for the user to fix and import again: the
// orders imported meanwhile are skipped then, so nothing imports twice.
// It returns how many rows it wrote.
func WriteRejects(w io.Writer, tables []Table, parsed Parsed, rejected []app.ImportRejected) (int, error) {
	// A rejected order is found by its rows, not its id: presets name
	// orders as the platform shows them ("#1001", an eBay order number
	// beside its sales record number), while the rows are the file's.
	orderAt := map[string]string{} // table + row → the order of its source
	for _, src := range parsed.Sources {
		for _, l := range src.Lines {
			orderAt[fmt.Sprint(src.Table, "\x00", l)] = src.Order
		}
	}
	reasons := map[string][]string{} // source order → problems
	lone := map[string][]string{}    // table + row of a row without an order
	for _, r := range rejected {
		found := false
		for _, t := range tables {
			if r.Sheet != "" && r.Sheet != t.Name && len(tables) > 1 {
				continue
			}
			if order, ok := orderAt[fmt.Sprint(t.Name, "\x00", r.Row)]; ok && order != "" {
				reasons[order] = append(reasons[order], r.Reasons...)
				found = true
				break
			}
		}
		if !found {
			lone[fmt.Sprint(r.Sheet, "\x00", r.Row)] = r.Reasons
		}
	}
	type tableRows struct {
		table Table
		rows  [][]string
	}
	var out []tableRows
	total := 0
	for _, t := range tables {
		lines := map[int]string{}
		for _, src := range parsed.Sources {
			if why, ok := reasons[src.Order]; ok && src.Table == t.Name {
				for _, l := range src.Lines {
					lines[l] = strings.Join(slices.Compact(why), "; ")
				}
			}
		}
		for _, r := range t.Rows {
			for _, sheet := range []string{"", t.Name} {
				if why, ok := lone[fmt.Sprint(sheet, "\x00", r.Line)]; ok {
					lines[r.Line] = strings.Join(why, "; ")
				}
			}
		}
		tr := tableRows{table: t}
		for _, r := range t.Rows {
			if why, ok := lines[r.Line]; ok {
				tr.rows = append(tr.rows, append(append([]string{why}, r.Cells...), r.Extra...))
			}
		}
		total += len(tr.rows)
		out = append(out, tr)
	}
	if len(tables) <= 1 {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil { // Excel reads UTF-8 only with it
			return 0, err
		}
		cw := csv.NewWriter(w)
		for _, tr := range out {
			if err := cw.Write(append([]string{RejectsColumn}, tr.table.Header...)); err != nil {
				return 0, err
			}
			if err := cw.WriteAll(tr.rows); err != nil {
				return 0, err
			}
		}
		cw.Flush()
		return total, cw.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	first := true
	used := map[string]bool{}
	for _, tr := range out {
		name := sheetTitle(tr.table.Name, used)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return 0, err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return 0, err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return 0, err
		}
		for i, row := range append([][]string{append([]string{RejectsColumn}, tr.table.Header...)}, tr.rows...) {
			cells := make([]any, len(row))
			for j, c := range row {
				cells[j] = c // text, as it came: ids and zips keep their zeros
			}
			cellName, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cellName, cells); err != nil {
				return 0, err
			}
		}
		if err := sw.Flush(); err != nil {
			return 0, err
		}
	}
	return total, f.Write(w)
}

// sheetTitle makes a table's name a valid, unique sheet name: at most 31
// characters, none of : \ / ? * [ ].
func sheetTitle(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 28 {
		name = string(r[:28])
	}
	if name == "" {
		name = "Sheet"
	}
	title := name
	for i := 2; used[title]; i++ {
		title = fmt.Sprintf("%s %d", name, i)
	}
	used[title] = true
	return title
}
