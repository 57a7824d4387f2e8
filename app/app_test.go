package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quotewright/app"
	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// recorder is a Runtime that remembers the events the services emit.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) Emit(event string, data ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event)
}

func (r *recorder) count(event string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e == event {
			n++
		}
	}
	return n
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// openDemo opens a demo database at path and the services over it.
func openDemo(t *testing.T, path string) (*app.Services, *recorder, func()) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if seeded, _ := demo.IsSeeded(ctx, db); !seeded {
		if err := demo.Seed(ctx, db, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	rt := &recorder{}
	svc, err := app.New(ctx, sales.New(db, nil), rt, app.Info{Version: "test", Mode: "browser", DBPath: path, Schema: 1}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	svc.Store = db // as main wires it: StartBackground runs the order sync over it
	return svc, rt, func() { db.Close() }
}

func TestSessionRemembersLanguageAndProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qw.db")
	svc, rt, closeDB := openDemo(t, path)
	info, err := svc.Session.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Lang != "en" || info.User == nil || info.User.Name != "佐藤 健" || len(info.Users) != 7 {
		t.Fatalf("first start: %+v, want English as the rep 佐藤 健 with 7 profiles", info)
	}
	if _, err := svc.Session.SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	var manager string
	for _, u := range info.Users {
		if u.Role == "manager" {
			manager = u.ID
		}
	}
	if _, err := svc.Session.SwitchUser(manager); err != nil {
		t.Fatal(err)
	}
	if got := rt.count(app.EventSessionChanged); got != 2 {
		t.Errorf("session:changed emitted %d times, want 2", got)
	}
	if _, err := svc.Session.SetLanguage("fr"); cpq.ErrorCode(err) != cpq.EInvalid {
		t.Errorf("French: %v, want invalid", err)
	}
	closeDB()

	// The next start comes back in Japanese as the manager.
	svc, _, closeDB = openDemo(t, path)
	defer closeDB()
	info, _ = svc.Session.Info()
	if info.Lang != "ja" || info.User.ID != manager {
		t.Errorf("after restart: lang %s user %+v, want ja as the manager", info.Lang, info.User)
	}
}

func TestErrorsReachTheUIInItsLanguage(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	_, err := svc.Accounts.Create(app.AccountInput{Segment: "business", Email: "nope"})
	if err == nil {
		t.Fatal("an account without a name was created")
	}
	dto := svc.FormatError(err).(app.ErrorDTO)
	if dto.Code != "invalid" || dto.Message != "The account cannot be saved:" || len(dto.Fields) != 2 {
		t.Errorf("English error = %+v", dto)
	}
	svc.Session.SetLanguage("ja")
	dto = svc.FormatError(err).(app.ErrorDTO)
	if dto.Message != "取引先を保存できません：" || dto.Fields[0].Field != "name" || dto.Fields[0].Message != "取引先名を入力してください。" {
		t.Errorf("Japanese error = %+v", dto)
	}
	// An unexpected failure shows a generic message, never its cause.
	dto = svc.FormatError(errors.New("sqlite: disk I/O error at /secret/path")).(app.ErrorDTO)
	if dto.Code != "internal" || dto.Message == "" || strings.Contains(dto.Message, "/secret/path") {
		t.Errorf("internal error = %+v", dto)
	}
}

func TestAccountLifecycle(t *testing.T) {
	svc, rt, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	d, err := svc.Accounts.Create(app.AccountInput{Segment: "business", Name: "  さくらカフェ株式会社 ", Region: "Tokyo", Industry: "hospitality"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Account.Name != "さくらカフェ株式会社" || d.Account.Number == "" || d.Account.Credit.Status != "unchecked" || d.Owner == nil {
		t.Errorf("created = %+v", d.Account)
	}
	d, err = svc.Accounts.AddSite(app.SiteInput{AccountID: d.Account.ID, Name: "渋谷店", PostalCode: "1500002", Region: "Tokyo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sites) != 1 || d.Sites[0].PostalCode != "150-0002" || d.Sites[0].Country != "JP" {
		t.Errorf("sites = %+v", d.Sites)
	}
	d, err = svc.Accounts.AddContact(app.ContactInput{AccountID: d.Account.ID, LastName: "森", FirstName: "美穂", Primary: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err = svc.Accounts.AddContact(app.ContactInput{AccountID: d.Account.ID, LastName: "Smith", FirstName: "Anna", Primary: true})
	if err != nil {
		t.Fatal(err)
	}
	primaries := 0
	for _, c := range d.Contacts {
		if c.Primary {
			primaries++
			if c.FullName != "Anna Smith" {
				t.Errorf("primary contact = %s, want the newest primary", c.FullName)
			}
		}
	}
	if primaries != 1 {
		t.Errorf("%d primary contacts, want 1", primaries)
	}
	in := app.AccountInput{ID: d.Account.ID, Segment: "business", Name: "さくらカフェ", Region: "Tokyo", Employees: 12}
	if d, err = svc.Accounts.Update(in); err != nil {
		t.Fatal(err)
	}
	if d.Account.Name != "さくらカフェ" || d.Account.Employees != 12 {
		t.Errorf("updated = %+v", d.Account)
	}
	actions := []string{}
	for _, h := range d.History {
		actions = append(actions, h.Action)
		if h.ActorName == "" {
			t.Errorf("history entry %s has no actor", h.Action)
		}
	}
	want := []string{"account.created", "site.created", "contact.created", "contact.created", "account.updated"}
	if len(actions) != len(want) {
		t.Fatalf("history = %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("history[%d] = %s, want %s", i, actions[i], want[i])
		}
	}
	if got := rt.count(app.EventAccountsChanged); got != 5 {
		t.Errorf("accounts:changed emitted %d times, want 5", got)
	}
	if _, err := svc.Accounts.AddSite(app.SiteInput{AccountID: "acc_gone", Name: "x", PostalCode: "100-0001", Region: "Tokyo"}); cpq.ErrorCode(err) != cpq.ENotFound {
		t.Errorf("site on a missing account: %v, want not found", err)
	}
	page, _ := svc.Accounts.List(app.AccountQuery{Query: "さくらカフェ"})
	if page.Total != 1 {
		t.Errorf("search さくらカフェ: %d results", page.Total)
	}
	audit, _ := svc.Session.VerifyAudit()
	if !audit.Intact || audit.Count < 6 {
		t.Errorf("audit = %+v", audit)
	}
}

func TestCatalogDetail(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	page, err := svc.Catalog.Search(app.ProductQuery{Query: "FIBRE-HOME"})
	if err != nil || page.Total != 1 {
		t.Fatalf("search: %v %+v", err, page)
	}
	d, err := svc.Catalog.Get(page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Attributes) != 2 || len(d.PriceLists) != 2 || len(d.Promotions) != 1 || len(d.PartOf) != 1 {
		t.Fatalf("detail: %d attributes, %d price lists, %d promotions, part of %d", len(d.Attributes), len(d.PriceLists), len(d.Promotions), len(d.PartOf))
	}
	var jpy *app.PriceListPrices
	for i := range d.PriceLists {
		if d.PriceLists[i].Currency.Code == "JPY" {
			jpy = &d.PriceLists[i]
		}
	}
	if jpy == nil || jpy.Currency.MinorUnits != 0 {
		t.Fatalf("JPY list = %+v", jpy)
	}
	found := false
	for _, p := range jpy.Prices {
		if p.Attribute == "speed" && p.AttributeValue == "10G" {
			found = true
			if p.Amount != "2200" || p.Condition.EN != "Speed: 10 Gbps" || p.Condition.JA != "通信速度：10Gbps" {
				t.Errorf("10G adjustment = %+v", p)
			}
		}
	}
	if !found {
		t.Error("no 10 Gbps adjustment in the JPY list")
	}
	if _, err := svc.Catalog.Get("prd_nope"); cpq.ErrorCode(err) != cpq.ENotFound {
		t.Errorf("missing product: %v", err)
	}
}
