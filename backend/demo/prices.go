package demo

import (
	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// price is one row of the demo price book, in JPY excluding tax.
type price struct {
	code      string
	charge    cpq.ChargeType
	amount    string
	cost      string
	attr, val string // an adjustment for this attribute value
	minQty    int    // a volume tier
	term      int    // a term price
	mode      cpq.TierMode
	scope     cpq.TierScope
}

const (
	nrc = cpq.ChargeOneTime
	mrc = cpq.ChargeRecurring
)

var priceBook = []price{
	{code: "FIBRE-HOME", charge: mrc, amount: "5720", cost: "2900"},
	{code: "FIBRE-HOME", charge: mrc, amount: "5170", cost: "2900", term: 24},
	{code: "FIBRE-HOME", charge: mrc, amount: "880", attr: "speed", val: "2G"},
	{code: "FIBRE-HOME", charge: mrc, amount: "2200", attr: "speed", val: "10G"},
	{code: "FIBRE-HOME", charge: mrc, amount: "-1320", attr: "dwelling", val: "apartment"},
	{code: "FIBRE-HOME", charge: nrc, amount: "19800", cost: "12000"},
	{code: "ROUTER-WIFI6", charge: mrc, amount: "550", cost: "180", attr: "ownership", val: "rental"},
	{code: "ROUTER-WIFI6", charge: nrc, amount: "16500", cost: "9800", attr: "ownership", val: "purchase"},
	{code: "TV-HOME", charge: mrc, amount: "2750", cost: "1400"},
	{code: "TV-HOME", charge: mrc, amount: "1650", attr: "package", val: "premium"},
	{code: "TV-HOME", charge: nrc, amount: "3300", cost: "1500"},
	{code: "VOICE-HOME", charge: mrc, amount: "550", cost: "200"},
	{code: "VOICE-HOME", charge: nrc, amount: "1100", cost: "400"},
	{code: "VOICE-HOME", charge: nrc, amount: "2200", attr: "keep_number", val: "true"},
	{code: "NEWS-DAILY", charge: mrc, amount: "4400", cost: "3600"},

	{code: "PHONE-X15", charge: nrc, amount: "98800", cost: "72000"},
	{code: "PHONE-X15", charge: nrc, amount: "94800", cost: "72000", minQty: 50},
	{code: "PHONE-X15", charge: nrc, amount: "89800", cost: "72000", minQty: 200},
	{code: "PHONE-X15", charge: nrc, amount: "15000", cost: "9000", attr: "storage", val: "256"},
	{code: "PHONE-X15", charge: nrc, amount: "35000", cost: "21000", attr: "storage", val: "512"},
	{code: "PHONE-A9", charge: nrc, amount: "49800", cost: "36000"},
	{code: "PHONE-A9", charge: nrc, amount: "46800", cost: "36000", minQty: 50},
	{code: "PHONE-A9", charge: nrc, amount: "43800", cost: "36000", minQty: 200},
	{code: "PHONE-A9", charge: nrc, amount: "6000", cost: "3500", attr: "storage", val: "128"},
	// Data plans are priced in slabs across the quote: the 100th line onwards is cheaper, the 300th more so.
	{code: "PLAN-BIZ-5", charge: mrc, amount: "1980", cost: "800", mode: cpq.TierSlab},
	{code: "PLAN-BIZ-5", charge: mrc, amount: "1780", cost: "800", minQty: 100, mode: cpq.TierSlab},
	{code: "PLAN-BIZ-5", charge: mrc, amount: "1580", cost: "800", minQty: 300, mode: cpq.TierSlab},
	{code: "PLAN-BIZ-30", charge: mrc, amount: "3980", cost: "1500", mode: cpq.TierSlab},
	{code: "PLAN-BIZ-30", charge: mrc, amount: "3680", cost: "1500", minQty: 100, mode: cpq.TierSlab},
	{code: "PLAN-BIZ-30", charge: mrc, amount: "3380", cost: "1500", minQty: 300, mode: cpq.TierSlab},
	{code: "PLAN-BIZ-UNL", charge: mrc, amount: "6480", cost: "3100", mode: cpq.TierSlab},
	{code: "PLAN-BIZ-UNL", charge: mrc, amount: "5980", cost: "3100", minQty: 100, mode: cpq.TierSlab},
	{code: "DEVICE-CARE", charge: mrc, amount: "700", cost: "250"},

	{code: "FIBRE-BIZ", charge: mrc, amount: "12800", cost: "6500"},
	{code: "FIBRE-BIZ", charge: mrc, amount: "11800", cost: "6500", term: 36},
	{code: "FIBRE-BIZ", charge: mrc, amount: "35000", cost: "21000", attr: "bandwidth", val: "1G-G100"},
	{code: "FIBRE-BIZ", charge: mrc, amount: "18000", cost: "9000", attr: "bandwidth", val: "10G-BE"},
	{code: "FIBRE-BIZ", charge: mrc, amount: "5000", cost: "1000", attr: "static_ip", val: "8"},
	{code: "FIBRE-BIZ", charge: mrc, amount: "9000", cost: "2000", attr: "static_ip", val: "16"},
	{code: "FIBRE-BIZ", charge: nrc, amount: "33000", cost: "20000"},
	// Managed Wi-Fi: from 10 access points at one site, every one is cheaper.
	{code: "WIFI-MANAGED", charge: mrc, amount: "3300", cost: "1200", scope: cpq.ScopeSite},
	{code: "WIFI-MANAGED", charge: mrc, amount: "2900", cost: "1200", minQty: 10, scope: cpq.ScopeSite},
	{code: "WIFI-MANAGED", charge: mrc, amount: "1100", cost: "400", attr: "model", val: "outdoor"},
	{code: "WIFI-MANAGED", charge: nrc, amount: "22000", cost: "15000"},
	{code: "SIP-TRUNK", charge: mrc, amount: "4400", cost: "1800"},
	{code: "SIP-TRUNK", charge: mrc, amount: "-1100", attr: "channels", val: "2"},
	{code: "SIP-TRUNK", charge: mrc, amount: "3300", cost: "1300", attr: "channels", val: "8"},
	{code: "SIP-TRUNK", charge: nrc, amount: "5500", cost: "2500"},
}

// jpyPerUSD converts the price book for the USD list.
var jpyPerUSD = decimal.NewFromInt(150)

// toUSD derives a USD list price from a JPY one: converted at 150 JPY/USD, then shown as a price ending in
// .99 (38.13 becomes 37.99), the convention of the demo's international list. Costs are converted to the cent.
func toUSD(jpy decimal.Decimal, isCost bool) decimal.Decimal {
	usd := jpy.Div(jpyPerUSD)
	if isCost {
		return usd.Round(2)
	}
	whole := usd.Abs().Round(0)
	if whole.IsZero() {
		return usd.Round(2)
	}
	return whole.Sub(decimal.RequireFromString("0.01")).Mul(decimal.NewFromInt(int64(usd.Sign())))
}

func (s *seeder) seedPrices() error {
	s.jpy = &cpq.PriceList{Code: "JP-STANDARD", Name: text("Standard price list (JPY)", "標準価格表（円）"), Currency: "JPY", Active: true}
	s.usd = &cpq.PriceList{Code: "US-INTERNATIONAL", Name: text("International price list (USD)", "国際価格表（米ドル）"), Currency: "USD", Active: true}
	for _, l := range []*cpq.PriceList{s.jpy, s.usd} {
		if err := s.tx.PriceLists().Create(s.ctx, l); err != nil {
			return err
		}
	}
	for _, p := range priceBook {
		e := cpq.PriceEntry{ProductID: s.products[p.code].ID, Charge: p.charge, Amount: dec(p.amount),
			TermMonths: p.term, Attribute: p.attr, AttributeValue: p.val, MinQuantity: max(p.minQty, 1),
			TierMode: p.mode, TierScope: p.scope}
		if p.cost != "" {
			e.Cost = dec(p.cost)
		}
		if p.charge == mrc {
			e.Period = cpq.PeriodMonth
		}
		jpy, usd := e, e
		jpy.PriceListID = s.jpy.ID
		usd.PriceListID = s.usd.ID
		usd.Amount, usd.Cost = toUSD(e.Amount, false), toUSD(e.Cost, true)
		for _, entry := range []*cpq.PriceEntry{&jpy, &usd} {
			if err := s.tx.PriceLists().AddEntry(s.ctx, entry); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *seeder) seedPromotions() error {
	year := s.today.AddDate(1, 0, 0)
	promos := []*cpq.Promotion{
		{Code: "HIKARI-START", Name: text("Fibre welcome discount", "光スタート割"),
			Description: text("¥1,100 off the home fibre line each month for the first 12 months.",
				"光回線（ホーム）の月額料金を12か月間 1,100円割引。"),
			Kind: cpq.DiscountAmount, Value: dec("1100"), Currency: "JPY", Charge: mrc, DurationMonths: 12,
			ValidFrom: s.today, ValidTo: year, Segment: cpq.SegmentConsumer,
			ProductIDs: []string{s.products["FIBRE-HOME"].ID}, Active: true},
		{Code: "BIZ-SWITCH", Name: text("Business switch-over discount", "法人のりかえ割"),
			Description: text("10% off business data plans for 6 months for companies moving their lines to us.",
				"回線を当社へ移行する法人のデータプランを6か月間10%割引。"),
			Kind: cpq.DiscountPercent, Value: dec("10"), Charge: mrc, DurationMonths: 6,
			ValidFrom: s.today, ValidTo: year, Segment: cpq.SegmentBusiness,
			ProductIDs: []string{s.products["PLAN-BIZ-5"].ID, s.products["PLAN-BIZ-30"].ID, s.products["PLAN-BIZ-UNL"].ID}, Active: true},
		{Code: "STORE-OPEN", Name: text("New store installation offer", "新店舗開設キャンペーン"),
			Description: text("Half price on the installation of managed Wi-Fi access points.",
				"マネージドWi-Fi アクセスポイントの設置費用が半額。"),
			Kind: cpq.DiscountPercent, Value: dec("50"), Charge: nrc,
			ValidFrom: s.today, ValidTo: s.today.AddDate(0, 6, 0), Segment: cpq.SegmentBusiness,
			ProductIDs: []string{s.products["WIFI-MANAGED"].ID}, Active: true},
	}
	for _, p := range promos {
		if err := s.tx.Promotions().Create(s.ctx, p); err != nil {
			return err
		}
	}
	return nil
}
