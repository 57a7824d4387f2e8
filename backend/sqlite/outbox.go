package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"quotewright/backend/cpq"
)

type outbox struct{ t *tx }

// parkedFrom is where parked entries' due times begin (omsync.Parked is in the year 9999).
const parkedFrom = "9000-01-01T00:00:00.000000Z"

const outboxCols = `e.seq, e.order_id, e.kind, e.payload, e.attempts, e.maybe_sent, e.next_at, e.first_failed_at,
	e.last_error, e.created_at, o.number, o.status, o.remote_id, o.remote_href`

func scanOutbox(s scanner) (*cpq.OutboxEntry, error) {
	rd := &reader{}
	var e cpq.OutboxEntry
	var payload, next, failed, created string
	var maybe int
	if err := s.Scan(&e.Seq, &e.OrderID, &e.Kind, &payload, &e.Attempts, &maybe, &next, &failed, &e.LastError,
		&created, &e.Number, &e.Status, &e.RemoteID, &e.RemoteHref); err != nil {
		return nil, err
	}
	e.Payload, e.MaybeSent = []byte(payload), maybe != 0
	e.NextAt, e.FirstFailedAt, e.CreatedAt = rd.time(next), rd.time(failed), rd.time(created)
	return &e, rd.err
}

func (r outbox) Add(ctx context.Context, e *cpq.OutboxEntry) error {
	now := r.t.now()
	e.CreatedAt = now
	if e.NextAt.IsZero() {
		e.NextAt = now
	}
	res, err := r.t.tx.ExecContext(ctx, `INSERT INTO order_outbox (order_id, kind, payload, attempts, maybe_sent, next_at,
		first_failed_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.OrderID, e.Kind, string(e.Payload),
		e.Attempts, boolInt(e.MaybeSent), fmtTime(e.NextAt), fmtTime(e.FirstFailedAt), e.LastError, fmtTime(now))
	if err != nil {
		return dbErr(err, "order")
	}
	e.Seq, err = res.LastInsertId()
	return dbErr(err, "order")
}

func (r outbox) Due(ctx context.Context, now time.Time, limit int, skip []int64) ([]*cpq.OutboxEntry, error) {
	if skip == nil {
		skip = []int64{}
	}
	return getAll(ctx, r.t, scanOutbox, `SELECT `+outboxCols+` FROM order_outbox e JOIN orders o ON o.id = e.order_id
		WHERE e.next_at <= ? AND e.seq NOT IN (SELECT value FROM json_each(?))
		AND NOT (e.kind = 'cancel' AND EXISTS (SELECT 1 FROM order_outbox c WHERE c.order_id = e.order_id AND c.kind = 'create'))
		ORDER BY e.next_at, e.seq LIMIT ?`,
		fmtTime(now), fmtJSON(skip), limit)
}

func (r outbox) ByOrder(ctx context.Context, orderID string, kind cpq.OutboxKind) (*cpq.OutboxEntry, error) {
	e, err := scanOutbox(r.t.tx.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM order_outbox e
		JOIN orders o ON o.id = e.order_id WHERE e.order_id = ? AND e.kind = ?`, orderID, kind))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return e, dbErr(err, "order")
}

func (r outbox) Save(ctx context.Context, e *cpq.OutboxEntry) error {
	return r.t.execOne(ctx, "order", e.OrderID, `UPDATE order_outbox SET attempts = ?, maybe_sent = ?, next_at = ?,
		first_failed_at = ?, last_error = ? WHERE seq = ?`, e.Attempts, boolInt(e.MaybeSent), fmtTime(e.NextAt),
		fmtTime(e.FirstFailedAt), e.LastError, e.Seq)
}

func (r outbox) MarkMaybeSent(ctx context.Context, seqs []int64) error {
	if len(seqs) == 0 {
		return nil
	}
	return dbErr(r.t.exec(ctx, `UPDATE order_outbox SET maybe_sent = 1 WHERE seq IN (SELECT value FROM json_each(?))`,
		fmtJSON(seqs)), "order")
}

func (r outbox) Remove(ctx context.Context, seqs ...int64) error {
	if len(seqs) == 0 {
		return nil
	}
	return dbErr(r.t.exec(ctx, `DELETE FROM order_outbox WHERE seq IN (SELECT value FROM json_each(?))`, fmtJSON(seqs)), "order")
}

func (r outbox) Next(ctx context.Context) (time.Time, error) {
	var next sql.NullString
	if err := r.t.tx.QueryRowContext(ctx, `SELECT min(next_at) FROM order_outbox`).Scan(&next); err != nil {
		return time.Time{}, dbErr(err, "")
	}
	rd := &reader{}
	t := rd.time(next.String)
	return t, rd.err
}

func (r outbox) Stats(ctx context.Context) (cpq.OutboxStats, error) {
	var s cpq.OutboxStats
	var next sql.NullString
	err := r.t.tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE last_error <> ''), min(next_at)
		FROM order_outbox`).Scan(&s.Queued, &s.Retrying, &next)
	if err != nil {
		return s, dbErr(err, "")
	}
	rd := &reader{}
	s.NextAt = rd.time(next.String)
	err = r.t.tx.QueryRowContext(ctx, `SELECT e.last_error, o.number FROM order_outbox e JOIN orders o ON o.id = e.order_id
		WHERE e.last_error <> '' ORDER BY e.first_failed_at DESC, e.seq DESC LIMIT 1`).Scan(&s.LastError, &s.LastOrder)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, dbErr(err, "")
	}
	err = r.t.tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status IN `+inFlightStates+`),
		count(*) FILTER (WHERE status IN ('held', 'failed')) FROM orders`).Scan(&s.InFlight, &s.Fallout)
	if err != nil {
		return s, dbErr(err, "")
	}
	// Stuck: entries the sync gave up on (parked), and orders the endpoint no longer knows.
	err = r.t.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM order_outbox WHERE next_at >= ?)
		+ (SELECT count(*) FROM orders WHERE sync_state = 'failed' AND status IN `+inFlightStates+`)`,
		parkedFrom).Scan(&s.Stuck)
	return s, dbErr(err, "")
}
