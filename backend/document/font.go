package document

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"
)

// The one typeface of every document: IPAex Gothic, which covers Latin, kana and the JIS kanji (font/README.md).
// It has no bold face; emphasis is drawn by stroking the glyphs' outlines (sheet.bold), not by a second font.
//
//go:embed font/ipaexg.ttf
var ipaexGothic []byte

const family = "ipaexg"

// Each document parses the font again (about 6 ms here, of the 50-odd a 1,000-line quote takes). gofpdf keeps
// a parsed font in unexported per-document state, which it changes while writing the subset, so its API
// offers no safe way to share one between documents. What can be shared is the advance widths, which the
// layout measures every string with: they are read once per process.
var (
	widthsOnce sync.Once
	widthTable []uint16 // advance width of each BMP rune, in 1/1000 em, as gofpdf measures it
	widthsErr  error
)

func loadWidths() error {
	widthsOnce.Do(func() {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes(family, "", ipaexGothic)
		pdf.SetFont(family, "", 10)
		if widthsErr = pdf.Error(); widthsErr != nil {
			return
		}
		t := make([]uint16, 0x10000)
		var buf [4]byte
		for r := rune(0); r < 0x10000; r++ {
			if r >= 0xD800 && r <= 0xDFFF { // surrogates: never in a sanitized string
				continue
			}
			n := encodeRune(buf[:], r)
			t[r] = uint16(pdf.GetStringSymbolWidth(string(buf[:n])))
		}
		widthTable = t
	})
	return widthsErr
}

// encodeRune is utf8.EncodeRune for the BMP, kept here so the loop above reads as what it is.
func encodeRune(p []byte, r rune) int {
	switch {
	case r < 0x80:
		p[0] = byte(r)
		return 1
	case r < 0x800:
		p[0] = 0xC0 | byte(r>>6)
		p[1] = 0x80 | byte(r)&0x3F
		return 2
	default:
		p[0] = 0xE0 | byte(r>>12)
		p[1] = 0x80 | byte(r>>6)&0x3F
		p[2] = 0x80 | byte(r)&0x3F
		return 3
	}
}

// fontCopies hands each document a font of its own. gofpdf writes into the bytes it is given while it builds
// the subset (it pads tables in place with append), so documents rendered at the same time must not share
// one; a copy costs a 6 MB memmove, and the pool keeps that to the first document of a burst.
var fontCopies = sync.Pool{New: func() any {
	b := bytes.Clone(ipaexGothic)
	return &b
}}

// ptToMM converts a font size in points to millimetres, the unit of every position in this package.
const ptToMM = 25.4 / 72

// runeWidth is the advance of r at size pt, in millimetres.
func runeWidth(r rune, size float64) float64 {
	return float64(widthTable[r]) * size / 1000 * ptToMM
}

// textWidth is the advance of s at size pt, in millimetres; s must be sanitized.
func textWidth(s string, size float64) float64 {
	units := 0
	for _, r := range s {
		units += int(widthTable[r])
	}
	return float64(units) * size / 1000 * ptToMM
}

// missingGlyph stands in for a character outside the Basic Multilingual Plane: gofpdf writes text as 16-bit
// codes, so such a character cannot be printed, and "〓" (geta) is the Japanese typesetter's mark for a
// character that is not available.
const missingGlyph = '〓'

// clean makes s printable: characters beyond the BMP become missingGlyph, tabs become spaces, other control
// characters and carriage returns are dropped. keepNewlines keeps "\n" for text that wraps; otherwise it
// becomes a space.
func clean(s string, keepNewlines bool) string {
	ok := true
	for _, r := range s {
		if r > 0xFFFF || r < 0x20 || r == 0x7F || r == 0xFFFD {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F:
			// dropped
		case r > 0xFFFF || r == 0xFFFD: // U+FFFD: invalid UTF-8 in the input
			b.WriteRune(missingGlyph)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FontLicense is the IPA Font License Agreement v1.0, under which the embedded font is redistributed with the
// app; the licence asks that it travel with the font, so the app can show it (on an About page, say).
//
//go:embed font/LICENSE-IPAexFont.txt
var FontLicense string
