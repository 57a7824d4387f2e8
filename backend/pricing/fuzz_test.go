package pricing_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/pricing"
)

// FuzzReadQuote: no quote file, however broken, makes the reader or the pricing of what it accepts panic.
func FuzzReadQuote(f *testing.F) {
	b, err := os.ReadFile("../../docs/examples/demo-catalog.json")
	if err != nil {
		f.Fatal(err)
	}
	d, err := catalog.ReadJSON(bytes.NewReader(b), "demo-catalog.json")
	if err != nil {
		f.Fatal(err)
	}
	cat, err := catalog.New(d)
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"consumer-fibre", "midori-phones", "global-media-stores"} {
		if b, err := os.ReadFile("../../docs/examples/" + name + ".quote.json"); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"format":"quotewright.quote/v1","priceList":"JP-STANDARD","termMonths":0,"customer":{"segment":"consumer"},"lines":[{"product":"NEWS-DAILY","quantity":99999,"discountAmount":"1e9"}]}`))
	f.Add([]byte(`{"lines":[{"lines":[{"lines":[]}]}]}`))
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := pricing.ReadQuote(bytes.NewReader(data), "fuzz.json", cat, pricing.JapanSettings(), day)
		if err != nil {
			return
		}
		r, err := pricing.Price(cat, in.Quote, in.Context, in.Settings)
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := pricing.WriteResult(&out, cat, in, r, cat.Validate(in.Context, in.Quote, in.Sites)); err != nil {
			t.Fatal(err)
		}
	})
}
