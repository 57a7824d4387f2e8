// Package demo seeds a database with the demo scenario: a consumer's home internet bundle, a mid-size
// company's phones for all employees across five sites, and Global Media opening two new stores.
package demo

import (
	"context"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// SettingSeeded records that the demo data was loaded, and which version of it.
const SettingSeeded = "demo.seeded"

// Version of the demo data set; bump it when the data changes.
const Version = "2"

// IsSeeded reports whether the demo data (or any user data) is already there.
func IsSeeded(ctx context.Context, store cpq.Store) (bool, error) {
	var seeded bool
	err := store.View(ctx, func(tx cpq.Tx) error {
		if _, ok, err := tx.Settings().Get(ctx, SettingSeeded); err != nil || ok {
			seeded = ok
			return err
		}
		users, err := tx.Users().List(ctx)
		seeded = len(users) > 0
		return err
	})
	return seeded, err
}

// Seed loads the demo data in one transaction. today anchors the dates (close dates, validity).
func Seed(ctx context.Context, store cpq.Store, today time.Time) error {
	return store.Update(ctx, func(tx cpq.Tx) error {
		s := &seeder{ctx: ctx, tx: tx, today: today.UTC().Truncate(24 * time.Hour), products: map[string]*cpq.Product{}}
		for _, step := range []func() error{s.seedUsers, s.seedCatalog, s.seedPrices, s.seedPromotions, s.seedRules, s.seedAccounts, s.seedLeads, s.seedPipeline, s.seedClauses} {
			if err := step(); err != nil {
				return err
			}
		}
		if err := tx.Settings().Set(ctx, SettingSeeded, Version); err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]string{"version": Version})
		return tx.Audit().Append(ctx, &cpq.AuditEvent{Action: "demo.seeded", Entity: "database", EntityID: "demo", Data: data})
	})
}

type seeder struct {
	ctx      context.Context
	tx       cpq.Tx
	today    time.Time
	users    map[cpq.Role]*cpq.User
	products map[string]*cpq.Product // by code
	accounts map[string]*cpq.Account // by number
	jpy, usd *cpq.PriceList
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func text(en, ja string) cpq.Text { return cpq.Text{EN: en, JA: ja} }

func (s *seeder) seedUsers() error {
	s.users = map[cpq.Role]*cpq.User{}
	admin := &cpq.User{Name: "山本 翔太", Email: "shota.yamamoto@quotewright.example", Role: cpq.RoleAdmin, Region: "Kanto", Active: true}
	director := &cpq.User{Name: "高橋 誠", Email: "makoto.takahashi@quotewright.example", Role: cpq.RoleDirector,
		Region: "Kanto", Active: true}
	manager := &cpq.User{Name: "鈴木 美咲", Email: "misaki.suzuki@quotewright.example", Role: cpq.RoleManager,
		Region: "Kanto", Active: true}
	rep := &cpq.User{Name: "佐藤 健", Email: "ken.sato@quotewright.example", Role: cpq.RoleRep, Region: "Kanto", Active: true}
	// Two more reps make the lead assignment teams: Kanto takes turns between Sato and Ito, Kansai is Tanaka's.
	ito := &cpq.User{Name: "伊藤 翼", Email: "tsubasa.ito@quotewright.example", Role: cpq.RoleRep, Region: "Kanto", Active: true}
	tanaka := &cpq.User{Name: "田中 葵", Email: "aoi.tanaka@quotewright.example", Role: cpq.RoleRep, Region: "Kansai", Active: true}
	// The network engineer fills the SIM ICCIDs, line IDs and IP blocks orders need; he sells nothing.
	watanabe := &cpq.User{Name: "渡辺 大輔", Email: "daisuke.watanabe@quotewright.example", Role: cpq.RoleRep,
		Active: true, Technical: true}
	for _, u := range []*cpq.User{admin, director, manager, rep, ito, tanaka, watanabe} {
		switch u.Role {
		case cpq.RoleManager:
			u.ManagerID = director.ID
		case cpq.RoleRep:
			u.ManagerID = manager.ID
		}
		if err := s.tx.Users().Create(s.ctx, u); err != nil {
			return err
		}
		if s.users[u.Role] == nil {
			s.users[u.Role] = u
		}
	}
	rules := []*cpq.AssignmentRule{
		{Code: "KANSAI", Region: "Osaka", Team: []string{tanaka.ID}},
		{Code: "KANSAI-KYOTO", Region: "Kyoto", Team: []string{tanaka.ID}},
		{Code: "KANSAI-HYOGO", Region: "Hyogo", Team: []string{tanaka.ID}},
		{Code: "BUSINESS", Segment: cpq.SegmentBusiness, Team: []string{rep.ID, ito.ID}},
		{Code: "CONSUMER", Segment: cpq.SegmentConsumer, Team: []string{ito.ID, rep.ID}},
	}
	// The seller on every document.
	seller := cpq.Company{Name: text("Sakura Telecom K.K.", "さくらテレコム株式会社"),
		Address: text("3-4-1 Shibaura, Minato-ku, Tokyo 108-0023", "〒108-0023 東京都港区芝浦 3-4-1"),
		Phone:   "03-6400-1000", Email: "sales@sakura-telecom.example", RegistrationNumber: "T5011001099999"}
	if err := s.tx.Settings().Set(s.ctx, sales.SettingCompany, sales.CompanyJSON(seller)); err != nil {
		return err
	}
	// The app starts as Sato, the account executive the demo's quotes belong to.
	if err := s.tx.Settings().Set(s.ctx, sales.SettingUser, rep.ID); err != nil {
		return err
	}
	for i, r := range rules {
		r.Position, r.Active = i+1, true
		if err := s.tx.AssignmentRules().Create(s.ctx, r); err != nil {
			return err
		}
	}
	return nil
}
