package sales

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/document"
	"quotewright/backend/redline"
)

// The view models of the documents: every figure formatted for the document's language and currency.

func quoteView(q *cpq.Quote, sc cpq.Schedule, company cpq.Company, cust customer, today time.Time) *document.Quote {
	lang := q.Lang
	groups, totals := scheduleTable(sc, lang)
	terms := []string{
		cpq.Message(lang, "doc.terms.validity", map[string]string{"date": longDate(q.ValidUntil, lang)}),
		cpq.Message(lang, "doc.terms.billing", nil),
	}
	if q.TermMonths > 0 {
		terms = append(terms, cpq.Message(lang, "doc.terms.term", map[string]string{"months": strconv.Itoa(q.TermMonths)}))
	}
	if q.DiscountPct.IsPositive() {
		terms = append(terms, cpq.Message(lang, "doc.terms.quoteDiscount", map[string]string{"pct": q.DiscountPct.String()}))
	}
	terms = append(terms, cpq.Message(lang, "doc.terms.tax", nil))
	return &document.Quote{Lang: string(lang), Seller: sellerView(company, lang), Customer: customerView(cust),
		Number: q.Number, Version: q.Version, Title: q.Name, Date: longDate(today, lang), ValidUntil: longDate(q.ValidUntil, lang),
		TermMonths: q.TermMonths, Currency: q.Currency, Groups: groups, Totals: totals, Terms: terms}
}

func contractView(c *cpq.Contract, company cpq.Company, cust customer, today time.Time) *document.Contract {
	lang := c.Lang
	groups, totals := scheduleTable(c.Schedule, lang)
	v := &document.Contract{Lang: string(lang), Seller: sellerView(company, lang), Customer: customerView(cust),
		Number: c.Number, Version: c.Version, Date: longDate(today, lang), StartDate: longDate(c.StartDate, lang),
		TermMonths: c.TermMonths, Status: cpq.Message(lang, "contract.status."+string(c.Status), nil),
		Schedule: groups, Totals: totals}
	switch c.Status {
	case cpq.ContractDraft, cpq.ContractInNegotiation, cpq.ContractSuperseded:
		// A version not approved, or replaced by a newer one, is never mistaken for the agreement.
		v.Draft = true
	case cpq.ContractTerminated:
		v.Draft = c.SignedAt.IsZero()
	}
	if !c.SignedAt.IsZero() {
		v.Date = longDate(c.SignedAt, lang)
	}
	for _, cl := range c.Clauses {
		v.Clauses = append(v.Clauses, document.Clause{Title: cl.Title, Body: cl.Body})
	}
	v.SellerSignature = signatureView(c.Signature(cpq.PartyProvider), lang)
	v.CustomerSignature = signatureView(c.Signature(cpq.PartyCustomer), lang)
	return v
}

func signatureView(s *cpq.Signature, lang cpq.Lang) document.Signature {
	if s == nil {
		return document.Signature{}
	}
	v := document.Signature{Name: s.Name, Title: s.Title, Date: longDate(cpq.Today(s.SignedAt), lang)}
	if s.Method == cpq.SignDrawn {
		v.Image = s.Image
	} else {
		v.Typed = s.Name
	}
	return v
}

func redlineView(a, b *cpq.Contract, diff []redline.Clause, today time.Time) *document.Redline {
	v := &document.Redline{Lang: string(b.Lang), Number: b.Number, From: a.Version, To: b.Version, Date: longDate(today, b.Lang)}
	for _, c := range diff {
		cd := document.ClauseDiff{Kind: string(c.Kind)}
		for _, s := range c.Title {
			if s.Op != redline.Delete || c.Kind == redline.Removed {
				cd.Title += s.Text
			}
		}
		for _, s := range c.Body {
			cd.Segments = append(cd.Segments, document.Segment{Op: string(s.Op), Text: s.Text})
		}
		v.Clauses = append(v.Clauses, cd)
	}
	return v
}

func sellerView(c cpq.Company, lang cpq.Lang) document.Party {
	return document.Party{Name: c.Name.In(lang), Address: c.Address.In(lang), Phone: c.Phone, Email: c.Email,
		RegistrationNumber: c.RegistrationNumber, Logo: c.Logo}
}

func customerView(c customer) document.Customer {
	return document.Customer{Name: c.account.Name, Address: c.address, Contact: c.contact,
		Business: c.account.Segment == cpq.SegmentBusiness}
}

// scheduleTable is a schedule as the documents' line table and totals.
func scheduleTable(sc cpq.Schedule, lang cpq.Lang) ([]document.Group, document.Totals) {
	m := func(d decimal.Decimal) string { return money(d, sc.Currency) }
	blank := func(d decimal.Decimal) string {
		if d.IsZero() {
			return ""
		}
		return m(d)
	}
	groups := make([]document.Group, len(sc.Groups))
	for i, g := range sc.Groups {
		dg := document.Group{Name: g.Name, OneTime: m(g.OneTime), Monthly: m(g.Monthly), Lines: make([]document.Line, len(g.Lines))}
		for j, l := range g.Lines {
			dl := document.Line{Depth: l.Depth, Description: l.Product, Detail: l.Detail, Quantity: strconv.Itoa(l.Quantity),
				UnitPrice: blank(l.UnitPrice), OneTime: blank(l.OneTime), Monthly: blank(l.Monthly)}
			if !l.DiscountPct.IsZero() {
				dl.Discount = "-" + l.DiscountPct.String() + "%"
			}
			dg.Lines[j] = dl
		}
		groups[i] = dg
	}
	t := document.Totals{OneTimeNet: m(sc.OneTime), MonthlyNet: m(sc.Monthly), OneTimeTax: m(sc.OneTimeTax),
		MonthlyTax: m(sc.MonthlyTax), OneTimeGross: m(sc.OneTimeGross), MonthlyGross: m(sc.MonthlyGross)}
	if sc.TermMonths > 0 {
		t.ContractValue = m(sc.TCV)
	}
	for _, x := range sc.Taxes {
		t.Taxes = append(t.Taxes, document.TaxLine{Label: x.Rate.String() + "%", Kind: cpq.Message(lang, "doc.kind."+x.Kind, nil),
			Base: m(x.Base), Tax: m(x.Tax)})
	}
	return groups, t
}
