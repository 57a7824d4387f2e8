package pricing

import (
	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// Price prices a quote once.
func Price(cat *catalog.Catalog, q *cpq.Quote, ctx catalog.Context, s Settings) (*Result, error) {
	p, err := New(cat, q, ctx, s)
	if err != nil {
		return nil, err
	}
	return p.Result(), nil
}
