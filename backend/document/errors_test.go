package document_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"testing"

	"quotewright/backend/document"
)

func TestIncompleteModels(t *testing.T) {
	noLines := smallQuote(false, true)
	for i := range noLines.Groups {
		noLines.Groups[i].Lines = nil
	}
	badLang := smallQuote(false, true)
	badLang.Lang = "fr"
	noNumber := smallQuote(true, true)
	noNumber.Number = ""
	noCustomer := smallQuote(true, true)
	noCustomer.Customer.Name = ""
	noClauses := contract(false, true)
	noClauses.Clauses = nil
	badKind := redline(false)
	badKind.Clauses[0].Kind = "moved"
	badOp := redline(false)
	badOp.Clauses[1].Segments[1].Op = "replace"

	cases := map[string]func() ([]byte, error){
		"nil quote":         func() ([]byte, error) { return document.QuotePDF(nil) },
		"nil contract":      func() ([]byte, error) { return document.ContractPDF(nil) },
		"nil redline":       func() ([]byte, error) { return document.RedlinePDF(nil) },
		"empty quote":       func() ([]byte, error) { return document.QuotePDF(&document.Quote{}) },
		"quote no lines":    func() ([]byte, error) { return document.QuotePDF(noLines) },
		"quote language":    func() ([]byte, error) { return document.QuotePDF(badLang) },
		"quote no number":   func() ([]byte, error) { return document.QuotePDF(noNumber) },
		"quote no customer": func() ([]byte, error) { return document.QuotePDF(noCustomer) },
		"contract clauses":  func() ([]byte, error) { return document.ContractPDF(noClauses) },
		"redline kind":      func() ([]byte, error) { return document.RedlinePDF(badKind) },
		"redline op":        func() ([]byte, error) { return document.RedlinePDF(badOp) },
		"empty redline":     func() ([]byte, error) { return document.RedlinePDF(&document.Redline{Lang: "en", Number: "C-1"}) },
	}
	for name, render := range cases {
		pdf, err := render()
		if !errors.Is(err, document.ErrModel) || pdf != nil {
			t.Errorf("%s: %v (%d bytes), want ErrModel", name, err, len(pdf))
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func TestBadImages(t *testing.T) {
	truncated := logoPNG()[:60]
	for name, img := range map[string][]byte{
		"text":          []byte("not an image at all"),
		"gif":           []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
		"truncated PNG": truncated,
		"bad JPEG":      {0xFF, 0xD8, 0xFF, 0xE0, 0, 0},
	} {
		q := smallQuote(false, true)
		q.Seller.Logo = img
		if _, err := document.QuotePDF(q); !errors.Is(err, document.ErrImage) {
			t.Errorf("logo %s: %v, want ErrImage", name, err)
		} else {
			t.Logf("logo %s: %v", name, err)
		}
		c := contract(false, true)
		c.CustomerSignature.Image = img
		if _, err := document.ContractPDF(c); !errors.Is(err, document.ErrImage) {
			t.Errorf("signature %s: %v, want ErrImage", name, err)
		}
	}
}

// PNGs gofpdf cannot read itself — 16 bits per channel, interlaced — are converted, not refused.
func TestUnusualPNGs(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		img.Set(x, 10, color.NRGBA64{0, 0, 0xFFFF, 0xFFFF})
	}
	var deep bytes.Buffer
	if err := png.Encode(&deep, img); err != nil {
		t.Fatal(err)
	}
	logo, _ := png.Decode(bytes.NewReader(logoPNG()))
	adam7 := interlaced(logo.(*image.NRGBA))
	if _, err := png.Decode(bytes.NewReader(adam7)); err != nil {
		t.Fatalf("the interlaced test image: %v", err)
	}
	for name, data := range map[string][]byte{"16-bit": deep.Bytes(), "interlaced": adam7} {
		q := smallQuote(true, true)
		q.Seller.Logo = data
		pdf, err := document.QuotePDF(q)
		if err != nil {
			t.Fatalf("%s logo: %v", name, err)
		}
		checkPDF(t, save(t, "logo", pdf))
	}
}

// interlaced encodes img as an Adam7-interlaced 8-bit RGBA PNG, which Go's encoder does not write.
func interlaced(img *image.NRGBA) []byte {
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	b := img.Bounds()
	var raw bytes.Buffer
	for _, p := range passes { // x0, y0, dx, dy
		for y := p[1]; y < b.Dy(); y += p[3] {
			if p[0] >= b.Dx() {
				break
			}
			raw.WriteByte(0) // filter: none
			for x := p[0]; x < b.Dx(); x += p[2] {
				c := img.NRGBAAt(x, y)
				raw.Write([]byte{c.R, c.G, c.B, c.A})
			}
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()

	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		body := append([]byte(kind), data...)
		out.Write(body)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9], ihdr[12] = 8, 6, 1 // 8 bits, RGBA, Adam7
	chunk("IHDR", ihdr)
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// Documents rendered at the same time share only what is read-only (the font, its widths) and pooled.
func TestConcurrentRendering(t *testing.T) {
	done := make(chan error)
	for i := 0; i < 8; i++ {
		go func() {
			var err error
			switch i % 3 {
			case 0:
				_, err = document.QuotePDF(largeQuote(i%2 == 0, 60, true))
			case 1:
				_, err = document.ContractPDF(contract(i%2 == 0, true))
			default:
				_, err = document.RedlinePDF(redline(i%2 == 0))
			}
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// The same model gives the same file, but for the creation and modification dates gofpdf stamps it with.
func TestDeterministic(t *testing.T) {
	undated := func(pdf []byte) []byte {
		return regexp.MustCompile(`/(Creation|Mod)Date \([^)]*\)`).ReplaceAll(pdf, nil)
	}
	for i := 0; i < 2; i++ {
		c := contract(i == 0, true)
		a, err := document.ContractPDF(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := document.ContractPDF(c)
		if !bytes.Equal(undated(a), undated(b)) {
			t.Error("two renderings of one contract differ")
		}
	}
}
