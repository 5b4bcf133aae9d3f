//go:build ignore

// icon_gen draws the application icon, icon.png: an order slip with
// ticked lines on a teal tile. Run `go generate ./assets` after changing it.
package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"

	"golang.org/x/image/vector"
)

const size = 1024

func main() {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	// The tile: a rounded square, teal darkening downwards.
	tile := rounded(64, 64, 960, 960, 200)
	for y := 0; y < size; y++ {
		f := float64(y) / size
		c := color.RGBA{uint8(24 - 10*f), uint8(150 - 55*f), uint8(136 - 40*f), 255}
		line := image.NewUniform(c)
		mask := image.NewAlpha(image.Rect(0, y, size, y+1))
		draw.Draw(mask, mask.Bounds(), tile, image.Point{0, y}, draw.Src)
		draw.DrawMask(img, mask.Bounds(), line, image.Point{}, mask, image.Point{0, y}, draw.Over)
	}
	white := image.NewUniform(color.RGBA{255, 255, 255, 255})
	paper := image.NewUniform(color.RGBA{246, 248, 247, 255})
	// The slip, with a folded shadow.
	fill(img, rounded(268, 196, 756, 860, 48), image.NewUniform(color.RGBA{0, 0, 0, 60}))
	fill(img, rounded(252, 172, 740, 836, 48), paper)
	// The clip on top.
	fill(img, rounded(404, 132, 588, 236, 36), image.NewUniform(color.RGBA{18, 90, 82, 255}))
	fill(img, rounded(444, 160, 548, 200, 20), white)
	// Three lines, each with a tick box; the first two ticked.
	ink := image.NewUniform(color.RGBA{18, 90, 82, 255})
	accent := image.NewUniform(color.RGBA{240, 160, 40, 255})
	for i, y := range []float32{330, 490, 650} {
		fill(img, rounded(312, y, 408, y+96, 18), ink)
		fill(img, rounded(324, y+12, 396, y+84, 12), paper)
		if i < 2 {
			fill(img, tick(324, y+12), accent)
		}
		fill(img, rounded(448, y+26, 688, y+70, 22), ink)
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// rounded is an anti-aliased rounded rectangle mask.
func rounded(x0, y0, x1, y1, r float32) *image.Alpha {
	z := vector.NewRasterizer(size, size)
	const k = 0.5523 // control point factor for a quarter circle
	z.MoveTo(x0+r, y0)
	z.LineTo(x1-r, y0)
	z.CubeTo(x1-r+r*k, y0, x1, y0+r-r*k, x1, y0+r)
	z.LineTo(x1, y1-r)
	z.CubeTo(x1, y1-r+r*k, x1-r+r*k, y1, x1-r, y1)
	z.LineTo(x0+r, y1)
	z.CubeTo(x0+r-r*k, y1, x0, y1-r+r*k, x0, y1-r)
	z.LineTo(x0, y0+r)
	z.CubeTo(x0, y0+r-r*k, x0+r-r*k, y0, x0+r, y0)
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, size, size))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return mask
}

// tick is a check mark inside the 72-pixel box at x, y.
func tick(x, y float32) *image.Alpha {
	z := vector.NewRasterizer(size, size)
	z.MoveTo(x+8, y+38)
	z.LineTo(x+20, y+26)
	z.LineTo(x+30, y+40)
	z.LineTo(x+58, y+6)
	z.LineTo(x+70, y+18)
	z.LineTo(x+30, y+64)
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, size, size))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return mask
}

func fill(dst draw.Image, mask *image.Alpha, src image.Image) {
	draw.DrawMask(dst, dst.Bounds(), src, image.Point{}, mask, image.Point{}, draw.Over)
}
