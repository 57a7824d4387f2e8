package app_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/app"
	"quotewright/backend/cpq"
)

func TestPricingSettings(t *testing.T) {
	svc, rt, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()

	// Japan's defaults, which a rep may read but not change.
	set, err := svc.Settings.Pricing()
	if err != nil {
		t.Fatal(err)
	}
	var rates []string
	for _, r := range set.TaxRates {
		rates = append(rates, r.Code+"="+r.Rate)
	}
	if set.TaxRounding != "document" || set.TaxMode != "down" || set.Rounding != "half_up" || set.CanEdit ||
		strings.Join(rates, " ") != "standard=10 reduced=8 exempt=0" {
		t.Fatalf("defaults = %+v", set)
	}
	line := set
	line.TaxRounding = "line"
	if _, err := svc.Settings.SetPricing(line); cpq.ErrorCode(err) != cpq.EUnauthorized ||
		!strings.Contains(err.Error(), "Only a director or an administrator") {
		t.Fatalf("a rep changed the pricing settings: %v", err)
	}

	// A consumer quote with two TV lines at ¥2,475 a month: ¥247.5 of tax each.
	taro := accountByName(t, svc, "山田")
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: taro.Account.ID, Name: "二世帯", TermMonths: 24,
		SiteIDs: []string{taro.Sites[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "HOME-BUNDLE"),
			SiteGroupIDs: []string{d.SiteGroups[0].ID}, Quantity: 1, Components: []app.ComponentChoice{
				{ProductID: productID(t, svc, "FIBRE-HOME"), Quantity: 1},
				{ProductID: productID(t, svc, "TV-HOME"), Quantity: 1, Attributes: map[string]string{"package": "basic"}},
			}})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range d.Lines {
		if d.Products[l.ProductID].Code == "TV-HOME" {
			if _, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: l.ID, Quantity: 1, Attributes: l.Attributes, DiscountPct: "10"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	perDocument, _ := svc.Quotes.Get(d.Quote.ID)

	// The director changes to tax rounded on each line: the open quote is priced again, ¥1 less tax.
	var director string
	info, _ := svc.Session.Info()
	for _, u := range info.Users {
		if u.Role == "director" {
			director = u.ID
		}
	}
	if _, err := svc.Session.SwitchUser(director); err != nil {
		t.Fatal(err)
	}
	before := rt.count(app.EventPricingChanged)
	got, err := svc.Settings.SetPricing(line)
	if err != nil {
		t.Fatal(err)
	}
	if got.TaxRounding != "line" || !got.CanEdit || rt.count(app.EventPricingChanged) != before+1 {
		t.Errorf("after the change: %+v, %d events", got, rt.count(app.EventPricingChanged)-before)
	}
	perLine, _ := svc.Quotes.Get(d.Quote.ID)
	if perLine.Totals.Monthly != perDocument.Totals.Monthly {
		t.Errorf("net changed: %s, was %s", perLine.Totals.Monthly, perDocument.Totals.Monthly)
	}
	if a, b := perDocument.Totals.MonthlyTax, perLine.Totals.MonthlyTax; dec(t, a).Sub(dec(t, b)).String() != "1" {
		t.Errorf("monthly tax per document %s, per line %s: want ¥1 less per line", a, b)
	}
	if perLine.TaxRounding != "line" {
		t.Errorf("the builder says tax is rounded %q", perLine.TaxRounding)
	}

	// A rate that is not a number is refused with the code named, and the saved settings stay.
	bad := got
	bad.TaxRates = append([]app.TaxRateDTO(nil), got.TaxRates...)
	bad.TaxRates[0].Rate = "ten"
	if _, err := svc.Settings.SetPricing(bad); cpq.ErrorCode(err) != cpq.EInvalid || !strings.Contains(err.Error(), "standard") {
		t.Errorf("bad rate: %v", err)
	}
	bad.TaxRates[0].Rate = "110"
	if _, err := svc.Settings.SetPricing(bad); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Errorf("rate of 110%%: %v", err)
	}
	if now, _ := svc.Settings.Pricing(); now.TaxRates[0].Rate != "10" || now.TaxRounding != "line" {
		t.Errorf("after refused changes: %+v", now)
	}
}

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%q is not a decimal", s)
	}
	return d
}
