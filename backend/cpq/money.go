package cpq

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Currency is an ISO 4217 currency with the number of minor units its amounts are rounded to.
type Currency struct {
	Code       string
	MinorUnits int32
}

// currencies holds the ISO 4217 minor units of the currencies Quotewright prices in.
var currencies = map[string]Currency{
	"JPY": {"JPY", 0},
	"USD": {"USD", 2},
	"EUR": {"EUR", 2},
	"GBP": {"GBP", 2},
	"AUD": {"AUD", 2},
	"CAD": {"CAD", 2},
	"SGD": {"SGD", 2},
	"HKD": {"HKD", 2},
	"CNY": {"CNY", 2},
	"KRW": {"KRW", 0},
	"TWD": {"TWD", 2},
	"CHF": {"CHF", 2},
}

// LookupCurrency returns the currency with the given ISO 4217 code.
func LookupCurrency(code string) (Currency, error) {
	c, ok := currencies[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Currency{}, Errorf(EInvalid, "currency.unknown", "code", code)
	}
	return c, nil
}

// RoundingMode names how an amount is brought to a currency's minor units. Every rounding in Quotewright is
// one of these, chosen explicitly: none happens implicitly.
type RoundingMode string

const (
	RoundHalfUp   RoundingMode = "half_up"   // 0.5 away from zero (四捨五入)
	RoundHalfEven RoundingMode = "half_even" // 0.5 to the even neighbour (banker's rounding)
	RoundDown     RoundingMode = "down"      // toward zero (切り捨て), the usual Japanese consumption-tax rule
	RoundUp       RoundingMode = "up"        // away from zero (切り上げ)
)

// Valid reports whether m is a known rounding mode.
func (m RoundingMode) Valid() bool {
	switch m {
	case RoundHalfUp, RoundHalfEven, RoundDown, RoundUp:
		return true
	}
	return false
}

// Round rounds d to places decimal places with mode m.
func (m RoundingMode) Round(d decimal.Decimal, places int32) decimal.Decimal {
	switch m {
	case RoundHalfEven:
		return d.RoundBank(places)
	case RoundDown:
		return d.RoundDown(places)
	case RoundUp:
		return d.RoundUp(places)
	default:
		return d.Round(places)
	}
}

// Money is an amount in a currency. The amount is exact (decimal); it is rounded to the currency's minor
// units only where a rounding mode is named.
type Money struct {
	Amount   decimal.Decimal
	Currency Currency
}

// NewMoney parses amount ("1234.5") in the currency with the given code.
func NewMoney(amount, currency string) (Money, error) {
	c, err := LookupCurrency(currency)
	if err != nil {
		return Money{}, err
	}
	d, err := ParseAmount(amount)
	if err != nil {
		return Money{}, err
	}
	return Money{Amount: d, Currency: c}, nil
}

// ParseAmount parses a decimal amount as typed by a user or stored as text; it never goes through float.
func ParseAmount(s string) (decimal.Decimal, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return decimal.Zero, Errorf(EInvalid, "amount.empty")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, Errorf(EInvalid, "amount.invalid", "value", s)
	}
	return d, nil
}

// Decimal writes an amount as a decimal string for files and the app: with exactly the currency's minor units
// ("1200" yen, "12.50" dollars), or with the places it has where it has more (an exact waterfall step such as
// "-247.5" yen), never rounded.
func (c Currency) Decimal(d decimal.Decimal) string {
	if -d.Exponent() > c.MinorUnits {
		return d.String()
	}
	return d.StringFixed(c.MinorUnits)
}

// Rounded returns m rounded to its currency's minor units with mode.
func (m Money) Rounded(mode RoundingMode) Money {
	return Money{Amount: mode.Round(m.Amount, m.Currency.MinorUnits), Currency: m.Currency}
}

// String formats the amount with exactly the currency's minor units, e.g. "1200" JPY, "12.50" USD.
// It does not round: an amount with more places than the currency has is shown in full.
func (m Money) String() string {
	places := m.Currency.MinorUnits
	if e := -m.Amount.Exponent(); e > places {
		places = e
	}
	return m.Amount.StringFixed(places) + " " + m.Currency.Code
}

// Add returns m+o; both must be in the same currency.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency.Code != o.Currency.Code {
		return Money{}, Errorf(EInvalid, "currency.mismatch", "a", m.Currency.Code, "b", o.Currency.Code)
	}
	return Money{Amount: m.Amount.Add(o.Amount), Currency: m.Currency}, nil
}

var moneySymbols = map[string]string{"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}

// FormatMoney writes an amount for people: the currency's symbol (or code), thousands separated, at least the
// currency's minor units ("¥5,720", "-$8.99", "1,000.00 SGD"). Like String, it never rounds.
func FormatMoney(d decimal.Decimal, c Currency) string {
	places := c.MinorUnits
	if e := -d.Exponent(); e > places {
		places = e
	}
	s := d.Abs().StringFixed(places)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if d.IsNegative() {
		b.WriteByte('-')
	}
	sym, ok := moneySymbols[c.Code]
	if ok {
		b.WriteString(sym)
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	if !ok {
		b.WriteString(" " + c.Code)
	}
	return b.String()
}
