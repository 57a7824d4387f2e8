package document

// Running text: paragraphs wrapped to a width and laid down line by line, each line moved to the next page
// when it does not fit. Inserted and deleted runs (a redline's) are coloured and underlined or struck through.

// leading is the line height of running text as a multiple of its size: Japanese reads better with more
// room between lines than Latin text needs.
const leading = 1.6

func lineHeight(size float64) float64 { return size * ptToMM * leading }

// paragraph draws runs wrapped to w at x, from the current position.
func (s *sheet) paragraph(runs []run, x, w, size float64, c rgb) {
	lh := lineHeight(size)
	for _, line := range wrap(runs, w, size) {
		s.room(lh)
		s.drawLine(line, x, s.y, lh, size, c)
		s.y += lh
	}
}

// plainParagraph draws one string as a paragraph.
func (s *sheet) plainParagraph(text string, x, w, size float64, c rgb) {
	s.paragraph([]run{{text: text}}, x, w, size, c)
}

// hanging draws a paragraph with a mark (a number, a bullet) to the left of its first line, the text's lines
// aligned after it.
func (s *sheet) hanging(mark, text string, x, indent, w, size float64, c rgb) {
	lh := lineHeight(size)
	for i, line := range wrap([]run{{text: text}}, w-indent, size) {
		s.room(lh)
		if i == 0 {
			s.text(x, baseline(s.y, lh, size), size, c, mark)
		}
		s.drawLine(line, x+indent, s.y, lh, size, c)
		s.y += lh
	}
}

// drawLine prints one wrapped line in a line box of height lh whose top is y.
func (s *sheet) drawLine(line []frag, x, y, lh, size float64, c rgb) {
	base := baseline(y, lh, size)
	em := size * ptToMM
	for _, f := range line {
		switch f.style {
		case inserted:
			s.text(x+f.x, base, size, insertInk, f.text)
			s.line(x+f.x, base+0.16*em, x+f.x+f.w, base+0.16*em, em*0.06, insertInk)
		case deleted:
			s.text(x+f.x, base, size, deleteInk, f.text)
			s.line(x+f.x, base-0.3*em, x+f.x+f.w, base-0.3*em, em*0.06, deleteInk)
		default:
			s.text(x+f.x, base, size, c, f.text)
		}
	}
}

// heading starts a section: its title with a rule under it, kept with the keep millimetres that follow (two
// lines of text, or the start of a table).
func (s *sheet) heading(title string, keep float64) {
	s.room(9 + keep)
	s.y += 2
	s.bold(left, baseline(s.y, 5, sizeHeading-0.5), sizeHeading-0.5, accent, clean(title, false))
	s.line(left, s.y+5.5, right, s.y+5.5, 0.25, rule)
	s.y += 7
}
