package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetPapers are the paper sizes sheets print on: excelize's paperSize
// code and the page's width in portrait, in inches.
var sheetPapers = map[Paper]struct {
	code  int
	width float64
}{
	PaperA4:     {9, 210 / 25.4},
	PaperLetter: {1, 8.5},
}

const (
	sideMargin    = 0.5  // inches, left and right: the page's width is what decides its orientation
	endMargin     = 0.75 // top and bottom, with room for the page header and footer
	headerMargin  = 0.3
	pixelsPerInch = 96
	// pixelsPerWidth is one unit of column width: the digit "0" of the
	// default 11 pt font, 7 px at 96 dpi.
	pixelsPerWidth = 7
	// Excel allows 255 UTF-16 units per page header; the title gets at
	// most this many, doubled at worst by escaping its ampersands.
	maxHeaderTitle = 100
)

// printing is how every sheet of a workbook prints: on the shop's paper,
// as wide as the page, its header rows repeated on each page, the
// workbook's title and the tab's name above, the page number below.
type printing struct {
	paper  Paper
	header string // in Excel's &-codes
	footer string
}

func newPrinting(wb Workbook) printing {
	paper := wb.Paper
	if _, ok := sheetPapers[paper]; !ok {
		paper = PaperA4
	}
	page := wb.PageLabel
	if page == "" {
		page = "Page {n} of {total}"
	}
	page = strings.NewReplacer("{n}", "&P", "{total}", "&N").Replace(headerText(page))
	header := "&R&A"
	if wb.Title != "" {
		header = "&L" + headerText(truncateUTF16(wb.Title, maxHeaderTitle)) + header
	}
	return printing{paper: paper, header: header, footer: "&C" + page}
}

// headerText is s as literal text of a page header: & starts a code there.
func headerText(s string) string {
	return strings.ReplaceAll(s, "&", "&&")
}

// set gives tab its page setup. A data sheet gets it before it is
// streamed: the StreamWriter writes <sheetPr> when it is created, and the
// rest of the setup when it is flushed. titleRows are the rows repeated at
// the top of every page; onePage fits the sheet on one page, not only to
// the page's width.
func (p printing) set(f *excelize.File, tab string, titleRows int, onePage bool) error {
	fit := true
	if err := f.SetSheetProps(tab, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	wide, tall := 1, 0 // 0: as many pages tall as the rows need
	if onePage {
		tall = 1
	}
	size := sheetPapers[p.paper].code
	if err := f.SetPageLayout(tab, &excelize.PageLayoutOptions{Size: &size, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	side, end, header := sideMargin, endMargin, headerMargin
	if err := f.SetPageMargins(tab, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &end, Bottom: &end, Header: &header, Footer: &header}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(tab, &excelize.HeaderFooterOptions{OddHeader: p.header, OddFooter: p.footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: tab,
		RefersTo: sheetPrefix(tab) + "$1:$" + strconv.Itoa(titleRows)})
}

// orient turns tab landscape when what it prints, width pixels wide, is
// wider than a portrait page; fitting to the page's width shrinks what is
// wider still.
func (p printing) orient(f *excelize.File, tab string, width float64) error {
	orientation := "portrait"
	if width > (sheetPapers[p.paper].width-2*sideMargin)*pixelsPerInch {
		orientation = "landscape"
	}
	return f.SetPageLayout(tab, &excelize.PageLayoutOptions{Orientation: &orientation})
}

// sheetPrefix is how a formula names tab: 'Sales by day'!
func sheetPrefix(tab string) string {
	return "'" + strings.ReplaceAll(tab, "'", "''") + "'!"
}

// usedRange is the range from A1 to the last column and row, as a
// sheet's dimension: one cell is "A1", not "A1:A1".
func usedRange(cols, rows int) string {
	last, _ := excelize.CoordinatesToCellName(cols, rows)
	if last == "A1" {
		return last
	}
	return "A1:" + last
}

// streamedDimension is the size excelize v2.11 gives every streamed sheet:
// the StreamWriter writes the <dimension> element when it is created,
// before any row, and never updates it.
const streamedDimension = `<dimension ref="A1"></dimension>`

// maxDimensionHead is how far into a streamed sheet's part the element
// is looked for; it comes before the columns and rows.
const maxDimensionHead = 64 << 10

// dimensionZip writes the package, setting each streamed sheet's real
// dimension as its part goes into the zip, where nothing is compressed
// yet and only the part's first bytes are held back.
type dimensionZip struct {
	*zip.Writer
	refs    map[string]string // part name → used range
	patches map[string]*dimensionPatch
}

// streamedDimensions gives excelize a zip writer that sets the
// dimensions of the streamed sheets, tab → used range.
func streamedDimensions(f *excelize.File, dims map[string]string) {
	refs := make(map[string]string, len(dims))
	// excelize names a new sheet's part after its sheetId.
	for id, tab := range f.GetSheetMap() {
		if ref, ok := dims[tab]; ok {
			refs["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = ref
		}
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &dimensionZip{Writer: zip.NewWriter(w), refs: refs, patches: map[string]*dimensionPatch{}}
	})
}

func (z *dimensionZip) Create(name string) (io.Writer, error) {
	w, err := z.Writer.Create(name)
	ref, ok := z.refs[name]
	if err != nil || !ok {
		return w, err
	}
	p := &dimensionPatch{w: w, ref: ref}
	z.patches[name] = p
	return p, nil
}

// Close fails if a streamed sheet went out without its dimension.
func (z *dimensionZip) Close() error {
	for _, name := range slices.Sorted(maps.Keys(z.refs)) {
		if p := z.patches[name]; p == nil || !p.done {
			z.Writer.Close()
			return fmt.Errorf("%s: no %s to set to %s", name, streamedDimension, z.refs[name])
		}
	}
	return z.Writer.Close()
}

// dimensionPatch replaces the streamed dimension at the start of one part
// and passes the rest through.
type dimensionPatch struct {
	w    io.Writer
	ref  string
	head []byte // held back until the element is in it
	done bool
}

func (p *dimensionPatch) Write(b []byte) (int, error) {
	if p.done {
		return p.w.Write(b)
	}
	take := min(len(b), maxDimensionHead-len(p.head))
	p.head = append(p.head, b[:take]...)
	i := bytes.Index(p.head, []byte(streamedDimension))
	if i < 0 {
		if len(p.head) == maxDimensionHead {
			return 0, fmt.Errorf("no %s in the first %d bytes of a streamed sheet", streamedDimension, maxDimensionHead)
		}
		return len(b), nil
	}
	p.done = true
	for _, part := range [][]byte{p.head[:i], []byte(`<dimension ref="` + p.ref + `"/>`),
		p.head[i+len(streamedDimension):], b[take:]} {
		if _, err := p.w.Write(part); err != nil {
			return 0, err
		}
	}
	p.head = nil
	return len(b), nil
}
