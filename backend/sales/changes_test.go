package sales_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// homeAssets gives 山田 太郎 the home bundle with a 1 Gbps line and a router, priced as a direct order prices
// them, as a completed order would leave them.
func homeAssets(t *testing.T, p *pipeline) (acc string, b, f, r *cpq.Asset) {
	t.Helper()
	ctx := context.Background()
	accounts, _, _ := p.s.ListAccounts(ctx, cpq.AccountFilter{Query: "山田"})
	d, _ := p.s.Account(ctx, accounts[0].ID)
	cat, _ := p.s.Catalog(ctx)
	site := d.Sites[0].ID
	lines := []cpq.QuoteLine{
		{ID: "b", ProductID: cat.ProductByCode("HOME-BUNDLE").ID, Quantity: 1},
		{ID: "f", ParentID: "b", ProductID: cat.ProductByCode("FIBRE-HOME").ID, Quantity: 1, Attributes: map[string]string{"speed": "1G", "dwelling": "house"}},
		{ID: "r", ParentID: "b", ProductID: cat.ProductByCode("ROUTER-WIFI6").ID, Quantity: 1, Attributes: map[string]string{"ownership": "rental"}},
	}
	pr, err := p.s.PriceDirectOrder(ctx, sales.DirectOrder{AccountID: d.Account.ID, SiteID: site, Lines: lines})
	if err != nil {
		t.Fatal(err)
	}
	monthly := map[string]decimal.Decimal{}
	for _, l := range pr.Result.Lines {
		if c := l.Charge("monthly"); c != nil {
			monthly[l.LineID] = c.Net
		}
	}
	asset := func(l cpq.QuoteLine) *cpq.Asset {
		return &cpq.Asset{AccountID: d.Account.ID, SiteID: site, ProductID: l.ProductID, Status: cpq.AssetActive, Currency: "JPY",
			Attributes: l.Attributes, Recurring: monthly[l.ID]}
	}
	b, f, r = asset(lines[0]), asset(lines[1]), asset(lines[2])
	err = p.db.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Assets().Create(ctx, b); err != nil {
			return err
		}
		f.ParentID, r.ParentID = b.ID, b.ID
		if err := tx.Assets().Create(ctx, f); err != nil {
			return err
		}
		return tx.Assets().Create(ctx, r)
	})
	if err != nil {
		t.Fatal(err)
	}
	return d.Account.ID, b, f, r
}

func TestChangeOrdersKeepTheBundleWhole(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	acc, b, f, _ := homeAssets(t, p)
	cat, _ := p.s.Catalog(ctx)
	tv := cat.ProductByCode("TV-HOME")
	if _, err := p.s.CreateChangeOrder(ctx, rep, acc, []sales.AssetChange{
		{AssetID: b.ID, Action: cpq.ActionAdd, ProductID: tv.ID, Attributes: map[string]string{"package": "premium"}},
		{AssetID: b.ID, Action: cpq.ActionAdd, ProductID: tv.ID, Attributes: map[string]string{"package": "basic"}},
	}); errKey(err) != "order.change.full" {
		t.Errorf("two TVs in a bundle that takes one: %v", err)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, acc, []sales.AssetChange{{AssetID: f.ID, Action: cpq.ActionDelete}}); errKey(err) != "order.change.required" {
		t.Errorf("disconnecting the bundle's required fibre line alone: %v", err)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, acc, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionDelete},
		{AssetID: b.ID, Action: cpq.ActionAdd, ProductID: tv.ID}}); errKey(err) != "order.change.bundleEnding" {
		t.Errorf("adding to a bundle the same order disconnects: %v", err)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, acc, []sales.AssetChange{{AssetID: f.ID, Action: cpq.ActionModify,
		Attributes: map[string]string{"speed": "100T", "dwelling": "castle"}}}); errKey(err) != "order.change.attribute" {
		t.Errorf("a speed the product does not have: %v", err)
	}
}

// A business customer's line bought at 5% off keeps its discount when it is moved (no change in price) and
// when it is upgraded (the new list price, 5% off).
func TestChangeOrdersKeepTheNegotiatedDiscount(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q := p.acceptedQuote(t, "5")
	o, err := p.s.CreateOrderFromQuote(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := p.s.Account(ctx, o.AccountID)
	it := o.Items[0]
	a := &cpq.Asset{AccountID: o.AccountID, SiteID: it.SiteID, ProductID: it.ProductID, OrderID: o.ID, Status: cpq.AssetActive,
		Quantity: it.Quantity, Attributes: it.Attributes, Recurring: it.Recurring, Currency: "JPY"}
	if err := p.db.Update(ctx, func(tx cpq.Tx) error { return tx.Assets().Create(ctx, a) }); err != nil {
		t.Fatal(err)
	}
	var other string
	for _, s := range d.Sites {
		if s.ID != it.SiteID {
			other = s.ID
		}
	}
	mv, err := p.s.CreateChangeOrder(ctx, rep, o.AccountID, []sales.AssetChange{{AssetID: a.ID, Action: cpq.ActionModify, SiteID: other}})
	if err != nil {
		t.Fatal(err)
	}
	if !mv.Items[0].Recurring.IsZero() || mv.Items[0].SiteID != other {
		t.Errorf("a move: %s a month more, to %s", mv.Items[0].Recurring, mv.Items[0].SiteID)
	}
	if _, err := p.s.CancelOrder(ctx, rep, mv.ID, "Staying put"); err != nil {
		t.Fatal(err)
	}
	faster := map[string]string{}
	for k, v := range a.Attributes {
		faster[k] = v
	}
	faster["bandwidth"] = "10G-BE"
	up, err := p.s.CreateChangeOrder(ctx, rep, o.AccountID, []sales.AssetChange{{AssetID: a.ID, Action: cpq.ActionModify, Attributes: faster}})
	if err != nil {
		t.Fatal(err)
	}
	// 1 Gbps lists at ¥12,800 and 10 Gbps at ¥30,800 (¥12,800 + ¥18,000); the customer pays 95%: ¥12,160 now,
	// ¥29,260 after, so the change is ¥17,100 a month.
	if got, want := a.Recurring.String(), "12160"; got != want {
		t.Fatalf("the line costs %s a month, want %s", got, want)
	}
	if got, want := up.Items[0].Recurring.String(), "17100"; got != want {
		t.Errorf("the upgrade adds %s a month, want %s (the new list price at the customer's 5%% off)", got, want)
	}
	// On the wire the changed line costs its new price, a positive amount, and names the product it changes.
	if _, err := p.s.SubmitOrder(ctx, rep, up.ID); err != nil {
		t.Fatal(err)
	}
	po := checkPayload(t, p.outbox(t, up.ID).Payload)
	item := po.ProductOrderItem[0]
	if item.Action != "modify" || item.Product.ID != a.ID || len(item.ItemPrice) != 1 ||
		item.ItemPrice[0].Price.DutyFreeAmount.Value.String() != "29260" {
		t.Errorf("the modify item on the wire: %+v, prices %+v", item, item.ItemPrice)
	}
}
