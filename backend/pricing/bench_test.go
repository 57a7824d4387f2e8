package pricing_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// LargeQuote is the figure's quote: 10,000 lines over 50 sites, with attributes, volume tiers, a promotion
// and manual discounts on some lines.
func LargeQuote(tb testing.TB) (*catalog.Catalog, *cpq.Quote) {
	cat, b, ps := randomBook(tb)
	q := quote(b.jpy, 24)
	q.SiteGroups = nil
	for s := 0; s < 50; s++ {
		q.SiteGroups = append(q.SiteGroups, cpq.SiteGroup{ID: fmt.Sprintf("g%d", s), Name: fmt.Sprintf("Site %d", s)})
	}
	for i := 0; i < 10000; i++ {
		l := cpq.QuoteLine{ID: fmt.Sprintf("l%05d", i), ProductID: ps[i%len(ps)].ID, SiteGroupID: fmt.Sprintf("g%d", i%50),
			Quantity: 1 + i%7, Attributes: map[string]string{"colour": []string{"black", "blue"}[i%2]}}
		if i%3 == 0 {
			l.DiscountPct = d("7.5")
		}
		if i%11 == 0 {
			l.DiscountAmount = d("50")
		}
		q.Lines = append(q.Lines, l)
	}
	return cat, q
}

func BenchmarkPrice10k(b *testing.B) {
	cat, q := LargeQuote(b)
	s := pricing.JapanSettings()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pricing.Price(cat, q, business, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReprice10kOneLine(b *testing.B) {
	cat, q := LargeQuote(b)
	p, err := pricing.New(cat, q, business, pricing.JapanSettings())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := q.Lines[4321]
		l.Quantity = 1 + i%5
		l.DiscountPct = decimal.NewFromInt(int64(i % 20))
		if _, err := p.SetLine(l); err != nil {
			b.Fatal(err)
		}
		_ = p.Result()
	}
}

// BenchmarkBareLoop10k is the baseline: the same decimal operations per line and charge as the engine does
// for the large quote — list × quantity, the term and tier differences, an attribute adjustment, a percentage
// promotion or discount, rounding, tax base sums — in a plain loop over precomputed inputs.
func BenchmarkBareLoop10k(b *testing.B) {
	type in struct{ unit, term, tier, adj, pct, qty decimal.Decimal }
	ins := make([]in, 20000)
	for i := range ins {
		ins[i] = in{unit: decimal.NewFromInt(int64(1000 + i%6*137)), term: d("0.95"), tier: d("0.9"),
			adj: decimal.NewFromInt(int64(100 + i%6*13)), pct: d("7.5"), qty: decimal.NewFromInt(int64(1 + i%7))}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		total := decimal.Zero
		for _, x := range ins {
			running := x.unit.Mul(x.qty)
			running = running.Add(x.unit.Mul(x.term).Sub(x.unit).Mul(x.qty))
			running = running.Add(x.unit.Mul(x.tier).Sub(x.unit).Mul(x.qty))
			running = running.Add(x.adj.Mul(x.qty))
			running = running.Sub(running.Mul(x.pct).Shift(-2))
			net := running.Round(0)
			total = total.Add(net)
		}
		_ = total
	}
}
