package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"quotewright/backend/cpq"
)

type users struct{ t *tx }

const userCols = `id, name, email, role, COALESCE(manager_id, ''), region, active, lang, technical`

func scanUser(s scanner) (*cpq.User, error) {
	var u cpq.User
	var active, technical int
	if err := s.Scan(&u.ID, &u.Name, &u.Email, &u.Role, &u.ManagerID, &u.Region, &active, &u.Lang, &technical); err != nil {
		return nil, err
	}
	u.Active, u.Technical = active == 1, technical == 1
	return &u, nil
}

func (r users) Create(ctx context.Context, u *cpq.User) error {
	if u.ID == "" {
		u.ID = cpq.NewID("usr")
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO users (`+plain(userCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Name, u.Email, u.Role, nullID(u.ManagerID), u.Region, boolInt(u.Active), u.Lang, boolInt(u.Technical)), "user")
}

func (r users) Get(ctx context.Context, id string) (*cpq.User, error) {
	return getOne(ctx, r.t, "user", id, scanUser, `SELECT `+userCols+` FROM users WHERE id = ?`, id)
}

func (r users) List(ctx context.Context) ([]*cpq.User, error) {
	return getAll(ctx, r.t, scanUser, `SELECT `+userCols+` FROM users
		ORDER BY CASE role WHEN 'rep' THEN 0 WHEN 'manager' THEN 1 WHEN 'director' THEN 2 ELSE 3 END, name`)
}

func (r users) Update(ctx context.Context, u *cpq.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return r.t.execOne(ctx, "user", u.ID, `UPDATE users SET name = ?, email = ?, role = ?, manager_id = ?, region = ?,
		active = ?, lang = ?, technical = ? WHERE id = ?`,
		u.Name, u.Email, u.Role, nullID(u.ManagerID), u.Region, boolInt(u.Active), u.Lang, boolInt(u.Technical), u.ID)
}

type settings struct{ t *tx }

func (r settings) Get(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := r.t.tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		return "", false, dbErr(err, "setting")
	}
	return v, true, nil
}

func (r settings) Set(ctx context.Context, key, value string) error {
	return dbErr(r.t.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value), "setting")
}
