package pricing_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// randomBook is a catalog with tiers (both modes and scopes), attribute adjustments, term prices, costs and
// promotions, in JPY and USD.
func randomBook(t testing.TB) (*catalog.Catalog, *book, []*cpq.Product) {
	b := newBook()
	colour := cpq.Attribute{Code: "colour", Name: cpq.Text{EN: "Colour"}, Type: cpq.AttrChoice, Default: "black",
		Values: []cpq.AttributeValue{{Code: "black"}, {Code: "blue"}}}
	var ps []*cpq.Product
	for i := 0; i < 6; i++ {
		p := b.product(fmt.Sprintf("P%d", i), colour)
		mode, scope := cpq.TierTiered, cpq.ScopeQuote
		if i%2 == 1 {
			mode = cpq.TierSlab
		}
		if i%3 == 2 {
			scope = cpq.ScopeSite
		}
		for _, l := range []*cpq.PriceList{b.jpy, b.usd} {
			unit := decimal.NewFromInt(int64(1000 + 137*i))
			if l == b.usd {
				unit = unit.Shift(-2).Add(d("0.99"))
			}
			for _, ch := range []cpq.ChargeType{cpq.ChargeRecurring, cpq.ChargeOneTime} {
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit, Cost: unit.Div(decimal.NewFromInt(2)).Round(2), TierMode: mode, TierScope: scope})
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit.Mul(d("0.9")), MinQuantity: 20, TierMode: mode, TierScope: scope})
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit.Mul(d("0.8")), MinQuantity: 100, TierMode: mode, TierScope: scope})
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit.Mul(d("0.95")), TermMonths: 24, TierMode: mode, TierScope: scope})
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit.Mul(d("0.85")), MinQuantity: 20, TermMonths: 24, TierMode: mode, TierScope: scope})
				b.price(l, p, cpq.PriceEntry{Charge: ch, Amount: unit.Div(decimal.NewFromInt(10)).Round(2), Attribute: "colour", AttributeValue: "blue"})
			}
		}
		if i%2 == 0 {
			p.TaxCode = cpq.TaxReduced
		}
		ps = append(ps, p)
	}
	b.data.Promotions = append(b.data.Promotions,
		&cpq.Promotion{ID: "pr1", Code: "HALF", Name: cpq.Text{EN: "half"}, Kind: cpq.DiscountPercent, Value: d("12.5"),
			Charge: cpq.ChargeRecurring, DurationMonths: 6, ProductIDs: []string{ps[0].ID, ps[1].ID}, Active: true},
		&cpq.Promotion{ID: "pr2", Code: "YEN", Name: cpq.Text{EN: "yen"}, Kind: cpq.DiscountAmount, Value: d("333"),
			Currency: "JPY", Charge: cpq.ChargeOneTime, ProductIDs: []string{ps[2].ID}, Active: true})
	c, err := catalog.New(b.data)
	if err != nil {
		t.Fatal(err)
	}
	return c, b, ps
}

func randomLine(rng *rand.Rand, ps []*cpq.Product, id string) cpq.QuoteLine {
	l := cpq.QuoteLine{ID: id, ProductID: ps[rng.Intn(len(ps))].ID, Quantity: 1 + rng.Intn(60),
		SiteGroupID: []string{"g1", "g2"}[rng.Intn(2)], Attributes: map[string]string{}}
	if rng.Intn(2) == 0 {
		l.Attributes["colour"] = "blue"
	}
	if rng.Intn(3) == 0 {
		l.DiscountPct = decimal.New(int64(rng.Intn(4000)), -2) // 0–39.99%
	}
	if rng.Intn(5) == 0 {
		l.DiscountAmount = decimal.NewFromInt(int64(rng.Intn(300)))
	}
	return l
}

func randomQuote(rng *rand.Rand, b *book, ps []*cpq.Product, n int) *cpq.Quote {
	list := b.jpy
	if rng.Intn(2) == 0 {
		list = b.usd
	}
	q := quote(list, []int{0, 12, 24, 36}[rng.Intn(4)])
	for i := 0; i < n; i++ {
		q.Lines = append(q.Lines, randomLine(rng, ps, fmt.Sprintf("l%d", i)))
	}
	if rng.Intn(3) == 0 {
		q.DiscountPct = decimal.New(int64(rng.Intn(1500)), -2)
	}
	return q
}

func randomSettings(rng *rand.Rand) pricing.Settings {
	s := pricing.JapanSettings()
	modes := []cpq.RoundingMode{cpq.RoundHalfUp, cpq.RoundHalfEven, cpq.RoundDown, cpq.RoundUp}
	s.Rounding, s.TaxMode = modes[rng.Intn(4)], modes[rng.Intn(4)]
	if rng.Intn(2) == 0 {
		s.TaxRounding = pricing.TaxPerLine
	}
	return s
}

// Totals are the sums of the lines, per site group and for the quote.
func TestPropertyTotalsAreSumsOfLines(t *testing.T) {
	cat, b, ps := randomBook(t)
	rng := rand.New(rand.NewSource(1))
	for run := 0; run < 200; run++ {
		q := randomQuote(rng, b, ps, 1+rng.Intn(30))
		s := randomSettings(rng)
		r, err := pricing.Price(cat, q, business, s)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]map[pricing.Kind]decimal.Decimal{"": {}, "g1": {}, "g2": {}}
		value := decimal.Zero
		lineTax := map[pricing.Kind]decimal.Decimal{}
		for _, l := range r.Lines {
			for _, c := range l.Charges {
				want[""][c.Kind] = want[""][c.Kind].Add(c.Net)
				want[l.SiteGroupID][c.Kind] = want[l.SiteGroupID][c.Kind].Add(c.Net)
				value = value.Add(c.Value)
				lineTax[c.Kind] = lineTax[c.Kind].Add(c.Tax)
			}
		}
		check := func(name string, tot pricing.Totals, w map[pricing.Kind]decimal.Decimal) {
			if !tot.OneTime.Equal(w[pricing.OneTime]) || !tot.Monthly.Equal(w[pricing.Monthly]) {
				t.Fatalf("run %d %s: totals %s/%s, lines add up to %s/%s", run, name, tot.OneTime, tot.Monthly, w[pricing.OneTime], w[pricing.Monthly])
			}
			if !tot.OneTimeGross.Equal(tot.OneTime.Add(tot.OneTimeTax)) {
				t.Fatalf("run %d %s: gross is not net + tax", run, name)
			}
		}
		check("quote", r.Totals, want[""])
		check("g1", r.Groups[0].Totals, want["g1"])
		check("g2", r.Groups[1].Totals, want["g2"])
		if !r.Totals.TCV.Equal(value) {
			t.Fatalf("run %d: TCV %s, lines' values add up to %s", run, r.Totals.TCV, value)
		}
		if s.TaxRounding == pricing.TaxPerLine && !r.Totals.OneTimeTax.Equal(lineTax[pricing.OneTime]) {
			t.Fatalf("run %d: per-line tax %s, lines add up to %s", run, r.Totals.OneTimeTax, lineTax[pricing.OneTime])
		}
		if !r.Totals.Margin.Equal(r.Totals.TCV.Sub(r.Totals.Cost)) {
			t.Fatalf("run %d: margin is not TCV − cost", run)
		}
	}
}

// Rounding moves a line by less than one minor unit (at most half of one with the half modes), and every
// waterfall ends where its steps lead.
func TestPropertyRoundingResidueIsBounded(t *testing.T) {
	cat, b, ps := randomBook(t)
	rng := rand.New(rand.NewSource(2))
	for run := 0; run < 200; run++ {
		q := randomQuote(rng, b, ps, 1+rng.Intn(20))
		s := randomSettings(rng)
		r, err := pricing.Price(cat, q, business, s)
		if err != nil {
			t.Fatal(err)
		}
		unit := decimal.New(1, -r.Currency.MinorUnits)
		limit := unit
		if s.Rounding == cpq.RoundHalfUp || s.Rounding == cpq.RoundHalfEven {
			limit = unit.Div(decimal.NewFromInt(2))
		}
		for _, l := range r.Lines {
			for _, c := range l.Charges {
				sum := decimal.Zero
				for _, st := range c.Steps {
					sum = sum.Add(st.Amount)
					if !sum.Equal(st.Running) {
						t.Fatalf("run %d: step %s runs to %s but the steps add up to %s", run, st.Kind, st.Running, sum)
					}
					if st.Kind == pricing.StepRounding && (st.Amount.Abs().GreaterThan(limit) || st.Amount.Abs().Equal(unit)) {
						t.Fatalf("run %d: rounding residue %s with %s", run, st.Amount, s.Rounding)
					}
				}
				if !sum.Equal(c.Net) {
					t.Fatalf("run %d: waterfall adds up to %s, net is %s", run, sum, c.Net)
				}
				if c.Net.Exponent() < -r.Currency.MinorUnits && !c.Net.Equal(c.Net.Round(r.Currency.MinorUnits)) {
					t.Fatalf("run %d: net %s has more places than %s", run, c.Net, r.Currency.Code)
				}
			}
		}
	}
}

// A larger discount — on a line or on the quote — never raises a price.
func TestPropertyLargerDiscountNeverRaisesPrice(t *testing.T) {
	cat, b, ps := randomBook(t)
	rng := rand.New(rand.NewSource(3))
	for run := 0; run < 300; run++ {
		q := randomQuote(rng, b, ps, 1+rng.Intn(10))
		s := randomSettings(rng)
		before, err := pricing.Price(cat, q, business, s)
		if err != nil {
			t.Fatal(err)
		}
		i := rng.Intn(len(q.Lines))
		more := *q
		more.Lines = append([]cpq.QuoteLine(nil), q.Lines...)
		switch rng.Intn(3) {
		case 0:
			more.Lines[i].DiscountPct = decimal.Min(more.Lines[i].DiscountPct.Add(decimal.New(int64(1+rng.Intn(2000)), -2)), decimal.NewFromInt(100))
		case 1:
			more.Lines[i].DiscountAmount = more.Lines[i].DiscountAmount.Add(decimal.NewFromInt(int64(1 + rng.Intn(500))))
		case 2:
			more.DiscountPct = decimal.Min(more.DiscountPct.Add(decimal.New(int64(1+rng.Intn(2000)), -2)), decimal.NewFromInt(100))
		}
		after, err := pricing.Price(cat, &more, business, s)
		if err != nil {
			t.Fatal(err)
		}
		for li := range after.Lines {
			for ci, c := range after.Lines[li].Charges {
				old := before.Lines[li].Charges[ci]
				if c.Net.GreaterThan(old.Net) || c.Value.GreaterThan(old.Value) {
					t.Fatalf("run %d line %d %s: a larger discount raised %s to %s", run, li, c.Kind, old.Net, c.Net)
				}
			}
		}
		if after.Totals.TCV.GreaterThan(before.Totals.TCV) || after.Totals.MonthlyGross.GreaterThan(before.Totals.MonthlyGross) {
			t.Fatalf("run %d: a larger discount raised the totals", run)
		}
	}
}

// Changing lines one at a time gives exactly what pricing the changed quote from scratch gives.
func TestPropertyRepriceEqualsFullPrice(t *testing.T) {
	cat, b, ps := randomBook(t)
	rng := rand.New(rand.NewSource(4))
	for run := 0; run < 150; run++ {
		q := randomQuote(rng, b, ps, 5+rng.Intn(40))
		s := randomSettings(rng)
		p, err := pricing.New(cat, q, business, s)
		if err != nil {
			t.Fatal(err)
		}
		for edit := 0; edit < 10; edit++ {
			i := rng.Intn(len(q.Lines))
			l := q.Lines[i]
			switch rng.Intn(4) {
			case 0:
				l.Quantity = 1 + rng.Intn(120)
			case 1:
				l.DiscountPct = decimal.New(int64(rng.Intn(3000)), -2)
			case 2:
				l.Attributes = map[string]string{"colour": []string{"black", "blue"}[rng.Intn(2)]}
			case 3:
				l = randomLine(rng, ps, l.ID) // another product: a structural change
			}
			q.Lines[i] = l
			if _, err := p.SetLine(l); err != nil {
				t.Fatal(err)
			}
			full, err := pricing.Price(cat, q, business, s)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := summary(p.Result()), summary(full); got != want {
				t.Fatalf("run %d edit %d: incremental\n%s\nfull\n%s", run, edit, got, want)
			}
		}
	}
}

// summary prints every figure of a result, for comparing two results exactly.
func summary(r *pricing.Result) string {
	s := ""
	for _, l := range r.Lines {
		for _, c := range l.Charges {
			s += fmt.Sprintf("%s %s %s %s %s %s %s %d|", l.LineID, c.Kind, c.Net, c.NetAfter, c.Tax, c.Value, c.Cost, len(c.Steps))
		}
	}
	for _, tot := range append([]pricing.Totals{r.Totals}, r.Groups[0].Totals, r.Groups[1].Totals) {
		s += fmt.Sprintf("\n%s %s %s %s %s %s %s %s %v", tot.OneTime, tot.Monthly, tot.Yearly, tot.MonthlyAfterPromotions,
			tot.OneTimeTax, tot.MonthlyTax, tot.TCV, tot.MarginPct, taxLines(tot.Taxes))
	}
	return s
}

func taxLines(ts []pricing.TaxLine) []string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s/%s/%s/%s", t.Kind, t.TaxCode, t.Base, t.Tax))
	}
	return out
}
