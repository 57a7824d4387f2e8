package sales

import (
	"context"
	"strconv"
	"strings"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/pricing"
)

// OrderLeadDays is how far ahead a new order asks service to start by default: time to book the visit.
const OrderLeadDays = 14

// CreateOrderFromQuote makes a draft order from an accepted B2B quote version: its lines at their sites, at
// the prices the customer accepted. A quote whose contract is still being negotiated is ordered from the
// contract once it is signed.
func (s *Service) CreateOrderFromQuote(ctx context.Context, actor Actor, quoteID string) (*cpq.Order, error) {
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		q, err := tx.Quotes().Get(ctx, quoteID)
		if err != nil {
			return err
		}
		contracts, err := tx.Contracts().ListByQuote(ctx, q.ID)
		if err != nil {
			return err
		}
		var signed *cpq.Contract
		for _, c := range contracts {
			switch c.Status {
			case cpq.ContractSigned, cpq.ContractActivated:
				signed = c
			case cpq.ContractTerminated, cpq.ContractSuperseded:
			default:
				return cpq.Errorf(cpq.EConflict, "order.contract.unsigned", "number", c.Number,
					"status", "@contract.status."+string(c.Status))
			}
		}
		o, err = s.orderFromQuote(ctx, tx, actor, q, signed)
		return err
	})
	return o, err
}

// CreateOrderFromContract makes a draft order from a signed contract: the accepted quote's lines at the
// contract's schedule prices, starting on the contract's start date.
func (s *Service) CreateOrderFromContract(ctx context.Context, actor Actor, contractID string) (*cpq.Order, error) {
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		c, err := tx.Contracts().Get(ctx, contractID)
		if err != nil {
			return err
		}
		if c.Status != cpq.ContractSigned && c.Status != cpq.ContractActivated {
			return cpq.Errorf(cpq.EConflict, "order.contract.notSigned", "number", c.Number,
				"status", "@contract.status."+string(c.Status))
		}
		q, err := tx.Quotes().Get(ctx, c.QuoteID)
		if err != nil {
			return err
		}
		o, err = s.orderFromQuote(ctx, tx, actor, q, c)
		return err
	})
	return o, err
}

func (s *Service) orderFromQuote(ctx context.Context, tx cpq.Tx, actor Actor, q *cpq.Quote, c *cpq.Contract) (*cpq.Order, error) {
	if q.Status != cpq.QuoteAccepted {
		return nil, cpq.Errorf(cpq.EConflict, "order.quote.notAccepted", "quote", q.Number+" v"+strconv.Itoa(q.Version),
			"status", "@quote.status."+string(q.Status))
	}
	existing, err := tx.Orders().ByQuote(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range existing {
		if e.Status != cpq.OrderCancelled && e.Status != cpq.OrderRejected {
			return nil, cpq.Errorf(cpq.EConflict, "order.exists", "number", e.Number)
		}
	}
	// The prices are those accepted (or signed): the schedule kept when the version was presented, line for line.
	var sc *cpq.Schedule
	if c != nil {
		sc = &c.Schedule
	} else if sc, err = s.acceptedSchedule(ctx, tx, q); err != nil {
		return nil, err
	}
	a, err := tx.Accounts().Get(ctx, q.AccountID)
	if err != nil {
		return nil, err
	}
	start := cpq.Today(s.now()).AddDate(0, 0, OrderLeadDays)
	o := &cpq.Order{AccountID: a.ID, Segment: a.Segment, QuoteID: q.ID, Status: cpq.OrderDraft, Sync: cpq.SyncNone,
		Currency: q.Currency, OwnerID: actor.UserID, Lang: q.Lang, BillingAccount: defaultBillingAccount(a)}
	if c != nil {
		o.ContractID = c.ID
		if c.StartDate.After(start) {
			start = c.StartDate
		}
	}
	o.RequestedStart = start
	var flat []cpq.ScheduleLine
	for _, g := range sc.Groups {
		flat = append(flat, g.Lines...)
	}
	ids := map[string]string{}
	n := 0
	for _, pg := range placedLines(q, "") {
		if pg.Group.SiteID != "" && o.Site(pg.Group.SiteID) == nil {
			o.Sites = append(o.Sites, cpq.OrderSite{SiteID: pg.Group.SiteID, RequestedStart: start})
		}
		for _, pl := range pg.Lines {
			if n >= len(flat) {
				return nil, cpq.Errorf(cpq.EConflict, "order.schedule.mismatch")
			}
			l, sl := pl.Line, flat[n]
			n++
			it := cpq.OrderItem{ID: cpq.NewID("oi"), ParentID: ids[l.ParentID], SiteID: pg.Group.SiteID,
				ProductID: l.ProductID, Action: cpq.ActionAdd, Quantity: l.Quantity, Attributes: l.Attributes,
				Technical: map[string]string{}, OneTime: sl.OneTime, Recurring: sl.Monthly}
			ids[l.ID] = it.ID
			o.Items = append(o.Items, it)
		}
	}
	if n != len(flat) || len(o.Items) == 0 {
		return nil, cpq.Errorf(cpq.EConflict, "order.schedule.mismatch")
	}
	if err := tx.Orders().Create(ctx, o); err != nil {
		return nil, err
	}
	from := map[string]any{"number": o.Number, "quote": q.ID}
	if c != nil {
		from["contract"] = c.ID
	}
	return o, record(ctx, tx, actor, "order.created", "order", o.ID, from)
}

// defaultBillingAccount is the billing account a new order bills to until the rep names another: one per
// customer account, named after it.
func defaultBillingAccount(a *cpq.Account) string { return "BA-" + a.Number }

// DirectOrder is a consumer's order made without a quote: products configured at one of the account's sites.
type DirectOrder struct {
	AccountID string
	SiteID    string
	// Lines are configured as on a quote (a bundle and its chosen components, with their attributes); their
	// site group is the site.
	Lines []cpq.QuoteLine
}

// PricedDirectOrder is a direct order priced and checked as a quote would be.
type PricedDirectOrder struct {
	Quote    *cpq.Quote // the lines as a quote that is never saved, for pricing and the catalog's rules
	Catalog  *catalog.Catalog
	Result   *pricing.Result
	Problems []catalog.LineProblem
}

// directSite is the site group id a direct order's lines are priced in.
const directSite = "site"

// PriceDirectOrder prices a consumer order with the same catalog, rules and pricing as a quote: the lines are
// priced as an unsaved quote on the account's default price list, for the products' shortest term.
func (s *Service) PriceDirectOrder(ctx context.Context, d DirectOrder) (p *PricedDirectOrder, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		p, err = s.priceDirect(ctx, tx, d)
		return err
	})
	return p, err
}

// DirectOffers lists what a consumer may order at one of their sites: every product with whether the catalog's
// rules allow it there and, if not, why.
func (s *Service) DirectOffers(ctx context.Context, accountID, siteID string) (offers []catalog.Offer, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		dc, err := s.directContext(ctx, tx, DirectOrder{AccountID: accountID, SiteID: siteID})
		if err != nil {
			return err
		}
		offers = dc.cat.Offers(dc.cc, dc.sites[directSite], dc.cat.PriceList(dc.q.PriceListID), 0)
		return nil
	})
	return offers, err
}

// directCtx is what pricing and the rules read for a direct order.
type directCtx struct {
	q     *cpq.Quote
	cat   *catalog.Catalog
	cc    catalog.Context
	sites map[string]*catalog.Site
	set   pricing.Settings
}

func (s *Service) priceDirect(ctx context.Context, tx cpq.Tx, d DirectOrder) (*PricedDirectOrder, error) {
	if len(d.Lines) == 0 {
		return nil, cpq.Errorf(cpq.EInvalid, "order.direct.empty")
	}
	dc, err := s.directContext(ctx, tx, d)
	if err != nil {
		return nil, err
	}
	r, err := pricing.Price(dc.cat, dc.q, dc.cc, dc.set)
	if err != nil {
		return nil, err
	}
	return &PricedDirectOrder{Quote: dc.q, Catalog: dc.cat, Result: r, Problems: dc.cat.Validate(dc.cc, dc.q, dc.sites)}, nil
}

func (s *Service) directContext(ctx context.Context, tx cpq.Tx, d DirectOrder) (*directCtx, error) {
	a, err := tx.Accounts().Get(ctx, d.AccountID)
	if err != nil {
		return nil, err
	}
	if a.Segment != cpq.SegmentConsumer {
		return nil, cpq.Errorf(cpq.EConflict, "order.direct.business")
	}
	return s.linesContext(ctx, tx, a, d.SiteID, d.Lines, 0)
}

// linesContext prices lines at one of the account's sites as an unsaved quote would be: the default price
// list, the given term (months; 0 for none), the account's eligibility and the assets it has.
func (s *Service) linesContext(ctx context.Context, tx cpq.Tx, a *cpq.Account, siteID string, lines []cpq.QuoteLine, term int) (*directCtx, error) {
	site, err := tx.Sites().Get(ctx, siteID)
	if err != nil {
		return nil, err
	}
	if site.AccountID != a.ID {
		return nil, cpq.Errorf(cpq.EInvalid, "quote.site.account")
	}
	lists, err := tx.PriceLists().List(ctx)
	if err != nil {
		return nil, err
	}
	q := &cpq.Quote{ID: "direct", AccountID: a.ID, Status: cpq.QuoteDraft, Lang: cpq.LangJA, TermMonths: term,
		SiteGroups: []cpq.SiteGroup{{ID: directSite, SiteID: site.ID, Name: site.Name}}}
	for _, l := range lists {
		if l.Active && l.Currency == "JPY" && q.PriceListID == "" {
			q.PriceListID, q.Currency = l.ID, l.Currency
		}
	}
	if q.PriceListID == "" {
		return nil, cpq.Errorf(cpq.EInvalid, "quote.priceList.required")
	}
	for i, l := range lines {
		if l.ID == "" {
			l.ID = "l" + strconv.Itoa(i+1)
		}
		l.SiteGroupID, l.Position = directSite, i
		if l.Quantity == 0 {
			l.Quantity = 1
		}
		q.Lines = append(q.Lines, l)
	}
	data, err := catalogData(ctx, tx)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.New(data)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	set, err := pricingSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	assets, err := tx.Assets().ListByAccount(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	cc := catalog.Context{Segment: a.Segment, Region: a.Region, Credit: a.Credit.Status, Rating: a.Credit.Rating,
		Day: cpq.Today(s.now())}
	for _, x := range assets {
		if x.Status == cpq.AssetActive || x.Status == cpq.AssetSuspended {
			cc.Assets = append(cc.Assets, catalog.Asset{ProductID: x.ProductID, SiteID: x.SiteID})
		}
	}
	sites := map[string]*catalog.Site{directSite: {ID: site.ID, PostalCode: site.PostalCode, Region: site.Region}}
	return &directCtx{q: q, cat: cat, cc: cc, sites: sites, set: set}, nil
}

// CreateDirectOrder makes a draft consumer order from configured products, priced as PriceDirectOrder does. A
// configuration the catalog's rules refuse is not ordered.
func (s *Service) CreateDirectOrder(ctx context.Context, actor Actor, d DirectOrder) (*cpq.Order, error) {
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		p, err := s.priceDirect(ctx, tx, d)
		if err != nil {
			return err
		}
		if len(p.Problems) > 0 {
			return cpq.Errorf(cpq.EConflict, "order.direct.problems", "count", strconv.Itoa(len(p.Problems)))
		}
		if !p.Result.Totals.Yearly.IsZero() {
			return cpq.Errorf(cpq.EConflict, "schedule.yearly")
		}
		a, err := tx.Accounts().Get(ctx, d.AccountID)
		if err != nil {
			return err
		}
		start := cpq.Today(s.now()).AddDate(0, 0, OrderLeadDays)
		o = &cpq.Order{AccountID: a.ID, Segment: a.Segment, Status: cpq.OrderDraft, Sync: cpq.SyncNone,
			Currency: p.Quote.Currency, OwnerID: actor.UserID, Lang: langOf(a), BillingAccount: defaultBillingAccount(a),
			RequestedStart: start, Sites: []cpq.OrderSite{{SiteID: d.SiteID, RequestedStart: start}}}
		priced := map[string]*pricing.Line{}
		for i := range p.Result.Lines {
			priced[p.Result.Lines[i].LineID] = &p.Result.Lines[i]
		}
		ids := map[string]string{}
		for _, pg := range placedLines(p.Quote, "") {
			for _, pl := range pg.Lines {
				l := pl.Line
				it := cpq.OrderItem{ID: cpq.NewID("oi"), ParentID: ids[l.ParentID], SiteID: d.SiteID, ProductID: l.ProductID,
					Action: cpq.ActionAdd, Quantity: l.Quantity, Attributes: l.Attributes, Technical: map[string]string{}}
				if pr := priced[l.ID]; pr != nil {
					if c := pr.Charge(pricing.OneTime); c != nil {
						it.OneTime = c.Net
					}
					if c := pr.Charge(pricing.Monthly); c != nil {
						it.Recurring = c.Net
					}
				}
				ids[l.ID] = it.ID
				o.Items = append(o.Items, it)
			}
		}
		if err := tx.Orders().Create(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "order.created", "order", o.ID, map[string]any{"number": o.Number, "direct": true,
			"oneTime": p.Result.Totals.OneTime.String(), "monthly": p.Result.Totals.Monthly.String()})
	})
	return o, err
}

// langOf is the language a consumer's order speaks: a customer whose name is written in Latin letters gets
// English, anyone else Japanese.
func langOf(a *cpq.Account) cpq.Lang {
	for _, r := range a.Name {
		if r > 0x24F {
			return cpq.LangJA
		}
	}
	return cpq.LangEN
}

// OrderChange is what may change on a draft order: where to bill, when each site starts and its visit, and the
// technical values (by item id, then attribute code) a technical user fills in.
type OrderChange struct {
	BillingAccount *string
	Sites          []cpq.OrderSite
	Technical      map[string]map[string]string
}

// UpdateOrder changes a draft order.
func (s *Service) UpdateOrder(ctx context.Context, actor Actor, id string, ch OrderChange) (*cpq.Order, error) {
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if o, err = tx.Orders().Get(ctx, id); err != nil {
			return err
		}
		if o.Status != cpq.OrderDraft {
			return cpq.Errorf(cpq.EConflict, "order.notDraft", "number", o.Number, "status", "@order.status."+string(o.Status))
		}
		if ch.BillingAccount != nil {
			ba := strings.TrimSpace(*ch.BillingAccount)
			if ba == "" {
				return cpq.Errorf(cpq.EInvalid, "order.billing.required")
			}
			o.BillingAccount = ba
		}
		today := cpq.Today(s.now())
		for _, st := range ch.Sites {
			cur := o.Site(st.SiteID)
			if cur == nil {
				return cpq.Errorf(cpq.EInvalid, "order.site.unknown")
			}
			if st.RequestedStart.Before(today) {
				return cpq.Errorf(cpq.EInvalid, "order.start.past", "date", cpq.FormatDate(st.RequestedStart))
			}
			if !st.AppointmentStart.IsZero() && st.AppointmentStart.Before(s.now()) {
				return cpq.Errorf(cpq.EInvalid, "order.appointment.past")
			}
			*cur = st
		}
		o.RequestedStart = time.Time{}
		for _, st := range o.Sites {
			if o.RequestedStart.IsZero() || st.RequestedStart.Before(o.RequestedStart) {
				o.RequestedStart = st.RequestedStart
			}
		}
		if len(ch.Technical) > 0 {
			u, err := tx.Users().Get(ctx, actor.UserID)
			if err != nil {
				return err
			}
			if !u.Technical && u.Role != cpq.RoleAdmin {
				return cpq.Errorf(cpq.EUnauthorized, "order.technical.forbidden")
			}
			for i := range o.Items {
				vals, ok := ch.Technical[o.Items[i].ID]
				if !ok {
					continue
				}
				if o.Items[i].Technical == nil {
					o.Items[i].Technical = map[string]string{}
				}
				for k, v := range vals {
					o.Items[i].Technical[k] = strings.TrimSpace(v)
				}
			}
		}
		if err := tx.Orders().Update(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "order.updated", "order", o.ID, map[string]any{"number": o.Number,
			"technical": len(ch.Technical) > 0, "sites": len(ch.Sites)})
	})
	return o, err
}

// SubmitOrder checks a draft order and queues it for the order-management system: the order and its outbox
// entry are written in one transaction, so a submitted order is always sent and a failed submit sends nothing.
// The payload is fixed now, from the order as the customer agreed it.
func (s *Service) SubmitOrder(ctx context.Context, actor Actor, id string) (*cpq.Order, error) {
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if o, err = tx.Orders().Get(ctx, id); err != nil {
			return err
		}
		if o.Status != cpq.OrderDraft {
			return cpq.Errorf(cpq.EConflict, "order.notDraft", "number", o.Number, "status", "@order.status."+string(o.Status))
		}
		src, err := s.orderSource(ctx, tx, o)
		if err != nil {
			return err
		}
		switch src.Account.Credit.Status {
		case cpq.CreditUnchecked, cpq.CreditPending:
			return cpq.Errorf(cpq.EConflict, "order.credit.unchecked", "status", "@credit.status."+string(src.Account.Credit.Status))
		case cpq.CreditDeclined:
			return cpq.Errorf(cpq.EConflict, "order.credit.declined")
		}
		if missing := o.MissingTechnical(src.Products); len(missing) > 0 {
			return &cpq.Error{Code: cpq.EInvalid, Key: "order.technical.incomplete", Fields: missing,
				Args: map[string]string{"count": strconv.Itoa(len(missing))}}
		}
		if o.BillingAccount == "" {
			return cpq.Errorf(cpq.EInvalid, "order.billing.required")
		}
		if err := o.SetStatus(cpq.OrderQueued); err != nil {
			return err
		}
		o.Sync, o.SubmittedAt, o.LastError = cpq.SyncQueued, s.now(), ""
		payload, err := omsync.Encode(omsync.Payload(*src))
		if err != nil {
			return err
		}
		if err := tx.Orders().Update(ctx, o); err != nil {
			return err
		}
		if err := tx.Outbox().Add(ctx, &cpq.OutboxEntry{OrderID: o.ID, Kind: cpq.OutboxCreate, Payload: payload}); err != nil {
			return err
		}
		return record(ctx, tx, actor, "order.submitted", "order", o.ID, map[string]any{"number": o.Number,
			"items": len(o.Items)})
	})
	return o, err
}

// orderSource reads what an order's payload refers to.
func (s *Service) orderSource(ctx context.Context, tx cpq.Tx, o *cpq.Order) (*omsync.Source, error) {
	src := &omsync.Source{Order: o, Products: map[string]*cpq.Product{}, Sites: map[string]*cpq.Site{},
		Assets: map[string]*cpq.Asset{}}
	var err error
	if src.Account, err = tx.Accounts().Get(ctx, o.AccountID); err != nil {
		return nil, err
	}
	for _, it := range o.Items {
		if src.Products[it.ProductID] == nil {
			if src.Products[it.ProductID], err = tx.Products().Get(ctx, it.ProductID); err != nil {
				return nil, err
			}
		}
		if it.SiteID != "" && src.Sites[it.SiteID] == nil {
			if src.Sites[it.SiteID], err = tx.Sites().Get(ctx, it.SiteID); err != nil {
				return nil, err
			}
		}
		if it.AssetID != "" {
			if src.Assets[it.AssetID], err = tx.Assets().Get(ctx, it.AssetID); err != nil {
				return nil, err
			}
		}
	}
	if o.ContractID != "" {
		c, err := tx.Contracts().Get(ctx, o.ContractID)
		if err != nil {
			return nil, err
		}
		src.Contract = c.Number
	}
	if o.QuoteID != "" {
		q, err := tx.Quotes().Header(ctx, o.QuoteID)
		if err != nil {
			return nil, err
		}
		src.Quote = q.Number + " v" + strconv.Itoa(q.Version)
	}
	return src, nil
}

// CancelOrder cancels an order. A draft, or a queued order not yet sent, is cancelled here; one the
// order-management system may hold gets a cancellation request, and its state comes back with the sync.
func (s *Service) CancelOrder(ctx context.Context, actor Actor, id, reason string) (*cpq.Order, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, cpq.Errorf(cpq.EInvalid, "order.cancel.reason")
	}
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if o, err = tx.Orders().Get(ctx, id); err != nil {
			return err
		}
		if o.Final() {
			return cpq.Errorf(cpq.EConflict, "order.final", "number", o.Number, "status", "@order.status."+string(o.Status))
		}
		o.CancelReason = reason
		pending, err := tx.Outbox().ByOrder(ctx, o.ID, cpq.OutboxCreate)
		if err != nil {
			return err
		}
		switch {
		case o.Status == cpq.OrderDraft || (o.Status == cpq.OrderQueued && pending != nil && !pending.MaybeSent):
			// Nothing has left the laptop: cancel it here.
			if pending != nil {
				if err := tx.Outbox().Remove(ctx, pending.Seq); err != nil {
					return err
				}
			}
			o.Status, o.Sync = cpq.OrderCancelled, cpq.SyncNone
		default:
			have, err := tx.Outbox().ByOrder(ctx, o.ID, cpq.OutboxCancel)
			if err != nil {
				return err
			}
			if have != nil {
				return cpq.Errorf(cpq.EConflict, "order.cancel.requested", "number", o.Number)
			}
			payload := []byte(`{"Reason":` + strconv.Quote(reason) + `}`)
			if err := tx.Outbox().Add(ctx, &cpq.OutboxEntry{OrderID: o.ID, Kind: cpq.OutboxCancel, Payload: payload}); err != nil {
				return err
			}
		}
		if err := tx.Orders().Update(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "order.cancelled", "order", o.ID, map[string]any{"number": o.Number,
			"reason": reason, "local": o.Status == cpq.OrderCancelled})
	})
	return o, err
}

// RetryOrder makes an order the sync gave up on due again now. An order that may have reached the endpoint is
// still looked up before it is sent again.
func (s *Service) RetryOrder(ctx context.Context, actor Actor, id string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		o, err := tx.Orders().Get(ctx, id)
		if err != nil {
			return err
		}
		n := 0
		for _, kind := range []cpq.OutboxKind{cpq.OutboxCreate, cpq.OutboxCancel} {
			e, err := tx.Outbox().ByOrder(ctx, id, kind)
			if err != nil || e == nil {
				if err != nil {
					return err
				}
				continue
			}
			e.NextAt, e.FirstFailedAt = s.now(), time.Time{}
			if err := tx.Outbox().Save(ctx, e); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return cpq.Errorf(cpq.EConflict, "order.retry.nothing", "number", o.Number)
		}
		if o.Sync == cpq.SyncFailed && o.Status == cpq.OrderQueued {
			if err := tx.Orders().SetSync(ctx, cpq.SyncUpdate{OrderID: o.ID, Status: o.Status, Sync: cpq.SyncRetrying,
				RemoteID: o.RemoteID, RemoteHref: o.RemoteHref, LastError: o.LastError, Fallout: o.Fallout}); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "order.retried", "order", o.ID, map[string]any{"number": o.Number})
	})
}

// Order reads an order with its items and sites.
func (s *Service) Order(ctx context.Context, id string) (o *cpq.Order, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		o, err = tx.Orders().Get(ctx, id)
		return err
	})
	return o, err
}

// ListOrders returns one page of orders, newest first, with their items (the list shows their totals) and
// their accounts' names, read in one snapshot.
func (s *Service) ListOrders(ctx context.Context, f cpq.OrderFilter) (out []*cpq.Order, total int, accounts map[string]string, err error) {
	accounts = map[string]string{}
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		if out, total, err = tx.Orders().List(ctx, f); err != nil {
			return err
		}
		for i, o := range out {
			if out[i], err = tx.Orders().Get(ctx, o.ID); err != nil {
				return err
			}
			if _, ok := accounts[o.AccountID]; !ok {
				a, err := tx.Accounts().Get(ctx, o.AccountID)
				if err != nil {
					return err
				}
				accounts[a.ID] = a.Name
			}
		}
		return nil
	})
	return out, total, accounts, err
}

// OrderQueue is an order's entries still waiting in the outbox.
func (s *Service) OrderQueue(ctx context.Context, id string) (out []*cpq.OutboxEntry, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		for _, k := range []cpq.OutboxKind{cpq.OutboxCreate, cpq.OutboxCancel} {
			e, err := tx.Outbox().ByOrder(ctx, id, k)
			if err != nil {
				return err
			}
			if e != nil {
				out = append(out, e)
			}
		}
		return nil
	})
	return out, err
}

// SyncStats is the outbox and the orders in flight at a glance.
func (s *Service) SyncStats(ctx context.Context) (st cpq.OutboxStats, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		st, err = tx.Outbox().Stats(ctx)
		return err
	})
	return st, err
}

// Assets lists what the account has.
func (s *Service) Assets(ctx context.Context, accountID string) (out []*cpq.Asset, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.Assets().ListByAccount(ctx, accountID)
		return err
	})
	return out, err
}
