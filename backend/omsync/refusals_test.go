package omsync_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
	"quotewright/backend/tmf"
)

// Cancellations and refusals: what the endpoint answers a cancellation, a token request or a lookup must not
// undo what it answered the order itself. (These began as a second review's reproductions.)

func adminActor(t *testing.T, s *sales.Service) sales.Actor {
	users, err := s.Users(context.Background())
	if err != nil || len(users) == 0 {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Role == cpq.RoleAdmin {
			return sales.Actor{UserID: u.ID, Role: u.Role}
		}
	}
	return sales.Actor{UserID: users[0].ID, Role: users[0].Role}
}

func readOrder(t *testing.T, db *sqlite.DB, id string) *cpq.Order {
	ctx := context.Background()
	var o *cpq.Order
	db.View(ctx, func(tx cpq.Tx) (err error) { o, err = tx.Orders().Get(ctx, id); return err })
	return o
}

func entries(t *testing.T, db *sqlite.DB, id string) (create, cancel *cpq.OutboxEntry) {
	ctx := context.Background()
	db.View(ctx, func(tx cpq.Tx) error {
		create, _ = tx.Outbox().ByOrder(ctx, id, cpq.OutboxCreate)
		cancel, _ = tx.Outbox().ByOrder(ctx, id, cpq.OutboxCancel)
		return nil
	})
	return
}

func deadEndpoint() string {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + tmf.BasePath622
}

// A cancel requested while the create is maybe-sent, then the create is refused (4xx): the rejected order goes
// back to "queued" and the cancel entry retries forever.
func TestACancelWaitingForARefusedOrderEndsWithTheRejection(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1)
	s := sales.New(db, func() time.Time { return time.Now().UTC() })
	// First attempt: offline -> maybe_sent.
	w := worker(db, deadEndpoint(), 100*time.Millisecond)
	w.Sync(ctx)
	if _, err := s.CancelOrder(ctx, adminActor(t, s), ids[0], "customer changed mind"); err != nil {
		t.Fatal(err)
	}
	// Endpoint back: it has no such order, and refuses the create with 400.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		if r.Method == http.MethodGet {
			io.WriteString(w, `[]`)
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"code":"400","reason":"Invalid","message":"postal code not served"}`)
	})}
	go hs.Serve(ln)
	defer hs.Close()
	w2 := worker(db, "http://"+ln.Addr().String()+tmf.BasePath622, time.Second)
	w2.Now = func() time.Time { return time.Now().UTC().Add(time.Hour) }
	for i := 0; i < 5; i++ {
		rep, err := w2.Sync(ctx)
		o := readOrder(t, db, ids[0])
		cr, cn := entries(t, db, ids[0])
		t.Logf("run %d: rep %+v err %v | order status=%s sync=%s lastError=%q | create entry %v cancel entry %v",
			i+1, rep, err, o.Status, o.Sync, o.LastError, cr != nil, cn != nil)
	}
	o := readOrder(t, db, ids[0])
	_, cn := entries(t, db, ids[0])
	if o.Status != cpq.OrderRejected {
		t.Errorf("the refused order is %s, want rejected", o.Status)
	}
	if cn != nil {
		t.Errorf("the cancel entry of a never-sent order is still queued (attempts %d, lastError %q)", cn.Attempts, cn.LastError)
	}
}

// Parked create + cancel + Retry: the create is accepted, then the cancel's stale snapshot overwrites the
// order's remote id and status; the order is at the endpoint but nothing polls or cancels it.
func TestACancelledOrderRetriedKeepsTheEndpointsID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1)
	s := sales.New(db, func() time.Time { return time.Now().UTC() })
	w := worker(db, deadEndpoint(), 100*time.Millisecond)
	w.GiveUpAfter = time.Millisecond
	w.Sync(ctx)
	time.Sleep(30 * time.Millisecond)
	w.Sync(ctx)
	if o := readOrder(t, db, ids[0]); o.Sync != cpq.SyncFailed {
		t.Fatalf("not parked: %s", o.Sync)
	}
	// The user cancels the stuck order (a cancel entry: the create may have gone out), then presses Retry.
	if _, err := s.CancelOrder(ctx, adminActor(t, s), ids[0], "no longer wanted"); err != nil {
		t.Fatal(err)
	}
	if err := s.RetryOrder(ctx, adminActor(t, s), ids[0]); err != nil {
		t.Fatal(err)
	}
	om := startOM(t, filepath.Join(dir, "om.db"))
	w2 := worker(db, om.base, time.Second)
	for i := 0; i < 4; i++ {
		rep, err := w2.Sync(ctx)
		w2.Poll(ctx)
		o := readOrder(t, db, ids[0])
		_, cn := entries(t, db, ids[0])
		t.Logf("run %d: rep %+v err %v | order status=%s sync=%s remote=%q lastError=%q | cancel entry queued %v",
			i+1, rep, err, o.Status, o.Sync, o.RemoteID, o.LastError, cn != nil)
		time.Sleep(30 * time.Millisecond)
	}
	held := om.externalIDs(t)
	o := readOrder(t, db, ids[0])
	t.Logf("endpoint holds the order %d time(s)", held[ids[0]])
	if held[ids[0]] == 1 && o.RemoteID == "" {
		t.Errorf("the endpoint holds the order but the app lost its remote id (status %s, sync %s)", o.Status, o.Sync)
	}
}

// OAuth2 token endpoint answers 400 (RFC 6749 invalid_scope / unauthorized_client): a settings problem,
// yet every order is rejected for good.
func TestATokenRefusalDoesNotRejectOrders(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 3)
	var posts atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"invalid_scope","error_description":"scope om.write is not allowed"}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { posts.Add(1); io.WriteString(w, `[]`) })
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: mux}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	w := &omsync.Worker{Store: db, Client: func(context.Context) (*omsync.Client, error) {
		return omsync.NewClient(omsync.Endpoint{URL: base + tmf.BasePath622, Auth: omsync.AuthOAuth2,
			TokenURL: base + "/oauth/token", ClientID: "qw", Secret: "s", Scope: "om.write"})
	}}
	rep, err := w.Sync(ctx)
	t.Logf("rep %+v err %v; requests reaching the API: %d", rep, err, posts.Load())
	for _, id := range ids {
		o := readOrder(t, db, id)
		if o.Status == cpq.OrderRejected {
			t.Errorf("order %s rejected because the token endpoint refused the scope: %q", o.Number, o.LastError)
		}
		if o.Sync != cpq.SyncRetrying || !strings.Contains(o.LastError, "check the endpoint's authentication") {
			t.Errorf("order %s after a token refusal: sync %s, error %q", o.Number, o.Sync, o.LastError)
		}
	}
}

// The endpoint answers a cancellation with 409 "try again" (the reference om-server does, when fulfilment
// moved the order meanwhile): the worker treats it as a final refusal and never asks again.
func TestACancellationConflictIsTriedAgain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1)
	om := startOM(t, filepath.Join(dir, "om.db"))
	var cancels atomic.Int32
	target := strings.TrimSuffix(om.base, tmf.BasePath622)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "cancelProductOrder") {
			cancels.Add(1)
			w.WriteHeader(http.StatusConflict)
			io.WriteString(w, `{"code":"409","reason":"Order changed","message":"the order's state changed while it was being cancelled: try again"}`)
			return
		}
		req, _ := http.NewRequest(r.Method, target+r.URL.RequestURI(), r.Body)
		req.Header = r.Header.Clone()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), 502)
			return
		}
		defer res.Body.Close()
		w.WriteHeader(res.StatusCode)
		io.Copy(w, res.Body)
	})}
	go hs.Serve(ln)
	defer hs.Close()
	w := worker(db, "http://"+ln.Addr().String()+tmf.BasePath622, time.Second)
	drain(t, db, w)
	s := sales.New(db, func() time.Time { return time.Now().UTC() })
	if _, err := s.CancelOrder(ctx, adminActor(t, s), ids[0], "customer withdrew"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		w.Sync(ctx)
	}
	o := readOrder(t, db, ids[0])
	_, cn := entries(t, db, ids[0])
	t.Logf("cancel requests sent: %d; order status=%s sync=%s lastError=%q; cancel entry queued %v", cancels.Load(), o.Status, o.Sync, o.LastError, cn != nil)
	if cancels.Load() == 1 && cn == nil {
		t.Errorf("a 409 'try again' dropped the cancellation after one attempt")
	}
}

// A cancellation of an order the endpoint has already completed: the om-server answers 201 with state
// terminatedWithError; the worker records it as requested, with no error shown.
func TestARefusedCancellationIsShownOnTheOrder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1)
	om := startOM(t, filepath.Join(dir, "om.db"))
	w := worker(db, om.base, time.Second)
	drain(t, db, w)
	o := readOrder(t, db, ids[0])
	// The endpoint completes the order; the app has not polled yet.
	c, _ := omsync.NewClient(omsync.Endpoint{URL: om.base})
	if _, err := c.Cancel(ctx, o.RemoteID, "first"); err != nil {
		t.Fatal(err)
	}
	s := sales.New(db, func() time.Time { return time.Now().UTC() })
	if _, err := s.CancelOrder(ctx, adminActor(t, s), ids[0], "second: customer withdrew"); err != nil {
		t.Fatal(err)
	}
	rep, _ := w.Sync(ctx)
	o = readOrder(t, db, ids[0])
	t.Logf("rep %+v; order status=%s sync=%s lastError=%q", rep, o.Status, o.Sync, o.LastError)
	if !strings.Contains(o.LastError, "did not cancel the order") || o.RemoteID == "" {
		t.Errorf("a refused cancellation: status %s, remote %q, error %q", o.Status, o.RemoteID, o.LastError)
	}
	if _, cn := entries(t, db, ids[0]); cn != nil {
		t.Error("the refused cancellation is still queued")
	}
}

// The first POST's answer is lost (the order is stored); the lookup by externalId is refused with 400 by an
// endpoint that does not filter on externalId: the order is marked rejected although the endpoint holds it.
func TestALookupRefusalDoesNotRejectAnOrderTheEndpointHolds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openApp(t, filepath.Join(dir, "app.db"), true)
	defer db.Close()
	ids := queue(t, db, 1)
	var stored atomic.Int32
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		if r.Method == http.MethodPost {
			stored.Add(1)
			time.Sleep(300 * time.Millisecond) // stored, answer too late
			w.WriteHeader(201)
			io.WriteString(w, `{"id":"po-1","state":"acknowledged"}`)
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"code":"400","reason":"Bad filter","message":"externalId is not a filterable attribute"}`)
	})}
	go hs.Serve(ln)
	defer hs.Close()
	w := worker(db, "http://"+ln.Addr().String()+tmf.BasePath622, 100*time.Millisecond)
	w.Now = func() time.Time { return time.Now().UTC().Add(time.Hour) }
	w.Sync(ctx)
	w.Sync(ctx)
	o := readOrder(t, db, ids[0])
	t.Logf("POSTs stored: %d; order status=%s sync=%s lastError=%q", stored.Load(), o.Status, o.Sync, o.LastError)
	if stored.Load() == 1 && o.Status == cpq.OrderRejected {
		t.Errorf("an order the endpoint holds is marked rejected because the lookup GET got a 400")
	}
}
