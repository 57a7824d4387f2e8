package demo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/sqlite"
)

func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if seeded, _ := demo.IsSeeded(ctx, db); seeded {
		t.Fatal("an empty database reports seeded")
	}
	if err := demo.Seed(ctx, db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("seed: %v", err)
	}
	if seeded, _ := demo.IsSeeded(ctx, db); !seeded {
		t.Fatal("a seeded database reports not seeded")
	}
	err = db.View(ctx, func(tx cpq.Tx) error {
		users, _ := tx.Users().List(ctx)
		roles := map[cpq.Role]bool{}
		for _, u := range users {
			roles[u.Role] = true
		}
		for _, r := range []cpq.Role{cpq.RoleRep, cpq.RoleManager, cpq.RoleDirector} {
			if !roles[r] {
				t.Errorf("no %s among the demo users", r)
			}
		}
		gm, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Query: "グローバルメディア"})
		if n != 1 {
			t.Fatalf("Global Media: %d accounts", n)
		}
		sites, _ := tx.Sites().ListByAccount(ctx, gm[0].ID)
		if len(sites) < 3 {
			t.Errorf("Global Media has %d sites, want head office and two new stores", len(sites))
		}
		midori, _, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Query: "Midori"})
		if s, _ := tx.Sites().ListByAccount(ctx, midori[0].ID); len(s) != 5 {
			t.Errorf("the mid-size company has %d sites, want 5", len(s))
		}
		if _, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Segment: cpq.SegmentConsumer}); n < 2 {
			t.Errorf("%d consumer accounts", n)
		}
		if _, n, _ := tx.Leads().List(ctx, cpq.LeadFilter{}); n < 3 {
			t.Errorf("%d leads", n)
		}
		lists, _ := tx.PriceLists().List(ctx)
		currencies := map[string]bool{}
		for _, l := range lists {
			currencies[l.Currency] = true
		}
		if !currencies["JPY"] || !currencies["USD"] {
			t.Errorf("price list currencies = %v, want JPY and USD", currencies)
		}
		bundle, err := tx.Products().GetByCode(ctx, "HOME-BUNDLE")
		if err != nil {
			return err
		}
		if len(bundle.Components) != 5 {
			t.Errorf("home bundle components = %d, want fibre, router, TV, phone and newspaper", len(bundle.Components))
		}
		fibre, _ := tx.Products().GetByCode(ctx, "FIBRE-HOME")
		if fibre.Name.JA == "" || fibre.Name.EN == "" {
			t.Errorf("fibre names = %+v, want both languages", fibre.Name)
		}
		prices, _ := tx.PriceLists().EntriesForProduct(ctx, fibre.ID)
		if len(prices) == 0 {
			t.Error("fibre line has no prices")
		}
		for _, p := range prices {
			if p.PriceListID == lists[0].ID || p.PriceListID == lists[1].ID {
				continue
			}
			t.Errorf("price in unknown list %s", p.PriceListID)
		}
		phone, _ := tx.Products().GetByCode(ctx, "PHONE-X15")
		tiers := 0
		for _, p := range mustEntries(t, tx, phone.ID) {
			if p.MinQuantity > 1 {
				tiers++
			}
		}
		if tiers == 0 {
			t.Error("phones have no volume tiers")
		}
		r, err := tx.Audit().Verify(ctx)
		if err != nil || !r.Intact || r.Count == 0 {
			t.Errorf("audit after seeding = %+v, %v", r, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustEntries(t *testing.T, tx cpq.Tx, id string) []*cpq.PriceEntry {
	es, err := tx.PriceLists().EntriesForProduct(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestDemoClauseLibraryRendersInBothLanguages(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "c.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Seed(ctx, db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	var clauses []*cpq.ClauseTemplate
	db.View(ctx, func(tx cpq.Tx) error {
		clauses, err = tx.Clauses().List(ctx)
		return err
	})
	if len(clauses) < 5 || clauses[1].Code != "TERM" {
		t.Fatalf("clauses = %d, second %+v", len(clauses), clauses[1])
	}
	values := map[string]string{"start_date": "2027-01-01", "term_months": "36", "notice_days": "30", "payment_days": "30",
		"availability": "99.9"}
	for _, c := range clauses {
		for _, lang := range []cpq.Lang{cpq.LangEN, cpq.LangJA} {
			got, err := c.Render(lang, values)
			if err != nil || strings.Contains(got.Body, "{") || got.Title == "" {
				t.Errorf("%s in %s: %+v %v", c.Code, lang, got, err)
			}
		}
	}
	term, _ := clauses[1].Render(cpq.LangJA, values)
	if want := "本契約の期間は 2027-01-01 から 36 か月とし"; !strings.HasPrefix(term.Body, want) {
		t.Errorf("TERM = %q, want it to start %q", term.Body, want)
	}
	if _, err := clauses[2].Render(cpq.LangEN, map[string]string{}); err == nil || !strings.Contains(err.Error(), "notice_days") {
		t.Errorf("a missing notice period: %v", err)
	}
}
