package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type leads struct{ t *tx }

const leadCols = `id, segment, company, first_name, last_name, email, phone, region, source, status,
	COALESCE(owner_id, ''), assigned_by, COALESCE(converted_account_id, ''), converted_contact_id,
	converted_opportunity_id, created_at, updated_at`

func scanLead(s scanner) (*cpq.Lead, error) {
	rd := &reader{}
	var l cpq.Lead
	var created, updated string
	if err := s.Scan(&l.ID, &l.Segment, &l.Company, &l.FirstName, &l.LastName, &l.Email, &l.Phone, &l.Region,
		&l.Source, &l.Status, &l.OwnerID, &l.AssignedBy, &l.ConvertedAccountID, &l.ConvertedContactID,
		&l.ConvertedOpportunityID, &created, &updated); err != nil {
		return nil, err
	}
	l.CreatedAt, l.UpdatedAt = rd.time(created), rd.time(updated)
	return &l, rd.err
}

func (r leads) Create(ctx context.Context, l *cpq.Lead) error {
	if l.ID == "" {
		l.ID = cpq.NewID("lead")
	}
	if l.Status == "" {
		l.Status = cpq.LeadNew
	}
	if err := l.Validate(); err != nil {
		return err
	}
	now := r.t.now()
	l.CreatedAt, l.UpdatedAt = now, now
	return dbErr(r.t.exec(ctx, `INSERT INTO leads (`+plain(leadCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.Segment, l.Company, l.FirstName, l.LastName, l.Email, l.Phone, l.Region, l.Source, l.Status,
		nullID(l.OwnerID), l.AssignedBy, nullID(l.ConvertedAccountID), l.ConvertedContactID, l.ConvertedOpportunityID,
		fmtTime(now), fmtTime(now)), "lead")
}

func (r leads) Get(ctx context.Context, id string) (*cpq.Lead, error) {
	return getOne(ctx, r.t, "lead", id, scanLead, `SELECT `+leadCols+` FROM leads WHERE id = ?`, id)
}

func (r leads) List(ctx context.Context, f cpq.LeadFilter) ([]*cpq.Lead, int, error) {
	var w where
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(company LIKE ? ESCAPE '\' OR last_name LIKE ? ESCAPE '\' OR first_name LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\')`, p, p, p, p)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.OwnerID != "" {
		w.add("owner_id = ?", f.OwnerID)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM leads`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	out, err := getAll(ctx, r.t, scanLead, `SELECT `+leadCols+` FROM leads`+w.String()+
		` ORDER BY created_at DESC, id LIMIT ? OFFSET ?`, append(w.args, l, o)...)
	return out, total, err
}

func (r leads) Update(ctx context.Context, l *cpq.Lead) error {
	if err := l.Validate(); err != nil {
		return err
	}
	l.UpdatedAt = r.t.now()
	return r.t.execOne(ctx, "lead", l.ID, `UPDATE leads SET segment = ?, company = ?, first_name = ?, last_name = ?,
		email = ?, phone = ?, region = ?, source = ?, status = ?, owner_id = ?, assigned_by = ?, converted_account_id = ?,
		converted_contact_id = ?, converted_opportunity_id = ?, updated_at = ? WHERE id = ?`,
		l.Segment, l.Company, l.FirstName, l.LastName, l.Email, l.Phone, l.Region, l.Source, l.Status,
		nullID(l.OwnerID), l.AssignedBy, nullID(l.ConvertedAccountID), l.ConvertedContactID, l.ConvertedOpportunityID,
		fmtTime(l.UpdatedAt), l.ID)
}
