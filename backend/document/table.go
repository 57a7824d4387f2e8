package document

// The line-item table of a quote and of a contract's schedule: one heading row per group (site), its lines
// with bundle components indented under their bundle, and the group's subtotal. The header row is repeated at
// the top of every page the table runs onto; a row that does not fit is moved whole to the next page, and a
// row taller than a page is split between its lines of text.

const (
	padX       = 1.5 // a cell's text from its sides
	padY       = 1.3 // a row's text from its top and bottom
	indentStep = 4.0 // per level of a bundle's components
	headerRowH = 7.0
	groupRowH  = 6.2
	totalRowH  = 6.2
	lineGap    = 1.28 // line height as a multiple of the type size
)

// The columns, left to right; the description takes what the others leave.
const (
	colDesc = iota
	colQty
	colUnit
	colDisc
	colOneTime
	colMonthly
	nCols
)

var colWidths = [nCols]float64{0, 12, 25, 15, 26, 26}

func init() {
	w := width
	for _, c := range colWidths[1:] {
		w -= c
	}
	colWidths[colDesc] = w
}

// colX is the left edge of column c.
func colX(c int) float64 {
	x := left
	for i := 0; i < c; i++ {
		x += colWidths[i]
	}
	return x
}

// cellLine is one line of text in the description cell: the product's name or a line of its configuration.
type cellLine struct {
	text  string
	size  float64
	lh    float64
	color rgb
}

// table draws groups of lines. It keeps the group being drawn so that a page break can repeat the group's
// heading under the header row.
//
// The rules between the columns are drawn once for each run of rows rather than once for each row, and the
// table's sides once for each page: that keeps a long table's pages small.
type table struct {
	s       *sheet
	group   string  // the group being drawn; empty between groups
	top     float64 // the top of the table on this page
	rowsTop float64 // the top of the current run of rows; negative when there is none
}

// tableStart is the least room a table starts in: the header row and a group's heading with a short row
// under them.
const tableStart = headerRowH + groupRowH + 2*padY + 3*sizeTable*ptToMM*lineGap

// lineTable draws the whole table from the current position.
func (s *sheet) lineTable(groups []Group) {
	t := &table{s: s, rowsTop: -1}
	s.room(tableStart)
	t.header()
	s.continueTable, s.endTablePage = t.resume, t.endPage
	for _, g := range groups {
		t.drawGroup(g)
	}
	t.endPage()
	s.continueTable, s.endTablePage = nil, nil
	s.y += 2
}

// endPage closes the table's part on this page: the rules of the last run of rows and the table's sides.
func (t *table) endPage() {
	t.endRows()
	t.s.sides(t.top, t.s.y-t.top)
}

// endRows draws the rules between the columns of the run of rows that ends here.
func (t *table) endRows() {
	if t.rowsTop < 0 {
		return
	}
	for c := colQty; c < nCols; c++ {
		t.s.line(colX(c), t.rowsTop, colX(c), t.s.y, 0.15, hairline)
	}
	t.rowsTop = -1
}

// resume is called at the top of a new page while the table is open.
func (t *table) resume() {
	t.header()
	if t.group != "" {
		sep := " "
		if t.s.l.ja {
			sep = ""
		}
		t.groupHeading(t.group + sep + t.s.l.continued)
	}
}

func (t *table) header() {
	s, l := t.s, t.s.l
	y := s.y
	t.top = y
	s.fill(left, y, width, headerRowH, shadeDark)
	titles := [nCols]string{l.colDescription, l.colQty, l.colUnitPrice, l.colDiscount, l.colOneTime, l.colMonthly}
	base := baseline(y, headerRowH, sizeSmall+0.5)
	for c, title := range titles {
		x, w := colX(c), colWidths[c]
		size := fitSize(title, w-2*padX, sizeSmall+0.5)
		if c == colDesc {
			s.bold(x+padX, base, size, ink, title)
		} else {
			s.bold(x+w/2-textWidth(title, size)/2, base, size, ink, title)
		}
	}
	for c := colQty; c < nCols; c++ {
		s.line(colX(c), y, colX(c), y+headerRowH, 0.15, rule)
	}
	s.line(left, y, right, y, 0.3, rule)
	s.line(left, y+headerRowH, right, y+headerRowH, 0.3, rule)
	s.y = y + headerRowH
}

func (t *table) groupHeading(name string) {
	t.endRows()
	s := t.s
	y := s.y
	s.fill(left, y, width, groupRowH, shade)
	name = clean(name, false)
	size := fitSize(name, width-2*padX, sizeTable)
	s.bold(left+padX, baseline(y, groupRowH, size), size, accent, name)
	s.line(left, y+groupRowH, right, y+groupRowH, 0.15, rule)
	s.y = y + groupRowH
}

// sides draws the table's outer left and right borders beside a row.
func (s *sheet) sides(y, h float64) {
	s.line(left, y, left, y+h, 0.3, rule)
	s.line(right, y, right, y+h, 0.3, rule)
}

func (t *table) drawGroup(g Group) {
	s := t.s
	rows := make([][]cellLine, len(g.Lines))
	for i, ln := range g.Lines {
		rows[i] = descLines(ln)
	}
	// Keep the heading with (the start of) the first row.
	first := 0.0
	if len(rows) > 0 {
		first = rowHeight(rows[0][:min(len(rows[0]), 3)])
	}
	s.room(groupRowH + first)
	t.group = clean(g.Name, false)
	if t.group != "" {
		t.groupHeading(t.group)
	}
	for i, ln := range g.Lines {
		t.drawRow(ln, rows[i])
	}
	if g.OneTime != "" || g.Monthly != "" {
		s.room(totalRowH) // on a new page, under the group's heading again
		t.subtotal(g)
	}
	t.group = ""
}

// descLines wraps a line's description and detail into the description column.
func descLines(ln Line) []cellLine {
	indent := float64(max(ln.Depth, 0)) * indentStep
	w := colWidths[colDesc] - 2*padX - indent
	var out []cellLine
	for _, t := range wrapText(ln.Description, w, sizeTable) {
		out = append(out, cellLine{t, sizeTable, sizeTable * ptToMM * lineGap, ink})
	}
	if len(out) == 0 {
		out = append(out, cellLine{"", sizeTable, sizeTable * ptToMM * lineGap, ink})
	}
	for _, t := range wrapText(ln.Detail, w, sizeSmall) {
		out = append(out, cellLine{t, sizeSmall, sizeSmall * ptToMM * lineGap, muted})
	}
	return out
}

func rowHeight(lines []cellLine) float64 {
	h := 2 * padY
	for _, l := range lines {
		h += l.lh
	}
	return h
}

// drawRow draws one line of the table, on this page if it fits, else on the next; a row taller than a whole
// page is split between its lines of text, its figures printed with the first part.
func (t *table) drawRow(ln Line, lines []cellLine) {
	s := t.s
	h := rowHeight(lines)
	fresh := false
	if !s.fits(h) && h <= s.pageHeight(headerRowH+groupRowH) {
		s.newPage()
		fresh = true
	}
	from := 0
	for from < len(lines) {
		// A part after the first starts with the product's name, "(continued)", for the reader who turned the
		// page.
		var part []cellLine
		if from > 0 {
			part = append(part, t.continuation(ln, lines[0]))
		}
		// As many lines as fit on this page; at least two, or the rest when fewer, or go to the next page.
		room := bottom - s.y - rowHeight(part)
		to, used := from, 0.0
		for to < len(lines) && used+lines[to].lh <= room+1e-9 {
			used += lines[to].lh
			to++
		}
		if to < len(lines) && to-from < 2 && !fresh {
			s.newPage()
			fresh = true
			continue
		}
		to = max(to, from+1) // a fresh page takes at least one line, whatever its height
		fresh = false
		t.drawPart(ln, append(part, lines[from:to]...), from == 0)
		from = to
		if from < len(lines) {
			s.newPage()
			fresh = true
		}
	}
}

// continuation is the first line of a split row's later parts: the row's first line, "(continued)".
func (t *table) continuation(ln Line, first cellLine) cellLine {
	sep := " "
	if t.s.l.ja {
		sep = ""
	}
	text := first.text + sep + t.s.l.continued
	w := colWidths[colDesc] - 2*padX - float64(max(ln.Depth, 0))*indentStep
	return cellLine{text, fitSize(text, w, first.size), first.lh, muted}
}

// drawPart draws the description lines of one row (or of part of a split row) and, on its first part, the
// row's figures and the bundle connector.
func (t *table) drawPart(ln Line, lines []cellLine, first bool) {
	s := t.s
	y := s.y
	h := rowHeight(lines)
	indent := float64(max(ln.Depth, 0)) * indentStep
	x := colX(colDesc) + padX + indent
	ty := y + padY
	for _, l := range lines {
		s.text(x, baseline(ty, l.lh, l.size), l.size, l.color, l.text)
		ty += l.lh
	}
	if first {
		if ln.Depth > 0 {
			// An elbow from the bundle above to the component's name.
			cx := x - 2.6
			mid := y + padY + lines[0].lh/2
			s.line(cx, y, cx, mid, 0.2, rule)
			s.line(cx, mid, cx+1.8, mid, 0.2, rule)
		}
		figures := [nCols]string{"", ln.Quantity, ln.UnitPrice, ln.Discount, ln.OneTime, ln.Monthly}
		fy := y + padY
		for c := colQty; c < nCols; c++ {
			t.figure(c, fy, lines[0].lh, figures[c], ink)
		}
	}
	if t.rowsTop < 0 {
		t.rowsTop = y
	}
	s.line(left, y+h, right, y+h, 0.15, hairline)
	s.y = y + h
}

// figure prints a figure right-aligned in its column, shrunk if it would not fit.
func (t *table) figure(c int, y, lh float64, text string, color rgb) {
	text = clean(text, false)
	if text == "" {
		return
	}
	s := t.s
	size := fitSize(text, colWidths[c]-2*padX, sizeTable)
	s.textRight(colX(c)+colWidths[c]-padX, baseline(y, lh, size), size, color, text)
}

func (t *table) subtotal(g Group) {
	t.endRows()
	s, l := t.s, t.s.l
	y := s.y
	s.fill(colX(colOneTime), y, colWidths[colOneTime]+colWidths[colMonthly], totalRowH, shade)
	label := l.subtotal
	if name := clean(g.Name, false); name != "" {
		label += "（" + name + "）"
		if !l.ja {
			label = l.subtotal + " — " + name
		}
	}
	size := fitSize(label, colX(colOneTime)-left-2*padX, sizeTable)
	s.boldRight(colX(colOneTime)-padX, baseline(y, totalRowH, size), size, ink, label)
	for c, v := range [nCols]string{colOneTime: g.OneTime, colMonthly: g.Monthly} {
		if v = clean(v, false); v != "" {
			size := fitSize(v, colWidths[c]-2*padX, sizeTable)
			s.boldRight(colX(c)+colWidths[c]-padX, baseline(y, totalRowH, size), size, ink, v)
		}
	}
	s.line(colX(colOneTime), y, colX(colOneTime), y+totalRowH, 0.15, hairline)
	s.line(colX(colMonthly), y, colX(colMonthly), y+totalRowH, 0.15, hairline)
	s.line(left, y+totalRowH, right, y+totalRowH, 0.3, rule)
	s.y = y + totalRowH
}
