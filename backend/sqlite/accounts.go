package sqlite

import (
	"context"
	"strings"

	"quotewright/backend/cpq"
)

type accounts struct{ t *tx }

const accountCols = `id, number, segment, name, name_kana, alt_name, industry, employees, email, phone, region,
	registration_number, COALESCE(owner_id, ''), credit_status, credit_rating, credit_limit, credit_currency,
	credit_checked_at, credit_provider, credit_reference, credit_error, credit_retry_at, credit_attempts, created_at,
	updated_at`

func scanAccount(s scanner) (*cpq.Account, error) {
	rd := &reader{}
	var a cpq.Account
	var limit, checked, retry, created, updated string
	if err := s.Scan(&a.ID, &a.Number, &a.Segment, &a.Name, &a.NameKana, &a.AltName, &a.Industry, &a.Employees,
		&a.Email, &a.Phone, &a.Region, &a.RegistrationNumber, &a.OwnerID, &a.Credit.Status, &a.Credit.Rating,
		&limit, &a.Credit.Currency, &checked, &a.Credit.Provider, &a.Credit.Reference, &a.Credit.Error, &retry,
		&a.Credit.Attempts, &created, &updated); err != nil {
		return nil, err
	}
	a.Credit.Limit, a.Credit.CheckedAt, a.Credit.RetryAt = rd.dec(limit), rd.time(checked), rd.time(retry)
	a.CreatedAt, a.UpdatedAt = rd.time(created), rd.time(updated)
	return &a, rd.err
}

// Create saves a new account; it numbers it ("A-000001") when it has no number yet.
func (r accounts) Create(ctx context.Context, a *cpq.Account) error {
	if a.ID == "" {
		a.ID = cpq.NewID("acc")
	}
	if a.Credit.Status == "" {
		a.Credit.Status = cpq.CreditUnchecked
	}
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Number == "" {
		n, err := r.t.NextNumber(ctx, "account")
		if err != nil {
			return err
		}
		a.Number = formatNumber("A-", n)
	}
	now := r.t.now()
	a.CreatedAt, a.UpdatedAt = now, now
	return dbErr(r.t.exec(ctx, `INSERT INTO accounts (`+plain(accountCols)+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Number, a.Segment, a.Name, a.NameKana, a.AltName, a.Industry, a.Employees, a.Email, a.Phone, a.Region,
		a.RegistrationNumber, nullID(a.OwnerID), a.Credit.Status, a.Credit.Rating, fmtDec(a.Credit.Limit),
		a.Credit.Currency, fmtTime(a.Credit.CheckedAt), a.Credit.Provider, a.Credit.Reference, a.Credit.Error,
		fmtTime(a.Credit.RetryAt), a.Credit.Attempts, fmtTime(now), fmtTime(now)), "account")
}

func (r accounts) Get(ctx context.Context, id string) (*cpq.Account, error) {
	return getOne(ctx, r.t, "account", id, scanAccount, `SELECT `+accountCols+` FROM accounts WHERE id = ?`, id)
}

func (r accounts) List(ctx context.Context, f cpq.AccountFilter) ([]*cpq.Account, int, error) {
	var w where
	if q := cpq.CleanText(f.Query); q != "" {
		// People type names in either script, readings in hiragana or katakana, with or without the space
		// between family and given name, and numbers with or without their dashes.
		p := likePattern(q)
		kata := likePattern(cpq.Katakana(q))
		bare := likePattern(strings.ReplaceAll(cpq.Katakana(q), " ", ""))
		cond := `(name LIKE ? ESCAPE '\' OR alt_name LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\' OR number LIKE ? ESCAPE '\'
			OR name LIKE ? ESCAPE '\' OR name_kana LIKE ? ESCAPE '\'
			OR replace(name, ' ', '') LIKE ? ESCAPE '\' OR replace(name_kana, ' ', '') LIKE ? ESCAPE '\'`
		args := []any{p, p, p, p, kata, kata, bare, bare}
		if d := cpq.Digits(q); len(d) >= 3 && strings.Trim(q, "0123456789-+() A") == "" {
			cond += ` OR replace(replace(phone, '-', ''), ' ', '') LIKE ? OR replace(number, '-', '') LIKE ?`
			args = append(args, likePattern(d), likePattern(d))
		}
		w.add(cond+")", args...)
	}
	if f.Segment != "" {
		w.add("segment = ?", f.Segment)
	}
	if f.OwnerID != "" {
		w.add("owner_id = ?", f.OwnerID)
	}
	if f.Credit != "" {
		w.add("credit_status = ?", f.Credit)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM accounts`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	// Japanese names sort by their reading; others by name.
	out, err := getAll(ctx, r.t, scanAccount, `SELECT `+accountCols+` FROM accounts`+w.String()+
		` ORDER BY CASE WHEN name_kana <> '' THEN name_kana ELSE name END COLLATE NOCASE, id LIMIT ? OFFSET ?`,
		append(w.args, l, o)...)
	return out, total, err
}

func (r accounts) Update(ctx context.Context, a *cpq.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.UpdatedAt = r.t.now()
	return r.t.execOne(ctx, "account", a.ID, `UPDATE accounts SET segment = ?, name = ?, name_kana = ?, alt_name = ?,
		industry = ?, employees = ?, email = ?, phone = ?, region = ?, registration_number = ?, owner_id = ?,
		credit_status = ?, credit_rating = ?, credit_limit = ?, credit_currency = ?, credit_checked_at = ?,
		credit_provider = ?, credit_reference = ?, credit_error = ?, credit_retry_at = ?, credit_attempts = ?,
		updated_at = ? WHERE id = ?`,
		a.Segment, a.Name, a.NameKana, a.AltName, a.Industry, a.Employees, a.Email, a.Phone, a.Region,
		a.RegistrationNumber, nullID(a.OwnerID), a.Credit.Status, a.Credit.Rating, fmtDec(a.Credit.Limit),
		a.Credit.Currency, fmtTime(a.Credit.CheckedAt), a.Credit.Provider, a.Credit.Reference, a.Credit.Error,
		fmtTime(a.Credit.RetryAt), a.Credit.Attempts, fmtTime(a.UpdatedAt), a.ID)
}

type contacts struct{ t *tx }

const contactCols = `id, account_id, first_name, last_name, title, email, phone, is_primary, created_at`

func scanContact(s scanner) (*cpq.Contact, error) {
	rd := &reader{}
	var c cpq.Contact
	var primary int
	var created string
	if err := s.Scan(&c.ID, &c.AccountID, &c.FirstName, &c.LastName, &c.Title, &c.Email, &c.Phone, &primary, &created); err != nil {
		return nil, err
	}
	c.Primary, c.CreatedAt = primary == 1, rd.time(created)
	return &c, rd.err
}

func (r contacts) Create(ctx context.Context, c *cpq.Contact) error {
	if c.ID == "" {
		c.ID = cpq.NewID("con")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = r.t.now()
	return dbErr(r.t.exec(ctx, `INSERT INTO contacts (`+plain(contactCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.AccountID, c.FirstName, c.LastName, c.Title, c.Email, c.Phone, boolInt(c.Primary), fmtTime(c.CreatedAt)), "contact")
}

func (r contacts) Get(ctx context.Context, id string) (*cpq.Contact, error) {
	return getOne(ctx, r.t, "contact", id, scanContact, `SELECT `+contactCols+` FROM contacts WHERE id = ?`, id)
}

func (r contacts) ListByAccount(ctx context.Context, accountID string) ([]*cpq.Contact, error) {
	return getAll(ctx, r.t, scanContact, `SELECT `+contactCols+` FROM contacts WHERE account_id = ?
		ORDER BY is_primary DESC, last_name, first_name`, accountID)
}

func (r contacts) Update(ctx context.Context, c *cpq.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return r.t.execOne(ctx, "contact", c.ID, `UPDATE contacts SET first_name = ?, last_name = ?, title = ?, email = ?,
		phone = ?, is_primary = ? WHERE id = ?`, c.FirstName, c.LastName, c.Title, c.Email, c.Phone, boolInt(c.Primary), c.ID)
}

func (r contacts) Delete(ctx context.Context, id string) error {
	return r.t.execOne(ctx, "contact", id, `DELETE FROM contacts WHERE id = ?`, id)
}

type sites struct{ t *tx }

const siteCols = `id, account_id, name, address, city, postal_code, region, country, created_at`

func scanSite(s scanner) (*cpq.Site, error) {
	rd := &reader{}
	var x cpq.Site
	var created string
	if err := s.Scan(&x.ID, &x.AccountID, &x.Name, &x.Address, &x.City, &x.PostalCode, &x.Region, &x.Country, &created); err != nil {
		return nil, err
	}
	x.CreatedAt = rd.time(created)
	return &x, rd.err
}

func (r sites) Create(ctx context.Context, s *cpq.Site) error {
	if s.ID == "" {
		s.ID = cpq.NewID("site")
	}
	if err := s.Validate(); err != nil {
		return err
	}
	s.PostalCode = cpq.NormalizePostalCode(s.Country, s.PostalCode)
	s.CreatedAt = r.t.now()
	return dbErr(r.t.exec(ctx, `INSERT INTO sites (`+plain(siteCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.AccountID, s.Name, s.Address, s.City, s.PostalCode, s.Region, s.Country, fmtTime(s.CreatedAt)), "site")
}

func (r sites) Get(ctx context.Context, id string) (*cpq.Site, error) {
	return getOne(ctx, r.t, "site", id, scanSite, `SELECT `+siteCols+` FROM sites WHERE id = ?`, id)
}

func (r sites) ListByAccount(ctx context.Context, accountID string) ([]*cpq.Site, error) {
	return getAll(ctx, r.t, scanSite, `SELECT `+siteCols+` FROM sites WHERE account_id = ? ORDER BY name`, accountID)
}

func (r sites) Update(ctx context.Context, s *cpq.Site) error {
	if err := s.Validate(); err != nil {
		return err
	}
	s.PostalCode = cpq.NormalizePostalCode(s.Country, s.PostalCode)
	return r.t.execOne(ctx, "site", s.ID, `UPDATE sites SET name = ?, address = ?, city = ?, postal_code = ?, region = ?,
		country = ? WHERE id = ?`, s.Name, s.Address, s.City, s.PostalCode, s.Region, s.Country, s.ID)
}
