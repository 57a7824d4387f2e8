package sales_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/tmf"
	"quotewright/backend/tmf/tmfspec"
)

const technicalName = "渡辺 大輔"

// outbox returns the order's create entry, or nil.
func (p *pipeline) outbox(t *testing.T, orderID string) *cpq.OutboxEntry {
	t.Helper()
	ctx := context.Background()
	var e *cpq.OutboxEntry
	if err := p.db.View(ctx, func(tx cpq.Tx) (err error) { e, err = tx.Outbox().ByOrder(ctx, orderID, cpq.OutboxCreate); return err }); err != nil {
		t.Fatal(err)
	}
	return e
}

// checkPayload validates a queued payload against the TMF622 specification, when the specification is there.
func checkPayload(t *testing.T, payload []byte) tmf.ProductOrder {
	t.Helper()
	var po tmf.ProductOrder
	if err := json.Unmarshal(payload, &po); err != nil {
		t.Fatal(err)
	}
	dir, err := tmfspec.Dir()
	if err != nil {
		t.Logf("payload not checked against the specification: %v", err)
		return po
	}
	spec, err := tmfspec.Load(dir, tmfspec.TMF622)
	if err != nil {
		t.Fatal(err)
	}
	if err := spec.Validate("ProductOrder_Create", payload); err != nil {
		t.Errorf("the queued payload does not validate: %v\n%s", err, payload)
	}
	return po
}

func TestOrderFromAcceptedQuoteNeedsTechnicalValuesBeforeItIsQueued(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, tech := p.users[repName], p.users[technicalName]
	q := p.acceptedQuote(t, "5")
	qc, err := p.s.Quote(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CreateOrderFromQuote(ctx, rep, q.ID); errKey(err) != "order.contract.unsigned" {
		t.Errorf("ordering a quote whose contract is in negotiation: %v", err)
	}
	if _, err := p.s.CreateOrderFromContract(ctx, rep, c.ID); errKey(err) != "order.contract.notSigned" {
		t.Errorf("ordering a draft contract: %v", err)
	}
	// The customer signs no contract after all: the rep withdraws it and orders from the accepted quote.
	if _, err := p.s.MoveContract(ctx, rep, c.ID, cpq.ContractTerminated); err != nil {
		t.Fatal(err)
	}

	o, err := p.s.CreateOrderFromQuote(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(o.Items), len(qc.Quote.Lines); got != want || o.Status != cpq.OrderDraft {
		t.Fatalf("order: %d items, status %s; want %d items, draft", got, o.Status, want)
	}
	// 5% off the 1 Gbps best-effort business fibre, as accepted.
	sc := c.Schedule.Groups[0].Lines[0]
	if !o.Items[0].Recurring.Equal(sc.Monthly) || o.Items[0].Recurring.IsZero() {
		t.Errorf("item recurring %s, accepted %s", o.Items[0].Recurring, sc.Monthly)
	}
	if len(o.Sites) != 1 || o.Sites[0].RequestedStart.Format("2006-01-02") != "2026-12-12" || o.BillingAccount == "" {
		t.Errorf("sites %+v, billing %q", o.Sites, o.BillingAccount)
	}
	if _, err := p.s.CreateOrderFromQuote(ctx, rep, q.ID); errKey(err) != "order.exists" {
		t.Errorf("a second order from the same quote: %v", err)
	}

	// Business fibre needs a circuit ID and an IP block: the order says which are missing.
	_, err = p.s.SubmitOrder(ctx, rep, o.ID)
	if errKey(err) != "order.technical.incomplete" {
		t.Fatalf("submitting without technical values: %v", err)
	}
	if msg := err.(*cpq.Error).Message(cpq.LangEN); !strings.Contains(msg, "Circuit ID") || !strings.Contains(msg, "IP block") {
		t.Errorf("the refusal does not say what is missing: %s", msg)
	}
	fill := map[string]map[string]string{o.Items[0].ID: {"circuit_id": "BF-1234567", "ip_block": "203.0.113.0/29"}}
	if _, err := p.s.UpdateOrder(ctx, rep, o.ID, sales.OrderChange{Technical: fill}); errKey(err) != "order.technical.forbidden" {
		t.Errorf("a rep filling technical values: %v", err)
	}
	bad := map[string]map[string]string{o.Items[0].ID: {"circuit_id": "1234567", "ip_block": "203.0.113.0/29"}}
	if _, err := p.s.UpdateOrder(ctx, tech, o.ID, sales.OrderChange{Technical: bad}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.SubmitOrder(ctx, rep, o.ID); errKey(err) != "order.technical.incomplete" {
		t.Errorf("a circuit ID that does not match its pattern: %v", err)
	}
	if p.outbox(t, o.ID) != nil {
		t.Error("a refused submit left an outbox entry")
	}
	if _, err := p.s.UpdateOrder(ctx, tech, o.ID, sales.OrderChange{Technical: fill}); err != nil {
		t.Fatal(err)
	}
	appt := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)
	site := cpq.OrderSite{SiteID: o.Sites[0].SiteID, RequestedStart: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC),
		AppointmentStart: appt, AppointmentEnd: appt.Add(3 * time.Hour)}
	past := site
	past.RequestedStart = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.s.UpdateOrder(ctx, rep, o.ID, sales.OrderChange{Sites: []cpq.OrderSite{past}}); errKey(err) != "order.start.past" {
		t.Errorf("a start date in the past: %v", err)
	}
	if _, err := p.s.UpdateOrder(ctx, rep, o.ID, sales.OrderChange{Sites: []cpq.OrderSite{site}}); err != nil {
		t.Fatal(err)
	}

	o, err = p.s.SubmitOrder(ctx, rep, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != cpq.OrderQueued || o.Sync != cpq.SyncQueued {
		t.Errorf("submitted order: status %s, sync %s", o.Status, o.Sync)
	}
	e := p.outbox(t, o.ID)
	if e == nil {
		t.Fatal("no outbox entry for the submitted order")
	}
	po := checkPayload(t, e.Payload)
	item := po.ProductOrderItem[0]
	if po.ExternalID != o.ID || item.Action != tmf.ActionAdd || item.ProductOffering.ID != "FIBRE-BIZ" ||
		item.Appointment == nil || item.Product.StartDate == nil || item.Product.StartDate.Format("2006-01-02") != "2026-12-15" {
		t.Errorf("payload %+v / item %+v", po, item)
	}
	var chars []string
	for _, ch := range item.Product.ProductCharacteristic {
		chars = append(chars, ch.Name+"="+ch.Value.(string))
	}
	if got := strings.Join(chars, " "); !strings.Contains(got, "circuit_id=BF-1234567") || !strings.Contains(got, "bandwidth=1G-BE") {
		t.Errorf("characteristics %s", got)
	}
	if !item.ItemPrice[1].Price.DutyFreeAmount.Value.Equal(sc.Monthly) || po.RequestedStartDate == nil {
		t.Errorf("item price %+v", item.ItemPrice)
	}
	if _, err := p.s.UpdateOrder(ctx, tech, o.ID, sales.OrderChange{Technical: fill}); errKey(err) != "order.notDraft" {
		t.Errorf("changing a submitted order: %v", err)
	}
	// Nothing has left the laptop yet: cancelling takes it out of the queue.
	if _, err := p.s.CancelOrder(ctx, rep, o.ID, ""); errKey(err) != "order.cancel.reason" {
		t.Errorf("a cancellation without a reason: %v", err)
	}
	o, err = p.s.CancelOrder(ctx, rep, o.ID, "The customer moved the store opening to spring")
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != cpq.OrderCancelled || p.outbox(t, o.ID) != nil {
		t.Errorf("cancelled before sending: status %s, entry %v", o.Status, p.outbox(t, o.ID))
	}
}

func TestOrderFromSignedContractStartsWithTheContract(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	p.s.SetSigner(keystore.New(t.TempDir()).Signer)
	q := p.acceptedQuote(t, "0")
	c, err := p.s.CreateContract(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []cpq.ContractStatus{cpq.ContractApproved, cpq.ContractOutForSignature} {
		if _, err := p.s.MoveContract(ctx, manager, c.ID, to); err != nil {
			t.Fatal(err)
		}
	}
	for _, party := range []cpq.Party{cpq.PartyCustomer, cpq.PartyProvider} {
		if _, err := p.s.SignContract(ctx, rep, c.ID, cpq.Signature{Party: party, Name: "Signer", Method: cpq.SignTyped}); err != nil {
			t.Fatal(err)
		}
	}
	o, err := p.s.CreateOrderFromContract(ctx, rep, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.ContractID != c.ID || o.QuoteID != q.ID || !o.Items[0].Recurring.Equal(c.Schedule.Groups[0].Lines[0].Monthly) {
		t.Errorf("order %+v from contract %s", o, c.ID)
	}
	if _, err := p.s.CreateOrderFromQuote(ctx, rep, q.ID); errKey(err) != "order.exists" {
		t.Errorf("ordering the quote again after its contract was ordered: %v", err)
	}
}

func TestConsumerOrdersHomeBundleWithoutAQuote(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, tech := p.users[repName], p.users[technicalName]
	accounts, _, _ := p.s.ListAccounts(ctx, cpq.AccountFilter{Query: "山田"})
	d, err := p.s.Account(ctx, accounts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := p.s.Catalog(ctx)
	id := func(code string) string { return cat.ProductByCode(code).ID }
	lines := []cpq.QuoteLine{
		{ID: "b", ProductID: id("HOME-BUNDLE"), Quantity: 1},
		{ID: "f", ParentID: "b", ProductID: id("FIBRE-HOME"), Quantity: 1, Attributes: map[string]string{"speed": "10G", "dwelling": "house"}},
		{ID: "r", ParentID: "b", ProductID: id("ROUTER-WIFI6"), Quantity: 1, Attributes: map[string]string{"ownership": "rental"}},
		{ID: "t", ParentID: "b", ProductID: id("TV-HOME"), Quantity: 1, Attributes: map[string]string{"package": "premium"}},
	}
	order := sales.DirectOrder{AccountID: d.Account.ID, SiteID: d.Sites[0].ID, Lines: lines}
	priced, err := p.s.PriceDirectOrder(ctx, order)
	if err != nil {
		t.Fatal(err)
	}
	if len(priced.Problems) != 0 || priced.Result.Totals.Monthly.IsZero() {
		t.Fatalf("priced: problems %v, monthly %s", priced.Problems, priced.Result.Totals.Monthly)
	}
	o, err := p.s.CreateDirectOrder(ctx, rep, order)
	if err != nil {
		t.Fatal(err)
	}
	if o.QuoteID != "" || o.Segment != cpq.SegmentConsumer || len(o.Items) != 4 || o.Items[1].ParentID != o.Items[0].ID {
		t.Errorf("direct order %+v", o)
	}
	var monthly = o.Items[0].Recurring
	for _, it := range o.Items[1:] {
		monthly = monthly.Add(it.Recurring)
	}
	if !monthly.Equal(priced.Result.Totals.Monthly) {
		t.Errorf("the order's monthly charges add to %s, pricing says %s", monthly, priced.Result.Totals.Monthly)
	}
	// The catalog's rules hold as on a quote: a bundle without its required fibre line is refused.
	broken := sales.DirectOrder{AccountID: d.Account.ID, SiteID: d.Sites[0].ID, Lines: lines[:1]}
	if _, err := p.s.CreateDirectOrder(ctx, rep, broken); errKey(err) != "order.direct.problems" {
		t.Errorf("a bundle without its required components: %v", err)
	}
	// A business account orders from a quote.
	biz, _, _ := p.s.ListAccounts(ctx, cpq.AccountFilter{Query: "Global Media"})
	bd, _ := p.s.Account(ctx, biz[0].ID)
	if _, err := p.s.CreateDirectOrder(ctx, rep, sales.DirectOrder{AccountID: bd.Account.ID, SiteID: bd.Sites[0].ID, Lines: lines}); errKey(err) != "order.direct.business" {
		t.Errorf("a direct order for a business: %v", err)
	}
	tv := map[string]map[string]string{o.Items[1].ID: {"line_id": "CAF12345678"}, o.Items[2].ID: {"serial": "RT0000012345"}}
	if _, err := p.s.UpdateOrder(ctx, tech, o.ID, sales.OrderChange{Technical: tv}); err != nil {
		t.Fatal(err)
	}
	o, err = p.s.SubmitOrder(ctx, rep, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	po := checkPayload(t, p.outbox(t, o.ID).Payload)
	if po.Category != "B2C" || len(po.ProductOrderItem) != 1 || len(po.ProductOrderItem[0].ProductOrderItem) != 3 {
		t.Errorf("payload: category %s, %d top items", po.Category, len(po.ProductOrderItem))
	}
}

func TestChangeOrdersArePricedAsTheDifference(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	accounts, _, _ := p.s.ListAccounts(ctx, cpq.AccountFilter{Query: "山田"})
	d, _ := p.s.Account(ctx, accounts[0].ID)
	site := d.Sites[0].ID
	cat, _ := p.s.Catalog(ctx)
	fibre, bundle := cat.ProductByCode("FIBRE-HOME"), cat.ProductByCode("HOME-BUNDLE")
	monthly := func(speed string) decimal.Decimal {
		pr, err := p.s.PriceDirectOrder(ctx, sales.DirectOrder{AccountID: d.Account.ID, SiteID: site,
			Lines: []cpq.QuoteLine{{ProductID: fibre.ID, Quantity: 1, Attributes: map[string]string{"speed": speed, "dwelling": "house"}}}})
		if err != nil {
			t.Fatal(err)
		}
		return pr.Result.Totals.Monthly
	}
	// The customer has the home bundle with a 1 Gbps line, as a completed order left it.
	b := &cpq.Asset{AccountID: d.Account.ID, SiteID: site, ProductID: bundle.ID, Status: cpq.AssetActive, Currency: "JPY"}
	f := &cpq.Asset{AccountID: d.Account.ID, SiteID: site, ProductID: fibre.ID, Status: cpq.AssetActive, Currency: "JPY",
		Attributes: map[string]string{"speed": "1G", "dwelling": "house"}, Recurring: monthly("1G"), RemoteID: "prd-fibre-1"}
	err := p.db.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Assets().Create(ctx, b); err != nil {
			return err
		}
		f.ParentID = b.ID
		return tx.Assets().Create(ctx, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	up, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: f.ID, Action: cpq.ActionModify,
		Attributes: map[string]string{"speed": "10G", "dwelling": "house"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := monthly("10G").Sub(monthly("1G"))
	if len(up.Items) != 1 || up.Items[0].Action != cpq.ActionModify || !up.Items[0].Recurring.Equal(want) || want.Sign() <= 0 {
		t.Errorf("upgrade items %+v, want one modify at +%s a month", up.Items, want)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionDelete}}); errKey(err) != "order.change.pending" {
		t.Errorf("disconnecting the bundle while its line is being upgraded: %v", err)
	}
	if _, err := p.s.CancelOrder(ctx, rep, up.ID, "The customer keeps 1 Gbps"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: f.ID, Action: cpq.ActionModify,
		Attributes: f.Attributes}}); errKey(err) != "order.change.nothing" {
		t.Errorf("a change that changes nothing: %v", err)
	}
	// TV added to the bundle she has: under an unchanged item for the bundle, priced as new.
	tv := cat.ProductByCode("TV-HOME")
	more, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionAdd,
		ProductID: tv.ID, Attributes: map[string]string{"package": "premium"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(more.Items) != 2 || more.Items[0].Action != cpq.ActionNoChange || more.Items[1].ParentID != more.Items[0].ID ||
		more.Items[1].Action != cpq.ActionAdd || more.Items[1].Recurring.Sign() <= 0 {
		t.Errorf("adding TV: %+v", more.Items)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionAdd,
		ProductID: tv.ID}}); errKey(err) != "order.change.pending" {
		t.Errorf("a second change of the bundle while one is open: %v", err)
	}
	if _, err := p.s.CancelOrder(ctx, rep, more.ID, "Not now"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionAdd,
		ProductID: cat.ProductByCode("PHONE-X15").ID}}); errKey(err) != "order.change.notComponent" {
		t.Errorf("adding a phone to the home bundle: %v", err)
	}
	off, err := p.s.CreateChangeOrder(ctx, rep, d.Account.ID, []sales.AssetChange{{AssetID: b.ID, Action: cpq.ActionDelete}})
	if err != nil {
		t.Fatal(err)
	}
	if len(off.Items) != 2 || off.Items[1].ParentID != off.Items[0].ID || off.Items[1].Action != cpq.ActionDelete ||
		!off.Items[1].Recurring.Equal(f.Recurring.Neg()) {
		t.Errorf("disconnection items %+v", off.Items)
	}
}
