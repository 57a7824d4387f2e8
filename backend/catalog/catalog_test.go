package catalog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

var day = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func product(code string, kind cpq.ProductKind, en, ja string) *cpq.Product {
	return &cpq.Product{ID: "prd_" + code, Code: code, Kind: kind, Name: cpq.Text{EN: en, JA: ja}, Status: cpq.ProductActive}
}

// fixture is a small telecom catalog with one rule of each kind.
func fixture(t *testing.T) (*catalog.Catalog, map[string]*cpq.Product) {
	t.Helper()
	ps := map[string]*cpq.Product{
		"FIBRE":  product("FIBRE", cpq.ProductSimple, "Home fibre", "光回線"),
		"ROUTER": product("ROUTER", cpq.ProductSimple, "Router", "ルーター"),
		"TV":     product("TV", cpq.ProductSimple, "TV", "テレビ"),
		"PHONE":  product("PHONE", cpq.ProductSimple, "Smartphone", "スマートフォン"),
		"DSL":    product("DSL", cpq.ProductSimple, "DSL line", "DSL回線"),
		"BIZ":    product("BIZ", cpq.ProductSimple, "Business fibre", "ビジネス光"),
		"HOME":   product("HOME", cpq.ProductBundle, "Home bundle", "ホームセット"),
		"OLD":    product("OLD", cpq.ProductSimple, "Old plan", "旧プラン"),
	}
	ps["FIBRE"].Attributes = []cpq.Attribute{
		{Code: "speed", Name: cpq.Text{EN: "Speed", JA: "速度"}, Type: cpq.AttrChoice, Required: true,
			Values: []cpq.AttributeValue{{Code: "1G"}, {Code: "10G"}}},
		{Code: "floors", Name: cpq.Text{EN: "Floors", JA: "階数"}, Type: cpq.AttrNumber},
	}
	ps["HOME"].Components = []cpq.BundleComponent{
		{ProductID: ps["FIBRE"].ID, Min: 1, Max: 1, Default: 1},
		{ProductID: ps["ROUTER"].ID, Min: 1, Max: 2, Default: 1},
		{ProductID: ps["TV"].ID, Min: 0, Max: 1},
	}
	ps["OLD"].EffectiveTo = day.AddDate(0, -1, 0)
	list := &cpq.PriceList{ID: "pl", Code: "JP", Name: cpq.Text{EN: "Standard", JA: "標準"}, Currency: "JPY", Active: true}
	var entries []*cpq.PriceEntry
	for _, code := range []string{"FIBRE", "ROUTER", "TV", "PHONE", "DSL", "BIZ", "OLD"} {
		entries = append(entries, &cpq.PriceEntry{ID: "pe_" + code, PriceListID: "pl", ProductID: ps[code].ID,
			Charge: cpq.ChargeRecurring, Period: cpq.PeriodMonth, Amount: decimal.NewFromInt(1000), MinQuantity: 1,
			TierMode: cpq.TierTiered, TierScope: cpq.ScopeQuote})
	}
	rules := []*cpq.Rule{
		{Code: "FIBRE-AREA", Kind: cpq.RuleAvailability, Products: []string{"FIBRE"}, PostalPrefixes: []string{"160-", "105-"}, Active: true},
		{Code: "BIZ-ONLY", Kind: cpq.RuleEligibility, Products: []string{"BIZ"}, Segments: []cpq.Segment{cpq.SegmentBusiness}, Active: true},
		{Code: "PHONE-CREDIT", Kind: cpq.RuleEligibility, Products: []string{"PHONE"},
			CreditStatuses: []cpq.CreditStatus{cpq.CreditApproved, cpq.CreditReview}, Active: true,
			Message: cpq.Text{EN: "Devices on instalments need a credit check that is not declined.", JA: "分割払いの端末には否決でない信用調査が必要です。"}},
		{Code: "TV-NEEDS-FIBRE", Kind: cpq.RuleRequires, Products: []string{"TV"}, Targets: []string{"FIBRE"}, Scope: cpq.ScopeSite, WithAssets: true, Active: true},
		{Code: "DSL-OR-FIBRE", Kind: cpq.RuleExcludes, Products: []string{"DSL"}, Targets: []string{"FIBRE"}, Scope: cpq.ScopeSite, WithAssets: true, Active: true},
		{Code: "INACTIVE", Kind: cpq.RuleEligibility, Products: []string{"ROUTER"}, Segments: []cpq.Segment{cpq.SegmentBusiness}},
	}
	var products []*cpq.Product
	for _, code := range []string{"FIBRE", "ROUTER", "TV", "PHONE", "DSL", "BIZ", "HOME", "OLD"} {
		products = append(products, ps[code])
	}
	c, err := catalog.New(catalog.Data{Products: products, PriceLists: []*cpq.PriceList{list}, Entries: entries, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	return c, ps
}

var consumer = catalog.Context{Segment: cpq.SegmentConsumer, Region: "Tokyo", Credit: cpq.CreditApproved, Rating: "A", Day: day}

func whyNot(c *catalog.Catalog, ctx catalog.Context, site *catalog.Site, p *cpq.Product, lang cpq.Lang) string {
	var out []string
	for _, e := range c.WhyNot(ctx, site, p) {
		out = append(out, e.Text(lang))
	}
	return strings.Join(out, " | ")
}

func TestWhyNot(t *testing.T) {
	c, ps := fixture(t)
	shinjuku := &catalog.Site{ID: "s1", PostalCode: "160-0022", Region: "Tokyo"}
	sapporo := &catalog.Site{ID: "s2", PostalCode: "060-0001", Region: "Hokkaido"}
	declined := consumer
	declined.Credit = cpq.CreditDeclined
	cases := []struct {
		name   string
		ctx    catalog.Context
		site   *catalog.Site
		code   string
		en, ja string
	}{
		{"fibre where it is built", consumer, shinjuku, "FIBRE", "", ""},
		{"fibre where it is not", consumer, sapporo, "FIBRE",
			"Not available at postal code 060-0001: provided only in 160- or 105-.", "郵便番号 060-0001 では提供していません。提供エリア: 160-、105-。"},
		{"fibre without a site", consumer, nil, "FIBRE",
			"Choose a site first: availability depends on where it is installed.", "先に拠点を選んでください。提供可否は設置場所によって決まります。"},
		{"business product for a consumer", consumer, shinjuku, "BIZ",
			"Offered to business customers only.", "法人のお客様のみが対象です。"},
		{"devices for a declined account: the rule's own message", declined, shinjuku, "PHONE",
			"Devices on instalments need a credit check that is not declined.", "分割払いの端末には否決でない信用調査が必要です。"},
		{"a retired product", consumer, shinjuku, "OLD", "Old plan is not on sale on this date.", "旧プランはこの日付では販売していません。"},
		{"an inactive rule does not count", consumer, shinjuku, "ROUTER", "", ""},
	}
	for _, tc := range cases {
		if got := whyNot(c, tc.ctx, tc.site, ps[tc.code], cpq.LangEN); got != tc.en {
			t.Errorf("%s (en): %q, want %q", tc.name, got, tc.en)
		}
		if got := whyNot(c, tc.ctx, tc.site, ps[tc.code], cpq.LangJA); got != tc.ja {
			t.Errorf("%s (ja): %q, want %q", tc.name, got, tc.ja)
		}
	}
	// The picker lists every product, available or not, with its reasons.
	offers := c.Offers(consumer, sapporo, c.PriceListByCode("jp"), 0)
	hidden := map[string]string{}
	for _, o := range offers {
		if !o.Available {
			hidden[o.Product.Code] = o.Reasons[0].Rule
		}
	}
	if hidden["FIBRE"] != "FIBRE-AREA" || hidden["BIZ"] != "BIZ-ONLY" || hidden["HOME"] != "" && len(offers) != 8 {
		t.Errorf("hidden = %v", hidden)
	}
}

func TestEligibilityConditions(t *testing.T) {
	p := product("DEV", cpq.ProductSimple, "Device", "端末")
	gold := product("GOLD", cpq.ProductSimple, "Gold", "ゴールド")
	c, err := catalog.New(catalog.Data{Products: []*cpq.Product{p, gold}, Rules: []*cpq.Rule{
		{Code: "R1", Kind: cpq.RuleEligibility, Products: []string{"DEV"}, Regions: []string{"Tokyo", "Osaka"}, Active: true},
		{Code: "R2", Kind: cpq.RuleEligibility, Products: []string{"DEV"}, CreditRatings: []string{"A", "B"}, Active: true},
		{Code: "R3", Kind: cpq.RuleEligibility, Products: []string{"DEV"}, ValidFrom: day, ValidTo: day.AddDate(0, 1, 0), Active: true},
		{Code: "R4", Kind: cpq.RuleEligibility, Products: []string{"DEV"}, AssetProducts: []string{"GOLD"}, Active: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := catalog.Context{Segment: cpq.SegmentBusiness, Region: "Tokyo", Rating: "A", Day: day,
		Assets: []catalog.Asset{{ProductID: gold.ID}}}
	if got := whyNot(c, ctx, nil, p, cpq.LangEN); got != "" {
		t.Fatalf("eligible context refused: %s", got)
	}
	for name, change := range map[string]func(*catalog.Context){
		"Offered in Tokyo or Osaka only (this account is in Hokkaido).": func(c *catalog.Context) { c.Region = "Hokkaido" },
		"Needs a credit rating of A or B (this account: C).":            func(c *catalog.Context) { c.Rating = "C" },
		"Offered from 2026-12-01 to 2027-01-01 only.":                   func(c *catalog.Context) { c.Day = day.AddDate(0, 2, 0) },
		"Only for customers who already have Gold.":                     func(c *catalog.Context) { c.Assets = nil },
	} {
		x := ctx
		change(&x)
		if got := whyNot(c, x, nil, p, cpq.LangEN); got != name {
			t.Errorf("got %q, want %q", got, name)
		}
	}
}

func problems(c *catalog.Catalog, q *cpq.Quote, sites map[string]*catalog.Site, ctx catalog.Context, lang cpq.Lang) []string {
	var out []string
	for _, p := range c.Validate(ctx, q, sites) {
		out = append(out, p.Text(lang))
	}
	return out
}

func TestValidateConfiguration(t *testing.T) {
	c, ps := fixture(t)
	sites := map[string]*catalog.Site{"g1": {ID: "s1", PostalCode: "160-0022", Region: "Tokyo"}, "g2": {ID: "s2", PostalCode: "105-0011", Region: "Tokyo"}}
	line := func(id, parent, code, group string, qty int, attrs map[string]string) cpq.QuoteLine {
		return cpq.QuoteLine{ID: id, ParentID: parent, ProductID: ps[code].ID, SiteGroupID: group, Quantity: qty, Attributes: attrs}
	}
	good := &cpq.Quote{Lines: []cpq.QuoteLine{
		line("b", "", "HOME", "g1", 1, nil),
		line("f", "b", "FIBRE", "g1", 1, map[string]string{"speed": "10G"}),
		line("r", "b", "ROUTER", "g1", 1, nil),
		line("tv", "b", "TV", "g1", 1, nil),
	}}
	if got := problems(c, good, sites, consumer, cpq.LangEN); len(got) != 0 {
		t.Fatalf("a valid home bundle has problems: %v", got)
	}
	bad := &cpq.Quote{Lines: []cpq.QuoteLine{
		line("b", "", "HOME", "g1", 1, nil),
		line("f", "b", "FIBRE", "g1", 1, map[string]string{"speed": "5G", "colour": "red", "floors": "two"}),
		line("r", "b", "ROUTER", "g1", 3, nil),
		line("p", "b", "PHONE", "g1", 1, nil),
		line("tv", "", "TV", "g2", 1, nil),
		line("dsl", "", "DSL", "g1", 1, nil),
	}}
	want := []string{
		"Line 1: the bundle takes at most 2 × Router (has 3).",
		"Line 2: “5G” is not a value of “Speed” (choose 1G or 10G).",
		"Line 2: “Floors” must be a number, not “two”.",
		"Line 2: Home fibre has no attribute “colour”.",
		"Line 4: Smartphone is not part of Home bundle.",
		"Line 5: TV needs Home fibre at the same site.",
		"Line 6: DSL line cannot be combined with Home fibre.",
	}
	if got := problems(c, bad, sites, consumer, cpq.LangEN); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ja := problems(c, bad, sites, consumer, cpq.LangJA)
	if ja[0] != "1 行目: このバンドルのルーターは 2 個までです（現在 3 個）。" || ja[6] != "6 行目: DSL回線は光回線と併用できません。" {
		t.Errorf("Japanese problems: %v", ja)
	}
	missing := &cpq.Quote{Lines: []cpq.QuoteLine{line("b", "", "HOME", "g1", 1, nil), line("f", "b", "FIBRE", "g1", 1, nil)}}
	got := problems(c, missing, sites, consumer, cpq.LangEN)
	if strings.Join(got, "\n") != "Line 1: the bundle needs at least 1 × Router (has 0).\nLine 2: choose a value for “Speed”." {
		t.Errorf("missing: %v", got)
	}
	// An asset at the site satisfies "requires", and triggers "excludes".
	withFibre := consumer
	withFibre.Assets = []catalog.Asset{{ProductID: ps["FIBRE"].ID, SiteID: "s2"}}
	q := &cpq.Quote{Lines: []cpq.QuoteLine{line("tv", "", "TV", "g2", 1, nil), line("dsl", "", "DSL", "g2", 1, nil)}}
	if got := problems(c, q, sites, withFibre, cpq.LangEN); strings.Join(got, "|") != "Line 2: DSL line cannot be combined with Home fibre." {
		t.Errorf("with a fibre asset: %v", got)
	}
}

func TestCatalogDataErrors(t *testing.T) {
	a := product("AA", cpq.ProductBundle, "A", "A")
	b := product("BB", cpq.ProductBundle, "B", "B")
	a.Components = []cpq.BundleComponent{{ProductID: b.ID, Min: 1, Max: 1, Default: 1}}
	b.Components = []cpq.BundleComponent{{ProductID: a.ID, Min: 1, Max: 1, Default: 1}}
	_, err := catalog.New(catalog.Data{Products: []*cpq.Product{a, b}, Rules: []*cpq.Rule{
		{Code: "X", Kind: cpq.RuleRequires, Products: []string{"AA"}, Targets: []string{"NOPE"}, Scope: cpq.ScopeQuote, Active: true},
	}, Entries: []*cpq.PriceEntry{{ID: "e", PriceListID: "missing", ProductID: a.ID, Charge: cpq.ChargeOneTime, MinQuantity: 1}}})
	if err == nil {
		t.Fatal("an inconsistent catalog was accepted")
	}
	for _, want := range []string{"bundle AA contains itself: AA → BB → AA", "rules[0]: rule X names product NOPE", "prices[0]: no price list missing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// Found in review: a product priced only for another term was offered and then priced at nothing.
func TestPricedForTheQuotesTerm(t *testing.T) {
	plan := product("PLAN", cpq.ProductSimple, "Data plan", "データプラン")
	pack := product("PACK", cpq.ProductBundle, "Plan pack", "プランパック")
	pack.Components = []cpq.BundleComponent{{ProductID: plan.ID, Min: 1, Max: 1, Default: 1}}
	list := &cpq.PriceList{ID: "pl", Code: "JP", Name: cpq.Text{EN: "Standard", JA: "標準"}, Currency: "JPY", Active: true}
	c, err := catalog.New(catalog.Data{Products: []*cpq.Product{plan, pack}, PriceLists: []*cpq.PriceList{list},
		Entries: []*cpq.PriceEntry{{ID: "pe", PriceListID: "pl", ProductID: plan.ID, Charge: cpq.ChargeRecurring,
			Period: cpq.PeriodMonth, Amount: decimal.NewFromInt(2500), TermMonths: 24, MinQuantity: 1,
			TierMode: cpq.TierTiered, TierScope: cpq.ScopeQuote}}})
	if err != nil {
		t.Fatal(err)
	}
	business := catalog.Context{Segment: cpq.SegmentBusiness, Day: day}
	for _, tc := range []struct {
		term int
		en   string
	}{
		{24, ""},
		{12, "Data plan has no price for a 12-month term in Standard: choose another term."},
		{0, "Data plan has no price without a commitment in Standard: choose a term."},
	} {
		for _, o := range c.Offers(business, nil, c.PriceListByCode("JP"), tc.term) {
			var why []string
			for _, r := range o.Reasons {
				why = append(why, r.Text(cpq.LangEN))
			}
			if got := strings.Join(why, " | "); got != tc.en || o.Available != (tc.en == "") {
				t.Errorf("%d months, %s: available %v, %q; want %q", tc.term, o.Product.Code, o.Available, got, tc.en)
			}
		}
		q := &cpq.Quote{PriceListID: "pl", TermMonths: tc.term, Lines: []cpq.QuoteLine{
			{ID: "b", ProductID: pack.ID, Quantity: 1}, {ID: "p", ParentID: "b", ProductID: plan.ID, Quantity: 1}}}
		var want []string
		if tc.en != "" {
			want = []string{"Line 2: " + tc.en} // the bundle's price is its component's
		}
		if got := problems(c, q, nil, business, cpq.LangEN); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d months: problems %q, want %q", tc.term, got, want)
		}
	}
}

// Found in review: a rule's regions were matched as typed ("東京都" never matched an account in Tokyo), postal
// prefixes only with the hyphen where the code had it, and Japanese messages named prefectures in romaji.
func TestRegionsAndPostalCodesMatchHoweverWritten(t *testing.T) {
	fibre := product("FIBRE", cpq.ProductSimple, "Home fibre", "光回線")
	tv := product("TV", cpq.ProductSimple, "TV", "テレビ")
	rules := []*cpq.Rule{
		{Code: "tv-kanto", Kind: cpq.RuleEligibility, Products: []string{"tv"}, Regions: []string{"東京都", "kanagawa"}, Active: true},
		{Code: "fibre-area", Kind: cpq.RuleAvailability, Products: []string{"fibre"}, PostalPrefixes: []string{"1540"}, Active: true},
	}
	for _, r := range rules {
		r.Normalize()
	}
	c, err := catalog.New(catalog.Data{Products: []*cpq.Product{fibre, tv}, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	tokyo := catalog.Context{Segment: cpq.SegmentConsumer, Region: "Tokyo", Day: day}
	osaka := catalog.Context{Segment: cpq.SegmentConsumer, Region: "Osaka", Day: day}
	if got := whyNot(c, tokyo, nil, tv, cpq.LangEN); got != "" {
		t.Errorf("TV in Tokyo: %q", got)
	}
	if got := whyNot(c, osaka, nil, tv, cpq.LangJA); got != "東京都、神奈川県のみで提供しています（この取引先の地域: 大阪府）。" {
		t.Errorf("TV in Osaka (ja): %q", got)
	}
	if got := whyNot(c, osaka, nil, tv, cpq.LangEN); got != "Offered in Tokyo or Kanagawa only (this account is in Osaka)." {
		t.Errorf("TV in Osaka (en): %q", got)
	}
	for _, postal := range []string{"154-0001", "1540001"} {
		if got := whyNot(c, tokyo, &catalog.Site{ID: "s", PostalCode: postal, Region: "Tokyo"}, fibre, cpq.LangEN); got != "" {
			t.Errorf("fibre at %s: %q", postal, got)
		}
	}
}

// Found in review: a price list out of its dates, or inactive, still priced quotes without a word.
func TestPriceListOutOfItsDates(t *testing.T) {
	plan := product("PLAN", cpq.ProductSimple, "Data plan", "データプラン")
	old := &cpq.PriceList{ID: "pl", Code: "JP-2025", Name: cpq.Text{EN: "2025 prices", JA: "2025年価格"}, Currency: "JPY",
		Active: true, ValidTo: day.AddDate(0, 0, -1)}
	c, err := catalog.New(catalog.Data{Products: []*cpq.Product{plan}, PriceLists: []*cpq.PriceList{old},
		Entries: []*cpq.PriceEntry{{ID: "pe", PriceListID: "pl", ProductID: plan.ID, Charge: cpq.ChargeRecurring,
			Period: cpq.PeriodMonth, Amount: decimal.NewFromInt(2500), MinQuantity: 1, TierMode: cpq.TierTiered, TierScope: cpq.ScopeQuote}}})
	if err != nil {
		t.Fatal(err)
	}
	q := &cpq.Quote{PriceListID: "pl", Lines: []cpq.QuoteLine{{ID: "l", ProductID: plan.ID, Quantity: 1}}}
	business := catalog.Context{Segment: cpq.SegmentBusiness, Day: day}
	got := problems(c, q, nil, business, cpq.LangEN)
	if strings.Join(got, "|") != "The price list 2025 prices cannot be used on 2026-12-01 (it is inactive or outside its dates): choose another." {
		t.Errorf("problems = %q", got)
	}
	business.Day = day.AddDate(0, 0, -1) // its last day
	if got := problems(c, q, nil, business, cpq.LangEN); len(got) != 0 {
		t.Errorf("on its last day: %q", got)
	}
}
