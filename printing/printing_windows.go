//go:build windows

package printing

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// The Windows print spooler, called directly (no cgo): the printers it
// knows, and a document in the RAW datatype for ZPL. A PDF goes to the
// program Windows has for printing PDFs ("printto"), since the spooler
// itself does not render PDF.
var (
	winspool             = syscall.NewLazyDLL("winspool.drv")
	procEnumPrinters     = winspool.NewProc("EnumPrintersW")
	procGetDefault       = winspool.NewProc("GetDefaultPrinterW")
	procOpenPrinter      = winspool.NewProc("OpenPrinterW")
	procClosePrinter     = winspool.NewProc("ClosePrinter")
	procStartDocPrinter  = winspool.NewProc("StartDocPrinterW")
	procEndDocPrinter    = winspool.NewProc("EndDocPrinter")
	procStartPagePrinter = winspool.NewProc("StartPagePrinter")
	procEndPagePrinter   = winspool.NewProc("EndPagePrinter")
	procWritePrinter     = winspool.NewProc("WritePrinter")
	shell32              = syscall.NewLazyDLL("shell32.dll")
	procShellExecute     = shell32.NewProc("ShellExecuteW")
)

const (
	printerEnumLocal       = 0x2
	printerEnumConnections = 0x4
)

// printerInfo4 is PRINTER_INFO_4W.
type printerInfo4 struct {
	name       *uint16
	server     *uint16
	attributes uint32
}

// docInfo1 is DOC_INFO_1W.
type docInfo1 struct {
	docName    *uint16
	outputFile *uint16
	datatype   *uint16
}

func printers(ctx context.Context) ([]Printer, error) {
	if err := winspool.Load(); err != nil {
		return nil, ErrNoSpooler
	}
	flags := uintptr(printerEnumLocal | printerEnumConnections)
	var needed, returned uint32
	procEnumPrinters.Call(flags, 0, 4, 0, 0, uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if needed == 0 {
		return nil, nil
	}
	buf := make([]byte, needed)
	r, _, err := procEnumPrinters.Call(flags, 0, 4, uintptr(unsafe.Pointer(&buf[0])), uintptr(needed),
		uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if r == 0 {
		return nil, &ListError{Reason: err.Error()}
	}
	def := defaultPrinter()
	infos := unsafe.Slice((*printerInfo4)(unsafe.Pointer(&buf[0])), returned)
	list := make([]Printer, 0, len(infos))
	for _, in := range infos {
		name := utf16String(in.name)
		list = append(list, Printer{Name: name, Default: name == def})
	}
	return list, nil
}

func defaultPrinter() string {
	var n uint32
	procGetDefault.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return ""
	}
	buf := make([]uint16, n)
	if r, _, _ := procGetDefault.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))); r == 0 {
		return ""
	}
	return syscall.UTF16ToString(buf)
}

func utf16String(p *uint16) string {
	if p == nil {
		return ""
	}
	n := 0
	for ptr := unsafe.Pointer(p); *(*uint16)(ptr) != 0; n++ {
		ptr = unsafe.Add(ptr, 2)
	}
	return syscall.UTF16ToString(unsafe.Slice(p, n))
}

func send(ctx context.Context, printer string, kind Kind, title string, doc []byte) error {
	if kind == PDF {
		return printPDF(printer, doc)
	}
	if err := winspool.Load(); err != nil {
		return ErrNoSpooler
	}
	name, err := syscall.UTF16PtrFromString(printer)
	if err != nil {
		return err
	}
	var h syscall.Handle
	if r, _, err := procOpenPrinter.Call(uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(&h)), 0); r == 0 {
		return &RefusedError{Printer: printer, Reason: err.Error()}
	}
	defer procClosePrinter.Call(uintptr(h))
	doc16, _ := syscall.UTF16PtrFromString(title)
	raw, _ := syscall.UTF16PtrFromString("RAW")
	di := docInfo1{docName: doc16, datatype: raw}
	if r, _, err := procStartDocPrinter.Call(uintptr(h), 1, uintptr(unsafe.Pointer(&di))); r == 0 {
		return &RefusedError{Printer: printer, Reason: err.Error()}
	}
	defer procEndDocPrinter.Call(uintptr(h))
	if r, _, err := procStartPagePrinter.Call(uintptr(h)); r == 0 {
		return &RefusedError{Printer: printer, Reason: err.Error()}
	}
	defer procEndPagePrinter.Call(uintptr(h))
	for len(doc) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		var written uint32
		r, _, err := procWritePrinter.Call(uintptr(h), uintptr(unsafe.Pointer(&doc[0])), uintptr(len(doc)),
			uintptr(unsafe.Pointer(&written)))
		if r == 0 || written == 0 {
			return &RefusedError{Printer: printer, Reason: err.Error()}
		}
		doc = doc[written:]
	}
	return nil
}

// printPDF hands the PDF to the program registered for printing PDFs to
// a named printer. The file stays in the temporary folder: the program
// reads it after this returns.
func printPDF(printer string, doc []byte) error {
	f, err := os.CreateTemp("", "orderdesk-*.pdf")
	if err != nil {
		return err
	}
	if _, err := f.Write(doc); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	verb, _ := syscall.UTF16PtrFromString("printto")
	file, _ := syscall.UTF16PtrFromString(f.Name())
	args, _ := syscall.UTF16PtrFromString(`"` + printer + `"`)
	r, _, _ := procShellExecute.Call(0, uintptr(unsafe.Pointer(verb)), uintptr(unsafe.Pointer(file)), uintptr(unsafe.Pointer(args)), 0, 0)
	if r <= 32 {
		// No PDF program offers "print to": the viewer is the way.
		return &RefusedError{Printer: printer, Reason: fmt.Sprintf("no program on this computer prints PDFs to a printer (code %d); open it in the viewer instead", r)}
	}
	return nil
}
