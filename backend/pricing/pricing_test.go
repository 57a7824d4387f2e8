package pricing_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

var day = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// book builds a small catalog: the products and prices each test needs, in one JPY and one USD list.
type book struct {
	data catalog.Data
	jpy  *cpq.PriceList
	usd  *cpq.PriceList
}

func newBook() *book {
	b := &book{
		jpy: &cpq.PriceList{ID: "pl_jpy", Code: "JP", Name: cpq.Text{EN: "JPY"}, Currency: "JPY", Active: true},
		usd: &cpq.PriceList{ID: "pl_usd", Code: "US", Name: cpq.Text{EN: "USD"}, Currency: "USD", Active: true},
	}
	b.data.PriceLists = []*cpq.PriceList{b.jpy, b.usd}
	return b
}

func (b *book) product(code string, attrs ...cpq.Attribute) *cpq.Product {
	p := &cpq.Product{ID: "prd_" + code, Code: code, Kind: cpq.ProductSimple, Name: cpq.Text{EN: code, JA: code},
		Status: cpq.ProductActive, Attributes: attrs}
	b.data.Products = append(b.data.Products, p)
	return p
}

func (b *book) price(list *cpq.PriceList, p *cpq.Product, e cpq.PriceEntry) *cpq.PriceEntry {
	e.ID = fmt.Sprintf("pe_%d", len(b.data.Entries)+1)
	e.PriceListID, e.ProductID = list.ID, p.ID
	if e.MinQuantity == 0 {
		e.MinQuantity = 1
	}
	if e.Charge == "" {
		e.Charge = cpq.ChargeRecurring
	}
	if e.Charge == cpq.ChargeRecurring && e.Period == "" {
		e.Period = cpq.PeriodMonth
	}
	if e.TierMode == "" {
		e.TierMode = cpq.TierTiered
	}
	if e.TierScope == "" {
		e.TierScope = cpq.ScopeQuote
	}
	b.data.Entries = append(b.data.Entries, &e)
	return &e
}

func (b *book) catalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.New(b.data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func quote(list *cpq.PriceList, term int, lines ...cpq.QuoteLine) *cpq.Quote {
	q := &cpq.Quote{ID: "q", Name: "t", AccountID: "a", Version: 1, Status: cpq.QuoteDraft, PriceListID: list.ID,
		Currency: list.Currency, TermMonths: term,
		SiteGroups: []cpq.SiteGroup{{ID: "g1", Name: "Shinjuku"}, {ID: "g2", Name: "Yokohama"}}}
	for i := range lines {
		if lines[i].ID == "" {
			lines[i].ID = fmt.Sprintf("l%d", i+1)
		}
		if lines[i].SiteGroupID == "" {
			lines[i].SiteGroupID = "g1"
		}
	}
	q.Lines = lines
	return q
}

var business = catalog.Context{Segment: cpq.SegmentBusiness, Day: day}

func price(t *testing.T, c *catalog.Catalog, q *cpq.Quote, s pricing.Settings) *pricing.Result {
	t.Helper()
	r, err := pricing.Price(c, q, business, s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// steps writes a charge's waterfall compactly: "list 5720 term -550 tier … = 5170".
func steps(c *pricing.Charge) string {
	s := ""
	for _, st := range c.Steps {
		s += fmt.Sprintf("%s %s ", st.Kind, st.Amount)
	}
	return s + "= " + c.Net.String()
}

func TestWaterfallSteps(t *testing.T) {
	b := newBook()
	speed := cpq.Attribute{Code: "speed", Name: cpq.Text{EN: "Speed"}, Type: cpq.AttrChoice, Default: "1G",
		Values: []cpq.AttributeValue{{Code: "1G"}, {Code: "10G"}}}
	fibre := b.product("FIBRE", speed)
	b.price(b.jpy, fibre, cpq.PriceEntry{Amount: d("5720"), Cost: d("2900")})
	b.price(b.jpy, fibre, cpq.PriceEntry{Amount: d("5170"), Cost: d("2900"), TermMonths: 24})
	b.price(b.jpy, fibre, cpq.PriceEntry{Amount: d("2200"), Attribute: "speed", AttributeValue: "10G"})
	b.price(b.jpy, fibre, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("19800")})
	phone := b.product("PHONE")
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("98800")})
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("94800"), MinQuantity: 50})
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("89800"), MinQuantity: 200})
	slab := b.product("SLAB")
	b.price(b.jpy, slab, cpq.PriceEntry{Amount: d("100"), TierMode: cpq.TierSlab})
	b.price(b.jpy, slab, cpq.PriceEntry{Amount: d("80"), MinQuantity: 50, TierMode: cpq.TierSlab})
	b.price(b.jpy, slab, cpq.PriceEntry{Amount: d("60"), MinQuantity: 100, TierMode: cpq.TierSlab})
	site := b.product("SITE")
	b.price(b.jpy, site, cpq.PriceEntry{Amount: d("1000"), TierScope: cpq.ScopeSite})
	b.price(b.jpy, site, cpq.PriceEntry{Amount: d("900"), MinQuantity: 10, TierScope: cpq.ScopeSite})
	cat := b.catalog(t)
	s := pricing.JapanSettings()

	cases := []struct {
		name  string
		q     *cpq.Quote
		line  int
		kind  pricing.Kind
		want  string
		value string
	}{
		{"list price times quantity", quote(b.jpy, 0, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 2}), 0, pricing.Monthly,
			"list 11440 = 11440", "11440"},
		{"term price", quote(b.jpy, 24, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1}), 0, pricing.Monthly,
			"list 5720 term -550 = 5170", "124080"},
		{"attribute adjustment", quote(b.jpy, 24, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1, Attributes: map[string]string{"speed": "10G"}}), 0, pricing.Monthly,
			"list 5720 term -550 attribute 2200 = 7370", "176880"},
		{"attribute default does not adjust", quote(b.jpy, 0, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1}), 0, pricing.Monthly,
			"list 5720 = 5720", "5720"},
		{"one-time charge", quote(b.jpy, 24, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1}), 0, pricing.OneTime,
			"list 19800 = 19800", "19800"},
		{"below the first tier", quote(b.jpy, 0, cpq.QuoteLine{ProductID: phone.ID, Quantity: 49}), 0, pricing.OneTime,
			"list 4841200 = 4841200", "4841200"},
		{"tier reached across the quote", quote(b.jpy, 0, cpq.QuoteLine{ProductID: phone.ID, Quantity: 30},
			cpq.QuoteLine{ProductID: phone.ID, Quantity: 30, SiteGroupID: "g2"}), 1, pricing.OneTime,
			"list 2964000 tier -120000 = 2844000", "2844000"},
		{"highest tier", quote(b.jpy, 0, cpq.QuoteLine{ProductID: phone.ID, Quantity: 250}), 0, pricing.OneTime,
			"list 24700000 tier -2250000 = 22450000", "22450000"},
		{"slab: units 1–49 base, 50–60 at the 50+ price", quote(b.jpy, 0, cpq.QuoteLine{ProductID: slab.ID, Quantity: 60}), 0, pricing.Monthly,
			"list 6000 tier -220 = 5780", "5780"},
		{"slab: the second line continues the first's units", quote(b.jpy, 0, cpq.QuoteLine{ProductID: slab.ID, Quantity: 60},
			cpq.QuoteLine{ProductID: slab.ID, Quantity: 60}), 1, pricing.Monthly,
			"list 6000 tier -780 tier -840 = 4380", "4380"},
		{"site scope counts one site only", quote(b.jpy, 0, cpq.QuoteLine{ProductID: site.ID, Quantity: 6},
			cpq.QuoteLine{ProductID: site.ID, Quantity: 6, SiteGroupID: "g2"}), 0, pricing.Monthly,
			"list 6000 = 6000", "6000"},
		{"site scope tier at one site", quote(b.jpy, 0, cpq.QuoteLine{ProductID: site.ID, Quantity: 6},
			cpq.QuoteLine{ProductID: site.ID, Quantity: 4}), 0, pricing.Monthly,
			"list 6000 tier -600 = 5400", "5400"},
		{"line discount percent and amount, then quote discount", func() *cpq.Quote {
			q := quote(b.jpy, 0, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1, DiscountPct: d("10"), DiscountAmount: d("100")})
			q.DiscountPct = d("5")
			return q
		}(), 0, pricing.Monthly, "list 5720 line_discount -572 line_discount -100 quote_discount -252.4 rounding 0.4 = 4796", "4796"},
		{"rounding residue", quote(b.jpy, 0, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1, DiscountPct: d("12.5")}), 0, pricing.Monthly,
			"list 5720 line_discount -715 = 5005", "5005"},
		{"amount discount never below zero", quote(b.jpy, 0, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1, DiscountAmount: d("9999")}), 0, pricing.Monthly,
			"list 5720 line_discount -5720 = 0", "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := price(t, cat, c.q, s)
			ch := r.Lines[c.line].Charge(c.kind)
			if ch == nil {
				t.Fatalf("no %s charge", c.kind)
			}
			if got := steps(ch); got != c.want {
				t.Errorf("waterfall = %q\n            want %q", got, c.want)
			}
			if !ch.Value.Equal(d(c.value)) {
				t.Errorf("value = %s, want %s", ch.Value, c.value)
			}
		})
	}
}

func TestRoundingModes(t *testing.T) {
	b := newBook()
	plan := b.product("PLAN")
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("1980")})
	b.price(b.usd, plan, cpq.PriceEntry{Amount: d("13.19")})
	cat := b.catalog(t)
	cases := []struct {
		list *cpq.PriceList
		pct  string
		mode cpq.RoundingMode
		want string
	}{
		{b.jpy, "12.5", cpq.RoundHalfUp, "1733"},   // 1732.5
		{b.jpy, "12.5", cpq.RoundHalfEven, "1732"}, // to the even neighbour
		{b.jpy, "12.5", cpq.RoundDown, "1732"},
		{b.jpy, "12.4", cpq.RoundUp, "1735"},    // 1734.48
		{b.usd, "15", cpq.RoundHalfUp, "11.21"}, // 11.2115
		{b.usd, "15", cpq.RoundDown, "11.21"},
		{b.usd, "15", cpq.RoundUp, "11.22"},
	}
	for _, c := range cases {
		s := pricing.JapanSettings()
		s.Rounding = c.mode
		r := price(t, cat, quote(c.list, 0, cpq.QuoteLine{ProductID: plan.ID, Quantity: 1, DiscountPct: d(c.pct)}), s)
		if got := r.Lines[0].Charge(pricing.Monthly).Net; !got.Equal(d(c.want)) {
			t.Errorf("%s %s%% %s: net %s, want %s", c.list.Currency, c.pct, c.mode, got, c.want)
		}
	}
}

func TestTaxRounding(t *testing.T) {
	b := newBook()
	snack := b.product("SNACK")
	snack.TaxCode = cpq.TaxReduced
	b.price(b.jpy, snack, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("105")})
	svc := b.product("SVC")
	b.price(b.jpy, svc, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("105")})
	cat := b.catalog(t)
	q := quote(b.jpy, 0,
		cpq.QuoteLine{ProductID: snack.ID, Quantity: 1}, cpq.QuoteLine{ProductID: snack.ID, Quantity: 1},
		cpq.QuoteLine{ProductID: svc.ID, Quantity: 1}, cpq.QuoteLine{ProductID: svc.ID, Quantity: 1})

	// Once per rate per document: 210 × 8% = 16.8 → 16; 210 × 10% = 21.
	doc := price(t, cat, q, pricing.JapanSettings())
	if got := fmt.Sprint(taxes(doc)); got != "[one_time reduced 8 210 16 one_time standard 10 210 21]" {
		t.Errorf("document taxes = %s", got)
	}
	if !doc.Totals.OneTimeTax.Equal(d("37")) || !doc.Totals.OneTimeGross.Equal(d("457")) {
		t.Errorf("document totals: tax %s gross %s", doc.Totals.OneTimeTax, doc.Totals.OneTimeGross)
	}
	// Per line: 105 × 8% = 8.4 → 8, twice; 105 × 10% = 10.5 → 10, twice.
	s := pricing.JapanSettings()
	s.TaxRounding = pricing.TaxPerLine
	line := price(t, cat, q, s)
	if got := fmt.Sprint(taxes(line)); got != "[one_time reduced 8 210 16 one_time standard 10 210 20]" {
		t.Errorf("per-line taxes = %s", got)
	}
	if !line.Lines[2].Charge(pricing.OneTime).Tax.Equal(d("10")) {
		t.Errorf("line tax = %s, want 10", line.Lines[2].Charge(pricing.OneTime).Tax)
	}
}

func taxes(r *pricing.Result) []string {
	var out []string
	for _, t := range r.Totals.Taxes {
		out = append(out, fmt.Sprintf("%s %s %s %s %s", t.Kind, t.TaxCode, t.Rate, t.Base, t.Tax))
	}
	return out
}

func TestPromotions(t *testing.T) {
	b := newBook()
	fibre := b.product("FIBRE")
	b.price(b.jpy, fibre, cpq.PriceEntry{Amount: d("5720"), Cost: d("2900")})
	b.price(b.jpy, fibre, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("19800")})
	promo := func(code string, kind cpq.DiscountKind, value string, charge cpq.ChargeType, months int, seg cpq.Segment, from, to time.Time) {
		b.data.Promotions = append(b.data.Promotions, &cpq.Promotion{ID: "pr_" + code, Code: code, Name: cpq.Text{EN: code},
			Kind: kind, Value: d(value), Currency: "JPY", Charge: charge, DurationMonths: months, Segment: seg,
			ValidFrom: from, ValidTo: to, ProductIDs: []string{fibre.ID}, Active: true})
	}
	promo("A-START", cpq.DiscountAmount, "1100", cpq.ChargeRecurring, 12, cpq.SegmentBusiness, day.AddDate(0, -1, 0), day.AddDate(1, 0, 0))
	promo("B-INSTALL", cpq.DiscountPercent, "50", cpq.ChargeOneTime, 0, "", time.Time{}, time.Time{})
	promo("C-CONSUMER", cpq.DiscountPercent, "30", cpq.ChargeRecurring, 0, cpq.SegmentConsumer, time.Time{}, time.Time{})
	promo("D-EXPIRED", cpq.DiscountPercent, "30", cpq.ChargeRecurring, 0, "", day.AddDate(-1, 0, 0), day.AddDate(0, 0, -1))
	cat := b.catalog(t)
	r := price(t, cat, quote(b.jpy, 24, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1}), pricing.JapanSettings())
	m := r.Lines[0].Charge(pricing.Monthly)
	if got := steps(m); got != "list 5720 promotion -1100 = 4620" {
		t.Errorf("monthly = %s (the consumer and expired promotions must not apply)", got)
	}
	if m.PromotionMonths != 12 || !m.NetAfter.Equal(d("5720")) || m.Steps[1].Months != 12 {
		t.Errorf("promotion months %d, net after %s", m.PromotionMonths, m.NetAfter)
	}
	// 12 months at 4,620 and 12 at 5,720.
	if !m.Value.Equal(d("124080")) {
		t.Errorf("value over 24 months = %s, want 124080", m.Value)
	}
	if got := steps(r.Lines[0].Charge(pricing.OneTime)); got != "list 19800 promotion -9900 = 9900" {
		t.Errorf("one-time = %s", got)
	}
	if !r.Totals.Monthly.Equal(d("4620")) || !r.Totals.MonthlyAfterPromotions.Equal(d("5720")) || !r.Totals.TCV.Equal(d("133980")) {
		t.Errorf("totals: monthly %s after %s tcv %s", r.Totals.Monthly, r.Totals.MonthlyAfterPromotions, r.Totals.TCV)
	}
	// Cost over the term 2,900 × 24 = 69,600; margin 133,980 − 69,600 = 64,380 = 48.05%.
	if !r.Totals.Cost.Equal(d("69600")) || !r.Totals.Margin.Equal(d("64380")) || !r.Totals.MarginPct.Equal(d("48.05")) {
		t.Errorf("cost %s margin %s (%s%%)", r.Totals.Cost, r.Totals.Margin, r.Totals.MarginPct)
	}
	// A 12-month promotion on a 12-month term covers the whole term.
	r = price(t, cat, quote(b.jpy, 12, cpq.QuoteLine{ProductID: fibre.ID, Quantity: 1}), pricing.JapanSettings())
	if m := r.Lines[0].Charge(pricing.Monthly); m.PromotionMonths != 0 || !m.Value.Equal(d("55440")) {
		t.Errorf("12 of 12 months: promotion months %d value %s", m.PromotionMonths, m.Value)
	}
}

func TestBundlesMultiplyQuantities(t *testing.T) {
	b := newBook()
	ap := b.product("AP")
	b.price(b.jpy, ap, cpq.PriceEntry{Amount: d("3300")})
	store := b.product("STORE")
	store.Kind = cpq.ProductBundle
	store.Components = []cpq.BundleComponent{{ProductID: ap.ID, Min: 1, Max: 20, Default: 4}}
	cat := b.catalog(t)
	q := quote(b.jpy, 36, cpq.QuoteLine{ID: "b", ProductID: store.ID, Quantity: 2}, cpq.QuoteLine{ID: "c", ParentID: "b", ProductID: ap.ID, Quantity: 4})
	r := price(t, cat, q, pricing.JapanSettings())
	if got := r.Lines[1].EffectiveQuantity; got != 8 {
		t.Errorf("effective quantity = %d, want 8 (2 stores × 4)", got)
	}
	if len(r.Lines[0].Charges) != 0 {
		t.Errorf("a bundle without prices of its own has charges: %+v", r.Lines[0].Charges)
	}
	if !r.Totals.Monthly.Equal(d("26400")) || !r.Groups[0].Monthly.Equal(d("26400")) || !r.Groups[1].Monthly.IsZero() {
		t.Errorf("totals %s, groups %s / %s", r.Totals.Monthly, r.Groups[0].Monthly, r.Groups[1].Monthly)
	}
}

func TestRefusals(t *testing.T) {
	b := newBook()
	p := b.product("PX")
	b.price(b.jpy, p, cpq.PriceEntry{Amount: d("1")})
	cat := b.catalog(t)
	q := quote(b.jpy, 0, cpq.QuoteLine{ProductID: p.ID, Quantity: 1})
	q.Currency = "USD"
	if _, err := pricing.Price(cat, q, business, pricing.JapanSettings()); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Errorf("currency mismatch: %v", err)
	}
	q = quote(b.jpy, 0, cpq.QuoteLine{ProductID: "prd_nope", Quantity: 1})
	if _, err := pricing.Price(cat, q, business, pricing.JapanSettings()); err == nil || err.Error() != "Line 1: the product is not in the catalog." {
		t.Errorf("unknown product: %v", err)
	}
	s := pricing.JapanSettings()
	s.TaxRounding = "weekly"
	if _, err := pricing.Price(cat, quote(b.jpy, 0), business, s); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Errorf("bad settings: %v", err)
	}
}

// The builder refreshes exactly the rows SetLine says it repriced, so the list must hold every line whose price
// moved and, on large quotes, little else.
func TestSetLineRepricesWhatMoves(t *testing.T) {
	b := newBook()
	phone := b.product("PHONE")
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("98800")})
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("94800"), MinQuantity: 50})
	plan := b.product("PLAN")
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("100"), TierMode: cpq.TierSlab})
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("80"), MinQuantity: 50, TierMode: cpq.TierSlab})
	care := b.product("CARE")
	b.price(b.jpy, care, cpq.PriceEntry{Amount: d("700")})
	cat := b.catalog(t)
	// Lines 1–3: 30 phones, 30 plans, care; lines 4–5: 30 phones, 30 plans.
	q := quote(b.jpy, 0,
		cpq.QuoteLine{ProductID: phone.ID, Quantity: 30}, cpq.QuoteLine{ProductID: plan.ID, Quantity: 30},
		cpq.QuoteLine{ProductID: care.ID, Quantity: 1},
		cpq.QuoteLine{ProductID: phone.ID, Quantity: 30}, cpq.QuoteLine{ProductID: plan.ID, Quantity: 30})

	cases := []struct {
		name string
		line int
		qty  int
		want string
	}{
		{"no tier involved", 2, 3, "[l3]"},
		{"tier kept (60 → 61 phones)", 0, 31, "[l1]"},
		{"tier lost (60 → 49 phones)", 0, 19, "[l1 l4]"},
		{"slab units shift below the top slab", 1, 10, "[l2 l5]"},
		{"slab units past the top slab stay", 4, 40, "[l5]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := pricing.New(cat, q, business, pricing.JapanSettings())
			if err != nil {
				t.Fatal(err)
			}
			l := q.Lines[c.line]
			l.Quantity = c.qty
			got, err := p.SetLine(l)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != c.want {
				t.Errorf("repriced %v, want %s", got, c.want)
			}
			edited := *q
			edited.Lines = append([]cpq.QuoteLine(nil), q.Lines...)
			edited.Lines[c.line] = l
			if got, want := summary(p.Result()), summary(price(t, cat, &edited, pricing.JapanSettings())); got != want {
				t.Errorf("incremental\n%s\nfull\n%s", got, want)
			}
		})
	}
}

// An amount discount's step names the discount per unit as the line gives it, also when it is capped at the
// price.
func TestAmountDiscountLabel(t *testing.T) {
	b := newBook()
	router := b.product("ROUTER")
	b.price(b.jpy, router, cpq.PriceEntry{Amount: d("550")})
	cat := b.catalog(t)
	jpy, _ := cpq.LookupCurrency("JPY")
	for _, c := range []struct{ off, amount, label string }{
		{"100", "-300", "Line discount ¥100 per unit"},
		{"700", "-1650", "Line discount ¥700 per unit"},
	} {
		r := price(t, cat, quote(b.jpy, 0, cpq.QuoteLine{ProductID: router.ID, Quantity: 3, DiscountAmount: d(c.off)}), pricing.JapanSettings())
		st := r.Lines[0].Charge(pricing.Monthly).Steps[1]
		if got := st.Label(router, jpy, 3).EN; got != c.label || st.Amount.String() != c.amount {
			t.Errorf("¥%s off: step %q %s, want %q %s", c.off, got, st.Amount, c.label, c.amount)
		}
	}
}

// Found in review: term and tier entries without a cost kept no cost at all, and the margin looked too good.
func TestCostOfTermAndTierPrices(t *testing.T) {
	b := newBook()
	phone := b.product("PHONE")
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("1000"), Cost: d("600")})
	b.price(b.jpy, phone, cpq.PriceEntry{Charge: cpq.ChargeOneTime, Amount: d("900"), MinQuantity: 10})
	svc := b.product("SVC")
	b.price(b.jpy, svc, cpq.PriceEntry{Amount: d("3000"), Cost: d("1200")})
	b.price(b.jpy, svc, cpq.PriceEntry{Amount: d("2800"), TermMonths: 12})
	slab := b.product("SLAB")
	b.price(b.jpy, slab, cpq.PriceEntry{Amount: d("100"), Cost: d("100"), TierMode: cpq.TierSlab})
	b.price(b.jpy, slab, cpq.PriceEntry{Amount: d("90"), Cost: d("80"), MinQuantity: 50, TierMode: cpq.TierSlab})
	cat := b.catalog(t)
	cases := []struct {
		name string
		line cpq.QuoteLine
		term int
		kind pricing.Kind
		cost string
	}{
		{"a tier without a cost keeps the base cost", cpq.QuoteLine{ProductID: phone.ID, Quantity: 10}, 0, pricing.OneTime, "6000"},
		{"a term price without a cost keeps the base cost", cpq.QuoteLine{ProductID: svc.ID, Quantity: 2}, 12, pricing.Monthly, "2400"},
		{"slabs cost slab by slab: 49 at 100, 11 at 80", cpq.QuoteLine{ProductID: slab.ID, Quantity: 60}, 0, pricing.Monthly, "5780"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := price(t, cat, quote(b.jpy, c.term, c.line), pricing.JapanSettings())
			if got := r.Lines[0].Charge(c.kind).Cost; !got.Equal(d(c.cost)) {
				t.Errorf("cost = %s, want %s", got, c.cost)
			}
		})
	}
}

// Found in review: volume tiers without a term vanished once a term price applied, so committing for longer
// could cost more than not committing.
func TestTermPriceKeepsCheaperTiers(t *testing.T) {
	b := newBook()
	plan := b.product("PLAN")
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("3000")})
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("2500"), TermMonths: 24})
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("2000"), MinQuantity: 10})
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("2600"), MinQuantity: 5, TermMonths: 36})
	b.price(b.jpy, plan, cpq.PriceEntry{Amount: d("2700"), TermMonths: 36})
	cat := b.catalog(t)
	cases := []struct {
		name string
		term int
		qty  int
		want string
	}{
		{"no commitment, tier reached", 0, 10, "list 30000 tier -10000 = 20000"},
		{"24 months: the tier below the term price applies", 24, 10, "list 30000 term -5000 tier -5000 = 20000"},
		{"24 months, tier not reached", 24, 9, "list 27000 term -4500 = 22500"},
		{"36 months has tiers of its own", 36, 10, "list 30000 term -3000 tier -1000 = 26000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := price(t, cat, quote(b.jpy, c.term, cpq.QuoteLine{ProductID: plan.ID, Quantity: c.qty}), pricing.JapanSettings())
			if got := steps(r.Lines[0].Charge(pricing.Monthly)); got != c.want {
				t.Errorf("waterfall = %q, want %q", got, c.want)
			}
		})
	}
}

// Found in review: a time-limited promotion lasted for ever on a quote without commitment, and every year of a
// yearly charge.
func TestTimeLimitedPromotionsOnYearlyChargesAndWithoutCommitment(t *testing.T) {
	b := newBook()
	lic := b.product("LIC")
	b.price(b.jpy, lic, cpq.PriceEntry{Amount: d("24000"), Period: cpq.PeriodYear})
	line := b.product("LINE")
	b.price(b.jpy, line, cpq.PriceEntry{Amount: d("1000")})
	b.data.Promotions = append(b.data.Promotions,
		&cpq.Promotion{ID: "pr_y", Code: "YEAR-OFF", Name: cpq.Text{EN: "y"}, Kind: cpq.DiscountAmount, Value: d("1000"), Currency: "JPY",
			Charge: cpq.ChargeRecurring, DurationMonths: 3, ProductIDs: []string{lic.ID}, Active: true},
		&cpq.Promotion{ID: "pr_m", Code: "HALF", Name: cpq.Text{EN: "m"}, Kind: cpq.DiscountPercent, Value: d("50"),
			Charge: cpq.ChargeRecurring, DurationMonths: 3, ProductIDs: []string{line.ID}, Active: true})
	cat := b.catalog(t)

	// 36 months of a yearly licence: the 3-month offer lowers the first year only.
	r := price(t, cat, quote(b.jpy, 36, cpq.QuoteLine{ProductID: lic.ID, Quantity: 1}), pricing.JapanSettings())
	y := r.Lines[0].Charge(pricing.Yearly)
	if !y.Net.Equal(d("23000")) || !y.NetAfter.Equal(d("24000")) || !y.Value.Equal(d("71000")) || y.PromotionMonths != 12 {
		t.Errorf("yearly: net %s after %s value %s over %d months", y.Net, y.NetAfter, y.Value, y.PromotionMonths)
	}
	// No commitment: half price for 3 months, then the full price; the quote is valued over its first month.
	r = price(t, cat, quote(b.jpy, 0, cpq.QuoteLine{ProductID: line.ID, Quantity: 1}), pricing.JapanSettings())
	m := r.Lines[0].Charge(pricing.Monthly)
	if !m.Net.Equal(d("500")) || !m.NetAfter.Equal(d("1000")) || m.PromotionMonths != 3 || !m.Value.Equal(d("500")) || m.Steps[1].Months != 3 {
		t.Errorf("no commitment: net %s after %s for %d months, value %s", m.Net, m.NetAfter, m.PromotionMonths, m.Value)
	}
	if !r.Totals.MonthlyAfterPromotions.Equal(d("1000")) {
		t.Errorf("monthly after promotions = %s", r.Totals.MonthlyAfterPromotions)
	}
}

// Found in review: a percentage discount on a line priced below zero (a negative attribute price) raised it.
func TestDiscountsNeverRaiseAPrice(t *testing.T) {
	b := newBook()
	kit := b.product("KIT", cpq.Attribute{Code: "own", Name: cpq.Text{EN: "Own"}, Type: cpq.AttrBoolean, Default: "false"})
	b.price(b.jpy, kit, cpq.PriceEntry{Amount: d("100")})
	b.price(b.jpy, kit, cpq.PriceEntry{Amount: d("-300"), Attribute: "own", AttributeValue: "true"})
	cat := b.catalog(t)
	q := quote(b.jpy, 0, cpq.QuoteLine{ProductID: kit.ID, Quantity: 1, Attributes: map[string]string{"own": "true"},
		DiscountPct: d("10"), DiscountAmount: d("50")})
	q.DiscountPct = d("5")
	r := price(t, cat, q, pricing.JapanSettings())
	if got := steps(r.Lines[0].Charge(pricing.Monthly)); got != "list 100 attribute -300 = -200" {
		t.Errorf("waterfall = %q", got)
	}
}
