package cpq

import (
	"context"
	"time"
)

// OutboxKind is what an outbox entry asks the order-management system to do.
type OutboxKind string

const (
	OutboxCreate OutboxKind = "create" // send the order (TMF622 POST productOrder)
	OutboxCancel OutboxKind = "cancel" // ask to cancel it (TMF622 POST cancelProductOrder)
)

// OutboxEntry is one request still to be sent to the order-management system. It is written in the same
// transaction as the change that calls for it, so a submitted order is never without its entry, and removed in
// the transaction that records the answer.
type OutboxEntry struct {
	Seq     int64
	OrderID string
	Kind    OutboxKind
	// Payload is the request body, fixed when the order was submitted: what the customer agreed is sent even
	// if the catalog changes while the laptop is offline.
	Payload  []byte
	Attempts int
	// MaybeSent marks an entry an earlier attempt may have delivered (a timeout, a reset, a crash mid-send):
	// the order is looked up by its externalId before it is sent again.
	MaybeSent     bool
	NextAt        time.Time
	FirstFailedAt time.Time // zero until an attempt fails; the sync gives up a while after it
	LastError     string
	CreatedAt     time.Time
	// The order as it stands, read with the entry (not stored in it): its number, status and endpoint id.
	Number     string
	Status     OrderStatus
	RemoteID   string
	RemoteHref string
}

// OutboxStats is the queue at a glance, for the sync page.
type OutboxStats struct {
	Queued    int // entries waiting, including those retrying
	Retrying  int // entries whose last attempt failed
	NextAt    time.Time
	LastError string // the most recent failure, if any entry has one
	LastOrder string // the order number that failure is about
	InFlight  int    // orders the endpoint holds that have not reached an outcome
	Fallout   int    // orders held or failed at the endpoint
	Stuck     int    // orders the sync gave up on: a person must act
}

// OutboxRepository is the queue of requests for the order-management system.
type OutboxRepository interface {
	Add(ctx context.Context, e *OutboxEntry) error
	// Due returns up to limit entries due at now, oldest first, with their orders' state, leaving out the
	// entries skip lists (a batch still being recorded).
	Due(ctx context.Context, now time.Time, limit int, skip []int64) ([]*OutboxEntry, error)
	// ByOrder returns the order's entry of the kind, or nil.
	ByOrder(ctx context.Context, orderID string, kind OutboxKind) (*OutboxEntry, error)
	// MarkMaybeSent marks entries as possibly delivered, before their requests go out.
	MarkMaybeSent(ctx context.Context, seqs []int64) error
	// Save records an attempt: attempts, maybe_sent, next_at, first_failed_at, last_error.
	Save(ctx context.Context, e *OutboxEntry) error
	// Remove deletes the entries.
	Remove(ctx context.Context, seqs ...int64) error
	Stats(ctx context.Context) (OutboxStats, error)
	// Next is when the earliest entry is due (zero when the queue is empty).
	Next(ctx context.Context) (time.Time, error)
}

// SyncUpdate is what the sync learned about an order: only these columns change, so that recording thousands
// of answers does not rewrite the orders' items.
type SyncUpdate struct {
	OrderID    string
	Status     OrderStatus
	Sync       SyncState
	RemoteID   string
	RemoteHref string
	LastError  string
	Fallout    string
}
