package tmf

import "time"

// BasePath622 is where TMF622 Product Ordering v4 is served.
const BasePath622 = "/tmf-api/productOrderingManagement/v4/"

// OrderState is a product order's state (ProductOrderStateType).
type OrderState string

const (
	OrderAcknowledged          OrderState = "acknowledged"
	OrderRejected              OrderState = "rejected"
	OrderPending               OrderState = "pending"
	OrderHeld                  OrderState = "held"
	OrderInProgress            OrderState = "inProgress"
	OrderCancelled             OrderState = "cancelled"
	OrderCompleted             OrderState = "completed"
	OrderFailed                OrderState = "failed"
	OrderPartial               OrderState = "partial"
	OrderAssessingCancellation OrderState = "assessingCancellation"
	OrderPendingCancellation   OrderState = "pendingCancellation"
)

// Action is what an order item does to a product (OrderItemActionType).
type Action string

const (
	ActionAdd      Action = "add"
	ActionModify   Action = "modify"
	ActionDelete   Action = "delete"
	ActionNoChange Action = "noChange"
)

// ProductOrder is a TMF622 ProductOrder. Sent (ProductOrder_Create) without id, href, state and the dates the
// server sets; served with them. ExternalID carries our order's id: it is how an order is found again after
// an answer was lost.
type ProductOrder struct {
	ID                      string             `json:"id,omitempty"`
	Href                    string             `json:"href,omitempty"`
	ExternalID              string             `json:"externalId,omitempty"`
	Description             string             `json:"description,omitempty"`
	Category                string             `json:"category,omitempty"`
	Priority                string             `json:"priority,omitempty"`
	OrderDate               *time.Time         `json:"orderDate,omitempty"`
	RequestedStartDate      *time.Time         `json:"requestedStartDate,omitempty"`
	RequestedCompletionDate *time.Time         `json:"requestedCompletionDate,omitempty"`
	ExpectedCompletionDate  *time.Time         `json:"expectedCompletionDate,omitempty"`
	CompletionDate          *time.Time         `json:"completionDate,omitempty"`
	CancellationDate        *time.Time         `json:"cancellationDate,omitempty"`
	CancellationReason      string             `json:"cancellationReason,omitempty"`
	State                   OrderState         `json:"state,omitempty"`
	BillingAccount          *Ref               `json:"billingAccount,omitempty"`
	Agreement               []Ref              `json:"agreement,omitempty"`
	Quote                   []Ref              `json:"quote,omitempty"`
	Note                    []Note             `json:"note,omitempty"`
	RelatedParty            []RelatedParty     `json:"relatedParty,omitempty"`
	ProductOrderItem        []ProductOrderItem `json:"productOrderItem"`
	OrderTotalPrice         []OrderPrice       `json:"orderTotalPrice,omitempty"`
	Type                    string             `json:"@type,omitempty"`
}

// ProductOrderItem is one item of an order: an action on a product, of an offering, with its prices. A
// bundle's components are its nested items.
type ProductOrderItem struct {
	ID               string             `json:"id"`
	Quantity         int                `json:"quantity,omitempty"`
	Action           Action             `json:"action"`
	State            OrderState         `json:"state,omitempty"`
	Appointment      *Ref               `json:"appointment,omitempty"`
	BillingAccount   *Ref               `json:"billingAccount,omitempty"`
	Product          *Product           `json:"product,omitempty"`
	ProductOffering  *Ref               `json:"productOffering,omitempty"`
	ProductOrderItem []ProductOrderItem `json:"productOrderItem,omitempty"`
	ItemPrice        []OrderPrice       `json:"itemPrice,omitempty"`
	ItemTotalPrice   []OrderPrice       `json:"itemTotalPrice,omitempty"`
	Type             string             `json:"@type,omitempty"`
}

// Product is the product an item creates or changes (ProductRefOrValue): a reference to an existing one (id)
// for modify and delete, its characteristics and place for add and modify.
type Product struct {
	ID                    string           `json:"id,omitempty"`
	Href                  string           `json:"href,omitempty"`
	Name                  string           `json:"name,omitempty"`
	IsBundle              *bool            `json:"isBundle,omitempty"`
	ProductCharacteristic []Characteristic `json:"productCharacteristic,omitempty"`
	Place                 []Place          `json:"place,omitempty"`
	ProductOffering       *Ref             `json:"productOffering,omitempty"`
	// StartDate is when the customer asks the product to start at its place.
	StartDate *time.Time `json:"startDate,omitempty"`
	Type      string     `json:"@type,omitempty"`
}

// Ref refers to another object by id (BillingAccountRef, AgreementRef, QuoteRef, AppointmentRef,
// ProductOfferingRef …).
type Ref struct {
	ID           string `json:"id"`
	Href         string `json:"href,omitempty"`
	Name         string `json:"name,omitempty"`
	Description  string `json:"description,omitempty"` // AppointmentRef: the visit's time window
	ReferredType string `json:"@referredType,omitempty"`
}

// Characteristic is a name and a value: a product's configuration and technical attributes.
type Characteristic struct {
	Name      string `json:"name"`
	ValueType string `json:"valueType,omitempty"`
	Value     any    `json:"value"`
}

// Place is where a product is installed (RelatedPlaceRefOrValue).
type Place struct {
	ID           string `json:"id,omitempty"`
	Href         string `json:"href,omitempty"`
	Name         string `json:"name,omitempty"`
	Role         string `json:"role"`
	ReferredType string `json:"@referredType,omitempty"`
}

// RelatedParty is a party in a role (the customer, the seller's rep).
type RelatedParty struct {
	ID           string `json:"id"`
	Href         string `json:"href,omitempty"`
	Name         string `json:"name,omitempty"`
	Role         string `json:"role,omitempty"`
	ReferredType string `json:"@referredType"`
}

// Note is a free-text note on an order.
type Note struct {
	Author string     `json:"author,omitempty"`
	Date   *time.Time `json:"date,omitempty"`
	Text   string     `json:"text"`
}

// Price types of an OrderPrice.
const (
	PriceOneTime   = "oneTime"
	PriceRecurring = "recurring"
)

// OrderPrice is a one-time or recurring price of an item or of the whole order.
type OrderPrice struct {
	Name                  string `json:"name,omitempty"`
	Description           string `json:"description,omitempty"`
	PriceType             string `json:"priceType,omitempty"`
	RecurringChargePeriod string `json:"recurringChargePeriod,omitempty"`
	Price                 *Price `json:"price,omitempty"`
}

// Price is an amount before and after tax, with the tax rate in percent.
type Price struct {
	TaxRate           *Amount `json:"taxRate,omitempty"`
	DutyFreeAmount    *Money  `json:"dutyFreeAmount,omitempty"`
	TaxIncludedAmount *Money  `json:"taxIncludedAmount,omitempty"`
}

// Money is an amount in a currency (ISO 4217 code).
type Money struct {
	Unit  string `json:"unit"`
	Value Amount `json:"value"`
}

// TaskState is the state of a task such as a cancellation request (TaskStateType).
type TaskState string

const (
	TaskAcknowledged        TaskState = "acknowledged"
	TaskInProgress          TaskState = "inProgress"
	TaskDone                TaskState = "done"
	TaskTerminatedWithError TaskState = "terminatedWithError"
)

// CancelProductOrder asks for an order to be cancelled, and says how the request ended.
type CancelProductOrder struct {
	ID                        string     `json:"id,omitempty"`
	Href                      string     `json:"href,omitempty"`
	CancellationReason        string     `json:"cancellationReason,omitempty"`
	RequestedCancellationDate *time.Time `json:"requestedCancellationDate,omitempty"`
	EffectiveCancellationDate *time.Time `json:"effectiveCancellationDate,omitempty"`
	ProductOrder              Ref        `json:"productOrder"`
	State                     TaskState  `json:"state,omitempty"`
	Type                      string     `json:"@type,omitempty"`
}
