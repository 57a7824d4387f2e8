package pricing

import (
	"sort"

	"github.com/shopspring/decimal"
)

// minorSum adds up decimal amounts exactly. Amounts already rounded to the currency's minor units (every net,
// tax and contract value) are counted as an integer number of minor units, which costs no allocation; any
// other amount, or a sum too large for that, goes into spill as a decimal.
type minorSum struct {
	n     int64
	spill decimal.Decimal
}

const maxMinor = 1 << 62

func (s *minorSum) add(d decimal.Decimal, minor int32, sign int) {
	if d.Exponent() == -minor && d.NumDigits() <= 17 {
		c := d.CoefficientInt64()
		if sign < 0 {
			c = -c
		}
		if n := s.n + c; n < maxMinor && n > -maxMinor {
			s.n = n
			return
		}
	}
	if sign < 0 {
		d = d.Neg()
	}
	s.spill = s.spill.Add(d)
}

func (s *minorSum) value(minor int32) decimal.Decimal {
	v := decimal.New(s.n, -minor)
	if !s.spill.IsZero() {
		v = v.Add(s.spill)
	}
	return v
}

// taxKey identifies the amounts taxed together: one kind of charge at one tax code.
type taxKey struct {
	kind Kind
	code string
}

// taxSum is the net base and (per-line) tax of one tax key, and how many charges are in it.
type taxSum struct {
	key       taxKey
	base, tax minorSum
	charges   int
}

// sums are running totals of a set of lines, kept so that changing one line adjusts them by its difference
// instead of adding up every line again.
type sums struct {
	net, after  [3]minorSum // by kind index
	taxes       []taxSum
	value, cost minorSum
	// worked holds the totals last worked out, until the next add: an edit of one line changes one site
	// group's sums and the quote's, and the other groups' totals need not be worked out again.
	worked *Totals
}

func newSums() *sums { return &sums{} }

func kindIndex(k Kind) int {
	switch k {
	case OneTime:
		return 0
	case Monthly:
		return 1
	}
	return 2
}

func (s *sums) tax(k taxKey) *taxSum {
	for i := range s.taxes {
		if s.taxes[i].key == k {
			return &s.taxes[i]
		}
	}
	s.taxes = append(s.taxes, taxSum{key: k})
	return &s.taxes[len(s.taxes)-1]
}

func (s *sums) add(l *Line, sign int, minor int32) {
	s.worked = nil
	for i := range l.Charges {
		c := &l.Charges[i]
		k := kindIndex(c.Kind)
		s.net[k].add(c.Net, minor, sign)
		s.after[k].add(c.NetAfter, minor, sign)
		t := s.tax(taxKey{c.Kind, l.TaxCode})
		t.base.add(c.Net, minor, sign)
		t.tax.add(c.Tax, minor, sign)
		t.charges += sign
		s.value.add(c.Value, minor, sign)
		s.cost.add(c.CostValue, minor, sign)
	}
}

// totals works the sums out into Totals: tax per kind and rate (rounded per document when the settings say
// so), gross amounts and margin.
func (s *sums) totals(p *Pricer) Totals {
	if s.worked == nil {
		t := s.workOut(p)
		s.worked = &t
	}
	return *s.worked
}

func (s *sums) workOut(p *Pricer) Totals {
	m := p.cur.MinorUnits
	t := Totals{OneTime: s.net[0].value(m), Monthly: s.net[1].value(m), Yearly: s.net[2].value(m),
		MonthlyAfterPromotions: s.after[1].value(m), TCV: s.value.value(m), Cost: s.cost.value(m)}
	var keys []*taxSum
	for i := range s.taxes {
		if s.taxes[i].charges > 0 {
			keys = append(keys, &s.taxes[i])
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i].key, keys[j].key
		if a.kind != b.kind {
			return kindIndex(a.kind) < kindIndex(b.kind)
		}
		return a.code < b.code
	})
	var taxOf [3]decimal.Decimal
	for _, ts := range keys {
		rate := p.set.TaxRates[ts.key.code]
		base := ts.base.value(m)
		tax := ts.tax.value(m)
		if p.set.TaxRounding == TaxPerDocument {
			tax = p.set.TaxMode.Round(base.Mul(rate).Shift(-2), m)
		}
		t.Taxes = append(t.Taxes, TaxLine{Kind: ts.key.kind, TaxCode: ts.key.code, Rate: rate, Base: base, Tax: tax})
		k := kindIndex(ts.key.kind)
		taxOf[k] = taxOf[k].Add(tax)
	}
	// Results share these totals until the next change: clipped, an append by a caller copies.
	t.Taxes = t.Taxes[:len(t.Taxes):len(t.Taxes)]
	t.OneTimeTax, t.MonthlyTax, t.YearlyTax = taxOf[0], taxOf[1], taxOf[2]
	t.OneTimeGross = t.OneTime.Add(t.OneTimeTax)
	t.MonthlyGross = t.Monthly.Add(t.MonthlyTax)
	t.YearlyGross = t.Yearly.Add(t.YearlyTax)
	t.Margin = t.TCV.Sub(t.Cost)
	t.MarginPct = decimal.Zero
	if !t.TCV.IsZero() {
		// Margin in percent, rounded half up to two places.
		t.MarginPct = t.Margin.Mul(hundred).DivRound(t.TCV, 2)
	}
	return t
}
