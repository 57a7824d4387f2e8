package demo_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/demo"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// go test ./backend/demo -update rewrites docs/examples from the demo data and the pricing engine; review the
// diff before committing it.
var update = flag.Bool("update", false, "rewrite the example files in docs/examples")

const examples = "../../docs/examples"

// seeded is the demo database as of 2026-12-01, the date the examples are priced on.
func seeded(t *testing.T) *sales.Service {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Seed(ctx, db, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return sales.New(db, nil)
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./backend/demo -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the code produces now; if the change is intended, run go test ./backend/demo -update and review the diff", path)
	}
}

// The demo catalog file is what the demo data exports as.
func TestDemoCatalogFile(t *testing.T) {
	d, err := seeded(t).CatalogData(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := catalog.WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join(examples, "demo-catalog.json"), buf.Bytes())
}

// The demo scenarios priced: the consumer's fibre bundle, 300 phones over five sites with volume tiers, and
// Global Media's two stores. The same quote priced against the database's catalog and against the exported
// catalog file gives the same bytes, and so does pricing it twice.
func TestDemoQuotesPriced(t *testing.T) {
	ctx := context.Background()
	uc := seeded(t)
	fromDB, err := uc.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(examples, "demo-catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := catalog.ReadJSON(f, "demo-catalog.json")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := catalog.New(d)
	if err != nil {
		t.Fatal(err)
	}
	quotes, _ := filepath.Glob(filepath.Join(examples, "*.quote.json"))
	if len(quotes) < 3 {
		t.Fatalf("found %d example quotes, want the three demo scenarios", len(quotes))
	}
	price := func(cat *catalog.Catalog, path string) []byte {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		in, err := pricing.ReadQuote(f, filepath.Base(path), cat, pricing.JapanSettings(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		r, err := pricing.Price(cat, in.Quote, in.Context, in.Settings)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pricing.WriteResult(&buf, cat, in, r, cat.Validate(in.Context, in.Quote, in.Sites)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, q := range quotes {
		out := price(fromFile, q)
		if again := price(fromFile, q); !bytes.Equal(out, again) {
			t.Errorf("%s: two pricings differ", q)
		}
		if db := price(fromDB, q); !bytes.Equal(out, db) {
			t.Errorf("%s: the database's catalog prices differently from the exported file", q)
		}
		if bytes.Contains(out, []byte(`"problems": [
    {`)) {
			t.Errorf("%s: the demo scenario has configuration problems:\n%s", q, out[bytes.Index(out, []byte(`"problems"`)):])
		}
		golden(t, strings.TrimSuffix(q, ".quote.json")+".priced.json", out)
	}
}
