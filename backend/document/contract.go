package document

import (
	"fmt"
	"strconv"
	"strings"
)

// ContractPDF renders a contract as an A4 PDF: its title and particulars, the parties, the numbered clauses,
// the commercial schedule (the quote's table and totals) and both parties' signature blocks. A draft carries
// a faint "DRAFT" (草案) across every page.
func ContractPDF(c *Contract) (pdf []byte, err error) {
	defer recoverPanic(&err)
	if err := checkContract(c); err != nil {
		return nil, err
	}
	l, _ := labelsFor(c.Lang)
	title := c.Title
	if title == "" {
		title = l.contractTitle
	}
	s, err := newSheet(l, title+" "+c.Number, c.Seller.Name)
	if err != nil {
		return nil, err
	}
	s.runningLeft = clean(title, false) + "　" + l.reference(c.Number, c.Version)
	if c.Draft {
		s.watermark = l.draft
		s.runningLeft = l.draft + "　" + s.runningLeft
	}
	s.runningRight = clean(c.Customer.Name, false)
	s.footerLeft = clean(c.Seller.Name, false)
	logo, err := s.loadLogo(c.Seller)
	if err != nil {
		return nil, err
	}
	sigs := [2]*picture{}
	for i, sg := range [2]Signature{c.SellerSignature, c.CustomerSignature} {
		if len(sg.Image) > 0 {
			what := [2]string{"seller signature", "customer signature"}[i]
			if sigs[i], err = s.addImage("signature"+strconv.Itoa(i), what, sg.Image); err != nil {
				return nil, err
			}
		}
	}
	s.begin()
	s.contractHead(c, title, logo)
	s.clauses(c.Clauses)
	if len(c.Schedule) > 0 {
		s.heading(l.schedule, tableStart)
		s.lineTable(c.Schedule)
		s.totals(c.Totals, c.TermMonths)
	}
	s.signatures(c, sigs)
	return s.finish()
}

func checkContract(c *Contract) error {
	switch {
	case c == nil:
		return incomplete("no contract (nil)")
	case c.Number == "":
		return incomplete("the contract has no number")
	case c.Seller.Name == "":
		return incomplete("the contract has no seller name")
	case c.Customer.Name == "":
		return incomplete("the contract has no customer name")
	case len(c.Clauses) == 0:
		return incomplete("the contract has no clauses")
	}
	if _, err := labelsFor(c.Lang); err != nil {
		return fmt.Errorf("%w: %v", ErrModel, err)
	}
	return nil
}

// contractHead is the top of the first page: the title, the particulars, the two parties and the preamble.
func (s *sheet) contractHead(c *Contract, title string, logo *picture) {
	l := s.l
	y := top
	if logo != nil {
		_, h := s.place(logo, left, y, 45, 12, false)
		y += h + 2
	}
	if c.Draft {
		w := textWidth(l.draft, sizeBody) + 6
		s.box(right-w, top, w, 6, 0.4, deleteInk)
		s.boldRight(right-3, baseline(top, 6, sizeBody), sizeBody, deleteInk, l.draft)
	}
	y = max(y, top+8)
	title = clean(title, false)
	size := fitSize(title, width, 18)
	s.bold(pageWidth/2-textWidth(title, size)/2, baseline(y, 9, size), size, ink, title)
	y += 11
	s.line(left, y, right, y, 0.4, ink)
	y += 3

	half := (width - 10) / 2
	particulars := [][2]string{
		{l.contractNo, c.Number},
		{l.version, l.versionText(c.Version)},
		{l.contractDate, c.Date},
	}
	if l.ja { // the version with the number: "C-7（第2版）"
		particulars = [][2]string{{l.contractNo, l.reference(c.Number, c.Version)}, {l.contractDate, c.Date}}
	}
	ly := s.facts(particulars, left, y, half, sizeSmall+0.5)
	ry := s.facts([][2]string{
		{l.startDate, c.StartDate},
		{l.term, l.termText(c.TermMonths)},
		{l.status, c.Status},
	}, left+half+10, y, half, sizeSmall+0.5)
	y = max(ly, ry) + 6

	// The parties, in the order the language lists them: the customer (甲) first in Japanese.
	first, second := s.providerBlock(c), s.customerBlock(c)
	if l.ja {
		first, second = second, first
	}
	ly = first(left, y, half)
	ry = second(left+half+10, y, half)
	s.y = max(ly, ry) + 5
	s.plainParagraph(l.preamble(c.Seller.Name, c.Customer.Name), left, width, sizeBody, ink)
	s.y += 3
}

type partyBlock func(x, y, w float64) float64

func (s *sheet) providerBlock(c *Contract) partyBlock {
	return func(x, y, w float64) float64 {
		s.bold(x, baseline(y, 5, sizeSmall+0.5), sizeSmall+0.5, accent, s.partyLabel(c.SellerSignature, true))
		p := c.Seller
		p.Logo = nil
		return s.issuer(p, nil, x, y+5.5, w, false)
	}
}

func (s *sheet) customerBlock(c *Contract) partyBlock {
	return func(x, y, w float64) float64 {
		s.bold(x, baseline(y, 5, sizeSmall+0.5), sizeSmall+0.5, accent, s.partyLabel(c.CustomerSignature, false))
		y = s.boldLines(c.Customer.Name, x, y+5.5, w, sizeHeading, ink) + 0.8
		y = s.textLines(c.Customer.Address, x, y, w, sizeSmall+0.5, muted)
		if c.Customer.Contact != "" {
			y = s.textLines(s.l.attn+c.Customer.Contact, x, y, w, sizeSmall+0.5, muted)
		}
		return y
	}
}

// partyLabel is a signature's party label, or the language's label for the provider or the customer.
func (s *sheet) partyLabel(sg Signature, provider bool) string {
	switch {
	case sg.Party != "":
		return clean(sg.Party, false)
	case provider:
		return s.l.provider
	}
	return s.l.customer
}

// clauses prints the numbered clauses: "1. Title" ("第1条（Title）") and the body's paragraphs.
func (s *sheet) clauses(cs []Clause) {
	lh := lineHeight(sizeBody)
	for i, c := range cs {
		heading := wrapText(s.l.clauseHeading(i+1, c.Title), width, sizeBody+1)
		s.room(float64(len(heading))*5.5 + 1 + 2*lh) // the heading with the first two lines of its body
		for _, h := range heading {
			s.bold(left, baseline(s.y, 5.5, sizeBody+1), sizeBody+1, ink, h)
			s.y += 5.5
		}
		s.y++
		for _, para := range strings.Split(c.Body, "\n") {
			if strings.TrimSpace(para) == "" {
				continue
			}
			s.plainParagraph(para, left+3, width-3, sizeBody, ink)
			s.y += 0.8
		}
		s.y += 2.5
	}
}
