package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

func update(t *testing.T, store cpq.Store, fn func(ctx context.Context, tx cpq.Tx) error) {
	t.Helper()
	ctx := context.Background()
	if err := store.Update(ctx, func(tx cpq.Tx) error { return fn(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
}

func view(t *testing.T, store cpq.Store, fn func(ctx context.Context, tx cpq.Tx) error) {
	t.Helper()
	ctx := context.Background()
	if err := store.View(ctx, func(tx cpq.Tx) error { return fn(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
}

func TestAccountsSearchAndNumbering(t *testing.T) {
	db, _ := openTemp(t)
	names := []struct{ name, kana, alt string }{
		{"グローバルメディア株式会社", "グローバルメディア", "Global Media Co., Ltd."},
		{"みどり物流株式会社", "ミドリブツリュウ", "Midori Logistics"},
		{"Acme 100% Foods", "", ""},
		{"山田 太郎", "ヤマダ タロウ", "Taro Yamada"},
	}
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		for _, n := range names {
			a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: n.name, NameKana: n.kana, AltName: n.alt}
			if n.kana == "グローバルメディア" {
				a.Phone = "03-5555-0100"
			}
			if err := tx.Accounts().Create(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		for q, want := range map[string]string{
			"グローバル":      "グローバルメディア株式会社",
			"global med": "グローバルメディア株式会社",
			"ブツリュウ":      "みどり物流株式会社",
			"A-000002":   "みどり物流株式会社",
			"100%":       "Acme 100% Foods",
			"ぐろーばる":      "グローバルメディア株式会社",
			"ｸﾞﾛｰﾊﾞﾙ":    "グローバルメディア株式会社",
			"ＧＬＯＢＡＬ":     "グローバルメディア株式会社",
			"A000002":    "みどり物流株式会社",
			"0355550100": "グローバルメディア株式会社",
		} {
			got, n, err := tx.Accounts().List(ctx, cpq.AccountFilter{Query: q})
			if err != nil {
				return err
			}
			if n != 1 || len(got) != 1 || got[0].Name != want {
				t.Errorf("search %q: %d results %v, want only %s", q, n, got, want)
			}
		}
		// "%" and "_" are literal characters in a search, not wildcards.
		if _, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Query: "_"}); n != 0 {
			t.Errorf("search _ matched %d accounts, want 0", n)
		}
		for _, q := range []string{"山田太郎", "やまだ", "taro"} {
			if got, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Query: q}); n != 1 || got[0].Name != "山田 太郎" {
				t.Errorf("search %q: %d results", q, n)
			}
		}
		all, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{Page: cpq.Page{Limit: 2}})
		if n != 4 || len(all) != 2 {
			t.Errorf("page of 2: got %d of %d, want 2 of 4", len(all), n)
		}
		return nil
	})
}

func TestAccountRoundTripAndValidation(t *testing.T) {
	db, _ := openTemp(t)
	checked := time.Date(2026, 11, 20, 1, 2, 3, 456789000, time.UTC)
	in := &cpq.Account{Segment: cpq.SegmentConsumer, Name: "山田 太郎", Email: "taro@example.jp", Phone: "090-1234-5678",
		Credit: cpq.CreditCheck{Status: cpq.CreditApproved, Rating: "A", Limit: decimal.RequireFromString("300000.50"),
			Currency: "JPY", CheckedAt: checked, Provider: "local"}}
	update(t, db, func(ctx context.Context, tx cpq.Tx) error { return tx.Accounts().Create(ctx, in) })
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		got, err := tx.Accounts().Get(ctx, in.ID)
		if err != nil {
			return err
		}
		if !got.Credit.Limit.Equal(in.Credit.Limit) || !got.Credit.CheckedAt.Equal(checked) || got.Name != in.Name {
			t.Errorf("round trip: got %+v, want %+v", got, in)
		}
		return nil
	})

	err := db.Update(context.Background(), func(tx cpq.Tx) error {
		return tx.Accounts().Create(context.Background(), &cpq.Account{Segment: "b2x", Email: "not-an-email"})
	})
	e, ok := err.(*cpq.Error)
	if !ok || e.Code != cpq.EInvalid {
		t.Fatalf("invalid account: err = %v, want an invalid error", err)
	}
	fields := map[string]bool{}
	for _, f := range e.Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"segment", "name", "email"} {
		if !fields[f] {
			t.Errorf("no problem reported for %s in %v", f, e.Fields)
		}
	}
	if _, err := cpq.ParseLang("ja"); err != nil {
		t.Fatal(err)
	}
	if msg := e.Message(cpq.LangJA); msg == e.Message(cpq.LangEN) || msg == "" {
		t.Errorf("Japanese message = %q, want a translation", msg)
	}

	err = db.View(context.Background(), func(tx cpq.Tx) error {
		_, err := tx.Accounts().Get(context.Background(), "acc_nope")
		return err
	})
	if got, want := cpq.ErrorCode(err), cpq.ENotFound; got != want {
		t.Errorf("missing account: code %s, want %s", got, want)
	}
}

func TestProductRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	router := &cpq.Product{Code: "router-1", Kind: cpq.ProductSimple, Family: "router", Name: cpq.Text{EN: "Router", JA: "ルーター"}, Status: cpq.ProductActive}
	line := &cpq.Product{Code: "FIBRE-1", Kind: cpq.ProductSimple, Family: "fibre", Status: cpq.ProductActive,
		Name: cpq.Text{EN: "Fibre line", JA: "光回線"}, Description: cpq.Text{EN: "Fast", JA: "高速"},
		EffectiveFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Attributes: []cpq.Attribute{
			{Code: "speed", Name: cpq.Text{EN: "Speed", JA: "速度"}, Type: cpq.AttrChoice, Required: true, Default: "1G",
				Values: []cpq.AttributeValue{{Code: "1G", Name: cpq.Text{EN: "1 Gbps"}}, {Code: "10G", Name: cpq.Text{EN: "10 Gbps"}}}},
			{Code: "note", Name: cpq.Text{EN: "Note"}, Type: cpq.AttrText},
		},
		TechnicalAttributes: []cpq.TechnicalAttribute{{Code: "line_id", Name: cpq.Text{EN: "Line ID"}, Pattern: `^CAF\d{8}$`}},
	}
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		if err := tx.Products().Create(ctx, router); err != nil {
			return err
		}
		if err := tx.Products().Create(ctx, line); err != nil {
			return err
		}
		bundle := &cpq.Product{Code: "HOME", Kind: cpq.ProductBundle, Name: cpq.Text{EN: "Home"}, Status: cpq.ProductActive,
			Components: []cpq.BundleComponent{{ProductID: line.ID, Min: 1, Max: 1, Default: 1}, {ProductID: router.ID, Min: 0, Max: 2, Default: 1}}}
		return tx.Products().Create(ctx, bundle)
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		got, err := tx.Products().GetByCode(ctx, "fibre-1")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got.Attributes, line.Attributes) || !reflect.DeepEqual(got.TechnicalAttributes, line.TechnicalAttributes) {
			t.Errorf("attributes: got %+v, want %+v", got.Attributes, line.Attributes)
		}
		if got.Code != "FIBRE-1" || !got.EffectiveFrom.Equal(line.EffectiveFrom) {
			t.Errorf("got %+v", got)
		}
		if r, _ := tx.Products().GetByCode(ctx, "ROUTER-1"); r == nil || r.Code != "ROUTER-1" {
			t.Errorf("code not normalized to upper case: %+v", r)
		}
		home, _ := tx.Products().GetByCode(ctx, "HOME")
		if len(home.Components) != 2 || home.Components[1].Max != 2 {
			t.Errorf("components = %+v", home.Components)
		}
		in, _ := tx.Products().BundlesContaining(ctx, router.ID)
		if len(in) != 1 || in[0].Code != "HOME" {
			t.Errorf("bundles containing the router = %v", in)
		}
		found, n, _ := tx.Products().List(ctx, cpq.ProductFilter{Query: "光"})
		if n != 1 || found[0].Code != "FIBRE-1" {
			t.Errorf("search 光: %d %v", n, found)
		}
		found, n, _ = tx.Products().List(ctx, cpq.ProductFilter{Query: "fibre fast"})
		if n != 1 {
			t.Errorf("search with two words: %d %v", n, found)
		}
		fams, _ := tx.Products().Families(ctx)
		if !reflect.DeepEqual(fams, []string{"fibre", "router"}) {
			t.Errorf("families = %v", fams)
		}
		return nil
	})
	// A duplicate code is a conflict, not a crash.
	err := db.Update(context.Background(), func(tx cpq.Tx) error {
		return tx.Products().Create(context.Background(), &cpq.Product{Code: "FIBRE-1", Kind: cpq.ProductSimple, Name: cpq.Text{EN: "x"}, Status: cpq.ProductDraft})
	})
	if got, want := cpq.ErrorCode(err), cpq.EConflict; got != want {
		t.Errorf("duplicate code: %s (%v), want %s", got, err, want)
	}
}

func TestQuoteVersionsAndLines(t *testing.T) {
	db, _ := openTemp(t)
	var q *cpq.Quote
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: "Global Media"}
		if err := tx.Accounts().Create(ctx, a); err != nil {
			return err
		}
		site := &cpq.Site{AccountID: a.ID, Name: "Shinjuku", PostalCode: "1600022", Region: "Tokyo", Country: "JP"}
		if err := tx.Sites().Create(ctx, site); err != nil {
			return err
		}
		p := &cpq.Product{Code: "FIBRE-BIZ", Kind: cpq.ProductBundle, Name: cpq.Text{EN: "Fibre"}, Status: cpq.ProductActive}
		c := &cpq.Product{Code: "WIFI", Kind: cpq.ProductSimple, Name: cpq.Text{EN: "Wi-Fi"}, Status: cpq.ProductActive}
		tx.Products().Create(ctx, c)
		p.Components = []cpq.BundleComponent{{ProductID: c.ID, Min: 1, Max: 4, Default: 2}}
		if err := tx.Products().Create(ctx, p); err != nil {
			return err
		}
		q = &cpq.Quote{AccountID: a.ID, Name: "Two stores", Currency: "JPY", TermMonths: 36, Lang: cpq.LangJA,
			SiteGroups: []cpq.SiteGroup{{ID: "sg_1", SiteID: site.ID, Name: "Shinjuku"}},
			Lines: []cpq.QuoteLine{
				{ID: "ql_1", SiteGroupID: "sg_1", ProductID: p.ID, Quantity: 1, Attributes: map[string]string{"bandwidth": "1G"}},
				{ID: "ql_2", SiteGroupID: "sg_1", ParentID: "ql_1", ProductID: c.ID, Quantity: 4, DiscountPct: decimal.RequireFromString("12.5")},
			}}
		if err := tx.Quotes().Create(ctx, q); err != nil {
			return err
		}
		if site.PostalCode != "160-0022" {
			t.Errorf("postal code stored as %q, want 160-0022", site.PostalCode)
		}
		v2 := *q
		v2.ID, v2.Version, v2.PreviousID = "", 2, q.ID
		v2.SiteGroups = []cpq.SiteGroup{{ID: "sg_2", SiteID: site.ID, Name: "Shinjuku"}}
		v2.Lines = []cpq.QuoteLine{{ID: "ql_3", SiteGroupID: "sg_2", ProductID: p.ID, Quantity: 2}}
		return tx.Quotes().Create(ctx, &v2)
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		got, err := tx.Quotes().Get(ctx, q.ID)
		if err != nil {
			return err
		}
		if got.Number != "Q-000001" || len(got.Lines) != 2 || got.Lines[1].ParentID != "ql_1" ||
			!got.Lines[1].DiscountPct.Equal(decimal.RequireFromString("12.5")) || got.Lines[0].Attributes["bandwidth"] != "1G" {
			t.Errorf("quote = %+v lines %+v", got, got.Lines)
		}
		vs, _ := tx.Quotes().Versions(ctx, got.Number)
		if len(vs) != 2 || vs[1].Version != 2 || vs[1].PreviousID != q.ID {
			t.Errorf("versions = %+v", vs)
		}
		h, err := tx.Quotes().Header(ctx, q.ID)
		if err != nil {
			return err
		}
		if h.Name != "Two stores" || h.TermMonths != 36 || len(h.SiteGroups) != 1 || h.SiteGroups[0].ID != "sg_1" || len(h.Lines) != 0 {
			t.Errorf("header = %+v", h)
		}
		if _, err := tx.Quotes().Header(ctx, "quo_missing"); cpq.ErrorCode(err) != cpq.ENotFound {
			t.Errorf("missing header: %v, want not found", err)
		}
		return nil
	})
	// A line whose bundle line is not on the quote is refused with the line's number.
	err := db.Update(context.Background(), func(tx cpq.Tx) error {
		bad, _ := tx.Quotes().Get(context.Background(), q.ID)
		bad.Lines[1].ParentID = "ql_gone"
		return tx.Quotes().Update(context.Background(), bad)
	})
	if err == nil || cpq.ErrorCode(err) != cpq.EInvalid {
		t.Fatalf("bad parent: %v", err)
	}
	if msg := err.Error(); !contains(msg, "Line 2") {
		t.Errorf("message %q does not name line 2", msg)
	}
}

func TestOrderAndAssetRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	var o *cpq.Order
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		a := &cpq.Account{Segment: cpq.SegmentConsumer, Name: "Emily Carter"}
		tx.Accounts().Create(ctx, a)
		p := &cpq.Product{Code: "FIBRE-HOME", Kind: cpq.ProductSimple, Name: cpq.Text{EN: "Fibre"}, Status: cpq.ProductActive,
			TechnicalAttributes: []cpq.TechnicalAttribute{{Code: "line_id", Name: cpq.Text{EN: "Line ID"}, Pattern: `^CAF\d{8}$`}}}
		tx.Products().Create(ctx, p)
		o = &cpq.Order{AccountID: a.ID, Segment: cpq.SegmentConsumer, Currency: "JPY",
			Items: []cpq.OrderItem{{ProductID: p.ID, Action: cpq.ActionAdd, Quantity: 1, Recurring: decimal.RequireFromString("5720"),
				Technical: map[string]string{"line_id": "CAF123"}}}}
		if err := tx.Orders().Create(ctx, o); err != nil {
			return err
		}
		missing := o.MissingTechnical(map[string]*cpq.Product{p.ID: p})
		if len(missing) != 1 {
			t.Errorf("missing technical = %v, want the malformed line ID", missing)
		}
		if err := o.SetStatus(cpq.OrderQueued); err != nil {
			return err
		}
		o.Sync = cpq.SyncQueued
		if err := tx.Orders().Update(ctx, o); err != nil {
			return err
		}
		if err := o.SetStatus(cpq.OrderDraft); err != nil {
			t.Errorf("queued → draft: %v", err)
		}
		o.SetStatus(cpq.OrderQueued)
		o.SetStatus(cpq.OrderCompleted)
		if err := o.SetStatus(cpq.OrderInProgress); cpq.ErrorCode(err) != cpq.EConflict {
			t.Errorf("completed → inProgress: %v, want a conflict", err)
		}
		return tx.Assets().Create(ctx, &cpq.Asset{AccountID: a.ID, ProductID: p.ID, OrderID: o.ID, Status: cpq.AssetActive,
			Recurring: decimal.RequireFromString("5720"), Currency: "JPY", Attributes: map[string]string{"speed": "1G"}})
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		got, err := tx.Orders().Get(ctx, o.ID)
		if err != nil {
			return err
		}
		if got.Number != "O-000001" || got.Status != cpq.OrderQueued || got.Sync != cpq.SyncQueued || len(got.Items) != 1 ||
			got.Items[0].Technical["line_id"] != "CAF123" || !got.Items[0].Recurring.Equal(decimal.NewFromInt(5720)) {
			t.Errorf("order = %+v", got)
		}
		as, _ := tx.Assets().ListByAccount(ctx, got.AccountID)
		if len(as) != 1 || as[0].Attributes["speed"] != "1G" {
			t.Errorf("assets = %+v", as)
		}
		return nil
	})
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
