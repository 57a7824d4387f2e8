package omserver

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the server's own database

	"quotewright/backend/tmf"
)

// store keeps the server's orders in its own SQLite file: each order as the JSON it serves, with the fields
// lists filter on beside it.
type store struct {
	db      *sql.DB
	creates chan createReq // orders to store, taken by commitCreates
	stopped chan struct{}  // closed when commitCreates has stored the last
	// closing guards creates: no order is handed over once close has begun.
	closing sync.RWMutex
	closed  bool
}

var errClosed = errors.New("the om-server is stopping")

const schema = `
CREATE TABLE IF NOT EXISTS product_orders (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    external_id TEXT,
    state       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS product_orders_external ON product_orders (external_id) WHERE external_id IS NOT NULL;

-- The TMF637 inventory: what fulfilment delivered, each product as the JSON it serves.
CREATE TABLE IF NOT EXISTS products (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    status     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The listeners registered at the TMF622 hub. Kept here, not in memory, so that they outlive a restart.
CREATE TABLE IF NOT EXISTS hub_listeners (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    callback   TEXT NOT NULL,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
`

func openStore(path string) (*store, error) {
	// Every transaction here writes, so each takes the write lock when it begins (_txlock=immediate): a
	// transaction that read first and asked for the lock later could fail if another server process on the
	// same file wrote in between.
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_busy_timeout=5000&_synchronous=FULL&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one writer; the server is a test double, not a scale-out system
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("om-server database %s: %w", path, err)
	}
	st := &store{db: db, creates: make(chan createReq), stopped: make(chan struct{})}
	go st.commitCreates()
	return st, nil
}

// close stores the orders already handed over, then closes the database.
func (s *store) close() error {
	s.closing.Lock()
	s.closed = true
	close(s.creates)
	s.closing.Unlock()
	<-s.stopped
	return s.db.Close()
}

var errNotFound = errors.New("not found")

// stampLayout writes instants at a fixed width, so that text order is time order.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// create stores a new order, or returns the one already stored under the same externalId (created false):
// a client that resends after a lost answer gets the order it made, not a second one. The answer comes only
// once the order is committed to disk.
func (s *store) create(ctx context.Context, o *tmf.ProductOrder) (stored *tmf.ProductOrder, body []byte, created bool, err error) {
	req := createReq{ctx: ctx, o: o, done: make(chan createRes, 1)}
	s.closing.RLock()
	if s.closed {
		s.closing.RUnlock()
		return nil, nil, false, errClosed
	}
	select {
	case s.creates <- req:
	case <-ctx.Done():
		s.closing.RUnlock()
		return nil, nil, false, ctx.Err()
	}
	s.closing.RUnlock()
	res := <-req.done
	return res.o, res.body, res.created, res.err
}

// createReq is one order waiting to be stored by the committer.
type createReq struct {
	ctx  context.Context
	o    *tmf.ProductOrder
	done chan createRes
}

type createRes struct {
	o       *tmf.ProductOrder
	body    []byte // the order as stored, which is also the answer
	created bool
	err     error
}

// maxGroup bounds how many orders one commit takes.
const maxGroup = 256

// commitCreates stores orders as they arrive, all those waiting at once in one transaction (group commit):
// with many clients sending at once, one fsync makes dozens of orders durable instead of one.
func (s *store) commitCreates() {
	defer close(s.stopped)
	for first := range s.creates {
		group := []createReq{first}
	more:
		for len(group) < maxGroup {
			select {
			case r, ok := <-s.creates:
				if !ok {
					break more
				}
				group = append(group, r)
			default:
				break more
			}
		}
		if !s.storeGroup(group) && len(group) > 1 {
			// One order failed and took the group's transaction with it: store each on its own, so the
			// failure is that order's alone.
			for _, r := range group {
				s.storeGroup([]createReq{r})
			}
		}
	}
}

// storeGroup stores the orders in one transaction and answers them, unless one fails in a group of several:
// then nothing is stored or answered, and it returns false.
func (s *store) storeGroup(group []createReq) bool {
	results := make([]createRes, len(group))
	err := func() error {
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		for i, r := range group {
			if results[i] = createIn(r.ctx, tx, r.o); results[i].err != nil {
				return results[i].err
			}
		}
		return tx.Commit()
	}()
	if err != nil && len(group) > 1 {
		return false
	}
	for i, r := range group {
		if err != nil {
			results[i] = createRes{err: err}
		}
		r.done <- results[i]
	}
	return true
}

// createIn stores one order in tx, or finds the one stored under its externalId.
func createIn(ctx context.Context, tx *sql.Tx, o *tmf.ProductOrder) createRes {
	if err := ctx.Err(); err != nil {
		return createRes{err: err} // the client gave up: store nothing it will not hear about
	}
	if o.ExternalID != "" {
		var body string
		err := tx.QueryRow(`SELECT body FROM product_orders WHERE external_id = ?`, o.ExternalID).Scan(&body)
		if err == nil {
			var prev tmf.ProductOrder
			return createRes{o: &prev, body: []byte(body), err: json.Unmarshal([]byte(body), &prev)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return createRes{err: err}
		}
	}
	body, err := json.Marshal(o)
	if err != nil {
		return createRes{err: err}
	}
	now := stamp(time.Now())
	var ext any
	if o.ExternalID != "" {
		ext = o.ExternalID
	}
	if _, err := tx.Exec(`INSERT INTO product_orders (id, external_id, state, body, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, o.ID, ext, string(o.State), string(body), now, now); err != nil {
		return createRes{err: err}
	}
	return createRes{o: o, body: body, created: true}
}

func (s *store) get(ctx context.Context, id string) (*tmf.ProductOrder, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT body FROM product_orders WHERE id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	var o tmf.ProductOrder
	return &o, json.Unmarshal([]byte(body), &o)
}

// filter selects orders by the attributes lists are asked for.
type filter struct {
	externalID, state string
	offset, limit     int
}

// list returns one page of orders, oldest first, and how many match in all.
func (s *store) list(ctx context.Context, f filter) ([]*tmf.ProductOrder, int, error) {
	where, args := "1 = 1", []any{}
	if f.externalID != "" {
		where += " AND external_id = ?"
		args = append(args, f.externalID)
	}
	if f.state != "" {
		where += " AND state = ?"
		args = append(args, f.state)
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM product_orders WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT body FROM product_orders WHERE `+where+` ORDER BY seq LIMIT ? OFFSET ?`,
		append(args, f.limit, f.offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*tmf.ProductOrder
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, 0, err
		}
		var o tmf.ProductOrder
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			return nil, 0, err
		}
		out = append(out, &o)
	}
	return out, total, rows.Err()
}

// due lists the orders still being fulfilled whose last change is at or before the instant (RFC 3339).
func (s *store) due(ctx context.Context, before string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM product_orders WHERE state IN ('acknowledged', 'inProgress')
		AND updated_at <= ? ORDER BY seq`, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// dbtx is what the database and a transaction share: the store's queries run in either.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// putIf replaces a stored order only if it is still in state from: fulfilment and a cancellation that read
// the same order at once cannot overwrite each other. It reports whether the order was replaced.
func (s *store) putIf(ctx context.Context, o *tmf.ProductOrder, from tmf.OrderState) (bool, error) {
	return putIfOn(ctx, s.db, o, from)
}

func putIfOn(ctx context.Context, q dbtx, o *tmf.ProductOrder, from tmf.OrderState) (bool, error) {
	body, err := json.Marshal(o)
	if err != nil {
		return false, err
	}
	res, err := q.ExecContext(ctx, `UPDATE product_orders SET state = ?, body = ?, updated_at = ? WHERE id = ? AND state = ?`,
		string(o.State), string(body), stamp(time.Now()), o.ID, string(from))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// complete stores an order fulfilment has completed together with what it did to the inventory (see
// applyToInventory), in one transaction and under putIf's guard: if a cancellation moved the order first, the
// transaction is rolled back and the inventory is left as it was. A client that sees the order completed
// therefore always finds its products, and a cancelled order never leaves any.
func (s *store) complete(ctx context.Context, o *tmf.ProductOrder, from tmf.OrderState, now time.Time) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if err := applyToInventory(ctx, tx, o, now); err != nil {
		return false, err
	}
	ok, err := putIfOn(ctx, tx, o, from)
	if err != nil || !ok {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	return true, nil
}
