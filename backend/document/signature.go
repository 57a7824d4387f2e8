package document

// The signature blocks at the end of a contract, side by side: each party's label and company, then either
// the signature (the drawn image, or the typed name) over the signature line with the signer's name, title
// and date, or, while unsigned, blank lines for them.

const (
	sigAreaH  = 20.0 // room for the drawn or typed signature above its line
	sigFieldH = 7.0  // one of name, title, date
)

func (s *sheet) signatures(c *Contract, pics [2]*picture) {
	l := s.l
	half := (width - 10) / 2
	closing := wrapText(l.closing, width, sizeBody)
	blockH := 5.5 + 6 + sigAreaH + 5 + 3*sigFieldH
	// The closing sentence stays with the blocks, and the blocks stay together.
	s.room(float64(len(closing))*lineHeight(sizeBody) + 6 + blockH)
	s.y += 4
	s.plainParagraph(l.closing, left, width, sizeBody, ink)
	s.y += 5

	type block struct {
		sg       Signature
		company  string
		pic      *picture
		provider bool
	}
	blocks := [2]block{
		{c.SellerSignature, c.Seller.Name, pics[0], true},
		{c.CustomerSignature, c.Customer.Name, pics[1], false},
	}
	if l.ja { // 甲 (the customer) first
		blocks[0], blocks[1] = blocks[1], blocks[0]
	}
	y := s.y
	for i, b := range blocks {
		x := left + float64(i)*(half+10)
		company := b.sg.Company
		if company == "" {
			company = b.company
		}
		s.signatureBlock(x, y, half, s.partyLabel(b.sg, b.provider), company, b.sg, b.pic)
	}
	s.y = y + blockH
}

func (s *sheet) signatureBlock(x, y, w float64, party, company string, sg Signature, pic *picture) {
	l := s.l
	s.bold(x, baseline(y, 5, sizeSmall+0.5), sizeSmall+0.5, accent, party)
	y += 5.5
	name := clean(company, false)
	size := fitSize(name, w, sizeHeading)
	s.bold(x, baseline(y, 6, size), size, ink, name)
	y += 6

	// The signature over its line.
	typed := clean(sg.Typed, false)
	switch {
	case pic != nil:
		s.place(pic, x+2, y+1, w*0.7, sigAreaH-2, false)
	case typed != "":
		size := fitSize(typed, w-4, 17)
		s.text(x+2, y+sigAreaH-4, size, rgb{20, 40, 110}, typed)
	}
	lineY := y + sigAreaH
	s.line(x, lineY, x+w, lineY, 0.35, ink)
	s.text(x, lineY+3.2, sizeSmall-0.5, muted, l.signature)
	y = lineY + 5

	// Until the block is signed its fields stay blank, to be filled in by hand on paper.
	signed := pic != nil || typed != ""
	for _, f := range [3][2]string{{l.signerName, sg.Name}, {l.signerTitle, sg.Title}, {l.signDate, sg.Date}} {
		base := y + sigFieldH - 1.8
		s.text(x, base, sizeSmall+0.5, muted, f[0])
		if v := clean(f[1], false); v != "" && signed {
			vs := fitSize(v, w-20, sizeBody)
			s.text(x+18, base, vs, ink, v)
		}
		s.line(x+17, y+sigFieldH-0.8, x+w, y+sigFieldH-0.8, 0.15, rule)
		y += sigFieldH
	}
}
