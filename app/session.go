package app

import (
	"sync"

	"quotewright/backend/cpq"
)

// SessionService is the app's own state: language, signed-in profile, the database it runs on.
type SessionService struct {
	s *Services
	// change serializes changes of language and profile, so that what is remembered in the database and
	// what the app holds in memory cannot disagree when two windows change them at once.
	change sync.Mutex
}

// Info returns what the frontend needs at start.
func (svc *SessionService) Info() (SessionInfo, error) {
	s := svc.s
	if s.info.StartupError != nil {
		return SessionInfo{}, s.info.StartupError
	}
	users, err := s.sales.Users(s.ctx)
	if err != nil {
		return SessionInfo{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	info := SessionInfo{Version: s.info.Version, Mode: s.info.Mode, DBPath: s.info.DBPath, Schema: s.info.Schema,
		Lang: string(s.lang), Users: make([]UserDTO, 0, len(users))}
	if s.user != nil {
		u := userDTO(s.user)
		info.User = &u
		if p, err := s.sales.ApprovalPolicy(s.ctx); err == nil {
			for _, a := range p.Authorities {
				if a.Role == s.user.Role {
					info.Authority = &AuthorityDTO{Role: string(a.Role), MaxDiscountPct: a.MaxDiscountPct.String(),
						MinMarginPct: a.MinMarginPct.String()}
				}
			}
		}
	}
	for _, u := range users {
		if u.Active {
			info.Users = append(info.Users, userDTO(u))
		}
	}
	return info, nil
}

// SetLanguage switches the UI language ("en" or "ja") and remembers it for the next start.
func (svc *SessionService) SetLanguage(lang string) (SessionInfo, error) {
	svc.change.Lock()
	defer svc.change.Unlock()
	s := svc.s
	l, err := cpq.ParseLang(lang)
	if err != nil {
		return SessionInfo{}, err
	}
	if err := s.sales.SetLanguage(s.ctx, l); err != nil {
		return SessionInfo{}, err
	}
	s.mu.Lock()
	s.lang = l
	s.mu.Unlock()
	return svc.changed()
}

// SwitchUser makes another local profile the signed-in user.
func (svc *SessionService) SwitchUser(userID string) (SessionInfo, error) {
	svc.change.Lock()
	defer svc.change.Unlock()
	s := svc.s
	from, _ := s.actor()
	u, err := s.sales.SwitchUser(s.ctx, from, userID)
	if err != nil {
		return SessionInfo{}, err
	}
	s.mu.Lock()
	s.user = u
	s.mu.Unlock()
	return svc.changed()
}

// changed tells every window about the new session state and returns it.
func (svc *SessionService) changed() (SessionInfo, error) {
	info, err := svc.Info()
	if err != nil {
		return info, err
	}
	svc.s.rt.Emit(EventSessionChanged, info)
	return info, nil
}

// VerifyAudit recomputes the audit log's hash chain and says whether it is intact.
func (svc *SessionService) VerifyAudit() (AuditStatus, error) {
	r, err := svc.s.sales.VerifyAudit(svc.s.ctx)
	if err != nil {
		return AuditStatus{}, err
	}
	return AuditStatus{Intact: r.Intact, Count: r.Count, BrokenAt: r.BrokenAt, Problem: r.Problem, Head: r.Head}, nil
}

// Ready is called by the frontend once its first screen shows data; the log line tells how long the start
// took and lets the desktop smoke test know the window shows the app, not an error.
func (svc *SessionService) Ready(screen string, items int) {
	svc.s.log.Info("ui ready", "screen", screen, "items", items, "mode", svc.s.info.Mode)
}
