package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"quotewright/backend/cpq"
)

type quotes struct{ t *tx }

const quoteCols = `id, number, version, account_id, COALESCE(opportunity_id, ''), name, status, is_primary,
	COALESCE(price_list_id, ''), currency, term_months, valid_until, lang, discount_pct, COALESCE(owner_id, ''),
	COALESCE(previous_id, ''), presented_hash, created_at, updated_at`

func scanQuote(s scanner) (*cpq.Quote, error) {
	rd := &reader{}
	var q cpq.Quote
	var primary int
	var validUntil, discount, created, updated string
	if err := s.Scan(&q.ID, &q.Number, &q.Version, &q.AccountID, &q.OpportunityID, &q.Name, &q.Status, &primary,
		&q.PriceListID, &q.Currency, &q.TermMonths, &validUntil, &q.Lang, &discount, &q.OwnerID, &q.PreviousID,
		&q.PresentedHash, &created, &updated); err != nil {
		return nil, err
	}
	q.Primary, q.ValidUntil, q.DiscountPct = primary == 1, rd.date(validUntil), rd.dec(discount)
	q.CreatedAt, q.UpdatedAt = rd.time(created), rd.time(updated)
	return &q, rd.err
}

// Create saves a quote version with its site groups and lines; a first version gets a new number.
func (r quotes) Create(ctx context.Context, q *cpq.Quote) error {
	if q.ID == "" {
		q.ID = cpq.NewID("quo")
	}
	if q.Version == 0 {
		q.Version = 1
	}
	if q.Status == "" {
		q.Status = cpq.QuoteDraft
	}
	assignLineIDs(q)
	if err := q.Validate(); err != nil {
		return err
	}
	if q.Number == "" {
		n, err := r.t.NextNumber(ctx, "quote")
		if err != nil {
			return err
		}
		q.Number = formatNumber("Q-", n)
	}
	now := r.t.now()
	q.CreatedAt, q.UpdatedAt = now, now
	if err := dbErr(r.t.exec(ctx, `INSERT INTO quotes (`+plain(quoteCols)+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		q.ID, q.Number, q.Version, q.AccountID, nullID(q.OpportunityID), q.Name, q.Status, boolInt(q.Primary),
		nullID(q.PriceListID), q.Currency, q.TermMonths, fmtDate(q.ValidUntil), q.Lang, fmtDec(q.DiscountPct),
		nullID(q.OwnerID), nullID(q.PreviousID), q.PresentedHash, fmtTime(now), fmtTime(now)), "quote"); err != nil {
		return err
	}
	return r.saveParts(ctx, q)
}

// assignLineIDs gives new site groups and lines their ids, so that lines can refer to them.
func assignLineIDs(q *cpq.Quote) {
	for i := range q.SiteGroups {
		if q.SiteGroups[i].ID == "" {
			q.SiteGroups[i].ID = cpq.NewID("sg")
		}
	}
	for i := range q.Lines {
		if q.Lines[i].ID == "" {
			q.Lines[i].ID = cpq.NewID("ql")
		}
	}
}

func (r quotes) saveParts(ctx context.Context, q *cpq.Quote) error {
	for i, g := range q.SiteGroups {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO quote_site_groups (id, quote_id, site_id, name, position)
			VALUES (?, ?, ?, ?, ?)`, g.ID, q.ID, nullID(g.SiteID), g.Name, i), "quote"); err != nil {
			return err
		}
	}
	stmt, err := r.t.tx.PrepareContext(ctx, `INSERT INTO quote_lines (id, quote_id, site_group_id, parent_id, product_id,
		quantity, attributes, discount_pct, discount_amount, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return dbErr(err, "quote")
	}
	defer stmt.Close()
	for i, l := range q.Lines {
		if _, err := stmt.ExecContext(ctx, l.ID, q.ID, nullID(l.SiteGroupID), nullID(l.ParentID), l.ProductID,
			l.Quantity, fmtAttrs(l.Attributes), fmtDec(l.DiscountPct), fmtDec(l.DiscountAmount), i); err != nil {
			return dbErr(err, "quote")
		}
	}
	return nil
}

// fmtAttrs stores a line's attributes as a JSON object; most lines have none.
func fmtAttrs(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	return fmtJSON(m)
}

func (r quotes) loadParts(ctx context.Context, q *cpq.Quote) error {
	if err := r.loadGroups(ctx, q); err != nil {
		return err
	}
	return r.loadLines(ctx, q)
}

func (r quotes) loadGroups(ctx context.Context, q *cpq.Quote) error {
	groups, err := getAll(ctx, r.t, func(s scanner) (*cpq.SiteGroup, error) {
		var g cpq.SiteGroup
		return &g, s.Scan(&g.ID, &g.SiteID, &g.Name, &g.Position)
	}, `SELECT id, COALESCE(site_id, ''), name, position FROM quote_site_groups WHERE quote_id = ? ORDER BY position`, q.ID)
	if err != nil {
		return err
	}
	q.SiteGroups = make([]cpq.SiteGroup, len(groups))
	for i, g := range groups {
		q.SiteGroups[i] = *g
	}
	return nil
}

func (r quotes) loadLines(ctx context.Context, q *cpq.Quote) error {
	lines, err := getAll(ctx, r.t, func(s scanner) (*cpq.QuoteLine, error) {
		rd := &reader{}
		var l cpq.QuoteLine
		var attrs, pct, amount string
		if err := s.Scan(&l.ID, &l.SiteGroupID, &l.ParentID, &l.ProductID, &l.Quantity, &attrs, &pct, &amount, &l.Position); err != nil {
			return nil, err
		}
		l.Attributes, l.DiscountPct, l.DiscountAmount = rd.attrs(attrs), rd.dec(pct), rd.dec(amount)
		return &l, rd.err
	}, `SELECT id, COALESCE(site_group_id, ''), COALESCE(parent_id, ''), product_id, quantity, attributes,
		discount_pct, discount_amount, position FROM quote_lines WHERE quote_id = ? ORDER BY position`, q.ID)
	if err != nil {
		return err
	}
	q.Lines = make([]cpq.QuoteLine, len(lines))
	for i, l := range lines {
		q.Lines[i] = *l
	}
	return nil
}

// Get returns the quote version whole: site groups and lines included.
func (r quotes) Get(ctx context.Context, id string) (*cpq.Quote, error) {
	q, err := getOne(ctx, r.t, "quote", id, scanQuote, `SELECT `+quoteCols+` FROM quotes WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return q, r.loadParts(ctx, q)
}

func (r quotes) Header(ctx context.Context, id string) (*cpq.Quote, error) {
	q, err := getOne(ctx, r.t, "quote", id, scanQuote, `SELECT `+quoteCols+` FROM quotes WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return q, r.loadGroups(ctx, q)
}

// List returns one page of quote versions without their groups and lines, newest first.
func (r quotes) List(ctx context.Context, f cpq.QuoteFilter) ([]*cpq.Quote, int, error) {
	var w where
	if f.AccountID != "" {
		w.add("account_id = ?", f.AccountID)
	}
	if f.OpportunityID != "" {
		w.add("opportunity_id = ?", f.OpportunityID)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM quotes`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	out, err := getAll(ctx, r.t, scanQuote, `SELECT `+quoteCols+` FROM quotes`+w.String()+
		` ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`, append(w.args, l, o)...)
	return out, total, err
}

func (r quotes) Versions(ctx context.Context, number string) ([]*cpq.Quote, error) {
	return getAll(ctx, r.t, scanQuote, `SELECT `+quoteCols+` FROM quotes WHERE number = ? ORDER BY version`, number)
}

// Update saves the quote version and replaces its site groups and lines.
func (r quotes) Update(ctx context.Context, q *cpq.Quote) error {
	assignLineIDs(q)
	if err := q.Validate(); err != nil {
		return err
	}
	q.UpdatedAt = r.t.now()
	if err := r.t.execOne(ctx, "quote", q.ID, `UPDATE quotes SET opportunity_id = ?, name = ?, status = ?,
		is_primary = ?, price_list_id = ?, currency = ?, term_months = ?, valid_until = ?, lang = ?, discount_pct = ?,
		owner_id = ?, presented_hash = ?, updated_at = ? WHERE id = ?`,
		nullID(q.OpportunityID), q.Name, q.Status, boolInt(q.Primary), nullID(q.PriceListID), q.Currency,
		q.TermMonths, fmtDate(q.ValidUntil), q.Lang, fmtDec(q.DiscountPct), nullID(q.OwnerID), q.PresentedHash,
		fmtTime(q.UpdatedAt), q.ID); err != nil {
		return err
	}
	if err := r.t.exec(ctx, `DELETE FROM quote_lines WHERE quote_id = ?`, q.ID); err != nil {
		return dbErr(err, "quote")
	}
	if err := r.t.exec(ctx, `DELETE FROM quote_site_groups WHERE quote_id = ?`, q.ID); err != nil {
		return dbErr(err, "quote")
	}
	return r.saveParts(ctx, q)
}

// UpdateHeader saves the version's own fields, not its lines.
func (r quotes) UpdateHeader(ctx context.Context, q *cpq.Quote) error {
	head := *q
	head.Lines, head.SiteGroups = nil, nil
	if err := head.Validate(); err != nil {
		return err
	}
	q.UpdatedAt = r.t.now()
	return r.t.execOne(ctx, "quote", q.ID, `UPDATE quotes SET opportunity_id = ?, name = ?, status = ?,
		is_primary = ?, price_list_id = ?, currency = ?, term_months = ?, valid_until = ?, lang = ?, discount_pct = ?,
		owner_id = ?, presented_hash = ?, updated_at = ? WHERE id = ?`,
		nullID(q.OpportunityID), q.Name, q.Status, boolInt(q.Primary), nullID(q.PriceListID), q.Currency,
		q.TermMonths, fmtDate(q.ValidUntil), q.Lang, fmtDec(q.DiscountPct), nullID(q.OwnerID), q.PresentedHash,
		fmtTime(q.UpdatedAt), q.ID)
}

// touch marks the version changed now.
func (r quotes) touch(ctx context.Context, quoteID string) error {
	return r.t.execOne(ctx, "quote", quoteID, `UPDATE quotes SET updated_at = ? WHERE id = ?`, fmtTime(r.t.now()), quoteID)
}

func (r quotes) AddSiteGroup(ctx context.Context, quoteID string, g *cpq.SiteGroup) error {
	if g.ID == "" {
		g.ID = cpq.NewID("sg")
	}
	if g.Name == "" {
		return cpq.Errorf(cpq.EInvalid, "quote.siteGroup.name")
	}
	if err := dbErr(r.t.exec(ctx, `INSERT INTO quote_site_groups (id, quote_id, site_id, name, position)
		VALUES (?, ?, ?, ?, (SELECT COALESCE(max(position), -1) + 1 FROM quote_site_groups WHERE quote_id = ?))`,
		g.ID, quoteID, nullID(g.SiteID), g.Name, quoteID), "quote"); err != nil {
		return err
	}
	return r.touch(ctx, quoteID)
}

// DeleteSiteGroup removes a site group and its lines.
func (r quotes) DeleteSiteGroup(ctx context.Context, quoteID, groupID string) error {
	if err := r.t.execOne(ctx, "quote", groupID, `DELETE FROM quote_site_groups WHERE id = ? AND quote_id = ?`, groupID, quoteID); err != nil {
		return err
	}
	return r.touch(ctx, quoteID)
}

// AddLines appends lines after the version's last one, with one prepared statement.
func (r quotes) AddLines(ctx context.Context, quoteID string, lines []cpq.QuoteLine) error {
	var next int
	if err := r.t.tx.QueryRowContext(ctx, `SELECT COALESCE(max(position), -1) + 1 FROM quote_lines WHERE quote_id = ?`, quoteID).Scan(&next); err != nil {
		return dbErr(err, "quote")
	}
	stmt, err := r.t.tx.PrepareContext(ctx, `INSERT INTO quote_lines (id, quote_id, site_group_id, parent_id, product_id,
		quantity, attributes, discount_pct, discount_amount, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return dbErr(err, "quote")
	}
	defer stmt.Close()
	for i := range lines {
		l := &lines[i]
		if l.ID == "" {
			l.ID = cpq.NewID("ql")
		}
		l.Position = next + i
		if err := l.ValidateLine(l.Position + 1); err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, l.ID, quoteID, nullID(l.SiteGroupID), nullID(l.ParentID), l.ProductID,
			l.Quantity, fmtAttrs(l.Attributes), fmtDec(l.DiscountPct), fmtDec(l.DiscountAmount), l.Position); err != nil {
			return dbErr(err, "quote")
		}
	}
	return r.touch(ctx, quoteID)
}

func (r quotes) UpdateLine(ctx context.Context, quoteID string, l *cpq.QuoteLine) error {
	if err := l.ValidateLine(l.Position + 1); err != nil {
		return err
	}
	if err := r.t.execOne(ctx, "quote", l.ID, `UPDATE quote_lines SET quantity = ?, attributes = ?, discount_pct = ?,
		discount_amount = ? WHERE id = ? AND quote_id = ?`, l.Quantity, fmtAttrs(l.Attributes),
		fmtDec(l.DiscountPct), fmtDec(l.DiscountAmount), l.ID, quoteID); err != nil {
		return err
	}
	return r.touch(ctx, quoteID)
}

// DeleteLines removes lines; their bundle children go with them (ON DELETE CASCADE).
func (r quotes) DeleteLines(ctx context.Context, quoteID string, ids []string) error {
	for _, id := range ids {
		if err := r.t.execOne(ctx, "quote", id, `DELETE FROM quote_lines WHERE id = ? AND quote_id = ?`, id, quoteID); err != nil {
			return err
		}
	}
	return r.touch(ctx, quoteID)
}

type approvals struct{ t *tx }

const approvalCols = `id, quote_id, content_hash, level, reasons, requested_by, COALESCE(approver_id, ''), status,
	comment, requested_at, decided_at`

func scanApproval(s scanner) (*cpq.Approval, error) {
	rd := &reader{}
	var a cpq.Approval
	var reasons, requested, decided string
	if err := s.Scan(&a.ID, &a.QuoteID, &a.ContentHash, &a.Level, &reasons, &a.RequestedBy, &a.ApproverID, &a.Status,
		&a.Comment, &requested, &decided); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(reasons), &a.Reasons); err != nil {
		return nil, err
	}
	a.RequestedAt, a.DecidedAt = rd.time(requested), rd.time(decided)
	return &a, rd.err
}

func (r approvals) Create(ctx context.Context, a *cpq.Approval) error {
	if a.ID == "" {
		a.ID = cpq.NewID("apr")
	}
	if a.Status == "" {
		a.Status = cpq.ApprovalPending
	}
	if a.RequestedAt.IsZero() {
		a.RequestedAt = r.t.now()
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO approvals (`+plain(approvalCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.QuoteID, a.ContentHash, a.Level, fmtJSON(orNone(a.Reasons)), a.RequestedBy, nullID(a.ApproverID), a.Status,
		a.Comment, fmtTime(a.RequestedAt), fmtTime(a.DecidedAt)), "approval")
}

func orNone[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (r approvals) Get(ctx context.Context, id string) (*cpq.Approval, error) {
	return getOne(ctx, r.t, "approval", id, scanApproval, `SELECT `+approvalCols+` FROM approvals WHERE id = ?`, id)
}

func (r approvals) ListByQuote(ctx context.Context, quoteID string) ([]*cpq.Approval, error) {
	return getAll(ctx, r.t, scanApproval, `SELECT `+approvalCols+` FROM approvals WHERE quote_id = ? ORDER BY requested_at`, quoteID)
}

func (r approvals) ListPending(ctx context.Context, levels []cpq.Role) ([]*cpq.Approval, error) {
	if len(levels) == 0 {
		return nil, nil
	}
	args := []any{cpq.ApprovalPending}
	marks := ""
	for i, l := range levels {
		if i > 0 {
			marks += ", "
		}
		marks += "?"
		args = append(args, l)
	}
	return getAll(ctx, r.t, scanApproval, `SELECT `+approvalCols+` FROM approvals WHERE status = ? AND level IN (`+marks+`)
		ORDER BY requested_at`, args...)
}

func (r approvals) ListRequestedBy(ctx context.Context, userID string, n int) ([]*cpq.Approval, error) {
	return getAll(ctx, r.t, scanApproval, `SELECT `+approvalCols+` FROM approvals WHERE requested_by = ?
		ORDER BY requested_at DESC LIMIT ?`, userID, n)
}

func (r approvals) Update(ctx context.Context, a *cpq.Approval) error {
	return r.t.execOne(ctx, "approval", a.ID, `UPDATE approvals SET status = ?, level = ?, approver_id = ?, comment = ?,
		decided_at = ? WHERE id = ?`, a.Status, a.Level, nullID(a.ApproverID), a.Comment, fmtTime(a.DecidedAt), a.ID)
}

func (r quotes) SetPresentedSchedule(ctx context.Context, quoteID string, s *cpq.Schedule) error {
	return r.t.execOne(ctx, "quote", quoteID, `UPDATE quotes SET presented_schedule = ? WHERE id = ?`, fmtJSON(s), quoteID)
}

func (r quotes) PresentedSchedule(ctx context.Context, quoteID string) (*cpq.Schedule, error) {
	var raw string
	err := r.t.tx.QueryRowContext(ctx, `SELECT presented_schedule FROM quotes WHERE id = ?`, quoteID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("quote", quoteID)
	}
	if err != nil || raw == "" {
		return nil, dbErr(err, "quote")
	}
	var s cpq.Schedule
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		rd := &reader{}
		rd.fail("schedule", raw)
		return nil, rd.err
	}
	return &s, nil
}
