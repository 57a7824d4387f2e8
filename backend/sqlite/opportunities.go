package sqlite

import (
	"context"
	"fmt"

	"quotewright/backend/cpq"
)

// formatNumber writes a human-facing number with its series prefix, zero-padded to six digits.
func formatNumber(prefix string, n int64) string { return fmt.Sprintf("%s%06d", prefix, n) }

type opportunities struct{ t *tx }

const opportunityCols = `id, account_id, name, stage, close_date, probability, amount, currency, primary_quote_id,
	COALESCE(owner_id, ''), created_at, updated_at`

func scanOpportunity(s scanner) (*cpq.Opportunity, error) {
	rd := &reader{}
	var o cpq.Opportunity
	var closeDate, amount, created, updated string
	if err := s.Scan(&o.ID, &o.AccountID, &o.Name, &o.Stage, &closeDate, &o.Probability, &amount, &o.Currency,
		&o.PrimaryQuoteID, &o.OwnerID, &created, &updated); err != nil {
		return nil, err
	}
	o.CloseDate, o.Amount = rd.date(closeDate), rd.dec(amount)
	o.CreatedAt, o.UpdatedAt = rd.time(created), rd.time(updated)
	return &o, rd.err
}

func (r opportunities) Create(ctx context.Context, o *cpq.Opportunity) error {
	if o.ID == "" {
		o.ID = cpq.NewID("opp")
	}
	if o.Stage == "" {
		o.Stage = cpq.StageProspecting
		o.Probability = cpq.StageProbability[o.Stage]
	}
	if err := o.Validate(); err != nil {
		return err
	}
	now := r.t.now()
	o.CreatedAt, o.UpdatedAt = now, now
	return dbErr(r.t.exec(ctx, `INSERT INTO opportunities (`+plain(opportunityCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.AccountID, o.Name, o.Stage, fmtDate(o.CloseDate), o.Probability, fmtDec(o.Amount), o.Currency,
		o.PrimaryQuoteID, nullID(o.OwnerID), fmtTime(now), fmtTime(now)), "opportunity")
}

func (r opportunities) Get(ctx context.Context, id string) (*cpq.Opportunity, error) {
	return getOne(ctx, r.t, "opportunity", id, scanOpportunity, `SELECT `+opportunityCols+` FROM opportunities WHERE id = ?`, id)
}

func (r opportunities) List(ctx context.Context, f cpq.OpportunityFilter) ([]*cpq.Opportunity, int, error) {
	var w where
	if f.AccountID != "" {
		w.add("account_id = ?", f.AccountID)
	}
	if f.OwnerID != "" {
		w.add("owner_id = ?", f.OwnerID)
	}
	if f.Stage != "" {
		w.add("stage = ?", f.Stage)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM opportunities`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	out, err := getAll(ctx, r.t, scanOpportunity, `SELECT `+opportunityCols+` FROM opportunities`+w.String()+
		` ORDER BY close_date, id LIMIT ? OFFSET ?`, append(w.args, l, o)...)
	return out, total, err
}

func (r opportunities) Update(ctx context.Context, o *cpq.Opportunity) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.UpdatedAt = r.t.now()
	return r.t.execOne(ctx, "opportunity", o.ID, `UPDATE opportunities SET name = ?, stage = ?, close_date = ?,
		probability = ?, amount = ?, currency = ?, primary_quote_id = ?, owner_id = ?, updated_at = ? WHERE id = ?`,
		o.Name, o.Stage, fmtDate(o.CloseDate), o.Probability, fmtDec(o.Amount), o.Currency, o.PrimaryQuoteID,
		nullID(o.OwnerID), fmtTime(o.UpdatedAt), o.ID)
}
