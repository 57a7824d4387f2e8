package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type clauses struct{ t *tx }

func scanClause(s scanner) (*cpq.ClauseTemplate, error) {
	var c cpq.ClauseTemplate
	var active int
	if err := s.Scan(&c.Code, &c.Title.EN, &c.Title.JA, &c.Body.EN, &c.Body.JA, &c.Position, &active); err != nil {
		return nil, err
	}
	c.Active = active == 1
	return &c, nil
}

func (r clauses) List(ctx context.Context) ([]*cpq.ClauseTemplate, error) {
	return getAll(ctx, r.t, scanClause, `SELECT code, title_en, title_ja, body_en, body_ja, position, active
		FROM clause_templates ORDER BY position, code`)
}

func (r clauses) Save(ctx context.Context, c *cpq.ClauseTemplate) error {
	c.Code = cpq.NormalizeCode(c.Code)
	if err := c.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO clause_templates (code, title_en, title_ja, body_en, body_ja, position, active)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET title_en = excluded.title_en,
		title_ja = excluded.title_ja, body_en = excluded.body_en, body_ja = excluded.body_ja,
		position = excluded.position, active = excluded.active`,
		c.Code, c.Title.EN, c.Title.JA, c.Body.EN, c.Body.JA, c.Position, boolInt(c.Active)), "clause")
}
