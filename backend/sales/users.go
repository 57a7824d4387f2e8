package sales

import (
	"context"

	"quotewright/backend/cpq"
)

// Settings keys of the app's preferences.
const (
	SettingLang = "ui.lang"      // the UI language, remembered between starts
	SettingUser = "session.user" // the local profile the app runs as
)

// Users lists the local user profiles.
func (s *Service) Users(ctx context.Context) (out []*cpq.User, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.Users().List(ctx)
		return err
	})
	return out, err
}

// User returns one profile.
func (s *Service) User(ctx context.Context, id string) (u *cpq.User, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		u, err = tx.Users().Get(ctx, id)
		return err
	})
	return u, err
}

// Setting reads a preference; ok is false when it was never set.
func (s *Service) Setting(ctx context.Context, key string) (v string, ok bool, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		v, ok, err = tx.Settings().Get(ctx, key)
		return err
	})
	return v, ok, err
}

// SetLanguage remembers the UI language.
func (s *Service) SetLanguage(ctx context.Context, lang cpq.Lang) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		return tx.Settings().Set(ctx, SettingLang, string(lang))
	})
}

// SwitchUser makes the profile id the one the app runs as, and records who switched to whom.
func (s *Service) SwitchUser(ctx context.Context, from Actor, id string) (*cpq.User, error) {
	var u *cpq.User
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if u, err = tx.Users().Get(ctx, id); err != nil {
			return err
		}
		if !u.Active {
			return cpq.Errorf(cpq.EConflict, "user.inactive", "name", u.Name)
		}
		if err := tx.Settings().Set(ctx, SettingUser, u.ID); err != nil {
			return err
		}
		return record(ctx, tx, Actor{UserID: u.ID, Role: u.Role}, "session.switched", "user", u.ID,
			map[string]any{"from": from.UserID})
	})
	return u, err
}
