package pricing

import (
	"sort"

	"github.com/shopspring/decimal"
)

// taxKey identifies the amounts taxed together: one kind of charge at one tax code.
type taxKey struct {
	kind Kind
	code string
}

// sums are running totals of a set of lines, kept so that changing one line adjusts them by its difference
// instead of adding up every line again.
type sums struct {
	net, after  map[Kind]decimal.Decimal
	base, tax   map[taxKey]decimal.Decimal
	lines       map[taxKey]int // how many lines are in each base, to drop bases that empty
	value, cost decimal.Decimal
}

func newSums() *sums {
	return &sums{net: map[Kind]decimal.Decimal{}, after: map[Kind]decimal.Decimal{},
		base: map[taxKey]decimal.Decimal{}, tax: map[taxKey]decimal.Decimal{}, lines: map[taxKey]int{}}
}

func (s *sums) add(l *Line, sign int) {
	for i := range l.Charges {
		c := &l.Charges[i]
		net, after, tax, value, cost := c.Net, c.NetAfter, c.Tax, c.Value, c.CostValue
		if sign < 0 {
			net, after, tax, value, cost = net.Neg(), after.Neg(), tax.Neg(), value.Neg(), cost.Neg()
		}
		s.net[c.Kind] = s.net[c.Kind].Add(net)
		s.after[c.Kind] = s.after[c.Kind].Add(after)
		k := taxKey{c.Kind, l.TaxCode}
		s.base[k] = s.base[k].Add(net)
		s.tax[k] = s.tax[k].Add(tax)
		s.lines[k] += sign
		if s.lines[k] == 0 {
			delete(s.base, k)
			delete(s.tax, k)
			delete(s.lines, k)
		}
		s.value = s.value.Add(value)
		s.cost = s.cost.Add(cost)
	}
}

// totals works the sums out into Totals: tax per kind and rate (rounded per document when the settings say
// so), gross amounts and margin.
func (s *sums) totals(p *Pricer) Totals {
	t := Totals{OneTime: s.net[OneTime], Monthly: s.net[Monthly], Yearly: s.net[Yearly],
		MonthlyAfterPromotions: s.after[Monthly], TCV: s.value, Cost: s.cost}
	keys := make([]taxKey, 0, len(s.base))
	for k := range s.base {
		keys = append(keys, k)
	}
	order := map[Kind]int{OneTime: 0, Monthly: 1, Yearly: 2}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].kind != keys[j].kind {
			return order[keys[i].kind] < order[keys[j].kind]
		}
		return keys[i].code < keys[j].code
	})
	taxOf := map[Kind]decimal.Decimal{}
	for _, k := range keys {
		rate := p.set.TaxRates[k.code]
		tax := s.tax[k]
		if p.set.TaxRounding == TaxPerDocument {
			tax = p.set.TaxMode.Round(s.base[k].Mul(rate).Shift(-2), p.cur.MinorUnits)
		}
		t.Taxes = append(t.Taxes, TaxLine{Kind: k.kind, TaxCode: k.code, Rate: rate, Base: s.base[k], Tax: tax})
		taxOf[k.kind] = taxOf[k.kind].Add(tax)
	}
	t.OneTimeTax, t.MonthlyTax, t.YearlyTax = taxOf[OneTime], taxOf[Monthly], taxOf[Yearly]
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
