package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// View runs fn in a read-only transaction: it sees one consistent snapshot.
func (db *DB) View(ctx context.Context, fn func(cpq.Tx) error) error {
	return db.run(ctx, db.r, fn)
}

// Update runs fn in one write transaction: everything it changes is committed together, or nothing is.
func (db *DB) Update(ctx context.Context, fn func(cpq.Tx) error) error {
	if db.w == nil {
		return cpq.Errorf(cpq.EConflict, "store.readOnlyOpen", "path", db.path)
	}
	return db.run(ctx, db.w, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, fn func(cpq.Tx) error) (err error) {
	stx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return cpq.Internal(err)
	}
	t := &tx{tx: stx, now: db.now}
	// A bug in a use case must not take the app down with it: roll back and report it as an internal error.
	defer func() {
		if p := recover(); p != nil {
			stx.Rollback()
			err = cpq.Internal(fmt.Errorf("panic in a transaction: %v\n%s", p, debug.Stack()))
		}
	}()
	if err := fn(t); err != nil {
		stx.Rollback()
		return err
	}
	if err := stx.Commit(); err != nil {
		return cpq.Internal(err)
	}
	return nil
}

// tx implements cpq.Tx over one SQLite transaction; each repository is a view of it.
type tx struct {
	tx  *sql.Tx
	now cpq.Clock
	// stmts keeps the statements prepared in this transaction by their text: a use case that writes a
	// thousand rows prepares each statement once, not a thousand times. They close with the transaction.
	stmts map[string]*sql.Stmt
	// The audit chain's head as this transaction left it (auditLog.Append).
	headKnown bool
	headSeq   int64
	head      string
}

// stmt returns query prepared in this transaction.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *tx) Users() cpq.UserRepository                 { return users{t} }
func (t *tx) Leads() cpq.LeadRepository                 { return leads{t} }
func (t *tx) Accounts() cpq.AccountRepository           { return accounts{t} }
func (t *tx) Contacts() cpq.ContactRepository           { return contacts{t} }
func (t *tx) Sites() cpq.SiteRepository                 { return sites{t} }
func (t *tx) Opportunities() cpq.OpportunityRepository  { return opportunities{t} }
func (t *tx) Products() cpq.ProductRepository           { return products{t} }
func (t *tx) PriceLists() cpq.PriceListRepository       { return priceLists{t} }
func (t *tx) Promotions() cpq.PromotionRepository       { return promotions{t} }
func (t *tx) Rules() cpq.RuleRepository                 { return rules{t} }
func (t *tx) Quotes() cpq.QuoteRepository               { return quotes{t} }
func (t *tx) Approvals() cpq.ApprovalRepository         { return approvals{t} }
func (t *tx) Contracts() cpq.ContractRepository         { return contracts{t} }
func (t *tx) Orders() cpq.OrderRepository               { return orders{t} }
func (t *tx) Outbox() cpq.OutboxRepository              { return outbox{t} }
func (t *tx) Assets() cpq.AssetRepository               { return assets{t} }
func (t *tx) Audit() cpq.AuditLog                       { return auditLog{t} }
func (t *tx) Settings() cpq.SettingsRepository          { return settings{t} }
func (t *tx) Authorities() cpq.AuthorityRepository      { return authorities{t} }
func (t *tx) ApprovalRules() cpq.ApprovalRuleRepository { return approvalRules{t} }
func (t *tx) AssignmentRules() cpq.AssignmentRuleRepository {
	return assignmentRules{t}
}
func (t *tx) Notifications() cpq.NotificationRepository { return notifications{t} }
func (t *tx) Clauses() cpq.ClauseRepository             { return clauses{t} }
func (t *tx) Documents() cpq.DocumentRepository         { return documents{t} }

func (t *tx) NextNumber(ctx context.Context, series string) (int64, error) {
	var n int64
	err := t.tx.QueryRowContext(ctx, `INSERT INTO number_series (series, n) VALUES (?, 1)
		ON CONFLICT (series) DO UPDATE SET n = n + 1 RETURNING n`, series).Scan(&n)
	return n, dbErr(err, "")
}

// exec runs a statement and returns SQLite's error as it is: the caller maps it with dbErr, naming the
// object, so that a broken constraint says which kind of object it was about.
func (t *tx) exec(ctx context.Context, query string, args ...any) error {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// execOne runs an UPDATE that must change exactly one row; none means the object is gone.
func (t *tx) execOne(ctx context.Context, entity, id, query string, args ...any) error {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return dbErr(err, entity)
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return dbErr(err, entity)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(entity, id)
	}
	return nil
}

// timeLayout is how instants are stored: UTC, fixed width so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// reader turns stored text back into values. A value Quotewright did not write — the file was edited by
// hand, or damaged — is an error that names it, never a crash; the first one is kept.
type reader struct{ err error }

func (r *reader) fail(kind, s string) {
	if r.err == nil {
		r.err = &cpq.Error{Code: cpq.EInternal, Key: "store.badValue", Args: map[string]string{"kind": "@value." + kind, "value": s},
			Err: fmt.Errorf("stored %s %q cannot be read", kind, s)}
	}
}

func (r *reader) time(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		r.fail("time", s)
	}
	return t.UTC()
}

func (r *reader) date(s string) time.Time {
	t, err := cpq.ParseDate(s)
	if err != nil {
		r.fail("date", s)
	}
	return t
}

func (r *reader) dec(s string) decimal.Decimal {
	if s == "" || s == "0" { // most stored discounts: no parse, no allocation
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		r.fail("amount", s)
	}
	return d
}

func (r *reader) attrs(s string) map[string]string {
	m := map[string]string{}
	if s != "" && s != "{}" {
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			r.fail("attributes", s)
		}
	}
	return m
}

func fmtDate(t time.Time) string { return cpq.FormatDate(t) }

func fmtDec(d decimal.Decimal) string { return d.String() }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nullID stores an optional reference: NULL rather than ” so that the foreign key is not checked.
func nullID(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func fmtJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// likePattern makes a LIKE pattern that finds q anywhere, with LIKE's wildcards in q taken literally.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(q)) + "%"
}

func limit(p cpq.Page) (int, int) {
	// Lists the UI pages through ask for 100 or so; use cases that walk everything ask for up to 100,000.
	l := p.Limit
	if l <= 0 {
		l = 100
	}
	l = min(l, 100000)
	o := p.Offset
	if o < 0 {
		o = 0
	}
	return l, o
}

func notFound(entity, id string) error {
	return cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity."+entity, "id", id)
}

// dbErr maps SQLite failures to application errors: a missing row is "not found", a broken constraint a
// conflict; anything else is internal.
func dbErr(err error, entity string) error {
	if err == nil {
		return nil
	}
	if entity == "" {
		entity = "record"
	}
	var ce *cpq.Error
	if errors.As(err, &ce) {
		return ce
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return &cpq.Error{Code: cpq.EConflict, Key: "store.duplicate", Args: map[string]string{"entity": "@entity." + entity}, Err: err}
		case sqlite3.ErrConstraintForeignKey:
			return &cpq.Error{Code: cpq.EConflict, Key: "store.reference", Args: map[string]string{"entity": "@entity." + entity}, Err: err}
		}
		if strings.Contains(se.Error(), "append-only") {
			return &cpq.Error{Code: cpq.EConflict, Key: "audit.appendOnly", Err: err}
		}
		return &cpq.Error{Code: cpq.EInvalid, Key: "store.constraint", Args: map[string]string{"entity": "@entity." + entity}, Err: err}
	}
	return cpq.Internal(err)
}

var coalesced = regexp.MustCompile(`COALESCE\((\w+), ''\)`)

// plain turns a SELECT column list into the INSERT column list of the same columns: optional references are
// read with COALESCE(col, ”) so that NULL scans as "", and written by name.
func plain(cols string) string { return coalesced.ReplaceAllString(cols, "$1") }

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// getOne scans the single row of query with scan, mapping "no rows" to not found.
func getOne[T any](ctx context.Context, t *tx, entity, id string, scan func(scanner) (*T, error), query string, args ...any) (*T, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, dbErr(err, entity)
	}
	v, err := scan(st.QueryRowContext(ctx, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(entity, id)
	}
	return v, dbErr(err, entity)
}

// getAll scans every row of query with scan.
func getAll[T any](ctx context.Context, t *tx, scan func(scanner) (*T, error), query string, args ...any) ([]*T, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, dbErr(err, "")
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, dbErr(err, "")
	}
	defer rows.Close()
	var out []*T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, dbErr(err, "")
		}
		out = append(out, v)
	}
	return out, dbErr(rows.Err(), "")
}

// count runs a SELECT count(*) query.
func (t *tx) count(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, dbErr(err, "")
}

// where builds a WHERE clause from conditions that apply.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
