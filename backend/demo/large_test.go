package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"quotewright/backend/demo"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// The large-quote scenario is what the builder and the figures are measured on: it must be the whole size,
// valid, and exercise every pricing step the figures name.
func TestSeedLarge(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "large.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	if err := demo.Seed(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	uc := sales.New(db, nil)
	cat, err := uc.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	q, err := demo.SeedLarge(ctx, db, cat, now)
	if err != nil {
		t.Fatal(err)
	}
	qc, err := uc.Quote(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(qc.Quote.Lines), demo.LargeLines; got != want {
		t.Errorf("%d lines, want %d", got, want)
	}
	if got, want := len(qc.Sites), demo.LargeSites; got != want {
		t.Errorf("%d sites, want %d", got, want)
	}
	if probs := cat.Validate(qc.Context, qc.Quote, qc.Sites); len(probs) != 0 {
		t.Errorf("%d configuration problems, first: %s", len(probs), probs[0].Text("en"))
	}
	r, err := pricing.Price(cat, qc.Quote, qc.Context, pricing.JapanSettings())
	if err != nil {
		t.Fatal(err)
	}
	steps := map[pricing.StepKind]int{}
	for _, l := range r.Lines {
		for _, c := range l.Charges {
			for _, s := range c.Steps {
				steps[s.Kind]++
			}
		}
	}
	for _, k := range []pricing.StepKind{pricing.StepAttribute, pricing.StepTier, pricing.StepPromotion, pricing.StepLineDiscount} {
		if steps[k] == 0 {
			t.Errorf("no %s step on any line: %v", k, steps)
		}
	}
	if !r.Totals.TCV.IsPositive() {
		t.Errorf("total contract value %s", r.Totals.TCV)
	}
}
