package app_test

import (
	"path/filepath"
	"strings"
	"testing"

	"quotewright/app"
	"quotewright/backend/cpq"
)

func accountByName(t *testing.T, svc *app.Services, q string) app.AccountDetail {
	t.Helper()
	page, err := svc.Accounts.List(app.AccountQuery{Query: q})
	if err != nil || page.Total != 1 {
		t.Fatalf("account %q: %v %+v", q, err, page)
	}
	d, err := svc.Accounts.Get(page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func productID(t *testing.T, svc *app.Services, code string) string {
	t.Helper()
	page, err := svc.Catalog.Search(app.ProductQuery{Query: code})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range page.Items {
		if p.Code == code {
			return p.ID
		}
	}
	t.Fatalf("no product %s", code)
	return ""
}

// oneSiteQuote makes a quote for one of the account's sites holding one product, configured by its defaults.
func oneSiteQuote(t *testing.T, svc *app.Services, a app.AccountDetail, siteID string, term int, product string) app.QuoteDetail {
	t.Helper()
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: a.Account.ID, Name: "Test", TermMonths: term, SiteIDs: []string{siteID}})
	if err != nil {
		t.Fatal(err)
	}
	d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, product),
		SiteGroupIDs: []string{d.SiteGroups[0].ID}, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestQuoteBuilderConsumerBundle(t *testing.T) {
	svc, rt, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	taro := accountByName(t, svc, "山田")
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: taro.Account.ID, Name: "光ホームセット", TermMonths: 24,
		SiteIDs: []string{taro.Sites[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Quote.Number == "" || d.Quote.Currency.Code != "JPY" || len(d.SiteGroups) != 1 || !d.Quote.Editable {
		t.Fatalf("new quote = %+v", d.Quote)
	}
	g := d.SiteGroups[0].ID

	// The picker: business products are hidden, with the reason.
	offers, err := svc.Quotes.Offers(d.Quote.ID, []string{g}, "")
	if err != nil {
		t.Fatal(err)
	}
	why := map[string]string{}
	for _, o := range offers {
		if !o.Available {
			why[o.Product.Code] = strings.Join(o.Reasons, " ")
		}
	}
	if why["FIBRE-BIZ"] != "Offered to business customers only." || why["HOME-BUNDLE"] != "" {
		t.Errorf("why not: %v", why)
	}

	d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "HOME-BUNDLE"),
		SiteGroupIDs: []string{g}, Quantity: 1, Components: []app.ComponentChoice{
			{ProductID: productID(t, svc, "FIBRE-HOME"), Quantity: 1, Attributes: map[string]string{"speed": "10G"}},
			{ProductID: productID(t, svc, "ROUTER-WIFI6"), Quantity: 1},
			{ProductID: productID(t, svc, "TV-HOME"), Quantity: 1, Attributes: map[string]string{"package": "premium"}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 4 || d.Lines[1].Depth != 1 || len(d.Problems) != 0 {
		t.Fatalf("lines %+v problems %+v", d.Lines, d.Problems)
	}
	// Each line names its product through the detail's products; what a line lacks is left out.
	var codes []string
	for _, l := range d.Lines {
		codes = append(codes, d.Products[l.ProductID].Code)
	}
	if got := strings.Join(codes, " "); got != "HOME-BUNDLE FIBRE-HOME ROUTER-WIFI6 TV-HOME" {
		t.Errorf("line products = %s", got)
	}
	if d.Products[d.Lines[3].ProductID].Name.JA != "ホームテレビ" || d.Lines[0].ParentID != "" || d.Lines[1].ParentID != d.Lines[0].ID {
		t.Errorf("products %+v, lines %+v", d.Products, d.Lines)
	}
	if l := d.Lines[1]; l.AttributeText == nil || !strings.HasPrefix(l.AttributeText.EN, "Speed: 10 Gbps") || l.MonthlyAfter != "7370" || l.PromotionMonths != 12 || l.DiscountPct != "" {
		t.Errorf("fibre line = %+v", l)
	}
	// 5,720 − 550 (24 months) + 2,200 (10 Gbps) − 1,100 (welcome discount) + 550 router + 4,400 TV = 11,220.
	if d.Totals.Monthly != "11220" || d.Totals.OneTime != "23100" {
		t.Errorf("totals: monthly %s one-time %s", d.Totals.Monthly, d.Totals.OneTime)
	}
	wf, err := svc.Quotes.Waterfall(d.Quote.ID, d.Lines[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, c := range wf.Charges {
		if c.Kind == "monthly" {
			for _, st := range c.Steps {
				labels = append(labels, st.Label+" "+st.Amount)
			}
		}
	}
	if got := strings.Join(labels, " | "); got != "List price ¥5,720 × 1 5720 | 24-month term price ¥5,170 -550 | Speed: 10 Gbps 2200 | Promotion: Fibre welcome discount (first 12 months) -1100" {
		t.Errorf("waterfall = %s", got)
	}

	// An edit reprices and returns only what changed, plus totals.
	before := rt.count(app.EventQuoteChanged)
	delta, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: d.Lines[3].ID, Quantity: 1,
		Attributes: map[string]string{"package": "basic"}, DiscountPct: "10"})
	if err != nil {
		t.Fatal(err)
	}
	if delta.Full || len(delta.Lines) != 1 || delta.Lines[0].Monthly != "2475" || delta.Totals.Monthly != "9295" ||
		delta.Products[delta.Lines[0].ProductID].Code != "TV-HOME" {
		t.Errorf("delta: full %v lines %+v totals %s", delta.Full, delta.Lines, delta.Totals.Monthly)
	}
	if rt.count(app.EventQuoteChanged) != before+1 {
		t.Error("no quote:changed event")
	}
	// Bad input is refused, and nothing changes.
	if _, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: d.Lines[3].ID, Quantity: 0}); err == nil {
		t.Error("quantity 0 accepted")
	}
	again, _ := svc.Quotes.Get(d.Quote.ID)
	if again.Totals.Monthly != "9295" || again.Lines[3].DiscountPct != "10" {
		t.Errorf("after a refused edit: %s %s", again.Totals.Monthly, again.Lines[3].DiscountPct)
	}
	// Removing the bundle removes its lines.
	d, err = svc.Quotes.RemoveLines(d.Quote.ID, []string{d.Lines[0].ID})
	if err != nil || len(d.Lines) != 0 || d.Totals.Monthly != "0" {
		t.Errorf("after removing the bundle: %v %d lines, monthly %s", err, len(d.Lines), d.Totals.Monthly)
	}
}

func TestQuoteBuilderManySitesAndProblems(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	gm := accountByName(t, svc, "グローバルメディア")
	var stores []string
	for _, s := range gm.Sites {
		if strings.Contains(s.Name, "store") {
			stores = append(stores, s.ID)
		}
	}
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: gm.Account.ID, OpportunityID: gm.Opportunities[0].ID,
		Name: "Two new stores", TermMonths: 36, SiteIDs: stores})
	if err != nil {
		t.Fatal(err)
	}
	if d.Quote.OpportunityName == "" || len(d.SiteGroups) != 2 {
		t.Fatalf("quote = %+v groups %d", d.Quote, len(d.SiteGroups))
	}
	// The same configuration to both stores at once: bundle defaults (fibre, 4 access points).
	d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "STORE-CONNECT"),
		SiteGroupIDs: []string{d.SiteGroups[0].ID, d.SiteGroups[1].ID}, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 6 || len(d.GroupTotals) != 2 || d.GroupTotals[0].Totals.Monthly != d.GroupTotals[1].Totals.Monthly {
		t.Fatalf("lines %d groups %+v", len(d.Lines), d.GroupTotals)
	}
	// 21 access points exceed the bundle's maximum of 20: a problem on the bundle's line, in Japanese.
	svc.Session.SetLanguage("ja")
	delta, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: d.Lines[2].ID, Quantity: 21})
	if err != nil {
		t.Fatal(err)
	}
	if len(delta.Problems) != 1 || !strings.Contains(delta.Problems[0].Message, "20 個まで") {
		t.Errorf("problems = %+v", delta.Problems)
	}
	// The quote's own terms.
	term := 24
	d, err = svc.Quotes.Update(app.QuoteUpdate{QuoteID: d.Quote.ID, TermMonths: &term, DiscountPct: "5"})
	if err != nil || d.Quote.TermMonths != 24 || d.Quote.DiscountPct != "5" {
		t.Fatalf("update: %v %+v", err, d.Quote)
	}
	list, err := svc.Quotes.List(app.QuoteQuery{AccountID: gm.Account.ID})
	if err != nil || list.Total != 1 || list.Items[0].AccountName != gm.Account.Name {
		t.Errorf("list: %v %+v", err, list)
	}
}

// Found in review: changing to a price list in another currency kept ¥50 off per unit as $50 off.
func TestCurrencyChangeRefusedWithAmountDiscounts(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	gm := accountByName(t, svc, "グローバルメディア")
	d := oneSiteQuote(t, svc, gm, gm.Sites[1].ID, 36, "STORE-CONNECT")
	usd := ""
	for _, l := range d.PriceLists {
		if l.Currency.Code == "USD" {
			usd = l.ID
		}
	}
	wifi := d.Lines[2]
	if _, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: wifi.ID, Quantity: wifi.Quantity, DiscountAmount: "50"}); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Quotes.Update(app.QuoteUpdate{QuoteID: d.Quote.ID, PriceListID: usd})
	if cpq.ErrorCode(err) != cpq.EConflict || err.Error() != "Discounts of so much JPY per unit are on 1 line(s): remove them before changing to a price list in USD." {
		t.Fatalf("currency change with a ¥50 discount: %v", err)
	}
	if again, _ := svc.Quotes.Get(d.Quote.ID); again.Quote.Currency.Code != "JPY" {
		t.Fatalf("the refused change was saved: %s", again.Quote.Currency.Code)
	}
	if _, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: wifi.ID, Quantity: wifi.Quantity}); err != nil {
		t.Fatal(err)
	}
	if d, err = svc.Quotes.Update(app.QuoteUpdate{QuoteID: d.Quote.ID, PriceListID: usd}); err != nil || d.Quote.Currency.Code != "USD" {
		t.Fatalf("without the discount: %v %s", err, d.Quote.Currency.Code)
	}
}

// The picker at several sites: a product is offered when it can be provided at all of them, and a reason that
// holds at some names them.
func TestOffersAtSeveralSites(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	midori := accountByName(t, svc, "みどり")
	var sites []string
	for _, s := range midori.Sites {
		sites = append(sites, s.ID)
	}
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: midori.Account.ID, Name: "全拠点", TermMonths: 24, SiteIDs: sites})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, g := range d.SiteGroups {
		groups = append(groups, g.ID)
	}
	offers, err := svc.Quotes.Offers(d.Quote.ID, groups, "")
	if err != nil {
		t.Fatal(err)
	}
	why := map[string]string{}
	for _, o := range offers {
		if !o.Available {
			why[o.Product.Code] = strings.Join(o.Reasons, " | ")
		}
	}
	// Business fibre is built where four of the five centres are, not in Hokkaido; home products are for
	// consumers wherever the site is, and home fibre is built in fewer places still.
	if got := why["FIBRE-BIZ"]; got != "At 札幌センター / Sapporo centre: Not available at postal code 003-0030: provided only in Tokyo, Kanagawa, Chiba, Saitama, Osaka, Aichi or Fukuoka." {
		t.Errorf("business fibre: %q", got)
	}
	if got := why["HOME-BUNDLE"]; !strings.HasPrefix(got, "Offered to consumer customers only. | At 名古屋センター / Nagoya centre: Not available") {
		t.Errorf("home bundle: %q", got)
	}
	if why["MOBILE-BIZ"] != "" {
		t.Errorf("mobile: %q", why["MOBILE-BIZ"])
	}
}

// A component added to a bundle already on the quote goes under it, at its site; a product that is not one of
// the bundle's components is refused.
func TestAddComponentToABundleLine(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	taro := accountByName(t, svc, "山田")
	d := oneSiteQuote(t, svc, taro, taro.Sites[0].ID, 24, "HOME-BUNDLE")
	bundle := d.Lines[0]
	if !d.Products[bundle.ProductID].Configurable {
		t.Error("a bundle line is not configurable")
	}
	before := len(d.Lines)
	var err error
	d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "TV-HOME"), ParentLineID: bundle.ID, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	tv := d.Lines[len(d.Lines)-1]
	if len(d.Lines) != before+1 || tv.ParentID != bundle.ID || tv.SiteGroupID != bundle.SiteGroupID || tv.Depth != 1 || len(d.Problems) != 0 {
		t.Errorf("TV line %+v, %d lines, problems %+v", tv, len(d.Lines), d.Problems)
	}
	_, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "PHONE-X15"), ParentLineID: bundle.ID, Quantity: 1})
	if cpq.ErrorCode(err) != cpq.EInvalid || err.Error() != "Smartphone X15 is not part of Home internet bundle." {
		t.Errorf("a phone in the home bundle: %v", err)
	}
}

// Sites can be added to a quote after it was created; a site already on it, or of another account, is refused.
func TestAddSitesToAQuote(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	gm := accountByName(t, svc, "グローバルメディア")
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: gm.Account.ID, Name: "Stores", TermMonths: 36, SiteIDs: []string{gm.Sites[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	d, err = svc.Quotes.AddSites(d.Quote.ID, []string{gm.Sites[2].ID, gm.Sites[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.SiteGroups) != 3 || d.SiteGroups[1].SiteID != gm.Sites[2].ID || d.SiteGroups[2].Name != gm.Sites[0].Name {
		t.Errorf("site groups = %+v", d.SiteGroups)
	}
	if _, err := svc.Quotes.AddSites(d.Quote.ID, []string{gm.Sites[1].ID}); cpq.ErrorCode(err) != cpq.EConflict ||
		err.Error() != gm.Sites[1].Name+" is already on the quote." {
		t.Errorf("a site twice: %v", err)
	}
	taro := accountByName(t, svc, "山田")
	if _, err := svc.Quotes.AddSites(d.Quote.ID, []string{taro.Sites[0].ID}); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Errorf("another account's site: %v", err)
	}
	if again, _ := svc.Quotes.Get(d.Quote.ID); len(again.SiteGroups) != 3 {
		t.Errorf("a refused change was saved: %d groups", len(again.SiteGroups))
	}
}
