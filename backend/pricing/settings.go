// Package pricing prices a configured quote: every line's price waterfall (list price, term price, volume tier,
// attribute adjustments, promotions, manual discounts, rounding), tax by rate, and the totals of each site
// group and of the quote. It is pure and deterministic: the same quote, catalog, context and settings give the
// same result, to the last digit. Money is decimal throughout; every rounding is named.
package pricing

import (
	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// TaxRounding is when tax is rounded to the currency's minor units.
type TaxRounding string

const (
	// TaxPerLine rounds each line's tax, then adds them up.
	TaxPerLine TaxRounding = "line"
	// TaxPerDocument adds up the net amounts of each tax rate, then rounds the tax once per rate — Japan's
	// qualified-invoice rule (適格請求書: 税率ごとに1回の端数処理).
	TaxPerDocument TaxRounding = "document"
)

// Settings are the pricing choices an administrator makes once.
type Settings struct {
	// Rounding brings each line's net amount to the currency's minor units.
	Rounding cpq.RoundingMode
	// TaxRounding says when tax is rounded, TaxMode how.
	TaxRounding TaxRounding
	TaxMode     cpq.RoundingMode
	// TaxRates maps a product's tax code to its rate in percent.
	TaxRates map[string]decimal.Decimal
}

// JapanSettings are the defaults for Japan: standard rate 10%, reduced 8%, tax rounded down once per rate per
// document, line amounts rounded half up.
func JapanSettings() Settings {
	return Settings{
		Rounding:    cpq.RoundHalfUp,
		TaxRounding: TaxPerDocument,
		TaxMode:     cpq.RoundDown,
		TaxRates: map[string]decimal.Decimal{
			cpq.TaxStandard: decimal.NewFromInt(10),
			cpq.TaxReduced:  decimal.NewFromInt(8),
			cpq.TaxExempt:   decimal.Zero,
		},
	}
}

// Validate checks the settings.
func (s Settings) Validate() error {
	v := cpq.Validation{Key: "pricing.settings.invalid"}
	if !s.Rounding.Valid() {
		v.Add("rounding", "pricing.rounding.invalid", "value", string(s.Rounding))
	}
	if !s.TaxMode.Valid() {
		v.Add("taxMode", "pricing.rounding.invalid", "value", string(s.TaxMode))
	}
	if s.TaxRounding != TaxPerLine && s.TaxRounding != TaxPerDocument {
		v.Add("taxRounding", "pricing.taxRounding.invalid", "value", string(s.TaxRounding))
	}
	for code, rate := range s.TaxRates {
		if rate.IsNegative() || rate.GreaterThan(decimal.NewFromInt(100)) {
			v.Add("taxRates", "pricing.taxRate.range", "code", code)
		}
	}
	return v.Err()
}
