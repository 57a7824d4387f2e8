package omserver_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"quotewright/backend/omserver"
	"quotewright/backend/tmf"
)

// om is a running server: its TMF622 and TMF637 base URLs.
type om struct{ orders, inventory string }

// startOM serves the database at path on 127.0.0.1, with the simulated fulfilment stepping every delay (no
// fulfilment when delay is 0). Everything stops when the test ends.
func startOM(t *testing.T, path string, delay time.Duration) om {
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
	ctx, cancel := context.WithCancel(context.Background())
	if delay > 0 {
		go srv.Fulfil(ctx, omserver.Fulfilment{Delay: delay})
	}
	t.Cleanup(func() { cancel(); hs.Close(); srv.Close() })
	root := "http://" + ln.Addr().String()
	return om{orders: root + strings.TrimSuffix(tmf.BasePath622, "/"), inventory: root + strings.TrimSuffix(tmf.BasePath637, "/")}
}

// listener is a client's event listener on 127.0.0.1: it keeps every event it is sent, in the order received.
type listener struct {
	url    string
	events chan []byte
}

// listen starts a listener that answers every event with 201, as the specification's listeners do.
func listen(t *testing.T) *listener {
	t.Helper()
	l := &listener{events: make(chan []byte, 256)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		l.events <- raw
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(srv.Close)
	l.url = srv.URL + "/listener"
	return l
}

// next waits for the listener's next event. The wait is a guard against a test that would hang, not a claim
// about how fast events arrive.
func (l *listener) next(t *testing.T) (tmf.ProductOrderEvent, []byte) {
	t.Helper()
	select {
	case raw := <-l.events:
		var ev tmf.ProductOrderEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatalf("the event is not JSON: %v\n%s", err, raw)
		}
		return ev, raw
	case <-time.After(20 * time.Second):
		t.Fatal("no event came within 20 s")
		return tmf.ProductOrderEvent{}, nil
	}
}

// register registers a listener at the server's hub and returns its id.
func register(t *testing.T, base, callback, query string) string {
	t.Helper()
	res, raw := call(t, "POST", base+"/hub", tmf.EventSubscription{Callback: callback, Query: query})
	var l tmf.EventSubscription
	json.Unmarshal(raw, &l)
	if res.StatusCode != http.StatusCreated || l.ID == "" {
		t.Fatalf("registering %s: %d %s", callback, res.StatusCode, raw)
	}
	return l.ID
}

// create posts an order and returns it as the server made it.
func create(t *testing.T, base string, o tmf.ProductOrder) tmf.ProductOrder {
	t.Helper()
	res, raw := call(t, "POST", base+"/productOrder", o)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", o.ExternalID, res.StatusCode, raw)
	}
	var made tmf.ProductOrder
	json.Unmarshal(raw, &made)
	return made
}
