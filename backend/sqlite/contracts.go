package sqlite

import (
	"context"
	"encoding/json"

	"quotewright/backend/cpq"
)

type contracts struct{ t *tx }

const contractCols = `id, number, version, account_id, quote_id, owner_id, author_id, previous_id, note, status, lang,
	start_date, term_months, schedule, signed_at, created_at, updated_at`

func scanContract(s scanner) (*cpq.Contract, error) {
	rd := &reader{}
	var c cpq.Contract
	var start, schedule, signed, created, updated string
	if err := s.Scan(&c.ID, &c.Number, &c.Version, &c.AccountID, &c.QuoteID, &c.OwnerID, &c.AuthorID, &c.PreviousID, &c.Note,
		&c.Status, &c.Lang, &start, &c.TermMonths, &schedule, &signed, &created, &updated); err != nil {
		return nil, err
	}
	c.StartDate, c.SignedAt = rd.date(start), rd.time(signed)
	c.CreatedAt, c.UpdatedAt = rd.time(created), rd.time(updated)
	if schedule != "" && schedule != "{}" {
		if err := json.Unmarshal([]byte(schedule), &c.Schedule); err != nil {
			rd.fail("schedule", schedule)
		}
	}
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
	if err := dbErr(r.t.exec(ctx, `INSERT INTO contracts (`+plain(contractCols)+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Number, c.Version, c.AccountID, c.QuoteID, c.OwnerID, c.AuthorID, c.PreviousID, c.Note, c.Status, c.Lang,
		fmtDate(c.StartDate), c.TermMonths, fmtJSON(c.Schedule), fmtTime(c.SignedAt), fmtTime(now), fmtTime(now)), "contract"); err != nil {
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

// complete reads a version's clauses and signatures.
func (r contracts) complete(ctx context.Context, c *cpq.Contract) (*cpq.Contract, error) {
	cls, err := getAll(ctx, r.t, func(s scanner) (*cpq.ContractClause, error) {
		var cl cpq.ContractClause
		return &cl, s.Scan(&cl.Position, &cl.Code, &cl.Title, &cl.Body)
	}, `SELECT position, code, title, body FROM contract_clauses WHERE contract_id = ? ORDER BY position`, c.ID)
	if err != nil {
		return nil, err
	}
	c.Clauses = make([]cpq.ContractClause, len(cls))
	for i, cl := range cls {
		c.Clauses[i] = *cl
	}
	sigs, err := getAll(ctx, r.t, func(s scanner) (*cpq.Signature, error) {
		rd := &reader{}
		var g cpq.Signature
		var at string
		if err := s.Scan(&g.Party, &g.Name, &g.Title, &g.Method, &g.Image, &at, &g.RecordedBy); err != nil {
			return nil, err
		}
		g.SignedAt = rd.time(at)
		return &g, rd.err
	}, `SELECT party, name, title, method, image, signed_at, recorded_by FROM contract_signatures WHERE contract_id = ?
		ORDER BY party DESC`, c.ID)
	c.Signatures = make([]cpq.Signature, len(sigs))
	for i, g := range sigs {
		c.Signatures[i] = *g
	}
	return c, err
}

func (r contracts) Get(ctx context.Context, id string) (*cpq.Contract, error) {
	c, err := getOne(ctx, r.t, "contract", id, scanContract, `SELECT `+contractCols+` FROM contracts WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return r.complete(ctx, c)
}

func (r contracts) ListByAccount(ctx context.Context, accountID string) ([]*cpq.Contract, error) {
	return getAll(ctx, r.t, scanContract, `SELECT `+contractCols+` FROM contracts WHERE account_id = ?
		ORDER BY number, version`, accountID)
}

func (r contracts) Versions(ctx context.Context, number string) ([]*cpq.Contract, error) {
	return getAll(ctx, r.t, scanContract, `SELECT `+contractCols+` FROM contracts WHERE number = ? ORDER BY version`, number)
}

func (r contracts) ListByQuote(ctx context.Context, quoteID string) ([]*cpq.Contract, error) {
	return getAll(ctx, r.t, scanContract, `SELECT `+contractCols+` FROM contracts WHERE quote_id = ? ORDER BY number, version`, quoteID)
}

func (r contracts) Update(ctx context.Context, c *cpq.Contract) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.UpdatedAt = r.t.now()
	if err := r.t.execOne(ctx, "contract", c.ID, `UPDATE contracts SET status = ?, lang = ?, start_date = ?, term_months = ?,
		note = ?, signed_at = ?, updated_at = ? WHERE id = ?`, c.Status, c.Lang, fmtDate(c.StartDate), c.TermMonths,
		c.Note, fmtTime(c.SignedAt), fmtTime(c.UpdatedAt), c.ID); err != nil {
		return err
	}
	return r.saveClauses(ctx, c)
}

func (r contracts) Sign(ctx context.Context, contractID string, s *cpq.Signature) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.SignedAt.IsZero() {
		s.SignedAt = r.t.now()
	}
	var img any
	if len(s.Image) > 0 {
		img = s.Image
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO contract_signatures (contract_id, party, name, title, method, image, signed_at, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, party) DO UPDATE SET name = excluded.name,
		title = excluded.title, method = excluded.method, image = excluded.image, signed_at = excluded.signed_at,
		recorded_by = excluded.recorded_by`,
		contractID, s.Party, s.Name, s.Title, s.Method, img, fmtTime(s.SignedAt), s.RecordedBy), "contract")
}

func (r contracts) ClearSignatures(ctx context.Context, contractID string) error {
	return dbErr(r.t.exec(ctx, `DELETE FROM contract_signatures WHERE contract_id = ?`, contractID), "contract")
}

func (r contracts) ListLatest(ctx context.Context, accountID string) ([]*cpq.Contract, error) {
	return getAll(ctx, r.t, scanContract, `SELECT `+contractCols+` FROM contracts c
		WHERE version = (SELECT max(version) FROM contracts v WHERE v.number = c.number) AND (? = '' OR account_id = ?)
		ORDER BY updated_at DESC, number DESC`, accountID, accountID)
}
