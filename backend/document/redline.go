package document

import (
	"fmt"
	"strings"
)

// RedlinePDF renders the comparison of two versions of a contract as an A4 PDF: the contract's number and
// "version A → version B", a count of the clauses by change, and every clause in order with its status and
// its text, deleted words red and struck through, inserted words blue and underlined.
func RedlinePDF(r *Redline) (pdf []byte, err error) {
	defer recoverPanic(&err)
	if err := checkRedline(r); err != nil {
		return nil, err
	}
	l, _ := labelsFor(r.Lang)
	s, err := newSheet(l, l.redlineTitle+" "+r.Number, "")
	if err != nil {
		return nil, err
	}
	versions := l.versions(r.From, r.To)
	s.runningLeft = l.redlineTitle + "　" + clean(r.Number, false)
	s.runningRight = versions
	s.footerLeft = clean(r.Number, false) + "　" + versions
	s.begin()
	s.redlineHead(r, versions)
	for i, c := range r.Clauses {
		s.clauseDiff(i+1, c)
	}
	return s.finish()
}

func checkRedline(r *Redline) error {
	switch {
	case r == nil:
		return incomplete("no redline (nil)")
	case r.Number == "":
		return incomplete("the redline has no contract number")
	case len(r.Clauses) == 0:
		return incomplete("the redline has no clauses")
	}
	if _, err := labelsFor(r.Lang); err != nil {
		return fmt.Errorf("%w: %v", ErrModel, err)
	}
	for i, c := range r.Clauses {
		switch c.Kind {
		case ClauseAdded, ClauseRemoved, ClauseChanged, ClauseSame:
		default:
			return incomplete("clause %d has kind %q", i+1, c.Kind)
		}
		for _, sg := range c.Segments {
			switch sg.Op {
			case OpEqual, OpInsert, OpDelete:
			default:
				return incomplete("clause %d has a segment with operation %q", i+1, sg.Op)
			}
		}
	}
	return nil
}

func (s *sheet) redlineHead(r *Redline, versions string) {
	l := s.l
	y := top
	s.bold(left, baseline(y, 9, 17), 17, ink, l.redlineTitle)
	s.textRight(right, baseline(y, 9, sizeBody), sizeBody, muted, clean(r.Date, false))
	y += 10
	s.bold(left, baseline(y, 6, sizeHeading), sizeHeading, accent, clean(r.Number, false)+"　"+versions)
	y += 7
	var n [4]int
	for _, c := range r.Clauses {
		switch c.Kind {
		case ClauseChanged:
			n[0]++
		case ClauseAdded:
			n[1]++
		case ClauseRemoved:
			n[2]++
		default:
			n[3]++
		}
	}
	s.text(left, baseline(y, 5, sizeBody), sizeBody, ink, fmt.Sprintf(l.clauseCount, n[0], n[1], n[2], n[3]))
	// The legend, on the same line at the right.
	legend := wrap([]run{{text: l.inserted, style: inserted}, {text: "　　"}, {text: l.deleted, style: deleted}},
		width, sizeBody)[0]
	lw := legend[len(legend)-1].x + legend[len(legend)-1].w
	s.drawLine(legend, right-lw, y, 5, sizeBody, ink)
	y += 6
	s.line(left, y, right, y, 0.4, ink)
	s.y = y + 4
}

// clauseDiff prints one clause: its title and status, then its text. An added clause is all inserted text
// and a removed one all deleted, whatever their segments say.
func (s *sheet) clauseDiff(n int, c ClauseDiff) {
	l := s.l
	lh := lineHeight(sizeBody)
	s.room(7 + 2*lh)
	title := clean(l.clauseHeading(n, c.Title), false)
	if c.Title == "" {
		title = fmt.Sprintf("%d.", n)
	}
	tc := ink
	if c.Kind == ClauseRemoved {
		tc = muted
	}
	size := fitSize(title, width-30, sizeBody+1) // leaving room for the status
	s.bold(left, baseline(s.y, 6, size), size, tc, title)
	s.statusTag(left+textWidth(title, size)+3, s.y+0.8, c.Kind)
	s.y += 7

	runs := make([]run, 0, len(c.Segments))
	for _, sg := range c.Segments {
		// A deletion straight before an insertion ("2436") is kept apart by a space.
		if n := len(runs); n > 0 && runs[n-1].style == deleted && sg.Op == OpInsert && c.Kind == ClauseChanged &&
			!strings.HasSuffix(runs[n-1].text, " ") && !strings.HasPrefix(sg.Text, " ") {
			runs = append(runs, run{text: " "})
		}
		st := plain
		switch {
		case c.Kind == ClauseAdded || (c.Kind != ClauseRemoved && sg.Op == OpInsert):
			st = inserted
		case c.Kind == ClauseRemoved || sg.Op == OpDelete:
			st = deleted
		}
		runs = append(runs, run{text: sg.Text, style: st})
	}
	body := ink
	if c.Kind == ClauseSame {
		body = muted
	}
	s.paragraph(runs, left+3, width-3, sizeBody, body)
	s.y += 3
}

// statusTag draws a clause's status as a small coloured label at (x, y).
func (s *sheet) statusTag(x, y float64, kind string) {
	text := s.l.clauseKind(kind)
	c := muted
	switch kind {
	case ClauseAdded:
		c = insertInk
	case ClauseRemoved:
		c = deleteInk
	case ClauseChanged:
		c = rgb{190, 110, 0}
	}
	size := sizeSmall
	w := textWidth(text, size) + 3
	s.box(x, y, w, 4.4, 0.3, c)
	s.text(x+1.5, baseline(y, 4.4, size), size, c, text)
}
