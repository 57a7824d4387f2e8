// Package sales holds the use cases of the order-capture flow that the app calls: each one a transaction over
// the store, with its audit entry written in the same transaction.
package sales

import (
	"context"
	"encoding/json"

	"quotewright/backend/cpq"
	"quotewright/backend/credit"
)

// Service runs the use cases against a store.
type Service struct {
	store  cpq.Store
	now    cpq.Clock
	credit credit.Provider
	signer SignerSource
}

// New returns the use cases over store; clock may be nil for the real time.
func New(store cpq.Store, clock cpq.Clock) *Service {
	if clock == nil {
		clock = cpq.UTCNow
	}
	return &Service{store: store, now: clock, credit: credit.NewLocal(clock)}
}

// SetCreditProvider chooses the credit bureau the app asks (the local scoring by default).
func (s *Service) SetCreditProvider(p credit.Provider) { s.credit = p }

// Actor is who performs a use case: the signed-in profile.
type Actor struct {
	UserID string
	Role   cpq.Role
}

// record appends an audit entry for what actor did to an object.
func record(ctx context.Context, tx cpq.Tx, actor Actor, action, entity, id string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return cpq.Internal(err)
	}
	return tx.Audit().Append(ctx, &cpq.AuditEvent{ActorID: actor.UserID, Action: action, Entity: entity, EntityID: id, Data: raw})
}
