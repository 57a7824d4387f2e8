package catalog_test

import (
	"bytes"
	"os"
	"testing"

	"quotewright/backend/catalog"
)

// FuzzReadJSON: no catalog file, however broken, makes the reader panic; what it accepts builds a catalog.
func FuzzReadJSON(f *testing.F) {
	if b, err := os.ReadFile("../../docs/examples/demo-catalog.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"format":"quotewright.catalog/v1","products":[],"priceLists":[]}`))
	f.Add([]byte(`{"format":"quotewright.catalog/v1","products":[{"code":"AA","kind":"bundle","name":{"en":"a","ja":""},"description":{"en":"","ja":""},"status":"active","components":[{"product":"AA","min":1,"max":1,"default":1}]}],"priceLists":[]}`))
	f.Add([]byte(`{"products":[{"code":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := catalog.ReadJSON(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if _, err := catalog.New(d); err != nil {
			t.Fatalf("ReadJSON accepted data that does not build a catalog: %v", err)
		}
	})
}
