package omsync_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/omserver"
	"quotewright/backend/omsync"
	"quotewright/backend/sqlite"
	"quotewright/backend/tmf"
	"quotewright/backend/tmf/tmfspec"
)

var today = time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC)

// openApp is the app's database with the demo data, at path.
func openApp(t testing.TB, path string, seed bool) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if seed {
		if err := demo.Seed(ctx, db, today); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// queue submits n one-item orders for a consumer of the demo data, as SubmitOrder writes them: each order
// and its outbox entry in the same transaction.
func queue(t testing.TB, db *sqlite.DB, n int) []string {
	t.Helper()
	ctx := context.Background()
	var ids []string
	err := db.Update(ctx, func(tx cpq.Tx) error {
		accounts, _, err := tx.Accounts().List(ctx, cpq.AccountFilter{Query: "山田"})
		if err != nil || len(accounts) == 0 {
			return fmt.Errorf("no demo consumer: %v", err)
		}
		a := accounts[0]
		sites, err := tx.Sites().ListByAccount(ctx, a.ID)
		if err != nil {
			return err
		}
		p, err := tx.Products().GetByCode(ctx, "FIBRE-HOME")
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			o := &cpq.Order{AccountID: a.ID, Segment: a.Segment, Status: cpq.OrderQueued, Sync: cpq.SyncQueued,
				Currency: "JPY", BillingAccount: "BA-" + a.Number, SubmittedAt: today, RequestedStart: today.AddDate(0, 0, 14),
				Sites: []cpq.OrderSite{{SiteID: sites[0].ID, RequestedStart: today.AddDate(0, 0, 14)}},
				Items: []cpq.OrderItem{{SiteID: sites[0].ID, ProductID: p.ID, Action: cpq.ActionAdd, Quantity: 1,
					Attributes: map[string]string{"speed": "1G"}, Technical: map[string]string{"line_id": "CAF" + fmt.Sprintf("%08d", i)},
					OneTime: decimal.NewFromInt(22000), Recurring: decimal.RequireFromString("5720")}}}
			if err := tx.Orders().Create(ctx, o); err != nil {
				return err
			}
			payload, err := omsync.Encode(omsync.Payload(omsync.Source{Order: o, Account: a,
				Products: map[string]*cpq.Product{p.ID: p}, Sites: map[string]*cpq.Site{sites[0].ID: sites[0]}}))
			if err != nil {
				return err
			}
			if err := tx.Outbox().Add(ctx, &cpq.OutboxEntry{OrderID: o.ID, Kind: cpq.OutboxCreate, Payload: payload}); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// omServer is the reference order-management server on 127.0.0.1.
type omServer struct {
	srv  *omserver.Server
	base string // the TMF622 base URL
}

func startOM(t testing.TB, path string) *omServer {
	t.Helper()
	srv, err := omserver.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv.Handler()}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return &omServer{srv: srv, base: "http://" + ln.Addr().String() + tmf.BasePath622}
}

// held pages through every order the server holds and lists, by externalId, the server's ids for it.
func (s *omServer) held(t testing.TB) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for offset := 0; ; offset += 1000 {
		res, err := http.Get(s.base + "productOrder?fields=externalId&limit=1000&offset=" + strconv.Itoa(offset))
		if err != nil {
			t.Fatal(err)
		}
		var page []tmf.ProductOrder
		err = json.NewDecoder(res.Body).Decode(&page)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			got[o.ExternalID] = append(got[o.ExternalID], o.ID)
		}
		if len(page) < 1000 {
			return got
		}
	}
}

// externalIDs counts the orders the server holds by externalId.
func (s *omServer) externalIDs(t testing.TB) map[string]int {
	t.Helper()
	n := map[string]int{}
	for ext, ids := range s.held(t) {
		n[ext] = len(ids)
	}
	return n
}

// faultyProxy stands between the app and the server and misbehaves on a share of the requests, in the ways
// networks do: it drops the connection before the request arrives, answers 503 without passing it on, holds
// the answer past the client's timeout, or passes the request on and then loses the answer.
type faultyProxy struct {
	target  *url.URL
	rng     *rand.Rand
	mu      sync.Mutex
	share   float64
	hold    time.Duration
	spec    *tmfspec.Spec
	invalid atomic.Value // the first POST body the specification refused
	faults  map[string]int
}

func (p *faultyProxy) fault() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rng.Float64() >= p.share {
		return ""
	}
	f := []string{"drop", "503", "slow", "lost"}[p.rng.IntN(4)]
	p.faults[f]++
	return f
}

func (p *faultyProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if p.spec != nil && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/productOrder") {
		if err := p.spec.Validate("ProductOrder_Create", body); err != nil {
			p.invalid.CompareAndSwap(nil, err.Error()+"\n"+string(body))
		}
	}
	f := p.fault()
	switch f {
	case "drop":
		hijackClose(w)
		return
	case "503":
		http.Error(w, `{"code":"503","reason":"Service Unavailable"}`, http.StatusServiceUnavailable)
		return
	}
	req, _ := http.NewRequest(r.Method, p.target.String()+r.URL.RequestURI(), strings.NewReader(string(body)))
	req.Header = r.Header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	answer, _ := httputil.DumpResponse(res, true)
	switch f {
	case "lost": // the server has stored the order; its answer never arrives
		hijackClose(w)
		return
	case "slow": // the answer comes after the client gave up
		time.Sleep(p.hold)
	}
	hj, _ := w.(http.Hijacker)
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.Write(answer)
	buf.Flush()
}

func hijackClose(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}

func startProxy(t testing.TB, target string, share float64, hold time.Duration) (*faultyProxy, string) {
	t.Helper()
	u, _ := url.Parse(target)
	u.Path = ""
	p := &faultyProxy{target: u, rng: rand.New(rand.NewPCG(7, 11)), share: share, hold: hold, faults: map[string]int{}}
	if dir, err := tmfspec.Dir(); err == nil {
		if p.spec, err = tmfspec.Load(dir, tmfspec.TMF622); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("payloads not checked against the specification: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: p}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return p, "http://" + ln.Addr().String() + tmf.BasePath622
}

func worker(db *sqlite.DB, base string, timeout time.Duration) *omsync.Worker {
	return &omsync.Worker{Store: db, Batch: 64, Parallel: 16, MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Client: func(context.Context) (*omsync.Client, error) {
			return omsync.NewClient(omsync.Endpoint{URL: base, Timeout: timeout})
		}}
}

// drain syncs until the outbox is empty, failing the test if it does not empty in time.
func drain(t testing.TB, db *sqlite.DB, w *omsync.Worker) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if _, err := w.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		var st cpq.OutboxStats
		db.View(ctx, func(tx cpq.Tx) (err error) { st, err = tx.Outbox().Stats(ctx); return err })
		if st.Queued == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the outbox did not empty")
}

// checkExactlyOnce checks that the server holds each order once and that each order records the server's id.
func checkExactlyOnce(t testing.TB, db *sqlite.DB, om *omServer, ids []string) {
	t.Helper()
	ctx := context.Background()
	got := om.externalIDs(t)
	if len(got) != len(ids) {
		t.Errorf("the server holds %d distinct orders, want %d", len(got), len(ids))
	}
	for _, id := range ids {
		if got[id] != 1 {
			t.Errorf("order %s arrived %d times", id, got[id])
		}
	}
	db.View(ctx, func(tx cpq.Tx) error {
		for _, id := range ids {
			o, err := tx.Orders().Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if o.Sync != cpq.SyncSent || o.RemoteID == "" || o.Status != cpq.OrderAcknowledged || o.LastError != "" {
				t.Errorf("order %s: sync %s, remote %q, status %s, error %q", o.Number, o.Sync, o.RemoteID, o.Status, o.LastError)
				return nil
			}
		}
		return nil
	})
}

func TestThousandOrdersArriveExactlyOnceThroughAFaultyNetwork(t *testing.T) {
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1000)
	om := startOM(t, filepath.Join(dir, "om.db"))
	proxy, base := startProxy(t, om.base, 0.2, 400*time.Millisecond)
	drain(t, db, worker(db, base, 250*time.Millisecond))
	checkExactlyOnce(t, db, om, ids)
	if v := proxy.invalid.Load(); v != nil {
		t.Errorf("a payload the specification refuses was sent: %v", v)
	}
	for _, f := range []string{"drop", "503", "slow", "lost"} {
		if proxy.faults[f] == 0 {
			t.Errorf("the proxy never injected %q", f)
		}
	}
	t.Logf("faults injected: %v", proxy.faults)
}

func TestRefusedOrderIsRejectedWithTheServersMessage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 2)
	// The endpoint refuses the first order (400, with TMF's Error body) and takes the second.
	var calls atomic.Int32
	om := startOM(t, filepath.Join(dir, "om.db"))
	target, _ := url.Parse(om.base)
	target.Path = ""
	rp := httputil.NewSingleHostReverseProxy(target)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodPost && strings.Contains(string(body), ids[0]) {
			calls.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"code":"400","reason":"Invalid item","message":"productOffering FIBRE-HOME is not sold at postal code 100-0001"}`)
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		r.ContentLength = int64(len(body))
		rp.ServeHTTP(w, r)
	})}
	go hs.Serve(ln)
	defer hs.Close()
	w := worker(db, "http://"+ln.Addr().String()+tmf.BasePath622, time.Second)
	rep, err := w.Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 1 || rep.Rejected != 1 {
		t.Errorf("report %+v, want one sent and one rejected", rep)
	}
	if _, err := w.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Errorf("the refused order was sent %d times; a 4xx is not retried", calls.Load())
	}
	db.View(ctx, func(tx cpq.Tx) error {
		o, _ := tx.Orders().Get(ctx, ids[0])
		if o.Status != cpq.OrderRejected || o.Sync != cpq.SyncFailed || !strings.Contains(o.LastError, "not sold at postal code 100-0001") {
			t.Errorf("refused order: status %s, sync %s, error %q", o.Status, o.Sync, o.LastError)
		}
		st, _ := tx.Outbox().Stats(ctx)
		if st.Queued != 0 {
			t.Errorf("%d entries still queued", st.Queued)
		}
		return nil
	})
}

func TestUnreachableEndpointRetriesWithBackoffAndSaysWhy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 3)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()              // nothing listens: the laptop is offline
	now := time.Now().UTC() // the entries are due from when they were queued
	w := worker(db, "http://"+addr+tmf.BasePath622, 200*time.Millisecond)
	w.Now = func() time.Time { return now }
	w.MinBackoff, w.MaxBackoff, w.GiveUpAfter = time.Second, time.Minute, time.Hour
	rep, _ := w.Sync(ctx)
	if rep.Retrying != 3 || !strings.Contains(rep.LastError, "could not be reached") {
		t.Errorf("report %+v", rep)
	}
	var waits []time.Duration
	for i := 0; i < 8; i++ {
		var e *cpq.OutboxEntry
		db.View(ctx, func(tx cpq.Tx) (err error) { e, err = tx.Outbox().ByOrder(ctx, ids[0], cpq.OutboxCreate); return err })
		waits = append(waits, e.NextAt.Sub(now))
		if !e.MaybeSent {
			t.Errorf("an attempt that reached no one must still be looked up before the next one")
		}
		now = e.NextAt
		w.Sync(ctx)
	}
	// The waits double from a second up to the minute, each between half and all of its step.
	for i, d := range waits {
		step := min(time.Second<<i, time.Minute)
		if d < step/2 || d > step {
			t.Errorf("wait %d = %s, want between %s and %s", i+1, d, step/2, step)
		}
	}
	db.View(ctx, func(tx cpq.Tx) error {
		o, _ := tx.Orders().Get(ctx, ids[0])
		if o.Status != cpq.OrderQueued || o.Sync != cpq.SyncRetrying || !strings.Contains(o.LastError, "could not be reached") {
			t.Errorf("order while offline: status %s, sync %s, error %q", o.Status, o.Sync, o.LastError)
		}
		return nil
	})
	// After an hour of failing it stops, and the order says a person must act.
	now = now.Add(2 * time.Hour)
	w.Sync(ctx)
	db.View(ctx, func(tx cpq.Tx) error {
		o, _ := tx.Orders().Get(ctx, ids[0])
		st, _ := tx.Outbox().Stats(ctx)
		if o.Sync != cpq.SyncFailed || st.Stuck != 3 {
			t.Errorf("after giving up: sync %s, stuck %d", o.Sync, st.Stuck)
		}
		return nil
	})
	if rep, _ := w.Sync(ctx); rep.Retrying != 0 {
		t.Errorf("a parked order was tried again without anyone asking: %+v", rep)
	}
}

// TestPollBringsStateBackAndCompletedOrdersBecomeAssets runs the server's simulated fulfilment with every
// order falling out or completing, and polls until all have an outcome.
func TestPollBringsStateBackAndCompletedOrdersBecomeAssets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 20)
	om := startOM(t, filepath.Join(dir, "om.db"))
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	go om.srv.Fulfil(fctx, omserver.Fulfilment{Delay: 20 * time.Millisecond, Fallout: 0.3, Seed: 3})
	w := worker(db, om.base, time.Second)
	drain(t, db, w)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		w.Poll(ctx)
		var st cpq.OutboxStats
		db.View(ctx, func(tx cpq.Tx) (err error) { st, err = tx.Outbox().Stats(ctx); return err })
		if st.InFlight == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	completed, failed := 0, 0
	db.View(ctx, func(tx cpq.Tx) error {
		for _, id := range ids {
			o, _ := tx.Orders().Get(ctx, id)
			switch o.Status {
			case cpq.OrderCompleted:
				completed++
			case cpq.OrderFailed:
				failed++
				if !strings.Contains(o.Fallout, "no free port") {
					t.Errorf("failed order %s shows fallout %q", o.Number, o.Fallout)
				}
			default:
				t.Errorf("order %s is still %s", o.Number, o.Status)
			}
		}
		o, _ := tx.Orders().Get(ctx, ids[0])
		assets, _ := tx.Assets().ListByAccount(ctx, o.AccountID)
		if len(assets) != completed {
			t.Errorf("%d assets for %d completed orders", len(assets), completed)
		}
		inventory := strings.Replace(om.base, "productOrderingManagement", "productInventory", 1)
		for _, a := range assets {
			if a.Status != cpq.AssetActive || a.Recurring.String() != "5720" || a.Attributes["speed"] != "1G" {
				t.Errorf("asset %+v", a)
			}
			// Each asset is the product the endpoint's TMF637 inventory holds for it.
			res, err := http.Get(inventory + "product/" + a.RemoteID)
			if err != nil {
				t.Fatal(err)
			}
			var p tmf.InventoryProduct
			json.NewDecoder(res.Body).Decode(&p)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || p.Status != "active" || len(p.ProductOrderItem) == 0 {
				t.Errorf("asset %s: inventory product %q answered %d, status %q", a.ID, a.RemoteID, res.StatusCode, p.Status)
			}
		}
		return nil
	})
	if completed == 0 || failed == 0 {
		t.Errorf("completed %d, failed %d: the fulfilment should give both", completed, failed)
	}
}

func TestHubNotificationsWakeTheSync(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	queue(t, db, 1)
	om := startOM(t, filepath.Join(dir, "om.db"))
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	go om.srv.Fulfil(fctx, omserver.Fulfilment{Delay: 20 * time.Millisecond, Seed: 1})
	woken := make(chan struct{}, 16)
	l := &omsync.Listener{Wake: func() { woken <- struct{}{} }}
	if err := l.Start(); err != nil {
		t.Fatal(err)
	}
	c, _ := omsync.NewClient(omsync.Endpoint{URL: om.base})
	if err := l.Follow(ctx, c); err != nil {
		t.Fatal(err)
	}
	drain(t, db, worker(db, om.base, time.Second))
	select {
	case <-woken:
	case <-time.After(20 * time.Second):
		t.Fatal("no notification arrived as the order moved on")
	}
	l.Stop(ctx)
	// A listener registered and removed again: Unsubscribe deletes it, and a second time finds it gone.
	res, err := http.Post(om.base+"hub", "application/json", strings.NewReader(`{"callback":"http://127.0.0.1:1/x"}`))
	if err != nil {
		t.Fatal(err)
	}
	var sub tmf.EventSubscription
	json.NewDecoder(res.Body).Decode(&sub)
	res.Body.Close()
	if err := c.Unsubscribe(ctx, sub.ID); err != nil {
		t.Errorf("unsubscribing a listener: %v", err)
	}
	req, _ := http.NewRequest(http.MethodDelete, om.base+"hub/"+sub.ID, nil)
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if res.StatusCode != http.StatusNotFound {
		t.Errorf("the listener is still registered after Unsubscribe: %s", res.Status)
	}
}

// TestAuthenticationReachesTheEndpoint signs in with a bearer token and with OAuth2 client credentials (a
// token fetched once from the token endpoint and reused), and reports a refused token as a settings problem,
// not a refused order.
func TestAuthenticationReachesTheEndpoint(t *testing.T) {
	ctx := context.Background()
	var tokensIssued atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		id, secret, ok := r.BasicAuth()
		r.ParseForm()
		if !ok || id != "quotewright" || secret != "s3cret" || r.Form.Get("grant_type") != "client_credentials" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		tokensIssued.Add(1)
		io.WriteString(w, `{"access_token":"tok-from-oauth","token_type":"Bearer","expires_in":3600}`)
	})
	mux.HandleFunc("GET /api/productOrder", func(w http.ResponseWriter, r *http.Request) {
		switch r.Header.Get("Authorization") {
		case "Bearer tok-from-oauth", "Bearer static-token":
			io.WriteString(w, `[]`)
		default:
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code":"401","reason":"Unauthorized","message":"token not accepted"}`)
		}
	})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: mux}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	oauth, err := omsync.NewClient(omsync.Endpoint{URL: base + "/api/", Auth: omsync.AuthOAuth2, TokenURL: base + "/oauth/token",
		ClientID: "quotewright", Secret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := oauth.FindByExternalID(ctx, "ord_1"); err != nil {
			t.Fatalf("OAuth2 call %d: %v", i+1, err)
		}
	}
	if n := tokensIssued.Load(); n != 1 {
		t.Errorf("%d tokens fetched for three calls, want one reused", n)
	}
	bearer, _ := omsync.NewClient(omsync.Endpoint{URL: base + "/api/", Auth: omsync.AuthBearer, Secret: "static-token"})
	if _, err := bearer.FindByExternalID(ctx, "ord_1"); err != nil {
		t.Errorf("bearer: %v", err)
	}
	wrong, _ := omsync.NewClient(omsync.Endpoint{URL: base + "/api/", Auth: omsync.AuthBearer, Secret: "old-token"})
	_, err = wrong.FindByExternalID(ctx, "ord_1")
	if err == nil || omsync.Permanent(err) || !strings.Contains(err.Error(), "token not accepted") {
		t.Errorf("a refused token: %v (permanent %v)", err, omsync.Permanent(err))
	}
	badClient, _ := omsync.NewClient(omsync.Endpoint{URL: base + "/api/", Auth: omsync.AuthOAuth2, TokenURL: base + "/oauth/token",
		ClientID: "quotewright", Secret: "wrong"})
	if _, err := badClient.FindByExternalID(ctx, "ord_1"); err == nil || !strings.Contains(err.Error(), "OAuth2 token request refused") {
		t.Errorf("a wrong client secret: %v", err)
	}
	if _, err := omsync.NewClient(omsync.Endpoint{URL: "ftp://example", Auth: omsync.AuthNone}); err == nil {
		t.Error("an ftp URL was accepted")
	}
}
