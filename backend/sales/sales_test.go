package sales_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

func open(t *testing.T) (*sales.Service, *sqlite.DB, sales.Actor) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rep := &cpq.User{Name: "佐藤 健", Role: cpq.RoleRep, Active: true}
	gone := &cpq.User{ID: "usr_gone", Name: "Left", Role: cpq.RoleRep, Active: false}
	err = db.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Users().Create(ctx, rep); err != nil {
			return err
		}
		return tx.Users().Create(ctx, gone)
	})
	if err != nil {
		t.Fatal(err)
	}
	fixed := time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC)
	return sales.New(db, func() time.Time { return fixed }), db, sales.Actor{UserID: rep.ID, Role: rep.Role}
}

func TestCreateAccountCleansInput(t *testing.T) {
	s, _, rep := open(t)
	ctx := context.Background()
	a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: "  ｸﾞﾛｰﾊﾞﾙ商事  ", Phone: "０３－５５５５－０１００",
		Email: "ｉｎｆｏ＠example.jp", Region: "東京", Industry: "media"}
	if err := s.CreateAccount(ctx, rep, a); err != nil {
		t.Fatal(err)
	}
	if a.Name != "グローバル商事" || a.Phone != "03-5555-0100" || a.Email != "info@example.jp" || a.Region != "Tokyo" {
		t.Errorf("cleaned = %q %q %q %q", a.Name, a.Phone, a.Email, a.Region)
	}
	if a.OwnerID != rep.UserID || a.Credit.Status != cpq.CreditUnchecked || a.Number == "" {
		t.Errorf("owner %q credit %q number %q", a.OwnerID, a.Credit.Status, a.Number)
	}
	h, _ := s.History(ctx, "account", a.ID)
	if len(h) != 1 || h[0].Action != "account.created" || h[0].ActorID != rep.UserID || !strings.Contains(string(h[0].Data), "グローバル商事") {
		t.Errorf("history = %+v", h)
	}
	// A consumer keeps no company fields.
	c := &cpq.Account{Segment: cpq.SegmentConsumer, Name: "山田 太郎", Industry: "media", Employees: 5, RegistrationNumber: "123"}
	if err := s.CreateAccount(ctx, rep, c); err != nil {
		t.Fatal(err)
	}
	if c.Industry != "" || c.Employees != 0 || c.RegistrationNumber != "" {
		t.Errorf("consumer kept company fields: %+v", c)
	}
}

func TestUpdateAccountKeepsNumberOwnerAndCredit(t *testing.T) {
	s, db, rep := open(t)
	ctx := context.Background()
	a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: "みどり物流"}
	s.CreateAccount(ctx, rep, a)
	db.Update(ctx, func(tx cpq.Tx) error {
		x, _ := tx.Accounts().Get(ctx, a.ID)
		x.Credit = cpq.CreditCheck{Status: cpq.CreditApproved, Rating: "A"}
		return tx.Accounts().Update(ctx, x)
	})
	edit := &cpq.Account{ID: a.ID, Segment: cpq.SegmentBusiness, Name: "みどり物流株式会社", Number: "HACKED", OwnerID: "usr_gone",
		Credit: cpq.CreditCheck{Status: cpq.CreditDeclined}}
	if err := s.UpdateAccount(ctx, rep, edit); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Account(ctx, a.ID)
	if d.Account.Name != "みどり物流株式会社" || d.Account.Number != a.Number || d.Account.OwnerID != rep.UserID || d.Account.Credit.Status != cpq.CreditApproved {
		t.Errorf("after update: %+v", d.Account)
	}
	h, _ := s.History(ctx, "account", a.ID)
	if len(h) != 2 || !strings.Contains(string(h[1].Data), `"name":["みどり物流","みどり物流株式会社"]`) {
		t.Errorf("update history = %s", h[len(h)-1].Data)
	}
	// A refused update changes nothing and writes no history.
	if err := s.UpdateAccount(ctx, rep, &cpq.Account{ID: a.ID, Segment: cpq.SegmentBusiness, Name: ""}); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Fatalf("empty name: %v", err)
	}
	if h2, _ := s.History(ctx, "account", a.ID); len(h2) != 2 {
		t.Errorf("a refused update wrote history: %d entries", len(h2))
	}
}

func TestContactsAndSites(t *testing.T) {
	s, _, rep := open(t)
	ctx := context.Background()
	a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: "北斗"}
	s.CreateAccount(ctx, rep, a)
	for _, name := range []string{"田中", "山本"} {
		if err := s.AddContact(ctx, rep, &cpq.Contact{AccountID: a.ID, LastName: name, Primary: true}); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := s.Account(ctx, a.ID)
	primaries := 0
	for _, c := range d.Contacts {
		if c.Primary {
			primaries++
		}
	}
	if primaries != 1 {
		t.Errorf("%d primary contacts, want 1", primaries)
	}
	site := &cpq.Site{AccountID: a.ID, Name: "札幌", PostalCode: "０６０－０００１", Region: "北海道", Country: "jp"}
	if err := s.AddSite(ctx, rep, site); err != nil {
		t.Fatal(err)
	}
	if site.PostalCode != "060-0001" || site.Region != "Hokkaido" || site.Country != "JP" {
		t.Errorf("site = %+v", site)
	}
	err := s.AddSite(ctx, rep, &cpq.Site{AccountID: a.ID, Name: "x", PostalCode: "100-0001", Region: "Kanto", Country: "JP"})
	if err == nil || !strings.Contains(err.Error(), "“Kanto” is not a prefecture of Japan") {
		t.Errorf("a region that is not a prefecture: %v", err)
	}
	err = s.AddSite(ctx, rep, &cpq.Site{AccountID: a.ID, Name: "x", PostalCode: "1", Region: "x", Country: "ZZ"})
	if err == nil || !strings.Contains(err.Error(), "“ZZ” is not a country code") {
		t.Errorf("country ZZ: %v", err)
	}
}

func TestSwitchUser(t *testing.T) {
	s, _, rep := open(t)
	ctx := context.Background()
	if _, err := s.SwitchUser(ctx, rep, "usr_gone"); cpq.ErrorCode(err) != cpq.EConflict || !strings.Contains(err.Error(), "Left") {
		t.Errorf("switch to an inactive profile: %v", err)
	}
	if _, err := s.SwitchUser(ctx, rep, "usr_nobody"); cpq.ErrorCode(err) != cpq.ENotFound {
		t.Errorf("switch to a missing profile: %v", err)
	}
	u, err := s.SwitchUser(ctx, rep, rep.UserID)
	if err != nil || u.ID != rep.UserID {
		t.Fatalf("switch: %v", err)
	}
	if v, ok, _ := s.Setting(ctx, sales.SettingUser); !ok || v != rep.UserID {
		t.Errorf("remembered profile = %q", v)
	}
}
