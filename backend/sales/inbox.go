package sales

import (
	"context"

	"quotewright/backend/cpq"
)

// Inbox returns the actor's latest notifications, newest first, and how many are unread.
func (s *Service) Inbox(ctx context.Context, actor Actor, limit int) (out []*cpq.Notification, unread int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, unread, err = tx.Notifications().ListFor(ctx, actor.UserID, limit)
		return err
	})
	return out, unread, err
}

// MarkRead marks the actor's notifications read: the ones given, or all of them.
func (s *Service) MarkRead(ctx context.Context, actor Actor, ids []string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		return tx.Notifications().MarkRead(ctx, actor.UserID, ids)
	})
}
