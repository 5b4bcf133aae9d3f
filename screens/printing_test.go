package screens

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"orderdesk/app"
	"orderdesk/printing"
)

// No screen test asks the machine's spooler, nor looks it up on a
// goroutine of its own (the test driver runs fyne.Do on the caller's
// goroutine, which would race the test): the computer has no printers,
// found at once, unless a test's fakeSpooler says otherwise.
func init() {
	listPrinters = func(context.Context) ([]printing.Printer, error) { return nil, printing.ErrNoPrinters }
	sendToPrinter = func(context.Context, string, printing.Kind, string, []byte) error { return printing.ErrNoPrinters }
	lookUpPrinters = func(f func()) { f() }
}

// sentJob is a document the fake spooler took.
type sentJob struct {
	printer, title string
	kind           printing.Kind
	doc            []byte
}

// fakeSpooler plays the system's printers: list (or fail with listErr),
// record what is sent, refuse with sendErr.
func fakeSpooler(t *testing.T, list []printing.Printer, listErr, sendErr error) *[]sentJob {
	t.Helper()
	var jobs []sentJob
	l, s, look := listPrinters, sendToPrinter, lookUpPrinters
	t.Cleanup(func() { listPrinters, sendToPrinter, lookUpPrinters = l, s, look })
	listPrinters = func(context.Context) ([]printing.Printer, error) { return list, listErr }
	sendToPrinter = func(_ context.Context, printer string, kind printing.Kind, title string, doc []byte) error {
		if sendErr != nil {
			return sendErr
		}
		jobs = append(jobs, sentJob{printer, title, kind, doc})
		return nil
	}
	lookUpPrinters = func(f func()) { f() }
	return &jobs
}

// selectIn is the first choice under o.
func selectIn(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if s, ok := obj.(*widget.Select); ok {
			return s
		}
	}
	t.Fatalf("no choice in:\n%s", texts(o))
	return nil
}

func checkBoxIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if c, ok := obj.(*widget.Check); ok && c.Text == text {
			return c
		}
	}
	t.Fatalf("no %q check in:\n%s", text, texts(o))
	return nil
}

func radioIn(t *testing.T, o fyne.CanvasObject, option string) *widget.RadioGroup {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if r, ok := obj.(*widget.RadioGroup); ok {
			for _, v := range r.Options {
				if v == option {
					return r
				}
			}
		}
	}
	t.Fatalf("no choice of %q in:\n%s", option, texts(o))
	return nil
}

// TestLabelsForAThermalPrinter: the label dialog writes ZPL at the chosen
// resolution straight to the label printer, raw; the next time it comes
// back with ZPL, 300 dpi and that printer chosen, and the PDF keeps its
// own printer (the viewer).
func TestLabelsForAThermalPrinter(t *testing.T) {
	f := fulfilShop(t)
	jobs := fakeSpooler(t, []printing.Printer{{Name: "Office"}, {Name: "Zebra_GK420d", Default: true}}, nil, nil)
	sh := f.packed(t, f.first)
	s, w := openFulfilment(t, f)
	notice := listenNotices(t, w)

	s.printLabelsFor([]int64{sh.ID}, nil)
	ask := dialogOnTop(t, w)
	where := selectIn(t, ask)
	if strings.Join(where.Options, "|") != "Open in the viewer|Zebra_GK420d|Office" || where.Selected != "Open in the viewer" {
		t.Fatalf("print to %q of %q, want the viewer first, then the default printer", where.Selected, where.Options)
	}
	test.Tap(checkBoxIn(t, ask, "Labels for a thermal printer (ZPL)"))
	if contains(where.Options, "Open in the viewer") {
		t.Errorf("ZPL offers the viewer: %q", where.Options)
	}
	radioIn(t, ask, "300 dpi").SetSelected("300 dpi")
	where.SetSelected("Zebra_GK420d")
	tapIn(t, ask, "Print")

	if len(*jobs) != 1 {
		t.Fatalf("%d jobs sent", len(*jobs))
	}
	job := (*jobs)[0]
	if job.printer != "Zebra_GK420d" || job.kind != printing.Raw || !strings.HasSuffix(job.title, ".zpl") {
		t.Errorf("sent %q to %s as %v", job.title, job.printer, job.kind)
	}
	zpl := string(job.doc)
	if !strings.HasPrefix(zpl, "^XA\n^CI28\n^PW1181\n^LL1772\n") || !strings.Contains(zpl, "^FD"+sh.Number+"^FS") {
		t.Errorf("not a 300 dpi label for %s:\n%.300s", sh.Number, zpl)
	}
	if said := notice.text.Text; !strings.Contains(said, "is sent to the printer Zebra_GK420d") {
		t.Errorf("the window says %q", said)
	}
	if len(written(t)) != 0 {
		t.Errorf("printing straight to the printer left files: %v", written(t))
	}

	// Next time: ZPL, 300 dpi, the label printer.
	s.printLabelsFor([]int64{sh.ID}, nil)
	ask = dialogOnTop(t, w)
	where = selectIn(t, ask)
	if !checkBoxIn(t, ask, "Labels for a thermal printer (ZPL)").Checked || radioIn(t, ask, "300 dpi").Selected != "300 dpi" ||
		where.Selected != "Zebra_GK420d" {
		t.Errorf("the dialog forgot: ZPL %v, %q, printer %q", checkBoxIn(t, ask, "Labels for a thermal printer (ZPL)").Checked,
			radioIn(t, ask, "300 dpi").Selected, where.Selected)
	}
	// The PDF labels keep their own choice: the viewer.
	test.Tap(checkBoxIn(t, ask, "Labels for a thermal printer (ZPL)"))
	if where.Selected != "Open in the viewer" {
		t.Errorf("PDF labels go to %q", where.Selected)
	}
	tapIn(t, ask, "Open to print")
	if files := written(t); len(files) != 1 {
		t.Errorf("the PDF went to %v", files)
	}
}

// TestPrintingProblemsAreSaid: no printing service leaves ZPL nowhere to
// go and says why; a printer's refusal shows in the user's words.
func TestPrintingProblemsAreSaid(t *testing.T) {
	f := fulfilShop(t)
	sh := f.packed(t, f.first)
	s, w := openFulfilment(t, f)

	fakeSpooler(t, nil, printing.ErrNoSpooler, nil)
	s.printLabelsFor([]int64{sh.ID}, nil)
	ask := dialogOnTop(t, w)
	if shown := texts(ask); strings.Contains(shown, "printing service") {
		t.Errorf("the PDF's dialog complains of the printing service though the viewer needs none:\n%s", shown)
	}
	test.Tap(checkBoxIn(t, ask, "Labels for a thermal printer (ZPL)"))
	if shown := texts(ask); !strings.Contains(shown, "No printer is set up on this computer") {
		t.Errorf("ZPL with no printer does not say so:\n%s", shown)
	}
	for _, obj := range test.LaidOutObjects(ask) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Print" && !b.Disabled() {
			t.Error("Print is offered with no printer")
		}
	}
	ask.Hide()

	fakeSpooler(t, []printing.Printer{{Name: "Zebra"}}, nil, &printing.RefusedError{Printer: "Zebra", Reason: "Printer is offline"})
	LoadTranslations("zh-Hans")
	t.Cleanup(func() { LoadTranslations("en") })
	s.printLabelsFor([]int64{sh.ID}, nil)
	ask = dialogOnTop(t, w)
	selectIn(t, ask).SetSelected("Zebra")
	tapIn(t, ask, "打印")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "打印机 Zebra 拒绝了文档：Printer is offline") {
		t.Errorf("the refusal is said as:\n%s", shown)
	}
}

// TestProductLabelsFromTheScreen: Print labels… on a product sends its
// labels, as many as asked, to the printer on the chosen sheet; receiving
// stock offers a label a unit received.
func TestProductLabelsFromTheScreen(t *testing.T) {
	ctx, svc, s, w := productScreen(t)
	jobs := fakeSpooler(t, []printing.Printer{{Name: "Office", Default: true}}, nil, nil)
	notice := listenNotices(t, w)
	p := productBySKU(t, ctx, svc, "TEA-BLC-250")
	s.Open(p.ID)
	s.tabs.SelectIndex(1)

	tapIn(t, w.Content(), "Print labels…")
	ask := dialogOnTop(t, w)
	copies := entryIn(t, ask)
	copies.SetText("0")
	tapIn(t, ask, "Open to print")
	if shown := texts(dialogOnTop(t, w)); !strings.Contains(shown, "Enter how many labels, from 1 to 1000") {
		t.Fatalf("0 labels is not refused:\n%s", shown)
	}
	copies.SetText("22")
	radioIn(t, ask, "A4 sheet, 3 × 7 labels of 70 × 42.3 mm").SetSelected("A4 sheet, 3 × 7 labels of 70 × 42.3 mm")
	selectIn(t, ask).SetSelected("Office")
	tapIn(t, ask, "Print")
	if len(*jobs) != 1 || (*jobs)[0].kind != printing.PDF || !strings.HasPrefix(string((*jobs)[0].doc), "%PDF") {
		t.Fatalf("sent: %+v", *jobs)
	}
	if text := pdfTextOf(t, (*jobs)[0].doc); text != "" {
		if n := strings.Count(text, p.SKU); n != 22 || strings.Count(text, "\f") != 2 {
			t.Errorf("%d labels of %s on %d pages, want 22 on 2 sheets of 21", n, p.SKU, strings.Count(text, "\f"))
		}
	}

	// Goods arrive: the window offers their labels, one a unit.
	test.Tap(shownButton(t, w.Content(), "Receive"))
	form := s.dialog
	form.bin.SetSelected(binNamed(t, s, "HZ C-3-4").String())
	test.Type(form.entries["qty"], "6")
	test.Tap(form.confirm)
	if said := notice.text.Text; said != "6 × TEA-BLC-250 received" || notice.offer.Text != "Print their labels…" {
		t.Fatalf("after receiving the window says %q, offering %q", said, notice.offer.Text)
	}
	test.Tap(notice.offer)
	ask = dialogOnTop(t, w)
	if got := entryIn(t, ask).Text; got != "6" {
		t.Errorf("the labels for what arrived are %s, want 6", got)
	}
	// The sheet and printer chosen last come back.
	if radioIn(t, ask, "A4 sheet, 3 × 7 labels of 70 × 42.3 mm").Selected != "A4 sheet, 3 × 7 labels of 70 × 42.3 mm" ||
		selectIn(t, ask).Selected != "Office" {
		t.Errorf("the dialog forgot the sheet or the printer")
	}
}

// TestBinLabelsFromSettings: Print bin labels… writes a ZPL label for
// every bin of the chosen warehouse to the label printer.
func TestBinLabelsFromSettings(t *testing.T) {
	ctx, svc := sampleShop(t)
	jobs := fakeSpooler(t, []printing.Printer{{Name: "Zebra"}}, nil, nil)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	e := NewWarehouseEditor(ctx, svc, w)
	e.background = func(f func()) { f() }
	w.SetContent(e.Content())
	w.Resize(fyne.NewSize(900, 600))
	if err := e.Update(ctx); err != nil {
		t.Fatal(err)
	}
	houses, _ := svc.Warehouses(ctx)
	var sz app.Warehouse
	for _, h := range houses {
		if h.Code == "SZ" {
			sz = h
		}
	}
	bins, _ := svc.Bins(ctx, sz.ID)
	// The label printer prints at 300 dpi, as chosen for the shipping
	// labels.
	fyne.CurrentApp().Preferences().SetInt(prefLabelsDPI, 300)

	tapIn(t, w.Content(), "Print bin labels…")
	ask := dialogOnTop(t, w)
	for _, obj := range test.LaidOutObjects(ask) {
		if s, ok := obj.(*widget.Select); ok && contains(s.Options, "SZ  "+sz.Name) {
			s.SetSelected("SZ  " + sz.Name)
		}
	}
	zpl := "Thermal printer, 50 × 25 mm labels (ZPL)"
	radioIn(t, ask, zpl).SetSelected(zpl)
	var where *widget.Select
	for _, obj := range test.LaidOutObjects(ask) {
		if s, ok := obj.(*widget.Select); ok && contains(s.Options, "Zebra") {
			where = s
		}
	}
	if where == nil || where.Selected != "Zebra" {
		t.Fatalf("the only label printer is not chosen for ZPL")
	}
	tapIn(t, ask, "Print")
	if len(*jobs) != 1 || (*jobs)[0].kind != printing.Raw {
		t.Fatalf("sent: %+v", *jobs)
	}
	got := string((*jobs)[0].doc)
	if n := strings.Count(got, "^XA"); n != len(bins) || len(bins) == 0 {
		t.Errorf("%d labels for %d bins of SZ", n, len(bins))
	}
	if !strings.Contains(got, "^PW591\n^LL295\n") {
		t.Errorf("the bin labels are not 50 × 25 mm at 300 dpi:\n%.200s", got)
	}
	if !strings.Contains(got, "^FD"+bins[0].Code+"^FS") {
		t.Errorf("the first bin %s is not on its label", bins[0].Code)
	}
}

// pdfTextOf is a PDF's text, pages ended by form feeds; "" where
// pdftotext (poppler-utils) is missing.
func pdfTextOf(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return ""
	}
	cmd := exec.Command(bin, "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
