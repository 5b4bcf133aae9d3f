package reports

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/jung-kurt/gofpdf"
)

// logo is a picture registered with a document, and its size in pixels.
type logo struct {
	name          string
	width, height float64
}

// maxLogoPixels keeps a huge or forged picture from eating the memory
// while it is decoded: a letterhead logo needs far fewer.
const maxLogoPixels = 25_000_000

// registerLogo adds the shop's logo (PNG or JPEG, told apart by its first
// bytes) to the document. A logo that cannot be read is left out: a bad
// picture in the settings must never stop a letter going out.
func registerLogo(pdf *gofpdf.Fpdf, data []byte) (logo, bool) {
	var kind string
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		kind = "PNG"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		kind = "JPG"
	default:
		return logo{}, false
	}
	if pdf.Err() {
		return logo{}, false
	}
	cfg, err := decodeConfig(kind, data)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxLogoPixels {
		return logo{}, false
	}
	// Decoding it whole catches a truncated or corrupt file that gofpdf
	// would copy into the document unchecked.
	img, err := decode(kind, data)
	if err != nil {
		return logo{}, false
	}
	l := logo{name: "logo", width: float64(cfg.Width), height: float64(cfg.Height)}
	pdf.RegisterImageOptionsReader(l.name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if !pdf.Err() {
		return l, true
	}
	// gofpdf reads only some PNGs (not interlaced ones, nor 16 bits a
	// channel): print any other as a plain 8-bit PNG instead.
	pdf.ClearError()
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var plain bytes.Buffer
	if err := png.Encode(&plain, rgba); err != nil {
		return logo{}, false
	}
	l.name = "logo-plain"
	pdf.RegisterImageOptionsReader(l.name, gofpdf.ImageOptions{ImageType: "PNG"}, &plain)
	if pdf.Err() {
		pdf.ClearError()
		return logo{}, false
	}
	return l, true
}

func decodeConfig(kind string, data []byte) (image.Config, error) {
	if kind == "PNG" {
		return png.DecodeConfig(bytes.NewReader(data))
	}
	return jpeg.DecodeConfig(bytes.NewReader(data))
}

func decode(kind string, data []byte) (image.Image, error) {
	if kind == "PNG" {
		return png.Decode(bytes.NewReader(data))
	}
	return jpeg.Decode(bytes.NewReader(data))
}
