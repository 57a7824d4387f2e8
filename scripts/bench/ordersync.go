package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/omserver"
	"quotewright/backend/omsync"
	"quotewright/backend/sqlite"
	"quotewright/backend/tmf"
)

// syncOrders is how many queued orders the sync figure sends.
const syncOrders = 10000

// syncParallel is how many requests are in flight at once, for the sync and for the bare POSTs alike.
const syncParallel = 32

// orderSyncFigures times the sync of 10,000 queued orders to the reference om-server on loopback — durable
// on both sides: the app commits each batch's claims and answers to its SQLite file before and after sending,
// the om-server each order to its own (synchronous=FULL) before it answers — against bare HTTP POSTs of the
// same payloads, as many at once, to a server that only stores each body in SQLite, just as durably.
func orderSyncFigures(dir, demoDB string, n int) []*figure {
	runs := min(n, 5) // each run sends 10,000 orders twice
	f := &figure{name: "Sync 10,000 queued orders to the om-server on loopback (≥ 2,000 orders/s)", target: 5 * time.Second,
		maxRatio: 3, baseline: fmt.Sprintf("bare POSTs of the same payloads, %d at a time, to a server that only stores them", syncParallel)}
	template := filepath.Join(dir, "orders.db")
	payloads := queueOrders(demoDB, template)
	for i := 0; i < runs; i++ {
		f.samples = append(f.samples, timeSync(dir, template))
		f.base = append(f.base, timeBarePosts(dir, payloads))
	}
	return []*figure{f}
}

// queueOrders copies the demo database to path and queues 10,000 one-line consumer orders in it, as submitting
// does: each order with its outbox entry. It returns the payloads.
func queueOrders(demoDB, path string) [][]byte {
	raw, err := os.ReadFile(demoDB)
	check(err)
	check(os.WriteFile(path, raw, 0o600))
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	check(err)
	defer db.Close()
	var payloads [][]byte
	check(db.Update(ctx, func(tx cpq.Tx) error {
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
		now := time.Now().UTC()
		for i := 0; i < syncOrders; i++ {
			o := &cpq.Order{AccountID: a.ID, Segment: a.Segment, Status: cpq.OrderQueued, Sync: cpq.SyncQueued, Currency: "JPY",
				BillingAccount: "BA-" + a.Number, SubmittedAt: now, RequestedStart: cpq.Today(now).AddDate(0, 0, 14),
				Sites: []cpq.OrderSite{{SiteID: sites[0].ID, RequestedStart: cpq.Today(now).AddDate(0, 0, 14)}},
				Items: []cpq.OrderItem{{SiteID: sites[0].ID, ProductID: p.ID, Action: cpq.ActionAdd, Quantity: 1,
					Attributes: map[string]string{"speed": "1G", "dwelling": "house"},
					Technical:  map[string]string{"line_id": fmt.Sprintf("CAF%08d", i)},
					OneTime:    decimal.NewFromInt(19800), Recurring: decimal.NewFromInt(4620)}}}
			if err := tx.Orders().Create(ctx, o); err != nil {
				return err
			}
			body, err := omsync.Encode(omsync.Payload(omsync.Source{Order: o, Account: a,
				Products: map[string]*cpq.Product{p.ID: p}, Sites: map[string]*cpq.Site{sites[0].ID: sites[0]}}))
			if err != nil {
				return err
			}
			if err := tx.Outbox().Add(ctx, &cpq.OutboxEntry{OrderID: o.ID, Kind: cpq.OutboxCreate, Payload: body}); err != nil {
				return err
			}
			payloads = append(payloads, body)
		}
		return nil
	}))
	return payloads
}

// listen serves h on a free loopback port and returns its base URL and a stop function.
func listen(h http.Handler) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	hs := &http.Server{Handler: h}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }
}

// timeSync copies the queued database and times the worker until its outbox is empty.
func timeSync(dir, template string) time.Duration {
	ctx := context.Background()
	appPath, omPath := filepath.Join(dir, "sync-app.db"), filepath.Join(dir, "sync-om.db")
	for _, p := range []string{appPath, omPath, omPath + "-wal", omPath + "-shm"} {
		os.Remove(p)
	}
	raw, err := os.ReadFile(template)
	check(err)
	check(os.WriteFile(appPath, raw, 0o600))
	db, err := sqlite.Open(ctx, appPath, sqlite.Options{})
	check(err)
	defer db.Close()
	srv, err := omserver.Open(omPath)
	check(err)
	defer srv.Close()
	base, stop := listen(srv.Handler())
	defer stop()
	w := &omsync.Worker{Store: db, Parallel: syncParallel, Client: func(context.Context) (*omsync.Client, error) {
		return omsync.NewClient(omsync.Endpoint{URL: base + tmf.BasePath622})
	}}
	start := time.Now()
	rep, err := w.Sync(ctx)
	took := time.Since(start)
	check(err)
	if rep.Sent != syncOrders {
		check(fmt.Errorf("the sync sent %d of %d orders: %+v", rep.Sent, syncOrders, rep))
	}
	return took
}

// timeBarePosts times POSTs of the payloads to a server that only stores each body in SQLite, as durably as
// the om-server and as fast as it can: the bodies waiting at a moment are committed together (one fsync for
// many), and each answer is sent once its body is on disk. The baseline is the transport and the disk, without
// the sync's bookkeeping or the om-server's reading of the order.
func timeBarePosts(dir string, payloads [][]byte) time.Duration {
	path := filepath.Join(dir, "bare.db")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000")
	check(err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`CREATE TABLE orders (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)`)
	check(err)
	type stored struct {
		body []byte
		done chan error
	}
	queue := make(chan stored)
	go func() {
		for first := range queue {
			group := []stored{first}
		more:
			for len(group) < 256 {
				select {
				case s := <-queue:
					group = append(group, s)
				default:
					break more
				}
			}
			tx, err := db.Begin()
			for _, s := range group {
				if err == nil {
					_, err = tx.Exec(`INSERT INTO orders (body) VALUES (?)`, string(s.body))
				}
			}
			if err == nil {
				err = tx.Commit()
			} else if tx != nil {
				tx.Rollback()
			}
			for _, s := range group {
				s.done <- err
			}
		}
	}()
	defer close(queue)
	base, stop := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s := stored{body: body, done: make(chan error, 1)}
		queue <- s
		if err := <-s.done; err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer stop()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: syncParallel}}
	url := base + tmf.BasePath622 + "productOrder"
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan []byte)
	for i := 0; i < syncParallel; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for body := range next {
				res, err := client.Post(url, "application/json", bytes.NewReader(body))
				check(err)
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}()
	}
	for _, b := range payloads {
		next <- b
	}
	close(next)
	wg.Wait()
	return time.Since(start)
}
