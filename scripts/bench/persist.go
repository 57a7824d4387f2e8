package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"quotewright/backend/cpq"
)

// timeSaveReload saves the large quote as a new version in one transaction, as a revision does, and reads it
// back whole. The versions stay, so the table grows over the runs as it does in use.
func timeSaveReload(w *largeWorld, round int) time.Duration {
	ctx := context.Background()
	q := w.qc.Quote
	v := q.Revision()
	v.Version += round
	start := time.Now()
	check(w.db.Update(ctx, func(tx cpq.Tx) error { return tx.Quotes().Create(ctx, v) }))
	var back *cpq.Quote
	check(w.db.View(ctx, func(tx cpq.Tx) (err error) {
		back, err = tx.Quotes().Get(ctx, v.ID)
		return err
	}))
	d := time.Since(start)
	if len(back.Lines) != len(q.Lines) {
		check(fmt.Errorf("reloaded %d lines, saved %d", len(back.Lines), len(q.Lines)))
	}
	return d
}

// timeRawBulk is the baseline: the same rows written with one prepared INSERT in one transaction into a bare
// table of the same columns (no foreign keys, one index), in a scratch SQLite file with the same journal
// settings, and read back as plain strings. Its rows stay too.
func timeRawBulk(raw *sql.DB, q *cpq.Quote, round int) time.Duration {
	v := q.Revision()
	quoteID := fmt.Sprintf("q%d", round)
	attrs := make([]string, len(v.Lines))
	for i, l := range v.Lines {
		b, _ := json.Marshal(l.Attributes)
		attrs[i] = string(b)
	}
	start := time.Now()
	tx, err := raw.Begin()
	check(err)
	stmt, err := tx.Prepare(`INSERT INTO lines (id, quote_id, site_group_id, parent_id, product_id, quantity, attributes,
		discount_pct, discount_amount, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	check(err)
	for i, l := range v.Lines {
		_, err := stmt.Exec(l.ID, quoteID, l.SiteGroupID, l.ParentID, l.ProductID, l.Quantity, attrs[i], l.DiscountPct.String(),
			l.DiscountAmount.String(), i)
		check(err)
	}
	stmt.Close()
	check(tx.Commit())
	rows, err := raw.Query(`SELECT id, site_group_id, parent_id, product_id, quantity, attributes, discount_pct,
		discount_amount, position FROM lines WHERE quote_id = ? ORDER BY position`, quoteID)
	check(err)
	n := 0
	for rows.Next() {
		var id, g, p, prod, a, pct, amt string
		var qty, pos int
		check(rows.Scan(&id, &g, &p, &prod, &qty, &a, &pct, &amt, &pos))
		n++
	}
	check(rows.Err())
	rows.Close()
	if n != len(v.Lines) {
		check(fmt.Errorf("raw read %d rows, wrote %d", n, len(v.Lines)))
	}
	return time.Since(start)
}

func openRaw(path string) *sql.DB {
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=5000")
	check(err)
	raw.SetMaxOpenConns(1)
	_, err = raw.Exec(`CREATE TABLE lines (id TEXT PRIMARY KEY, quote_id TEXT NOT NULL, site_group_id TEXT, parent_id TEXT,
		product_id TEXT NOT NULL, quantity INTEGER NOT NULL, attributes TEXT NOT NULL, discount_pct TEXT NOT NULL,
		discount_amount TEXT NOT NULL, position INTEGER NOT NULL);
		CREATE INDEX lines_by_quote ON lines (quote_id, position);`)
	check(err)
	return raw
}
