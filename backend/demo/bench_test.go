package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// largeQuote seeds the large-quote scenario into a temporary database and returns it with its catalog and
// context, read back as the app reads them.
func largeQuote(b *testing.B) (*catalog.Catalog, *sales.QuoteContext, *sqlite.DB) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "large.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := demo.Seed(ctx, db, time.Now()); err != nil {
		b.Fatal(err)
	}
	uc := sales.New(db, nil)
	cat, err := uc.Catalog(ctx)
	if err != nil {
		b.Fatal(err)
	}
	q, err := demo.SeedLarge(ctx, db, cat, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	qc, err := uc.Quote(ctx, q.ID)
	if err != nil {
		b.Fatal(err)
	}
	return cat, qc, db
}

// BenchmarkPriceLargeQuote prices the 10,000-line scenario from scratch; allocs/line is what the engine
// allocates per line (shopspring/decimal allocates for most operations).
func BenchmarkPriceLargeQuote(b *testing.B) {
	cat, qc, _ := largeQuote(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pricing.Price(cat, qc.Quote, qc.Context, pricing.JapanSettings()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	allocs := testing.AllocsPerRun(3, func() { pricing.Price(cat, qc.Quote, qc.Context, pricing.JapanSettings()) })
	b.ReportMetric(allocs/float64(len(qc.Quote.Lines)), "allocs/line")
}

// BenchmarkSaveReloadLargeQuote saves the scenario's quote as a new version and reads it back whole.
func BenchmarkSaveReloadLargeQuote(b *testing.B) {
	_, qc, db := largeQuote(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		v := qc.Quote.Revision()
		v.Version += i
		b.StartTimer()
		if err := db.Update(ctx, func(tx cpq.Tx) error { return tx.Quotes().Create(ctx, v) }); err != nil {
			b.Fatal(err)
		}
		if err := db.View(ctx, func(tx cpq.Tx) error {
			back, err := tx.Quotes().Get(ctx, v.ID)
			if err == nil && len(back.Lines) != len(v.Lines) {
				b.Fatalf("reloaded %d lines of %d", len(back.Lines), len(v.Lines))
			}
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}
