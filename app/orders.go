package app

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
)

// EventOrderChanged is emitted when an order is made, changed, submitted, sent or moves at the endpoint; data:
// its id, or "" when many changed.
const EventOrderChanged = "order:changed"

// OrderService is the orders' side: made from accepted quotes and signed contracts, or directly for consumers;
// completed by a technical user; submitted to the order-management system.
type OrderService struct{ s *Services }

// OrderRowDTO is an order as listed.
type OrderRowDTO struct {
	ID          string      `json:"id"`
	Number      string      `json:"number"`
	AccountID   string      `json:"accountId"`
	AccountName string      `json:"accountName"`
	QuoteID     string      `json:"quoteId"`
	ContractID  string      `json:"contractId"`
	Segment     string      `json:"segment"`
	Status      string      `json:"status"`
	Sync        string      `json:"sync"`
	LastError   string      `json:"lastError"`
	Fallout     string      `json:"fallout"`
	Currency    CurrencyDTO `json:"currency"`
	OneTime     string      `json:"oneTime"`
	Monthly     string      `json:"monthly"`
	CreatedAt   string      `json:"createdAt"`
	SubmittedAt string      `json:"submittedAt"`
}

// TechnicalDTO is one technical attribute an item's product needs, with its value.
type TechnicalDTO struct {
	Code    string  `json:"code"`
	Name    TextDTO `json:"name"`
	Pattern string  `json:"pattern"`
	Value   string  `json:"value"`
	Missing bool    `json:"missing"` // blank, or not matching the pattern
}

// OrderItemDTO is one item of an order; Depth places it under its bundle.
type OrderItemDTO struct {
	ID          string         `json:"id"`
	ParentID    string         `json:"parentId"`
	Depth       int            `json:"depth"`
	SiteID      string         `json:"siteId"`
	ProductID   string         `json:"productId"`
	ProductCode string         `json:"productCode"`
	ProductName TextDTO        `json:"productName"`
	Action      string         `json:"action"`
	Quantity    int            `json:"quantity"`
	Detail      TextDTO        `json:"detail"` // the configuration in words
	AssetID     string         `json:"assetId"`
	OneTime     string         `json:"oneTime"`
	Monthly     string         `json:"monthly"`
	Technical   []TechnicalDTO `json:"technical"`
}

// OrderSiteDTO is one site of an order: dates are YYYY-MM-DD, the visit's times RFC 3339 (UTC).
type OrderSiteDTO struct {
	SiteID           string `json:"siteId"`
	Name             string `json:"name"`
	Address          string `json:"address"`
	RequestedStart   string `json:"requestedStart"`
	AppointmentStart string `json:"appointmentStart"`
	AppointmentEnd   string `json:"appointmentEnd"`
}

// OrderDTO is an order with everything its page shows.
type OrderDTO struct {
	OrderRowDTO
	QuoteNumber    string         `json:"quoteNumber"` // "Q-000012 v2"
	ContractNumber string         `json:"contractNumber"`
	BillingAccount string         `json:"billingAccount"`
	RequestedStart string         `json:"requestedStart"`
	RemoteID       string         `json:"remoteId"`
	RemoteHref     string         `json:"remoteHref"`
	CancelReason   string         `json:"cancelReason"`
	Sites          []OrderSiteDTO `json:"sites"`
	Items          []OrderItemDTO `json:"items"`
	MissingCount   int            `json:"missingCount"`
	CanFill        bool           `json:"canFill"` // the signed-in user may fill technical values
	Final          bool           `json:"final"`
	// The outbox: how many attempts so far, and when the next one is due.
	Attempts  int            `json:"attempts"`
	NextTry   string         `json:"nextTry"`
	Cancelled bool           `json:"cancelRequested"`
	History   []HistoryEntry `json:"history"`
}

// OrderQuery filters the order list.
type OrderQuery struct {
	AccountID string `json:"accountId"`
	Status    string `json:"status"`
	Offset    int    `json:"offset"`
	Limit     int    `json:"limit"`
}

// OrderPage is one page of orders.
type OrderPage struct {
	Items []OrderRowDTO `json:"items"`
	Total int           `json:"total"`
}

func orderTotals(o *cpq.Order) (oneTime, monthly decimal.Decimal) {
	for _, it := range o.Items {
		oneTime, monthly = oneTime.Add(it.OneTime), monthly.Add(it.Recurring)
	}
	return oneTime, monthly
}

func orderRow(o *cpq.Order, account string) OrderRowDTO {
	one, mon := orderTotals(o)
	return OrderRowDTO{ID: o.ID, Number: o.Number, AccountID: o.AccountID, AccountName: account, QuoteID: o.QuoteID,
		ContractID: o.ContractID, Segment: string(o.Segment),
		Status: string(o.Status), Sync: string(o.Sync), LastError: o.LastError, Fallout: o.Fallout,
		Currency: currencyDTO(o.Currency), OneTime: one.String(), Monthly: mon.String(), CreatedAt: instant(o.CreatedAt),
		SubmittedAt: instant(o.SubmittedAt)}
}

// List returns one page of orders, newest first.
func (svc *OrderService) List(q OrderQuery) (OrderPage, error) {
	s := svc.s
	list, total, names, err := s.sales.ListOrders(s.ctx, cpq.OrderFilter{AccountID: q.AccountID,
		Status: cpq.OrderStatus(q.Status), Page: cpq.Page{Offset: q.Offset, Limit: q.Limit}})
	if err != nil {
		return OrderPage{}, err
	}
	out := OrderPage{Items: []OrderRowDTO{}, Total: total}
	for _, o := range list {
		out.Items = append(out.Items, orderRow(o, names[o.AccountID]))
	}
	return out, nil
}

// Get reads an order.
func (svc *OrderService) Get(id string) (OrderDTO, error) {
	s := svc.s
	o, err := s.sales.Order(s.ctx, id)
	if err != nil {
		return OrderDTO{}, err
	}
	acc, err := s.sales.Account(s.ctx, o.AccountID)
	if err != nil {
		return OrderDTO{}, err
	}
	cat, err := s.sales.Catalog(s.ctx)
	if err != nil {
		return OrderDTO{}, err
	}
	d := OrderDTO{OrderRowDTO: orderRow(o, acc.Account.Name),
		BillingAccount: o.BillingAccount, RequestedStart: cpq.FormatDate(o.RequestedStart), RemoteID: o.RemoteID,
		RemoteHref: o.RemoteHref, CancelReason: o.CancelReason, Sites: []OrderSiteDTO{}, Items: []OrderItemDTO{},
		Final: o.Final()}
	if o.ContractID != "" {
		if cv, err := s.sales.Contract(s.ctx, o.ContractID); err == nil {
			d.ContractNumber = cv.Contract.Number
		}
	}
	if o.QuoteID != "" {
		if qc, err := s.sales.Quote(s.ctx, o.QuoteID); err == nil {
			d.QuoteNumber = qc.Quote.Number + " v" + strconv.Itoa(qc.Quote.Version)
		}
	}
	sites := map[string]*cpq.Site{}
	for _, x := range acc.Sites {
		sites[x.ID] = x
	}
	for _, st := range o.Sites {
		x := sites[st.SiteID]
		sd := OrderSiteDTO{SiteID: st.SiteID, RequestedStart: cpq.FormatDate(st.RequestedStart),
			AppointmentStart: instant(st.AppointmentStart), AppointmentEnd: instant(st.AppointmentEnd)}
		if x != nil {
			sd.Name, sd.Address = x.Name, joinNonEmpty(" ", x.PostalCode, x.City, x.Address)
		}
		d.Sites = append(d.Sites, sd)
	}
	depth := map[string]int{}
	for _, it := range o.Items {
		p := cat.Product(it.ProductID)
		if it.ParentID != "" {
			depth[it.ID] = depth[it.ParentID] + 1
		}
		item := OrderItemDTO{ID: it.ID, ParentID: it.ParentID, Depth: depth[it.ID], SiteID: it.SiteID, ProductID: it.ProductID,
			Action: string(it.Action), Quantity: it.Quantity, AssetID: it.AssetID, OneTime: it.OneTime.String(),
			Monthly: it.Recurring.String(), Technical: []TechnicalDTO{}}
		if p != nil {
			item.ProductCode, item.ProductName = p.Code, textDTO(p.Name)
			item.Detail = attributeText(p, it.Attributes)
			if it.Action == cpq.ActionAdd {
				for _, ta := range p.TechnicalAttributes {
					missing := !ta.Valid(it.Technical[ta.Code])
					if missing {
						d.MissingCount++
					}
					item.Technical = append(item.Technical, TechnicalDTO{Code: ta.Code, Name: textDTO(ta.Name),
						Pattern: ta.Pattern, Value: it.Technical[ta.Code], Missing: missing})
				}
			}
		}
		d.Items = append(d.Items, item)
	}
	if u := s.currentUser(); u != nil {
		d.CanFill = (u.Technical || u.Role == cpq.RoleAdmin) && o.Status == cpq.OrderDraft
	}
	queue, err := s.sales.OrderQueue(s.ctx, id)
	if err != nil {
		return OrderDTO{}, err
	}
	for _, e := range queue {
		if e.Kind == cpq.OutboxCancel {
			d.Cancelled = true
		}
		d.Attempts = max(d.Attempts, e.Attempts)
		if !e.NextAt.Equal(omsync.Parked) {
			d.NextTry = instant(e.NextAt)
		}
	}
	if d.History, err = s.history("order", id, s.userNames()); err != nil {
		return OrderDTO{}, err
	}
	return d, nil
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

func (svc *OrderService) changed(id string) (OrderDTO, error) {
	svc.s.rt.Emit(EventOrderChanged, id)
	return svc.Get(id)
}

// FromQuote makes a draft order from an accepted quote version.
func (svc *OrderService) FromQuote(quoteID string) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	o, err := s.sales.CreateOrderFromQuote(s.ctx, actor, quoteID)
	if err != nil {
		return OrderDTO{}, err
	}
	return svc.changed(o.ID)
}

// FromContract makes a draft order from a signed contract.
func (svc *OrderService) FromContract(contractID string) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	o, err := s.sales.CreateOrderFromContract(s.ctx, actor, contractID)
	if err != nil {
		return OrderDTO{}, err
	}
	return svc.changed(o.ID)
}

// DirectLineInput is one configured product of a consumer order; ParentID refers to another line's ID.
type DirectLineInput struct {
	ID         string            `json:"id"`
	ParentID   string            `json:"parentId"`
	ProductID  string            `json:"productId"`
	Quantity   int               `json:"quantity"`
	Attributes map[string]string `json:"attributes"`
}

// DirectOrderInput is a consumer order as the order page sends it.
type DirectOrderInput struct {
	AccountID string            `json:"accountId"`
	SiteID    string            `json:"siteId"`
	Lines     []DirectLineInput `json:"lines"`
}

// DirectPriceDTO is a consumer order priced before it is made.
type DirectPriceDTO struct {
	Currency CurrencyDTO      `json:"currency"`
	Lines    []DirectPriceRow `json:"lines"`
	OneTime  string           `json:"oneTime"`
	Monthly  string           `json:"monthly"`
	// Gross amounts include tax, as consumers are quoted.
	OneTimeGross string   `json:"oneTimeGross"`
	MonthlyGross string   `json:"monthlyGross"`
	Problems     []string `json:"problems"`
}

// DirectPriceRow is one priced line.
type DirectPriceRow struct {
	ID      string `json:"id"`
	OneTime string `json:"oneTime"`
	Monthly string `json:"monthly"`
}

func (in DirectOrderInput) order() sales.DirectOrder {
	d := sales.DirectOrder{AccountID: in.AccountID, SiteID: in.SiteID}
	for _, l := range in.Lines {
		d.Lines = append(d.Lines, cpq.QuoteLine{ID: l.ID, ParentID: l.ParentID, ProductID: l.ProductID, Quantity: l.Quantity,
			Attributes: l.Attributes})
	}
	return d
}

// PriceDirect prices a consumer order as it is being configured.
func (svc *OrderService) PriceDirect(in DirectOrderInput) (DirectPriceDTO, error) {
	s := svc.s
	p, err := s.sales.PriceDirectOrder(s.ctx, in.order())
	if err != nil {
		return DirectPriceDTO{}, err
	}
	r := p.Result
	out := DirectPriceDTO{Currency: currencyDTO(p.Quote.Currency), Lines: []DirectPriceRow{}, OneTime: r.Totals.OneTime.String(),
		Monthly: r.Totals.Monthly.String(), OneTimeGross: r.Totals.OneTimeGross.String(), MonthlyGross: r.Totals.MonthlyGross.String(),
		Problems: []string{}}
	for _, l := range r.Lines {
		row := DirectPriceRow{ID: l.LineID, OneTime: "0", Monthly: "0"}
		if c := l.Charge(pricing.OneTime); c != nil {
			row.OneTime = c.Net.String()
		}
		if c := l.Charge(pricing.Monthly); c != nil {
			row.Monthly = c.Net.String()
		}
		out.Lines = append(out.Lines, row)
	}
	for _, pr := range p.Problems {
		out.Problems = append(out.Problems, pr.Text(s.Lang()))
	}
	return out, nil
}

// CreateDirect makes a draft consumer order.
func (svc *OrderService) CreateDirect(in DirectOrderInput) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	o, err := s.sales.CreateDirectOrder(s.ctx, actor, in.order())
	if err != nil {
		return OrderDTO{}, err
	}
	s.rt.Emit(EventAccountsChanged, o.AccountID)
	return svc.changed(o.ID)
}

// OrderChangeInput is a change to a draft order. BillingAccount is changed when not nil; Sites lists the sites
// whose dates change; Technical the values a technical user fills in.
type OrderChangeInput struct {
	BillingAccount *string               `json:"billingAccount"`
	Sites          []OrderSiteDTO        `json:"sites"`
	Technical      []TechnicalValueInput `json:"technical"`
}

// TechnicalValueInput is one technical value of one item.
type TechnicalValueInput struct {
	ItemID string `json:"itemId"`
	Code   string `json:"code"`
	Value  string `json:"value"`
}

// Update changes a draft order.
func (svc *OrderService) Update(id string, in OrderChangeInput) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	ch := sales.OrderChange{BillingAccount: in.BillingAccount}
	for _, v := range in.Technical {
		if ch.Technical == nil {
			ch.Technical = map[string]map[string]string{}
		}
		if ch.Technical[v.ItemID] == nil {
			ch.Technical[v.ItemID] = map[string]string{}
		}
		ch.Technical[v.ItemID][v.Code] = v.Value
	}
	for _, st := range in.Sites {
		os := cpq.OrderSite{SiteID: st.SiteID}
		if os.RequestedStart, err = parseDay(st.RequestedStart, "requestedStart"); err != nil {
			return OrderDTO{}, err
		}
		if os.AppointmentStart, err = parseInstant(st.AppointmentStart, "appointmentStart"); err != nil {
			return OrderDTO{}, err
		}
		if os.AppointmentEnd, err = parseInstant(st.AppointmentEnd, "appointmentEnd"); err != nil {
			return OrderDTO{}, err
		}
		ch.Sites = append(ch.Sites, os)
	}
	if _, err := s.sales.UpdateOrder(s.ctx, actor, id, ch); err != nil {
		return OrderDTO{}, err
	}
	return svc.changed(id)
}

func parseDay(v, field string) (time.Time, error) {
	t, err := cpq.ParseDate(v)
	if err != nil {
		return time.Time{}, cpq.Errorf(cpq.EInvalid, "date.invalid", "field", field, "value", v)
	}
	return t, nil
}

func parseInstant(v, field string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, cpq.Errorf(cpq.EInvalid, "date.invalid", "field", field, "value", v)
	}
	return t.UTC(), nil
}

// Submit checks and queues a draft order, running the account's credit check first when it was never run, and
// wakes the sync.
func (svc *OrderService) Submit(id string) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	o, err := s.sales.Order(s.ctx, id)
	if err != nil {
		return OrderDTO{}, err
	}
	if acc, err := s.sales.Account(s.ctx, o.AccountID); err == nil && acc.Account.Credit.Status == cpq.CreditUnchecked {
		if _, err := s.sales.CheckCredit(s.ctx, actor, o.AccountID); err != nil {
			return OrderDTO{}, err
		}
	}
	if _, err := s.sales.SubmitOrder(s.ctx, actor, id); err != nil {
		return OrderDTO{}, err
	}
	s.wakeSync()
	s.rt.Emit(EventAccountsChanged, o.AccountID)
	return svc.changed(id)
}

// Cancel cancels an order, or asks the order-management system to.
func (svc *OrderService) Cancel(id, reason string) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	if _, err := s.sales.CancelOrder(s.ctx, actor, id, reason); err != nil {
		return OrderDTO{}, err
	}
	s.wakeSync()
	return svc.changed(id)
}

// Retry makes an order the sync gave up on due again, and syncs.
func (svc *OrderService) Retry(id string) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	if err := s.sales.RetryOrder(s.ctx, actor, id); err != nil {
		return OrderDTO{}, err
	}
	s.wakeSync()
	return svc.changed(id)
}

// Offers lists what a consumer may order at one of their sites: the products the catalog's rules allow there
// first, then the others with why not.
func (svc *OrderService) Offers(accountID, siteID string) ([]OfferDTO, error) {
	s := svc.s
	offers, err := s.sales.DirectOffers(s.ctx, accountID, siteID)
	if err != nil {
		return nil, err
	}
	lang := s.Lang()
	out := []OfferDTO{}
	for _, o := range offers {
		d := OfferDTO{Product: productSummary(o.Product), Available: o.Available, Reasons: []string{}}
		for _, r := range o.Reasons {
			d.Reasons = append(d.Reasons, r.Text(lang))
		}
		out = append(out, d)
	}
	return out, nil
}

// AssetChangeInput is one change to a product the customer has. Action is "modify" (a new product, a new
// configuration or another site) or "delete" (disconnect).
type AssetChangeInput struct {
	AssetID    string            `json:"assetId"`
	Action     string            `json:"action"`
	ProductID  string            `json:"productId"`
	Attributes map[string]string `json:"attributes"`
	SiteID     string            `json:"siteId"`
}

// Change makes a draft change order from the account's assets.
func (svc *OrderService) Change(accountID string, changes []AssetChangeInput) (OrderDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return OrderDTO{}, err
	}
	var list []sales.AssetChange
	for _, c := range changes {
		list = append(list, sales.AssetChange{AssetID: c.AssetID, Action: cpq.OrderAction(c.Action), ProductID: c.ProductID,
			Attributes: c.Attributes, SiteID: c.SiteID})
	}
	o, err := s.sales.CreateChangeOrder(s.ctx, actor, accountID, list)
	if err != nil {
		return OrderDTO{}, err
	}
	s.rt.Emit(EventAccountsChanged, accountID)
	return svc.changed(o.ID)
}
