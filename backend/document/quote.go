package document

import (
	"fmt"
	"strconv"
)

// QuotePDF renders a quotation as an A4 PDF: in Japanese the customary 御見積書 (addressee top left with 御中 or
// 様, issuer and registration number top right, the amount in a box), in English a conventional quotation;
// then the lines by site, the totals with tax by rate, and the terms.
func QuotePDF(q *Quote) (pdf []byte, err error) {
	defer recoverPanic(&err)
	if err := checkQuote(q); err != nil {
		return nil, err
	}
	l, _ := labelsFor(q.Lang)
	s, err := newSheet(l, l.quoteTitle+" "+q.Number, q.Seller.Name)
	if err != nil {
		return nil, err
	}
	s.runningLeft = l.quoteTitle + "　" + l.reference(q.Number, q.Version)
	s.runningRight = clean(s.addressee(q.Customer), false)
	s.footerLeft = clean(q.Seller.Name, false)
	logo, err := s.loadLogo(q.Seller)
	if err != nil {
		return nil, err
	}
	s.begin()
	if l.ja {
		s.quoteHeadJA(q, logo)
	} else {
		s.quoteHeadEN(q, logo)
	}
	s.lineTable(q.Groups)
	s.totals(q.Totals, q.TermMonths)
	s.quoteTerms(q)
	return s.finish()
}

func checkQuote(q *Quote) error {
	switch {
	case q == nil:
		return incomplete("no quote (nil)")
	case q.Number == "":
		return incomplete("the quote has no number")
	case q.Seller.Name == "":
		return incomplete("the quote has no seller name")
	case q.Customer.Name == "":
		return incomplete("the quote has no customer name")
	}
	if _, err := labelsFor(q.Lang); err != nil {
		return fmt.Errorf("%w: %v", ErrModel, err)
	}
	for _, g := range q.Groups {
		if len(g.Lines) > 0 {
			return nil
		}
	}
	return incomplete("the quote has no lines")
}

// quoteHeadJA is the top of a 御見積書: the title; the addressee, the request line, subject, term and the
// amount box on the left; the quote's number and dates and the issuer on the right.
func (s *sheet) quoteHeadJA(q *Quote, logo *picture) {
	l := s.l
	// The title, centred, over a double rule.
	tw := textWidth(l.quoteTitle, 22)
	s.bold(pageWidth/2-tw/2, top+8, 22, ink, l.quoteTitle)
	s.line(pageWidth/2-tw/2-8, top+11, pageWidth/2+tw/2+8, top+11, 0.3, ink)
	s.line(pageWidth/2-tw/2-8, top+11.8, pageWidth/2+tw/2+8, top+11.8, 0.3, ink)

	// Left: to whom, and how much.
	const lw = 104.0
	y := top + 20
	y = s.boldLines(s.addressee(q.Customer), left, y, lw, 14, ink)
	s.line(left, y+0.5, left+lw, y+0.5, 0.5, ink)
	y += 2.5
	y = s.textLines(q.Customer.Address, left, y, lw, sizeSmall+0.5, muted)
	if q.Customer.Contact != "" {
		y = s.textLines(l.attn+q.Customer.Contact+"　様", left, y, lw, sizeSmall+0.5, muted)
	}
	y += 5
	y = s.textLines(l.intro, left, y, lw, sizeBody+0.5, ink) + 1.5
	y = s.field(l.subject, q.Title, left, y, lw, 18, sizeBody)
	y = s.field(l.term, l.termText(q.TermMonths), left, y, lw, 18, sizeBody)
	y = s.amountBox(q.Totals, left, y+3, lw)

	// Right: the quote's particulars, then the issuer.
	const rx = 128.0
	ry := top + 18
	ry = s.facts([][2]string{
		{l.quoteNo, l.reference(q.Number, q.Version)}, // "Q-12（第3版）"
		{l.date, q.Date},
		{l.validUntil, q.ValidUntil},
	}, rx, ry, right-rx, sizeSmall+0.5)
	ry = s.issuer(q.Seller, logo, rx, ry+4, right-rx, false)

	s.y = max(y, ry) + 6
}

// quoteHeadEN is the top of an English quotation: the issuer on the left, "QUOTATION" and its particulars on
// the right; then the customer and the total.
func (s *sheet) quoteHeadEN(q *Quote, logo *picture) {
	l := s.l
	const rx = 132.0
	y := s.issuer(q.Seller, logo, left, top, 100, false)

	s.boldRight(right, top+7, 20, accent, l.quoteTitle)
	ry := s.facts([][2]string{
		{l.quoteNo, q.Number},
		{l.version, l.versionText(q.Version)},
		{l.date, q.Date},
		{l.validUntil, q.ValidUntil},
		{l.term, l.termText(q.TermMonths)},
		{l.currency, q.Currency},
	}, rx, top+11, right-rx, sizeSmall+0.5)

	y = max(y, ry) + 7
	s.line(left, y-3, right, y-3, 0.2, rule)
	cy := y
	s.text(left, baseline(cy, 4, sizeSmall), sizeSmall, muted, l.preparedFor)
	cy = s.boldLines(q.Customer.Name, left, cy+4.5, 88, 12, ink) + 0.5
	cy = s.textLines(q.Customer.Address, left, cy, 88, sizeSmall+0.5, muted)
	if q.Customer.Contact != "" {
		cy = s.textLines(l.attn+q.Customer.Contact, left, cy, 88, sizeSmall+0.5, muted)
	}
	by := s.amountBox(q.Totals, 110, y, right-110)
	y = max(cy, by) + 4
	if q.Title != "" {
		y = s.boldLines(l.subject+": "+q.Title, left, y, width, sizeBody+1, ink) + 1
	}
	y = s.textLines(l.intro, left, y, width, sizeBody, ink)
	s.y = y + 4
}

// amountBox is the total asked, tax included: one-time and monthly, in a box with the label on its left. It
// returns the y below the box.
func (s *sheet) amountBox(t Totals, x, y, w float64) float64 {
	l := s.l
	type row struct{ label, amount, suffix string }
	var rows []row
	if t.OneTimeGross != "" {
		rows = append(rows, row{l.oneTime, t.OneTimeGross, ""})
	}
	if t.MonthlyGross != "" {
		rows = append(rows, row{l.monthly, t.MonthlyGross, l.perMonth})
	}
	if len(rows) == 0 {
		return y
	}
	const rowH = 8.5
	labelW := 33.0 // room for 御見積金額（税込） on one line
	if !l.ja {
		labelW = 25 // "Total (incl. tax)" on two
	}
	h := rowH * float64(len(rows))
	s.fill(x, y, labelW, h, shadeDark)
	labelH := textLinesHeight(l.totalBox, labelW-4, sizeBody)
	s.textLines(l.totalBox, x+padX+0.5, y+(h-labelH)/2, labelW-4, sizeBody, ink)
	// The amounts in one size, the largest at which each fits beside its label.
	rx := x + labelW + 2.5
	size := 13.0
	for _, r := range rows {
		room := x + w - 2.5 - textWidth(r.suffix, sizeSmall+0.5) - (rx + textWidth(r.label, sizeSmall+0.5) + 3)
		size = min(size, fitSize(clean(r.amount, false), room, 13))
	}
	for i, r := range rows {
		ry := y + float64(i)*rowH
		s.text(rx, baseline(ry, rowH, sizeSmall+0.5), sizeSmall+0.5, muted, r.label)
		amount := clean(r.amount, false)
		suffixW := textWidth(r.suffix, sizeSmall+0.5)
		s.boldRight(x+w-2.5-suffixW, baseline(ry, rowH, size), size, ink, amount)
		s.text(x+w-2.5-suffixW, baseline(ry, rowH, sizeSmall+0.5), sizeSmall+0.5, muted, r.suffix)
		if i > 0 {
			s.line(x+labelW, ry, x+w, ry, 0.15, hairline)
		}
	}
	s.box(x, y, w, h, 0.5, accent)
	s.line(x+labelW, y, x+labelW, y+h, 0.3, accent)
	return y + h
}

// quoteTerms prints the terms as a numbered list and the notes under them (both under 備考 in Japanese).
func (s *sheet) quoteTerms(q *Quote) {
	l := s.l
	if len(q.Terms) > 0 || (q.Notes != "" && l.ja) {
		s.heading(l.terms, 2*lineHeight(sizeBody))
		for i, t := range q.Terms {
			s.hanging(strconv.Itoa(i+1)+".", t, left, 6, width, sizeBody-0.5, ink)
		}
		if len(q.Terms) > 0 && q.Notes != "" {
			s.y += 2
		}
	}
	if q.Notes != "" {
		if !l.ja {
			s.heading(l.notes, 2*lineHeight(sizeBody))
		}
		s.plainParagraph(q.Notes, left, width, sizeBody-0.5, ink)
	}
}
