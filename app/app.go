// Package app holds the services the frontend calls: in the desktop window through Wails bindings, in browser
// mode through the same methods over HTTP. They are thin: they turn requests into use cases of backend/sales,
// results into DTOs, and changes into events. Business rules live in the backend.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/secrets"
)

// Runtime is the part of the Wails runtime the services use. The desktop passes Wails' own runtime, browser
// mode one that sends events to the page over server-sent events, and tests a recorder: the services never
// need a window.
type Runtime interface {
	// Emit sends an event to every open window or page.
	Emit(event string, data ...any)
}

// Events the services emit.
const (
	EventSessionChanged  = "session:changed"  // data: SessionInfo
	EventAccountsChanged = "accounts:changed" // data: the account id
)

// Info describes the running app.
type Info struct {
	Version string
	Mode    string // "desktop" or "browser"
	DBPath  string
	Schema  int
	// StartupError is why the app could not open its database. The window still opens, to say so: a desktop
	// app started from a launcher has no terminal to print to.
	StartupError error
}

// Services are the bound services and the session state they share.
type Services struct {
	Session       *SessionService
	Accounts      *AccountService
	Catalog       *CatalogService
	Quotes        *QuoteService
	Settings      *SettingsService
	Leads         *LeadService
	Opportunities *OpportunityService
	Approvals     *ApprovalService
	Contracts     *ContractService
	Documents     *DocumentService
	Orders        *OrderService
	Sync          *SyncService

	// Keys is the company's signing certificate on this computer; nil where nothing is signed.
	Keys *keystore.Store
	// Secrets keeps the order-management endpoint's credentials; beside the database when nil.
	Secrets *secrets.Store
	// Store is the database the order sync works through; without it orders are queued but not sent.
	Store cpq.Store

	ctx   context.Context
	sales *sales.Service
	rt    Runtime
	info  Info
	log   *slog.Logger

	downloads downloads
	sync      syncer
	syncWake  chan struct{}

	mu   sync.RWMutex
	lang cpq.Lang
	user *cpq.User
}

// New creates the services over the use cases. It restores the language and the profile of the last run;
// with none remembered it starts in English as the first account executive.
func New(ctx context.Context, uc *sales.Service, rt Runtime, info Info, log *slog.Logger) (*Services, error) {
	s := &Services{ctx: ctx, sales: uc, rt: rt, info: info, log: log, lang: cpq.LangEN, syncWake: make(chan struct{}, 1)}
	s.Session = &SessionService{s: s}
	s.Accounts = &AccountService{s}
	s.Catalog = &CatalogService{s}
	s.Quotes = &QuoteService{s: s}
	s.Settings = &SettingsService{s}
	s.Leads = &LeadService{s}
	s.Opportunities = &OpportunityService{s}
	s.Approvals = &ApprovalService{s}
	s.Contracts = &ContractService{s}
	s.Documents = &DocumentService{s: s}
	s.Orders = &OrderService{s}
	s.Sync = &SyncService{s}
	if uc == nil {
		return s, nil // binding generation, or a start that failed: only Info answers, with the failure
	}
	if v, ok, err := uc.Setting(ctx, sales.SettingLang); err != nil {
		return nil, err
	} else if ok {
		if l, err := cpq.ParseLang(v); err == nil {
			s.lang = l
		}
	}
	users, err := uc.Users(ctx)
	if err != nil {
		return nil, err
	}
	id, _, err := uc.Setting(ctx, sales.SettingUser)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.ID == id && u.Active {
			s.user = u
		}
	}
	for _, u := range users {
		if s.user == nil && u.Active && u.Role == cpq.RoleRep {
			s.user = u
		}
	}
	return s, nil
}

// StartBackground runs the app's housekeeping until ctx ends: quotes past their validity are expired at
// start and hourly, and credit checks left pending by an unreachable provider are retried when due.
func (s *Services) StartBackground(ctx context.Context) {
	if s.sales == nil {
		return
	}
	if s.Store != nil {
		s.startSync(ctx)
	}
	go func() {
		retry := time.NewTicker(30 * time.Second)
		expire := time.NewTicker(time.Hour)
		defer retry.Stop()
		defer expire.Stop()
		s.expireQuotes(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case <-retry.C:
				if n, err := s.sales.RetryCredit(ctx); err != nil {
					s.log.Warn("credit retry failed", "err", err)
				} else if n > 0 {
					s.rt.Emit(EventAccountsChanged, "")
				}
			case <-expire.C:
				s.expireQuotes(ctx)
			}
		}
	}()
}

func (s *Services) expireQuotes(ctx context.Context) {
	if n, err := s.sales.ExpireQuotes(ctx); err != nil {
		s.log.Warn("expiring quotes failed", "err", err)
	} else if n > 0 {
		s.log.Info("quotes expired", "count", n)
		s.rt.Emit(EventQuoteChanged, "")
	}
}

// Bind lists the services to bind, for Wails and for browser mode alike.
func (s *Services) Bind() []any {
	return []any{s.Session, s.Accounts, s.Catalog, s.Quotes, s.Settings, s.Leads, s.Opportunities, s.Approvals,
		s.Contracts, s.Documents, s.Orders, s.Sync}
}

// Lang is the current UI language.
func (s *Services) Lang() cpq.Lang {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lang
}

// currentUser is the signed-in profile, or nil.
func (s *Services) currentUser() *cpq.User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.user
}

// errorMessage is an error as the user reads it, in lang.
func errorMessage(err error, lang cpq.Lang) string {
	var e *cpq.Error
	if errors.As(err, &e) {
		return e.Message(lang)
	}
	return err.Error()
}

// actor is the signed-in profile performing a use case.
func (s *Services) actor() (sales.Actor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.user == nil {
		return sales.Actor{}, cpq.Errorf(cpq.EUnauthorized, "session.noUser")
	}
	return sales.Actor{UserID: s.user.ID, Role: s.user.Role}, nil
}

// ErrorDTO is what the frontend receives when a call fails: the message already in the user's language.
type ErrorDTO struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Fields  []FieldErrorDTO `json:"fields"`
}

// FieldErrorDTO is one field's problem, for marking the field in a form.
type FieldErrorDTO struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FormatError turns any error from a service into an ErrorDTO in the current language. An unexpected error is
// logged with its cause and shown as a generic message: internal details never reach the screen.
func (s *Services) FormatError(err error) any {
	lang := s.Lang()
	var e *cpq.Error
	if !errors.As(err, &e) {
		e = cpq.Internal(err)
	}
	if err == s.info.StartupError {
		// The language preference is in the database that could not be opened: say it in both.
		return ErrorDTO{Code: "startup", Message: e.Message(cpq.LangEN) + "\n\n" + e.Message(cpq.LangJA), Fields: []FieldErrorDTO{}}
	}
	if e.Code == cpq.EInternal {
		s.log.Error("service call failed", "err", err)
	}
	out := ErrorDTO{Code: string(e.Code), Message: cpq.Message(lang, e.Key, e.Args), Fields: []FieldErrorDTO{}}
	for _, f := range e.Fields {
		out.Fields = append(out.Fields, FieldErrorDTO{Field: f.Field, Message: cpq.Message(lang, f.Key, f.Args)})
	}
	return out
}

// userNames names the users by id, for lists and histories; a name that cannot be read is left blank.
func (s *Services) userNames() map[string]string {
	names := map[string]string{}
	if users, err := s.sales.Users(s.ctx); err == nil {
		for _, u := range users {
			names[u.ID] = u.Name
		}
	}
	return names
}

// history lists an object's audit entries with who did them.
func (s *Services) history(entity, id string, names map[string]string) ([]HistoryEntry, error) {
	events, err := s.sales.History(s.ctx, entity, id)
	if err != nil {
		return nil, err
	}
	out := []HistoryEntry{}
	for _, e := range events {
		out = append(out, HistoryEntry{Seq: e.Seq, At: instant(e.At), ActorName: names[e.ActorID], Action: e.Action, Data: string(e.Data)})
	}
	return out, nil
}
