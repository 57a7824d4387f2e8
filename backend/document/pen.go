package document

import "github.com/jung-kurt/gofpdf"

// pen remembers the font size, colours and line width gofpdf was last given. gofpdf writes every setting into
// the page even when it has not changed, so a 1,000-line table would repeat them tens of thousands of times,
// and every byte is then compressed; the pen tells gofpdf only of changes.
type pen struct {
	size, width       float64
	text, draw, paint rgb
}

var unknown = rgb{-1, -1, -1}

// forget makes the pen tell gofpdf everything again: after gofpdf has set things itself (a new page, the
// header and footer).
func (p *pen) forget() { *p = pen{size: -1, width: -1, text: unknown, draw: unknown, paint: unknown} }

func (p *pen) fontSize(pdf *gofpdf.Fpdf, size float64) {
	if p.size != size {
		pdf.SetFontSize(size)
		p.size = size
	}
}

func (p *pen) textColor(pdf *gofpdf.Fpdf, c rgb) {
	if p.text != c {
		pdf.SetTextColor(c.r, c.g, c.b)
		p.text = c
	}
}

func (p *pen) drawColor(pdf *gofpdf.Fpdf, c rgb) {
	if p.draw != c {
		pdf.SetDrawColor(c.r, c.g, c.b)
		p.draw = c
	}
}

func (p *pen) fillColor(pdf *gofpdf.Fpdf, c rgb) {
	if p.paint != c {
		pdf.SetFillColor(c.r, c.g, c.b)
		p.paint = c
	}
}

func (p *pen) lineWidth(pdf *gofpdf.Fpdf, w float64) {
	if p.width != w {
		pdf.SetLineWidth(w)
		p.width = w
	}
}
