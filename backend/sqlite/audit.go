package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"quotewright/backend/cpq"
)

type auditLog struct{ t *tx }

const auditCols = `seq, at, actor_id, action, entity, entity_id, data, prev_hash, hash`

// scanAudit reads an audit entry; with a value it cannot read it returns the entry (its Seq set) and the error.
func scanAudit(s scanner) (*cpq.AuditEvent, error) {
	rd := &reader{}
	var e cpq.AuditEvent
	var at, data string
	if err := s.Scan(&e.Seq, &at, &e.ActorID, &e.Action, &e.Entity, &e.EntityID, &data, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At, e.Data = rd.time(at), json.RawMessage(data)
	return &e, rd.err
}

// Append links e after the last entry and stores it. It runs inside the use case's write transaction, which
// holds SQLite's write lock, so no other entry can slip in between reading the last hash and writing this one.
func (l auditLog) Append(ctx context.Context, e *cpq.AuditEvent) error {
	// The chain's head is read once per transaction, then followed: a transaction that records a thousand
	// answers appends a thousand entries, and nothing else writes while it holds the write lock.
	if !l.t.headKnown {
		err := l.t.tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`).Scan(&l.t.headSeq, &l.t.head)
		if errors.Is(err, sql.ErrNoRows) {
			l.t.headSeq, l.t.head, err = 0, cpq.GenesisHash, nil
		}
		if err != nil {
			return dbErr(err, "")
		}
		l.t.headKnown = true
	}
	seq, prev := l.t.headSeq, l.t.head
	if len(e.Data) == 0 {
		e.Data = json.RawMessage("{}")
	}
	if e.At.IsZero() {
		e.At = l.t.now()
	}
	// Stored times have microsecond precision; hash what is stored so that verification reproduces it.
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seq, e.PrevHash = seq+1, prev
	e.Hash = e.ComputeHash()
	if err := l.t.exec(ctx, `INSERT INTO audit_events (`+plain(auditCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, fmtTime(e.At), e.ActorID, e.Action, e.Entity, e.EntityID, string(e.Data), e.PrevHash, e.Hash); err != nil {
		l.t.headKnown = false // read it again: the insert may have failed before or after it was written
		return dbErr(err, "")
	}
	l.t.headSeq, l.t.head = e.Seq, e.Hash
	return nil
}

func (l auditLog) ListFor(ctx context.Context, entity, id string) ([]*cpq.AuditEvent, error) {
	return getAll(ctx, l.t, scanAudit, `SELECT `+auditCols+` FROM audit_events WHERE entity = ? AND entity_id = ?
		ORDER BY seq`, entity, id)
}

// Verify recomputes the chain from the first entry, a page at a time so that a long log does not sit in memory.
// An entry that cannot even be read (a value changed by hand) is where the chain breaks.
func (l auditLog) Verify(ctx context.Context) (cpq.AuditReport, error) {
	const page = 2000
	report := cpq.AuditReport{Head: cpq.GenesisHash, Intact: true}
	next := int64(1)
	for {
		rows, err := l.t.tx.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?`, next, page)
		if err != nil {
			return report, dbErr(err, "")
		}
		var batch []cpq.AuditEvent
		unreadable := int64(0)
		for rows.Next() {
			e, err := scanAudit(rows)
			if e == nil {
				rows.Close()
				return report, dbErr(err, "")
			}
			if err != nil {
				unreadable = e.Seq
				break
			}
			batch = append(batch, *e)
		}
		rows.Close()
		r := cpq.VerifyChain(report.Head, next, batch)
		report.Count += r.Count
		report.Head = r.Head
		if !r.Intact {
			report.Intact, report.BrokenAt, report.Problem = false, r.BrokenAt, r.Problem
			return report, nil
		}
		if unreadable != 0 {
			report.Intact, report.BrokenAt, report.Problem = false, next+int64(len(batch)), "entry cannot be read: a value in it was changed"
			return report, nil
		}
		if len(batch) < page {
			return report, nil
		}
		next += int64(len(batch))
	}
}
