package document

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/jung-kurt/gofpdf"
)

// ErrImage is wrapped by the error for a logo or signature image that is not a readable PNG or JPEG. Such an
// image is refused rather than left out, so that a document never goes out silently without its logo or a
// signature; a caller that prefers the document without it can clear the image and render again.
var ErrImage = errors.New("not a readable PNG or JPEG image")

var (
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
)

// picture is an image registered in the document, with its size in pixels for fitting it into a box.
type picture struct {
	name string
	w, h float64
}

// addImage checks data and registers it in the document under name. what names the image in an error
// ("seller logo", "customer signature").
func (s *sheet) addImage(name, what string, data []byte) (*picture, error) {
	var kind string
	switch {
	case bytes.HasPrefix(data, pngMagic):
		kind = "PNG"
		var err error
		if data, err = plainPNG(data); err != nil {
			return nil, fmt.Errorf("document: %s: %w (%v)", what, ErrImage, err)
		}
	case bytes.HasPrefix(data, jpegMagic):
		kind = "JPG"
		if _, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("document: %s: %w (%v)", what, ErrImage, err)
		}
	default:
		return nil, fmt.Errorf("document: %s: %w", what, ErrImage)
	}
	info := s.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if err := s.pdf.Error(); err != nil || info == nil {
		return nil, fmt.Errorf("document: %s: %w (%v)", what, ErrImage, err)
	}
	return &picture{name: name, w: info.Width(), h: info.Height()}, nil
}

// plainPNG returns a PNG gofpdf can embed. gofpdf reads only 8-bit, non-interlaced PNGs; anything else that
// Go can decode (a 16-bit or interlaced export from a drawing program) is re-encoded as 8-bit RGBA, keeping
// its transparency. A PNG Go cannot decode is an error here rather than a broken document later.
func plainPNG(data []byte) ([]byte, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		return nil, errors.New("empty image")
	}
	// The IHDR chunk follows the signature: length, "IHDR", width, height, bit depth, colour type,
	// compression, filter, interlace.
	depth, interlace := data[24], data[28]
	img, err := png.Decode(bytes.NewReader(data)) // checks the whole image, not just its header
	if err != nil {
		return nil, err
	}
	if depth <= 8 && interlace == 0 {
		return data, nil
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// place draws p as large as fits in the box (x, y, w, h), keeping its proportions. alignRight puts it against
// the box's right edge, otherwise against its left. It returns the drawn width and height.
func (s *sheet) place(p *picture, x, y, w, h float64, alignRight bool) (float64, float64) {
	scale := w / p.w
	if h/p.h < scale {
		scale = h / p.h
	}
	dw, dh := p.w*scale, p.h*scale
	if alignRight {
		x += w - dw
	}
	s.pdf.ImageOptions(p.name, x, y, dw, dh, false, gofpdf.ImageOptions{}, 0, "")
	return dw, dh
}
