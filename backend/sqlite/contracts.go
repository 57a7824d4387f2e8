package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type contracts struct{ t *tx }

const contractCols = `id, number, version, account_id, quote_id, status, lang, start_date, term_months, signed_at,
	created_at, updated_at`

func scanContract(s scanner) (*cpq.Contract, error) {
	rd := &reader{}
	var c cpq.Contract
	var start, signed, created, updated string
	if err := s.Scan(&c.ID, &c.Number, &c.Version, &c.AccountID, &c.QuoteID, &c.Status, &c.Lang, &start, &c.TermMonths,
		&signed, &created, &updated); err != nil {
		return nil, err
	}
	c.StartDate, c.SignedAt = rd.date(start), rd.time(signed)
	c.CreatedAt, c.UpdatedAt = rd.time(created), rd.time(updated)
	return &c, rd.err
}

// Create saves a contract version with its clauses; a first version gets a new number.
func (r contracts) Create(ctx context.Context, c *cpq.Contract) error {
	if c.ID == "" {
		c.ID = cpq.NewID("ctr")
	}
	if c.Version == 0 {
		c.Version = 1
	}
	if c.Status == "" {
		c.Status = cpq.ContractDraft
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Number == "" {
		n, err := r.t.NextNumber(ctx, "contract")
		if err != nil {
			return err
		}
		c.Number = formatNumber("C-", n)
	}
	now := r.t.now()
	c.CreatedAt, c.UpdatedAt = now, now
	if err := dbErr(r.t.exec(ctx, `INSERT INTO contracts (`+plain(contractCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Number, c.Version, c.AccountID, c.QuoteID, c.Status, c.Lang, fmtDate(c.StartDate), c.TermMonths,
		fmtTime(c.SignedAt), fmtTime(now), fmtTime(now)), "contract"); err != nil {
		return err
	}
	return r.saveClauses(ctx, c)
}

func (r contracts) saveClauses(ctx context.Context, c *cpq.Contract) error {
	if err := r.t.exec(ctx, `DELETE FROM contract_clauses WHERE contract_id = ?`, c.ID); err != nil {
		return dbErr(err, "contract")
	}
	for i, cl := range c.Clauses {
		if err := r.t.exec(ctx, `INSERT INTO contract_clauses (contract_id, position, code, title, body) VALUES (?, ?, ?, ?, ?)`,
			c.ID, i, cl.Code, cl.Title, cl.Body); err != nil {
			return dbErr(err, "contract")
		}
	}
	return nil
}

func (r contracts) withClauses(ctx context.Context, c *cpq.Contract) (*cpq.Contract, error) {
	cls, err := getAll(ctx, r.t, func(s scanner) (*cpq.ContractClause, error) {
		var cl cpq.ContractClause
		return &cl, s.Scan(&cl.Position, &cl.Code, &cl.Title, &cl.Body)
	}, `SELECT position, code, title, body FROM contract_clauses WHERE contract_id = ? ORDER BY position`, c.ID)
	c.Clauses = make([]cpq.ContractClause, len(cls))
	for i, cl := range cls {
		c.Clauses[i] = *cl
	}
	return c, err
}

func (r contracts) Get(ctx context.Context, id string) (*cpq.Contract, error) {
	c, err := getOne(ctx, r.t, "contract", id, scanContract, `SELECT `+contractCols+` FROM contracts WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return r.withClauses(ctx, c)
}

func (r contracts) ListByAccount(ctx context.Context, accountID string) ([]*cpq.Contract, error) {
	return getAll(ctx, r.t, scanContract, `SELECT `+contractCols+` FROM contracts WHERE account_id = ?
		ORDER BY number, version`, accountID)
}

func (r contracts) Update(ctx context.Context, c *cpq.Contract) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.UpdatedAt = r.t.now()
	if err := r.t.execOne(ctx, "contract", c.ID, `UPDATE contracts SET status = ?, lang = ?, start_date = ?, term_months = ?,
		signed_at = ?, updated_at = ? WHERE id = ?`, c.Status, c.Lang, fmtDate(c.StartDate), c.TermMonths,
		fmtTime(c.SignedAt), fmtTime(c.UpdatedAt), c.ID); err != nil {
		return err
	}
	return r.saveClauses(ctx, c)
}
