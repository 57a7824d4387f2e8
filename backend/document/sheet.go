package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// The page: A4 portrait, in millimetres. Everything a document draws stays between top and bottom; the
// footer alone is drawn below footerRule.
const (
	pageWidth   = 210.0
	left        = 15.0
	right       = pageWidth - 15.0
	width       = right - left
	top         = 14.0
	bottom      = 279.0 // the lowest a line of content may reach
	footerRule  = 283.0
	footerBase  = 288.0 // the footer text's baseline
	runningBase = 16.0  // the baseline of the running header of pages after the first
	runningRule = 19.0  // the rule under it
	pageTop     = 22.0  // where content starts on pages after the first
)

// Type sizes, in points.
const (
	sizeBody    = 9.0
	sizeSmall   = 7.5
	sizeTable   = 8.5
	sizeHeading = 11.0
)

// Colours.
type rgb struct{ r, g, b int }

var (
	ink       = rgb{30, 30, 30}
	muted     = rgb{100, 100, 100}
	rule      = rgb{170, 175, 185}
	hairline  = rgb{210, 213, 220}
	shade     = rgb{234, 237, 242}
	shadeDark = rgb{214, 220, 230}
	accent    = rgb{36, 62, 110}
	insertInk = rgb{0, 84, 200}
	deleteInk = rgb{200, 20, 30}
)

// sheet is one PDF being written: the gofpdf document, the labels of its language and where the pen is.
// Content is laid out top to bottom; y is the top of the free space on the current page, and room moves to
// a new page when what comes next does not fit.
type sheet struct {
	pdf *gofpdf.Fpdf
	l   *labels
	y   float64

	// The running header of every page after the first (the document and the customer, say), and the
	// footer's left part (the issuer).
	runningLeft, runningRight string
	footerLeft                string
	watermark                 string // printed faintly across every page when not empty

	// While a table is open, endTablePage closes its part on a page about to end and continueTable repeats
	// its header row at the top of the next.
	endTablePage, continueTable func()

	pen  pen
	font *[]byte // this document's copy of the font, back to fontCopies once the PDF is written
}

func newSheet(l *labels, title, author string) (*sheet, error) {
	if err := loadWidths(); err != nil {
		return nil, fmt.Errorf("document: font: %w", err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)  // objects in a stable order: the same model gives the same file but for its dates
	pdf.SetCompression(false) // the pages are compressed by deflateStreams, at a fraction of the cost
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(left, top, pageWidth-right)
	pdf.SetCellMargin(0)
	s := &sheet{l: l, font: fontCopies.Get().(*[]byte)}
	pdf.AddUTF8FontFromBytes(family, "", *s.font)
	pdf.AliasNbPages("")
	pdf.SetTitle(title, true)
	pdf.SetAuthor(author, true)
	pdf.SetCreator("Quotewright", true)
	pdf.SetProducer("Quotewright (gofpdf 1.16.2)", true)
	s.pdf = pdf
	pdf.SetHeaderFunc(s.header)
	pdf.SetFooterFunc(s.footer)
	pdf.SetFont(family, "", sizeBody)
	return s, pdf.Error()
}

// begin starts the first page, once the running header, footer and watermark are set.
func (s *sheet) begin() {
	s.pen.forget()
	s.pdf.AddPage()
	s.y = top
}

// finish closes the document and returns its bytes, or the first error gofpdf met along the way.
func (s *sheet) finish() ([]byte, error) {
	if err := s.pdf.Error(); err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	var buf bytes.Buffer
	err := s.pdf.Output(&buf)
	fontCopies.Put(s.font) // gofpdf is done with it, whatever happened
	if err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	return deflateStreams(buf.Bytes()), nil
}

// header is gofpdf's header function: the watermark, and on pages after the first the running header.
func (s *sheet) header() {
	s.pen.forget()
	defer s.pen.forget() // gofpdf restores its own settings after the header
	if s.watermark != "" {
		s.drawWatermark()
	}
	if s.pdf.PageNo() == 1 {
		return
	}
	s.text(left, runningBase, sizeSmall, muted, s.runningLeft)
	s.textRight(right, runningBase, sizeSmall, muted, s.runningRight)
	s.line(left, runningRule, right, runningRule, 0.2, rule)
	s.y = pageTop
}

// footer is gofpdf's footer function: a rule, the document's reference and "Page N of M". gofpdf replaces
// the alias {nb} by the page count when the document is closed.
func (s *sheet) footer() {
	s.pen.forget()
	defer s.pen.forget()
	s.line(left, footerRule, right, footerRule, 0.2, rule)
	s.text(left, footerBase, sizeSmall, muted, s.footerLeft)
	// The alias is wider than most page counts; right-align as if the count had two digits.
	p := s.l.page(s.pdf.PageNo(), "{nb}")
	w := textWidth(p, sizeSmall) - textWidth("{nb}", sizeSmall) + textWidth("00", sizeSmall)
	s.text(right-w, footerBase, sizeSmall, muted, p)
}

// drawWatermark prints the watermark large, faint and aslant across the middle of the page, under what the
// page holds.
func (s *sheet) drawWatermark() {
	const size, middle = 96.0, 150.0
	pdf := s.pdf
	pdf.TransformBegin()
	pdf.TransformRotate(35, pageWidth/2, middle)
	pdf.SetAlpha(0.10, "Normal")
	w := textWidth(s.watermark, size)
	s.text(pageWidth/2-w/2, middle+size*ptToMM*0.35, size, deleteInk, s.watermark)
	pdf.SetAlpha(1, "Normal")
	pdf.TransformEnd()
	s.pen.forget() // the transformation's end restored the settings made inside it
}

// newPage ends the page and starts the next one below its running header, repeating the open table's
// header row.
func (s *sheet) newPage() {
	if s.endTablePage != nil {
		s.endTablePage()
	}
	s.pdf.AddPage()
	if s.continueTable != nil {
		s.continueTable()
	}
}

// room makes sure h millimetres fit below y, starting a new page if they do not.
func (s *sheet) room(h float64) {
	if s.y+h > bottom {
		s.newPage()
	}
}

// fits reports whether h millimetres fit below y on this page.
func (s *sheet) fits(h float64) bool { return s.y+h <= bottom }

// pageHeight is the most any one block can use: the height of a page after the first, below its running
// header and the open table's header row.
func (s *sheet) pageHeight(tableHeader float64) float64 {
	return bottom - pageTop - tableHeader
}

// ascent is where the baseline sits below the top of the em box: IPAex Gothic's ascender is 0.88 em.
const ascent = 0.88

// baseline is the baseline of text of size pt centred in a line box of height lh whose top is at y.
func baseline(y, lh, size float64) float64 {
	em := size * ptToMM
	return y + (lh-em)/2 + ascent*em
}

// text prints s with its baseline at (x, y).
func (s *sheet) text(x, y, size float64, c rgb, str string) {
	if str == "" {
		return
	}
	if !s.l.ja && strings.ContainsAny(str, "‘’“”") {
		str = latinQuotes.Replace(str)
	}
	s.pen.fontSize(s.pdf, size)
	s.pen.textColor(s.pdf, c)
	s.pdf.Text(x, y, str)
}

// latinQuotes straightens curly quotes in English documents: the font's are full-width, made for Japanese,
// and stand apart from Latin words. (Measured widths stay the curly ones', which only leaves a line a little
// shorter than it could be.)
var latinQuotes = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

// textRight prints s ending at x.
func (s *sheet) textRight(x, y, size float64, c rgb, str string) {
	s.text(x-textWidth(str, size), y, size, c, str)
}

// bold prints s in a heavier weight: IPAex has no bold face, so the glyphs are filled and then stroked with
// a thin outline of the same colour (text rendering mode 2), which thickens them by the line's width.
func (s *sheet) bold(x, y, size float64, c rgb, str string) {
	if str == "" {
		return
	}
	s.pen.drawColor(s.pdf, c)
	s.pen.lineWidth(s.pdf, size*0.012)
	s.pdf.SetTextRenderingMode(2)
	s.text(x, y, size, c, str)
	s.pdf.SetTextRenderingMode(0)
}

func (s *sheet) boldRight(x, y, size float64, c rgb, str string) {
	s.bold(x-textWidth(str, size), y, size, c, str)
}

func (s *sheet) line(x1, y1, x2, y2, w float64, c rgb) {
	s.pen.drawColor(s.pdf, c)
	s.pen.lineWidth(s.pdf, w)
	s.pdf.Line(x1, y1, x2, y2)
}

func (s *sheet) fill(x, y, w, h float64, c rgb) {
	s.pen.fillColor(s.pdf, c)
	s.pdf.Rect(x, y, w, h, "F")
}

func (s *sheet) box(x, y, w, h, lw float64, c rgb) {
	s.pen.drawColor(s.pdf, c)
	s.pen.lineWidth(s.pdf, lw)
	s.pdf.Rect(x, y, w, h, "D")
}

// fitSize is the largest size, up to size, at which str fits in w; a figure is shrunk rather than clipped.
func fitSize(str string, w, size float64) float64 {
	tw := textWidth(str, size)
	if tw <= w || tw == 0 {
		return size
	}
	return size * w / tw
}
