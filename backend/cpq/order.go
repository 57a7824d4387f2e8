package cpq

import (
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// OrderStatus mirrors the TMF622 ProductOrder lifecycle, plus the local draft and queued states an order has
// before the order-management system has seen it.
type OrderStatus string

const (
	OrderDraft                 OrderStatus = "draft"  // local: being prepared
	OrderQueued                OrderStatus = "queued" // local: submitted, waiting in the outbox
	OrderAcknowledged          OrderStatus = "acknowledged"
	OrderRejected              OrderStatus = "rejected"
	OrderPending               OrderStatus = "pending"
	OrderHeld                  OrderStatus = "held"
	OrderInProgress            OrderStatus = "inProgress"
	OrderCancelled             OrderStatus = "cancelled"
	OrderCompleted             OrderStatus = "completed"
	OrderFailed                OrderStatus = "failed"
	OrderPartial               OrderStatus = "partial"
	OrderAssessingCancellation OrderStatus = "assessingCancellation"
	OrderPendingCancellation   OrderStatus = "pendingCancellation"
)

// inFlight are the states the order-management system reports while it works; it may jump between them in
// any order (a poll can miss intermediate states), so they are all reachable from one another.
var inFlight = []OrderStatus{OrderAcknowledged, OrderPending, OrderHeld, OrderInProgress,
	OrderAssessingCancellation, OrderPendingCancellation}

var outcomes = []OrderStatus{OrderRejected, OrderCancelled, OrderCompleted, OrderFailed, OrderPartial}

func orderNext() map[OrderStatus][]OrderStatus {
	fromRemote := append(append([]OrderStatus{}, inFlight...), outcomes...)
	m := map[OrderStatus][]OrderStatus{
		OrderDraft:  {OrderQueued, OrderCancelled},
		OrderQueued: append([]OrderStatus{OrderDraft}, fromRemote...),
	}
	for _, s := range inFlight {
		m[s] = fromRemote
	}
	for _, s := range outcomes {
		m[s] = []OrderStatus{}
	}
	return m
}

// OrderTransitions: draft → queued (submitted) → whatever the order-management system reports; outcomes are
// final. A queued order goes back to draft only if it was never sent.
var OrderTransitions = Transitions[OrderStatus]{Entity: "order", Next: orderNext()}

// SyncState is where an order is in being sent to the order-management system.
type SyncState string

const (
	SyncNone     SyncState = "none"     // a draft: nothing to send
	SyncQueued   SyncState = "queued"   // in the outbox
	SyncSending  SyncState = "sending"  // a send is under way or its answer was lost: look it up before resending
	SyncSent     SyncState = "sent"     // the endpoint holds it; its state is polled
	SyncRetrying SyncState = "retrying" // the last attempt failed; the next is scheduled
	SyncFailed   SyncState = "failed"   // given up; the user must act (the message says how)
)

// OrderAction is what an order item does to the customer's products (TMF622 ItemActionType).
type OrderAction string

const (
	ActionAdd      OrderAction = "add"
	ActionModify   OrderAction = "modify"
	ActionDelete   OrderAction = "delete"
	ActionNoChange OrderAction = "noChange"
)

// Order is a request to the order-management system to provide, change or remove products.
type Order struct {
	ID             string
	Number         string
	AccountID      string
	Segment        Segment
	QuoteID        string // B2B: the accepted quote version
	ContractID     string // B2B: the signed contract, when there is one
	Status         OrderStatus
	Sync           SyncState
	RemoteID       string // the order-management system's id
	RemoteHref     string
	LastError      string // the last failure, in words a user can act on
	BillingAccount string
	Currency       string
	RequestedStart time.Time // a calendar date: the earliest start any site asks for
	OwnerID        string
	Lang           Lang   // the language of the customer's documents and the order's notes
	Fallout        string // why the order-management system holds or failed it, in its words
	CancelReason   string
	SubmittedAt    time.Time
	Sites          []OrderSite
	Items          []OrderItem
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OrderSite is one of the order's sites: the date service should start there and the installation visit.
type OrderSite struct {
	SiteID           string
	RequestedStart   time.Time // a calendar date
	AppointmentStart time.Time // zero: no visit booked
	AppointmentEnd   time.Time
}

// Site returns the order's entry for a site, or nil.
func (o *Order) Site(id string) *OrderSite {
	for i := range o.Sites {
		if o.Sites[i].SiteID == id {
			return &o.Sites[i]
		}
	}
	return nil
}

// Final reports whether the order has reached an outcome: nothing will change it any more.
func (o *Order) Final() bool { return len(OrderTransitions.Next[o.Status]) == 0 }

// Remote reports whether the order-management system has the order (or may have it).
func (o *Order) Remote() bool { return o.Status != OrderDraft && o.Status != OrderQueued }

// OrderItem is one product in an order.
type OrderItem struct {
	ID         string
	ParentID   string
	SiteID     string
	ProductID  string
	Action     OrderAction
	Quantity   int
	Attributes map[string]string
	// Technical holds the resource values the product needs (TechnicalAttribute codes to values).
	Technical map[string]string
	AssetID   string // for modify/delete: the asset being changed
	OneTime   decimal.Decimal
	Recurring decimal.Decimal
}

// MissingTechnical lists, for each item that adds a product, the technical attributes the product needs that
// are blank or do not match their pattern. An order with any cannot be submitted.
func (o *Order) MissingTechnical(products map[string]*Product) []FieldError {
	var out []FieldError
	for i, it := range o.Items {
		p := products[it.ProductID]
		// Only new products need resources: a changed or disconnected one keeps the line, SIM or port it has.
		if p == nil || it.Action != ActionAdd {
			continue
		}
		for _, t := range p.TechnicalAttributes {
			if !t.Valid(it.Technical[t.Code]) {
				out = append(out, FieldError{Field: "items", Key: "order.technical.missing",
					Args: map[string]string{"item": itoa(i + 1), "attribute": TextArg(t.Name), "product": p.Code}})
			}
		}
	}
	return out
}

// Valid reports whether value fills the attribute: not blank, and matching its pattern when it has one.
func (t TechnicalAttribute) Valid(value string) bool {
	value = strings.TrimSpace(value)
	if value == "" {
		return false
	}
	return t.Pattern == "" || regexp.MustCompile(t.Pattern).MatchString(value)
}

// SetStatus moves the order to status if its state machine allows it.
func (o *Order) SetStatus(to OrderStatus) error {
	if err := OrderTransitions.Check(o.Status, to); err != nil {
		return err
	}
	o.Status = to
	return nil
}

// Validate checks an order before it is saved.
func (o *Order) Validate() error {
	v := Validation{Key: "order.invalid"}
	v.Require("accountId", o.AccountID, "order.account.required")
	if !o.Segment.Valid() {
		v.Add("segment", "segment.invalid", "value", string(o.Segment))
	}
	if !OrderTransitions.Known(o.Status) {
		v.Add("status", "state.unknown", "entity", "@entity.order", "state", string(o.Status))
	}
	for _, st := range o.Sites {
		if !st.AppointmentStart.IsZero() && !st.AppointmentEnd.After(st.AppointmentStart) {
			v.Add("sites", "order.appointment.order")
		}
	}
	for i, it := range o.Items {
		n := itoa(i + 1)
		if it.ProductID == "" {
			v.Add("items", "order.item.product", "item", n)
		}
		if it.Quantity < 1 {
			v.Add("items", "order.item.quantity", "item", n)
		}
		switch it.Action {
		case ActionAdd, ActionNoChange:
		case ActionModify, ActionDelete:
			if it.AssetID == "" {
				v.Add("items", "order.item.asset", "item", n)
			}
		default:
			v.Add("items", "order.item.action", "item", n, "value", string(it.Action))
		}
	}
	return v.Err()
}

// AssetStatus follows the TMF637 product status.
type AssetStatus string

const (
	AssetCreated          AssetStatus = "created"
	AssetPendingActive    AssetStatus = "pendingActive"
	AssetActive           AssetStatus = "active"
	AssetSuspended        AssetStatus = "suspended"
	AssetPendingTerminate AssetStatus = "pendingTerminate"
	AssetTerminated       AssetStatus = "terminated"
	AssetCancelled        AssetStatus = "cancelled"
	AssetAborted          AssetStatus = "aborted"
)

var AssetTransitions = Transitions[AssetStatus]{Entity: "asset", Next: map[AssetStatus][]AssetStatus{
	AssetCreated:          {AssetPendingActive, AssetActive, AssetCancelled, AssetAborted},
	AssetPendingActive:    {AssetActive, AssetCancelled, AssetAborted},
	AssetActive:           {AssetSuspended, AssetPendingTerminate, AssetTerminated},
	AssetSuspended:        {AssetActive, AssetPendingTerminate, AssetTerminated},
	AssetPendingTerminate: {AssetTerminated, AssetActive},
	AssetTerminated:       {},
	AssetCancelled:        {},
	AssetAborted:          {},
}}

// Asset is a product the customer has: what completed orders left on the account, at a site.
type Asset struct {
	ID         string
	AccountID  string
	SiteID     string
	ProductID  string
	ParentID   string
	OrderID    string // the order that created it (its quote's term prices later changes)
	Status     AssetStatus
	Quantity   int
	Attributes map[string]string
	RemoteID   string // the TMF637 product id at the order-management system
	OneTime    decimal.Decimal
	Recurring  decimal.Decimal
	Currency   string
	StartDate  time.Time
	EndDate    time.Time
	UpdatedAt  time.Time
}
