package app

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/secrets"
)

// Events of the order sync.
const (
	// EventSyncProgress reports a run as it goes, at most every progressEvery; data: SyncProgressDTO.
	EventSyncProgress = "sync:progress"
	// EventSyncChanged says the queue or the orders in flight changed; the sync page reads them again.
	EventSyncChanged = "sync:changed"
)

// SecretOrderEndpoint names the endpoint's token or client secret in the secret store.
const SecretOrderEndpoint = "om.endpoint.secret"

// syncPollEvery is how often the orders in flight are asked about when nothing else wakes the sync.
const syncPollEvery = 15 * time.Second

// SyncService is the sync page: the queue, the last error, "sync now", and where orders are sent.
type SyncService struct{ s *Services }

// SyncStatusDTO is the queue and the orders in flight at a glance.
type SyncStatusDTO struct {
	Endpoint  string `json:"endpoint"`
	Queued    int    `json:"queued"`
	Retrying  int    `json:"retrying"`
	NextTry   string `json:"nextTry"`
	LastError string `json:"lastError"`
	LastOrder string `json:"lastOrder"`
	InFlight  int    `json:"inFlight"`
	Fallout   int    `json:"fallout"`
	Stuck     int    `json:"stuck"`
	Running   bool   `json:"running"`
	LastRun   string `json:"lastRun"`
	// ConfigError says why no request can be sent at all (no secret, a bad URL).
	ConfigError string `json:"configError"`
}

// SyncProgressDTO is a run's progress.
type SyncProgressDTO struct {
	Phase  string `json:"phase"`
	Done   int    `json:"done"`
	Failed int    `json:"failed"`
	Total  int    `json:"total"`
	Ended  bool   `json:"ended"`
}

// EndpointDTO is where orders are sent, as the settings show it: the secret itself never leaves the backend.
type EndpointDTO struct {
	URL           string `json:"url"`
	Auth          string `json:"auth"`
	TokenURL      string `json:"tokenUrl"`
	ClientID      string `json:"clientId"`
	Scope         string `json:"scope"`
	SkipTLSVerify bool   `json:"skipTlsVerify"`
	HasSecret     bool   `json:"hasSecret"`
	SecretWhere   string `json:"secretWhere"` // "keyring" or "file"
	CanEdit       bool   `json:"canEdit"`
}

// syncer runs the worker in the background and remembers how its last run went.
type syncer struct {
	mu       sync.Mutex
	worker   *omsync.Worker
	listener *omsync.Listener
	// client is kept while the settings and the secret stay the same: its connections and its OAuth2 token
	// are reused from one run to the next.
	client    *omsync.Client
	clientKey string
	running   bool
	lastRun   time.Time
	last      omsync.Report
}

// startSync runs the order sync until ctx ends.
func (s *Services) startSync(ctx context.Context) {
	var lastEmit time.Time
	w := &omsync.Worker{Store: s.Store, Client: s.syncClient}
	w.Progress = func(p omsync.Progress) {
		// Throttled: the last event of a run always goes, as "ended" from runSync.
		if time.Since(lastEmit) < progressEvery {
			return
		}
		lastEmit = time.Now()
		s.rt.Emit(EventSyncProgress, SyncProgressDTO{Phase: p.Phase, Done: p.Done, Failed: p.Failed, Total: p.Total})
	}
	s.sync.worker = w
	// Notifications from the endpoint's hub wake the sync, so a state change shows at once; without them the
	// orders in flight are polled every syncPollEvery.
	s.sync.listener = &omsync.Listener{Wake: s.wakeSync}
	if err := s.sync.listener.Start(); err != nil {
		s.log.Warn("order notifications cannot be received; orders are polled", "err", err)
		s.sync.listener = nil
	}
	go func() {
		defer func() {
			if s.sync.listener != nil {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				s.sync.listener.Stop(ctx)
			}
		}()
		for {
			s.runSync(ctx)
			t := time.NewTimer(s.nextSync(ctx))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-s.syncWake:
			case <-t.C:
			}
			t.Stop()
		}
	}()
}

// nextSync is how long to wait before the next run: until the next entry is due, at most syncPollEvery.
func (s *Services) nextSync(ctx context.Context) time.Duration {
	st, err := s.sales.SyncStats(ctx)
	if err != nil || st.NextAt.IsZero() {
		return syncPollEvery
	}
	return min(syncPollEvery, max(time.Until(st.NextAt), 100*time.Millisecond))
}

// runSync sends what is due and polls the orders in flight, then tells the pages what changed.
func (s *Services) runSync(ctx context.Context) {
	w := s.sync.worker
	s.sync.mu.Lock()
	s.sync.running = true
	s.sync.mu.Unlock()

	if c, err := s.syncClient(ctx); err == nil && s.sync.listener != nil && loopback(c.Base()) {
		// Only an endpoint on this computer can call the listener back on 127.0.0.1.
		if err := s.sync.listener.Follow(ctx, c); err != nil {
			s.log.Debug("the endpoint's hub is not reachable; orders are polled", "err", err)
		}
	}
	sent, err := w.Sync(ctx)
	polled, perr := w.Poll(ctx)
	s.sync.mu.Lock()
	s.sync.running, s.sync.lastRun = false, time.Now()
	s.sync.last = sent
	if sent.LastError == "" {
		s.sync.last.LastError = polled.LastError
	}
	s.sync.mu.Unlock()
	if err != nil && ctx.Err() == nil {
		s.log.Warn("order sync", "err", err)
	}
	if perr != nil && ctx.Err() == nil {
		s.log.Warn("order poll", "err", perr)
	}
	s.rt.Emit(EventSyncProgress, SyncProgressDTO{Phase: "send", Done: sent.Sent + sent.Rejected + sent.Retrying,
		Failed: sent.Retrying, Total: sent.Sent + sent.Rejected + sent.Retrying, Ended: true})
	if sent.Sent+sent.Rejected+sent.Retrying+polled.Changed > 0 {
		s.rt.Emit(EventOrderChanged, "")
		s.rt.Emit(EventSyncChanged, "")
		s.rt.Emit(EventAccountsChanged, "")
	}
}

// loopback reports whether a URL's host is this computer.
func loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback())
}

// wakeSync asks the background sync to run now.
func (s *Services) wakeSync() {
	select {
	case s.syncWake <- struct{}{}:
	default:
	}
}

// syncClient is a client for the endpoint the settings name, with its secret from the secret store.
func (s *Services) syncClient(ctx context.Context) (*omsync.Client, error) {
	ep, err := s.sales.OrderEndpoint(ctx)
	if err != nil {
		return nil, err
	}
	if ep.Auth != omsync.AuthNone && ep.Auth != "" {
		v, _, err := s.secretStore().Get(SecretOrderEndpoint)
		if err != nil {
			return nil, err
		}
		if v == "" {
			return nil, cpq.Errorf(cpq.EConflict, "om.endpoint.secret", "what", secretName(ep.Auth, s.Lang()))
		}
		ep.Secret = v
	}
	key := fmt.Sprintf("%+v", ep)
	s.sync.mu.Lock()
	defer s.sync.mu.Unlock()
	if s.sync.client != nil && s.sync.clientKey == key {
		return s.sync.client, nil
	}
	c, err := omsync.NewClient(ep)
	if err != nil {
		return nil, cpq.Errorf(cpq.EInvalid, "om.endpoint.url", "value", ep.URL)
	}
	if s.sync.client != nil {
		s.sync.client.Close()
	}
	s.sync.client, s.sync.clientKey = c, key
	return c, nil
}

func secretName(a omsync.AuthKind, lang cpq.Lang) string {
	if a == omsync.AuthOAuth2 {
		return map[cpq.Lang]string{cpq.LangEN: "OAuth2 client secret", cpq.LangJA: "OAuth2 クライアントシークレット"}[lang]
	}
	return map[cpq.Lang]string{cpq.LangEN: "bearer token", cpq.LangJA: "Bearer トークン"}[lang]
}

// Status is the queue, the orders in flight and how the last run went.
func (svc *SyncService) Status() (SyncStatusDTO, error) {
	s := svc.s
	st, err := s.sales.SyncStats(s.ctx)
	if err != nil {
		return SyncStatusDTO{}, err
	}
	ep, err := s.sales.OrderEndpoint(s.ctx)
	if err != nil {
		return SyncStatusDTO{}, err
	}
	d := SyncStatusDTO{Endpoint: ep.URL, Queued: st.Queued, Retrying: st.Retrying, LastError: st.LastError,
		LastOrder: st.LastOrder, InFlight: st.InFlight, Fallout: st.Fallout, Stuck: st.Stuck}
	if !st.NextAt.IsZero() && !st.NextAt.Equal(omsync.Parked) {
		d.NextTry = instant(st.NextAt)
	}
	if _, err := s.syncClient(s.ctx); err != nil {
		d.ConfigError = errorMessage(err, s.Lang())
	}
	s.sync.mu.Lock()
	d.Running, d.LastRun = s.sync.running, instant(s.sync.lastRun)
	if d.LastError == "" {
		d.LastError = s.sync.last.LastError
	}
	s.sync.mu.Unlock()
	return d, nil
}

// Now runs the sync at once, in the background; progress comes as events.
func (svc *SyncService) Now() error {
	if svc.s.sync.worker == nil {
		return cpq.Errorf(cpq.EConflict, "sync.notRunning")
	}
	svc.s.wakeSync()
	return nil
}

// Endpoint returns where orders are sent.
func (svc *SyncService) Endpoint() (EndpointDTO, error) {
	s := svc.s
	ep, err := s.sales.OrderEndpoint(s.ctx)
	if err != nil {
		return EndpointDTO{}, err
	}
	d := EndpointDTO{URL: ep.URL, Auth: string(ep.Auth), TokenURL: ep.TokenURL, ClientID: ep.ClientID, Scope: ep.Scope,
		SkipTLSVerify: ep.SkipTLSVerify}
	if v, where, err := s.secretStore().Get(SecretOrderEndpoint); err == nil && v != "" {
		d.HasSecret, d.SecretWhere = true, string(where)
	}
	if u := s.currentUser(); u != nil {
		d.CanEdit = cpq.RoleRank(u.Role) >= cpq.RoleRank(cpq.RoleDirector)
	}
	return d, nil
}

// SaveEndpoint changes where orders are sent. Secret replaces the stored token or client secret when it is
// not empty; an endpoint without authentication forgets it.
func (svc *SyncService) SaveEndpoint(in EndpointDTO, secret string) (EndpointDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return EndpointDTO{}, err
	}
	ep := omsync.Endpoint{URL: in.URL, Auth: omsync.AuthKind(in.Auth), TokenURL: in.TokenURL, ClientID: in.ClientID,
		Scope: in.Scope, SkipTLSVerify: in.SkipTLSVerify}
	if ep.Auth != omsync.AuthNone && secret == "" {
		if v, _, _ := s.secretStore().Get(SecretOrderEndpoint); v == "" {
			return EndpointDTO{}, cpq.Errorf(cpq.EInvalid, "om.endpoint.secret", "what", secretName(ep.Auth, s.Lang()))
		}
		// The saved secret goes only where it went before: a new host (or token URL) must be given it again.
		old, err := s.sales.OrderEndpoint(s.ctx)
		if err != nil {
			return EndpointDTO{}, err
		}
		if host(old.URL) != host(ep.URL) || host(old.TokenURL) != host(ep.TokenURL) || old.Auth != ep.Auth {
			return EndpointDTO{}, cpq.Errorf(cpq.EInvalid, "om.endpoint.secretAgain", "what", secretName(ep.Auth, s.Lang()))
		}
	}
	if err := s.sales.SetOrderEndpoint(s.ctx, actor, ep); err != nil {
		return EndpointDTO{}, err
	}
	switch {
	case ep.Auth == omsync.AuthNone:
		_, err = s.secretStore().Set(SecretOrderEndpoint, "")
	case secret != "":
		_, err = s.secretStore().Set(SecretOrderEndpoint, secret)
	}
	if err != nil {
		return EndpointDTO{}, err
	}
	s.wakeSync()
	s.rt.Emit(EventSyncChanged, "")
	return svc.Endpoint()
}

// host is a URL's host and port, "" when it has none.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// secretStore is the secret store: the one main gave, else the keys folder beside the database.
func (s *Services) secretStore() *secrets.Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Secrets == nil {
		s.Secrets = secrets.New(filepath.Join(filepath.Dir(s.info.DBPath), "keys"))
	}
	return s.Secrets
}

// TestEndpoint asks the endpoint for one order, to check the address and the credentials.
func (svc *SyncService) TestEndpoint() (string, error) {
	s := svc.s
	c, err := s.syncClient(s.ctx)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(s.ctx, 15*time.Second)
	defer cancel()
	if _, err := c.FindByExternalID(ctx, "quotewright-connection-test"); err != nil {
		return "", cpq.Errorf(cpq.EConflict, "sync.test.failed", "error", err.Error())
	}
	return cpq.Message(s.Lang(), "sync.test.ok", map[string]string{"url": c.Base()}), nil
}
