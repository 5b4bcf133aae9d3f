package importer

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a file is looked at to decide its encoding and
// whether it is text at all; big enough for any header line and the first
// rows of Chinese text, small next to a 50 MB export.
const sniffSize = 64 << 10

// utf8Text returns the text of r as UTF-8, whichever of the encodings that
// shops meet it is in: UTF-8 with or without BOM (Shopify, WooCommerce),
// GB18030/GBK (Taobao, Excel on Chinese Windows), UTF-16 (Excel's "Unicode
// text"). It reads ahead at most sniffSize bytes; the rest streams.
func utf8Text(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	switch {
	case len(head) == 0:
		return nil, &FormatError{Reason: "the file is empty", Err: ErrEmptyFile}
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		// ExpectBOM reads the byte order from the BOM and drops it.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return transform.NewReader(br, dec), nil
	}
	if order, ok := utf16WithoutBOM(head); ok {
		return transform.NewReader(br, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()), nil
	}
	if looksBinary(head) {
		return nil, &FormatError{Reason: "the file holds binary data, not text", Err: ErrNotATable}
	}
	return &sniffingReader{br: br}, nil
}

// utf16WithoutBOM recognises UTF-16 text whose BOM was lost (some tools
// write it so). Delimiters, digits and line breaks are ASCII, so one byte of
// every such pair is zero, nearly always at the same parity; binary files
// have their zeros anywhere.
func utf16WithoutBOM(head []byte) (unicode.Endianness, bool) {
	n := min(len(head), 4096) &^ 1
	if n < 8 {
		return unicode.LittleEndian, false
	}
	var zeroEven, zeroOdd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			zeroEven++
		}
		if head[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := n / 2
	switch {
	case zeroOdd*10 >= pairs && zeroEven*10 <= zeroOdd:
		return unicode.LittleEndian, true
	case zeroEven*10 >= pairs && zeroOdd*10 <= zeroEven:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// looksBinary reports a NUL or a noticeable share of control characters,
// which text exports never contain.
func looksBinary(head []byte) bool {
	controls := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A:
			controls++
		}
	}
	return controls*100 > len(head)
}

// sniffingReader passes ASCII through and decides between UTF-8 and
// GB18030 at the first non-ASCII byte, looking at up to sniffSize bytes from
// there. ASCII is the same in both, so nothing read before the decision is
// wrong, and a file whose first rows are all ASCII is still judged by its
// Chinese text further down.
type sniffingReader struct {
	br      *bufio.Reader
	decided io.Reader
}

func (s *sniffingReader) Read(p []byte) (int, error) {
	if s.decided != nil {
		return s.decided.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if _, err := s.br.Peek(1); err != nil {
		return 0, err
	}
	buffered, _ := s.br.Peek(min(s.br.Buffered(), len(p)))
	ascii := 0
	for ascii < len(buffered) && buffered[ascii] < utf8.RuneSelf {
		ascii++
	}
	if ascii > 0 {
		return s.br.Read(p[:ascii])
	}
	sample, err := s.br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return 0, err
	}
	if mostlyUTF8(sample, err == io.EOF) {
		s.decided = s.br
	} else {
		s.decided = transform.NewReader(s.br, simplifiedchinese.GB18030.NewDecoder())
	}
	return s.decided.Read(p)
}

// mostlyUTF8 reports whether sample is UTF-8 text. One stray byte (a
// Latin-1 "é" pasted into an otherwise UTF-8 file) should not turn the whole
// file into GB18030 mojibake, while GBK text read as UTF-8 is invalid almost
// everywhere; so a few invalid bytes among many valid multi-byte characters
// still count as UTF-8.
func mostlyUTF8(sample []byte, atEOF bool) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(sample[i:]) {
				break // a character cut by the end of the sample
			}
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return invalid == 0 || valid >= 20*invalid
}
