package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// The large-quote scenario: a chain of 50 stores quoting phones for its staff and connectivity for every store,
// 10,000 lines in all. It is what the builder, the pricing engine and the database are measured on, and what
// a rep sees with `quotewright demo --reset --large`.
const (
	LargeLines = 10000
	LargeSites = 50
)

// LargeAccountName is the chain's name, for finding it in the app.
const LargeAccountName = "みなとマート株式会社"

var largeRegions = []struct {
	region, city, postal string
}{
	{"Tokyo", "東京都港区", "105-00"}, {"Tokyo", "東京都品川区", "141-00"}, {"Kanagawa", "神奈川県川崎市", "210-00"},
	{"Saitama", "埼玉県さいたま市", "330-00"}, {"Chiba", "千葉県千葉市", "260-00"},
}

// LargeSiteList returns the chain's stores: in the areas where business fibre is built, so that every line of
// the quote is available.
func LargeSiteList() []cpq.Site {
	out := make([]cpq.Site, LargeSites)
	for i := range out {
		r := largeRegions[i%len(largeRegions)]
		out[i] = cpq.Site{Name: fmt.Sprintf("%02d号店 / Store %02d", i+1, i+1), Address: fmt.Sprintf("%d-%d-%d", 1+i%5, 1+i%9, 1+i),
			City: r.city, PostalCode: fmt.Sprintf("%s%02d", r.postal, 10+i), Region: r.region, Country: "JP"}
	}
	return out
}

// LargeQuoteLines configures the scenario's lines on the given site groups: in nine of every ten rounds a
// business mobile bundle (phone with colour and storage, a data plan priced in slabs across the quote, device
// care), in the tenth a store connectivity bundle (fibre with bandwidth and static IPs, managed Wi-Fi priced in
// tiers per store). The switch-over and new-store promotions apply, and every third and eleventh line has a
// manual discount. Lines get new ids.
func LargeQuoteLines(cat *catalog.Catalog, groups []cpq.SiteGroup) ([]cpq.QuoteLine, error) {
	ids := map[string]string{}
	for _, c := range []string{"STORE-CONNECT", "FIBRE-BIZ", "WIFI-MANAGED", "MOBILE-BIZ", "PHONE-X15", "PLAN-BIZ-30", "DEVICE-CARE"} {
		p := cat.ProductByCode(c)
		if p == nil {
			return nil, cpq.Errorf(cpq.EInvalid, "demo.noProduct", "code", c)
		}
		ids[c] = p.ID
	}
	if len(groups) == 0 {
		return nil, cpq.Errorf(cpq.EInvalid, "demo.noSites")
	}
	lines := make([]cpq.QuoteLine, 0, LargeLines+3)
	add := func(l cpq.QuoteLine) string {
		n := len(lines)
		l.ID = cpq.NewID("ql")
		if n%3 == 0 {
			l.DiscountPct = decimal.RequireFromString("7.5")
		}
		if n%11 == 0 {
			l.DiscountAmount = decimal.NewFromInt(50)
		}
		l.Position = n
		lines = append(lines, l)
		return l.ID
	}
	colours, storage := []string{"black", "white", "blue"}, []string{"128", "256", "512"}
	for i := 0; len(lines) < LargeLines; i++ {
		g := groups[i%len(groups)].ID
		if i%10 == 0 {
			b := add(cpq.QuoteLine{SiteGroupID: g, ProductID: ids["STORE-CONNECT"], Quantity: 1})
			add(cpq.QuoteLine{SiteGroupID: g, ParentID: b, ProductID: ids["FIBRE-BIZ"], Quantity: 1,
				Attributes: map[string]string{"bandwidth": "1G-G100", "static_ip": "8"}})
			add(cpq.QuoteLine{SiteGroupID: g, ParentID: b, ProductID: ids["WIFI-MANAGED"], Quantity: 4 + i%9,
				Attributes: map[string]string{"model": "indoor", "guest_portal": "true"}})
			continue
		}
		b := add(cpq.QuoteLine{SiteGroupID: g, ProductID: ids["MOBILE-BIZ"], Quantity: 1 + i%5})
		add(cpq.QuoteLine{SiteGroupID: g, ParentID: b, ProductID: ids["PHONE-X15"], Quantity: 1,
			Attributes: map[string]string{"colour": colours[i%3], "storage": storage[i%3]}})
		add(cpq.QuoteLine{SiteGroupID: g, ParentID: b, ProductID: ids["PLAN-BIZ-30"], Quantity: 1})
		add(cpq.QuoteLine{SiteGroupID: g, ParentID: b, ProductID: ids["DEVICE-CARE"], Quantity: 1})
	}
	// The last round may overshoot; cutting there leaves a bundle with fewer components, which is still valid
	// (its components are optional) and keeps the count exact.
	return lines[:LargeLines], nil
}

// SeedLarge adds the large-quote scenario to a database that holds the demo data: the store chain with its 50
// stores and the 10,000-line quote, in one transaction.
func SeedLarge(ctx context.Context, store cpq.Store, cat *catalog.Catalog, today time.Time) (*cpq.Quote, error) {
	list := cat.PriceListByCode("JP-STANDARD")
	if list == nil {
		return nil, cpq.Errorf(cpq.EInvalid, "demo.noPriceList", "code", "JP-STANDARD")
	}
	var q *cpq.Quote
	err := store.Update(ctx, func(tx cpq.Tx) error {
		users, err := tx.Users().List(ctx)
		if err != nil {
			return err
		}
		var rep string
		for _, u := range users {
			if u.Role == cpq.RoleRep && rep == "" {
				rep = u.ID
			}
		}
		day := today.UTC().Truncate(24 * time.Hour)
		a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: LargeAccountName, NameKana: "ミナトマート",
			AltName: "Minato Mart Co., Ltd.", Industry: "retail", Employees: 2400, Email: "it@minato-mart.example",
			Phone: "03-7777-0500", Region: "Tokyo", RegistrationNumber: "3010401000003", OwnerID: rep,
			Credit: cpq.CreditCheck{Status: cpq.CreditApproved, Rating: "A", Limit: dec("900000000"), Currency: "JPY",
				CheckedAt: day.AddDate(0, 0, -3).Add(9 * time.Hour), Provider: "local"}}
		if err := tx.Accounts().Create(ctx, a); err != nil {
			return err
		}
		q = &cpq.Quote{AccountID: a.ID, Name: "全50店舗 スマートフォンと店舗回線 / Phones and store connectivity, 50 stores",
			Status: cpq.QuoteDraft, PriceListID: list.ID, Currency: list.Currency, TermMonths: 24, Lang: cpq.LangJA,
			OwnerID: rep, ValidUntil: day.AddDate(0, 1, 0)}
		for i, s := range LargeSiteList() {
			s.AccountID = a.ID
			if err := tx.Sites().Create(ctx, &s); err != nil {
				return err
			}
			q.SiteGroups = append(q.SiteGroups, cpq.SiteGroup{ID: cpq.NewID("sg"), SiteID: s.ID, Name: s.Name, Position: i})
		}
		if q.Lines, err = LargeQuoteLines(cat, q.SiteGroups); err != nil {
			return err
		}
		return tx.Quotes().Create(ctx, q)
	})
	return q, err
}
