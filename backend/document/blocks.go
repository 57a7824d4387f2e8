package document

import (
	"errors"
	"fmt"
	"strings"
)

// Blocks of the first page that quotes and contracts share: lines of text placed at a position (they never
// cross a page), the parties' addresses, and label–value lists.

// ErrModel is wrapped by the error for a view model a document cannot be made from: nil, in an unknown
// language, or missing what the document must show (a number, the parties' names, its lines or clauses).
var ErrModel = errors.New("document: incomplete view model")

func incomplete(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrModel}, args...)...)
}

// textLines draws text wrapped to w with its first line's top at y and returns the y below its last line.
func (s *sheet) textLines(text string, x, y, w, size float64, c rgb) float64 {
	lh := blockLeading * size * ptToMM
	for _, line := range wrapText(text, w, size) {
		s.text(x, baseline(y, lh, size), size, c, line)
		y += lh
	}
	return y
}

// blockLeading is the line height of the first page's blocks, a multiple of the type size: tighter than
// running text's, as their lines are short.
const blockLeading = 1.45

// textLinesHeight is the height textLines takes for text.
func textLinesHeight(text string, w, size float64) float64 {
	return float64(len(wrapText(text, w, size))) * blockLeading * size * ptToMM
}

// boldLines is textLines in the heavier weight.
func (s *sheet) boldLines(text string, x, y, w, size float64, c rgb) float64 {
	lh := size * ptToMM * 1.35
	for _, line := range wrapText(text, w, size) {
		s.bold(x, baseline(y, lh, size), size, c, line)
		y += lh
	}
	return y
}

// issuer draws the seller's name, logo, address, phone, email and registration number in the column
// (x, w) from y, and returns the y below it. The logo goes first, against the column's left or right edge.
func (s *sheet) issuer(p Party, logo *picture, x, y, w float64, logoRight bool) float64 {
	l := s.l
	if logo != nil {
		_, h := s.place(logo, x, y, w, 14, logoRight)
		y += h + 2.5
	}
	y = s.boldLines(p.Name, x, y, w, sizeHeading, ink) + 0.8
	y = s.textLines(p.Address, x, y, w, sizeSmall+0.5, muted)
	var contact []string
	if p.Phone != "" {
		contact = append(contact, l.phone+" "+p.Phone)
	}
	if p.Email != "" {
		contact = append(contact, l.email+" "+p.Email)
	}
	// On one line when they fit, else one under the other.
	joined := strings.Join(contact, "  ·  ")
	if textWidth(joined, sizeSmall+0.5) > w {
		joined = strings.Join(contact, "\n")
	}
	y = s.textLines(joined, x, y, w, sizeSmall+0.5, muted)
	if p.RegistrationNumber != "" {
		y = s.textLines(l.registration+" "+registrationNumber(p.RegistrationNumber), x, y, w, sizeSmall+0.5, muted)
	}
	return y
}

// facts draws label–value pairs, labels at x and values against x+w, from y; it returns the y below them.
// Pairs whose value is empty are left out.
func (s *sheet) facts(pairs [][2]string, x, y, w, size float64) float64 {
	lh := size * ptToMM * 1.6
	for _, p := range pairs {
		if p[1] == "" {
			continue
		}
		label, value := clean(p[0], false), clean(p[1], false)
		base := baseline(y, lh, size)
		s.text(x, base, size, muted, label)
		vs := fitSize(value, w-textWidth(label, size)-3, size)
		s.textRight(x+w, base, vs, ink, value)
		s.line(x, y+lh, x+w, y+lh, 0.1, hairline)
		y += lh
	}
	return y
}

// field draws a label and its value after it, the value wrapped to the rest of w, over a hairline; it
// returns the y below. An empty value draws nothing.
func (s *sheet) field(label, value string, x, y, w, labelW, size float64) float64 {
	if value == "" {
		return y
	}
	lh := size * ptToMM * 1.6
	s.text(x, baseline(y, lh, size), size, muted, clean(label, false))
	for _, line := range wrapText(value, w-labelW, size) {
		s.text(x+labelW, baseline(y, lh, size), size, ink, line)
		y += lh
	}
	s.line(x, y, x+w, y, 0.1, hairline)
	return y
}

// loadLogo registers the seller's logo, if there is one.
func (s *sheet) loadLogo(p Party) (*picture, error) {
	if len(p.Logo) == 0 {
		return nil, nil
	}
	return s.addImage("logo", "seller logo", p.Logo)
}

// addressee is the customer's name as a document addresses it: with 御中 or 様 in Japanese.
func (s *sheet) addressee(c Customer) string {
	if h := s.l.honorific(c); h != "" {
		return c.Name + "　" + h
	}
	return c.Name
}

// recoverPanic turns a panic inside the renderer (or gofpdf) into an error: a document that cannot be made
// must not take the app down with it.
func recoverPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("document: rendering failed: %v", r)
	}
}
