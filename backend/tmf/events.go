package tmf

import "time"

// Event types of TMF622 notifications: the eventType a listener receives, named after the specification's
// definition of the event.
const (
	EventProductOrderCreate      = "ProductOrderCreateEvent"
	EventProductOrderStateChange = "ProductOrderStateChangeEvent"
)

// ProductOrderEvent is a TMF622 notification about an order (ProductOrderCreateEvent,
// ProductOrderStateChangeEvent: the two differ only in eventType). The order is the whole order as it was
// when the event happened, so a listener need not come back for it.
type ProductOrderEvent struct {
	EventID   string                   `json:"eventId"`
	EventTime time.Time                `json:"eventTime"`
	EventType string                   `json:"eventType"`
	Event     ProductOrderEventPayload `json:"event"`
}

// ProductOrderEventPayload is an event's payload (ProductOrderCreateEventPayload, …StateChangeEventPayload).
type ProductOrderEventPayload struct {
	ProductOrder *ProductOrder `json:"productOrder"`
}

// EventSubscription is a listener registered at a hub: events are POSTed to Callback. Query, when not empty,
// narrows which events it receives ("eventType=ProductOrderStateChangeEvent"); it is always served, so that a
// client sees it was registered for everything. Registered as EventSubscriptionInput (no id); served as
// EventSubscription.
type EventSubscription struct {
	ID       string `json:"id,omitempty"`
	Callback string `json:"callback"`
	Query    string `json:"query"`
}
