package sqlite

import (
	"context"
	"encoding/json"
	"strings"

	"quotewright/backend/cpq"
)

// Role authorities, the approval policy, lead assignment rules and the inbox: the data of the pipeline.

type authorities struct{ t *tx }

func scanAuthority(s scanner) (*cpq.RoleAuthority, error) {
	rd := &reader{}
	var a cpq.RoleAuthority
	var maxDisc, minMargin string
	if err := s.Scan(&a.Role, &maxDisc, &minMargin); err != nil {
		return nil, err
	}
	a.MaxDiscountPct, a.MinMarginPct = rd.dec(maxDisc), rd.dec(minMargin)
	return &a, rd.err
}

func (r authorities) List(ctx context.Context) ([]*cpq.RoleAuthority, error) {
	return getAll(ctx, r.t, scanAuthority, `SELECT role, max_discount_pct, min_margin_pct FROM role_authorities
		ORDER BY CASE role WHEN 'rep' THEN 0 WHEN 'manager' THEN 1 WHEN 'director' THEN 2 ELSE 3 END`)
}

func (r authorities) Set(ctx context.Context, a *cpq.RoleAuthority) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO role_authorities (role, max_discount_pct, min_margin_pct) VALUES (?, ?, ?)
		ON CONFLICT (role) DO UPDATE SET max_discount_pct = excluded.max_discount_pct,
		min_margin_pct = excluded.min_margin_pct`, a.Role, fmtDec(a.MaxDiscountPct), fmtDec(a.MinMarginPct)), "authority")
}

type approvalRules struct{ t *tx }

func scanApprovalRule(s scanner) (*cpq.ApprovalRule, error) {
	rd := &reader{}
	var x cpq.ApprovalRule
	var amount string
	var active int
	if err := s.Scan(&x.Code, &x.Kind, &amount, &x.Currency, &x.Level, &x.Position, &active); err != nil {
		return nil, err
	}
	x.Amount, x.Active = rd.dec(amount), active == 1
	return &x, rd.err
}

func (r approvalRules) List(ctx context.Context) ([]*cpq.ApprovalRule, error) {
	return getAll(ctx, r.t, scanApprovalRule, `SELECT code, kind, amount, currency, level, position, active
		FROM approval_rules ORDER BY position, code`)
}

func (r approvalRules) Replace(ctx context.Context, rules []*cpq.ApprovalRule) error {
	if err := r.t.exec(ctx, `DELETE FROM approval_rules`); err != nil {
		return dbErr(err, "approvalRule")
	}
	for i, x := range rules {
		if err := x.Validate(); err != nil {
			return err
		}
		x.Position = i + 1
		if err := r.t.exec(ctx, `INSERT INTO approval_rules (code, kind, amount, currency, level, position, active)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, x.Code, x.Kind, fmtDec(x.Amount), x.Currency, x.Level, x.Position,
			boolInt(x.Active)); err != nil {
			return dbErr(err, "approvalRule")
		}
	}
	return nil
}

type assignmentRules struct{ t *tx }

const assignmentCols = `id, code, region, segment, team, position, active`

func scanAssignment(s scanner) (*cpq.AssignmentRule, error) {
	var x cpq.AssignmentRule
	var team string
	var active int
	if err := s.Scan(&x.ID, &x.Code, &x.Region, &x.Segment, &team, &x.Position, &active); err != nil {
		return nil, err
	}
	x.Active = active == 1
	return &x, json.Unmarshal([]byte(team), &x.Team)
}

func (r assignmentRules) List(ctx context.Context) ([]*cpq.AssignmentRule, error) {
	return getAll(ctx, r.t, scanAssignment, `SELECT `+assignmentCols+` FROM assignment_rules ORDER BY position, code`)
}

func (r assignmentRules) Create(ctx context.Context, x *cpq.AssignmentRule) error {
	if x.ID == "" {
		x.ID = cpq.NewID("asg")
	}
	x.Code = cpq.NormalizeCode(x.Code)
	if err := x.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO assignment_rules (`+assignmentCols+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		x.ID, x.Code, x.Region, x.Segment, fmtJSON(orNone(x.Team)), x.Position, boolInt(x.Active)), "assignmentRule")
}

func (r assignmentRules) Update(ctx context.Context, x *cpq.AssignmentRule) error {
	x.Code = cpq.NormalizeCode(x.Code)
	if err := x.Validate(); err != nil {
		return err
	}
	return r.t.execOne(ctx, "assignmentRule", x.ID, `UPDATE assignment_rules SET code = ?, region = ?, segment = ?,
		team = ?, position = ?, active = ? WHERE id = ?`, x.Code, x.Region, x.Segment, fmtJSON(orNone(x.Team)),
		x.Position, boolInt(x.Active), x.ID)
}

func (r assignmentRules) Delete(ctx context.Context, id string) error {
	return r.t.execOne(ctx, "assignmentRule", id, `DELETE FROM assignment_rules WHERE id = ?`, id)
}

func (r assignmentRules) Cursors(ctx context.Context) (map[string]int, error) {
	rows, err := r.t.tx.QueryContext(ctx, `SELECT rule_code, last FROM assignment_cursors`)
	if err != nil {
		return nil, dbErr(err, "assignmentRule")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var last int
		if err := rows.Scan(&code, &last); err != nil {
			return nil, dbErr(err, "assignmentRule")
		}
		out[code] = last
	}
	return out, dbErr(rows.Err(), "assignmentRule")
}

func (r assignmentRules) SetCursor(ctx context.Context, code string, last int) error {
	return dbErr(r.t.exec(ctx, `INSERT INTO assignment_cursors (rule_code, last) VALUES (?, ?)
		ON CONFLICT (rule_code) DO UPDATE SET last = excluded.last`, code, last), "assignmentRule")
}

type notifications struct{ t *tx }

const notificationCols = `id, user_id, kind, entity, entity_id, args, created_at, read_at`

func scanNotification(s scanner) (*cpq.Notification, error) {
	rd := &reader{}
	var n cpq.Notification
	var args, created, read string
	if err := s.Scan(&n.ID, &n.UserID, &n.Kind, &n.Entity, &n.EntityID, &args, &created, &read); err != nil {
		return nil, err
	}
	n.Args = rd.attrs(args)
	n.CreatedAt, n.ReadAt = rd.time(created), rd.time(read)
	return &n, rd.err
}

func (r notifications) Create(ctx context.Context, n *cpq.Notification) error {
	if n.ID == "" {
		n.ID = cpq.NewID("ntf")
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = r.t.now()
	}
	args := n.Args
	if args == nil {
		args = map[string]string{}
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO notifications (`+notificationCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.UserID, n.Kind, n.Entity, n.EntityID, fmtJSON(args), fmtTime(n.CreatedAt), fmtTime(n.ReadAt)), "notification")
}

func (r notifications) ListFor(ctx context.Context, userID string, n int) ([]*cpq.Notification, int, error) {
	unread, err := r.t.count(ctx, `SELECT count(*) FROM notifications WHERE user_id = ? AND read_at = ''`, userID)
	if err != nil {
		return nil, 0, err
	}
	out, err := getAll(ctx, r.t, scanNotification, `SELECT `+notificationCols+` FROM notifications WHERE user_id = ?
		ORDER BY created_at DESC, id DESC LIMIT ?`, userID, n)
	return out, unread, err
}

func (r notifications) MarkRead(ctx context.Context, userID string, ids []string) error {
	now := fmtTime(r.t.now())
	if len(ids) == 0 {
		return dbErr(r.t.exec(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at = ''`, now, userID), "notification")
	}
	args := []any{now, userID}
	for _, id := range ids {
		args = append(args, id)
	}
	return dbErr(r.t.exec(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at = '' AND id IN (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, args...), "notification")
}
