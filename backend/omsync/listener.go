package omsync

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"quotewright/backend/tmf"
)

// Subscribe registers callback at the endpoint's TMF622 hub for order state changes, and returns the listener's
// id for Unsubscribe.
func (c *Client) Subscribe(ctx context.Context, callback string) (string, error) {
	body, _ := json.Marshal(tmf.EventSubscription{Callback: callback, Query: "eventType=" + tmf.EventProductOrderStateChange})
	var sub tmf.EventSubscription
	if err := c.do(ctx, http.MethodPost, "hub", body, &sub); err != nil {
		return "", err
	}
	if sub.ID == "" {
		return "", errors.New("the hub registered the listener without an id")
	}
	return sub.ID, nil
}

// Unsubscribe removes a listener from the hub.
func (c *Client) Unsubscribe(ctx context.Context, id string) error {
	err := c.do(ctx, http.MethodDelete, "hub/"+url.PathEscape(id), nil, nil)
	var re *RemoteError
	if errors.As(err, &re) && re.Status == http.StatusNotFound {
		return nil // gone already
	}
	return err
}

// Listener receives the endpoint's notifications on this computer and wakes the sync: an order that changes
// state is polled at once instead of at the next round. The notification is only a hint: the state recorded
// is the one the poll reads from the endpoint, so a forged or stale event changes nothing.
type Listener struct {
	Wake func()

	mu     sync.Mutex
	srv    *http.Server
	url    string
	client *Client
	id     string
	tried  time.Time // the last registration that failed: an endpoint without a hub is asked again hourly
}

// Start listens on 127.0.0.1 (a free port) until Stop.
func (l *Listener) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /listener/productOrderStateChangeEvent", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, io.LimitReader(r.Body, 8<<20))
		w.WriteHeader(http.StatusNoContent)
		if l.Wake != nil {
			l.Wake()
		}
	})
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	l.url = "http://" + ln.Addr().String() + "/listener/productOrderStateChangeEvent"
	go l.srv.Serve(ln)
	return nil
}

// Follow registers the listener at c's hub, unless it is registered there already; a previous endpoint's
// registration is removed. An endpoint without a hub (or one that cannot call this computer back) is simply
// polled.
func (l *Listener) Follow(ctx context.Context, c *Client) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	same := l.client != nil && l.client.Base() == c.Base()
	if l.srv == nil || (same && l.id != "") || (same && time.Since(l.tried) < time.Hour) {
		return nil
	}
	if l.client != nil && l.id != "" {
		l.client.Unsubscribe(ctx, l.id)
	}
	l.client, l.id = c, ""
	id, err := c.Subscribe(ctx, l.url)
	if err != nil {
		l.tried = time.Now()
		return err
	}
	l.id = id
	return nil
}

// Stop unregisters the listener and stops listening.
func (l *Listener) Stop(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.client != nil && l.id != "" {
		l.client.Unsubscribe(ctx, l.id)
	}
	if l.srv != nil {
		l.srv.Close()
	}
}
