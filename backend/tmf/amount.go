package tmf

import (
	"bytes"
	"fmt"

	"github.com/shopspring/decimal"
)

// Amount is a decimal that travels as a JSON number, as the specifications' Money.value and Price.taxRate
// are typed. It is written from the decimal's digits and read into a decimal, so no float ever rounds it.
type Amount struct{ decimal.Decimal }

// NewAmount wraps a decimal.
func NewAmount(d decimal.Decimal) Amount { return Amount{d} }

func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.Decimal.String()), nil }

func (a *Amount) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`) // some servers quote their numbers; the value is the same
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return fmt.Errorf("tmf: %q is not an amount", b)
	}
	a.Decimal = d
	return nil
}
