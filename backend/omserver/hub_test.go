package omserver_test

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quotewright/backend/tmf"
)

func TestHubRegistersAndUnregistersListeners(t *testing.T) {
	path := filepath.Join(t.TempDir(), "om.db")
	srv := startOM(t, path, 0)
	valid := validator(t)

	in := tmf.EventSubscription{Callback: "http://127.0.0.1:9/listener", Query: "eventType=ProductOrderStateChangeEvent"}
	raw, _ := json.Marshal(in)
	valid("EventSubscriptionInput", raw)
	res, raw := call(t, "POST", srv.orders+"/hub", in)
	if got, want := res.StatusCode, http.StatusCreated; got != want {
		t.Fatalf("register: %d %s, want %d", got, raw, want)
	}
	valid("EventSubscription", raw)
	var l tmf.EventSubscription
	json.Unmarshal(raw, &l)
	if l.ID == "" || l.Callback != in.Callback || l.Query != in.Query {
		t.Errorf("registered = %+v, want an id, %+v", l, in)
	}
	if got, want := res.Header.Get("Location"), tmf.BasePath622+"hub/"+l.ID; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	_, raw = call(t, "POST", srv.orders+"/hub", map[string]string{"callback": "http://127.0.0.1:9/all"})
	if !strings.Contains(string(raw), `"query":""`) {
		t.Errorf("a listener for every event is served without its (empty) query: %s", raw)
	}

	for _, bad := range []map[string]string{{}, {"callback": "listener"}, {"callback": "ftp://127.0.0.1/x"},
		{"callback": "http://127.0.0.1:9/x", "query": "eventType=%zz"}} {
		res, raw := call(t, "POST", srv.orders+"/hub", bad)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("register %v: %d %s, want 400", bad, res.StatusCode, raw)
		}
		valid("Error", raw)
	}

	// Listeners are in the database: a server restarted on the same file still knows them.
	again := startOM(t, path, 0)
	if res, raw := call(t, "DELETE", again.orders+"/hub/"+l.ID, nil); res.StatusCode != http.StatusNoContent || len(raw) != 0 {
		t.Errorf("unregister: %d %q, want 204 and no body", res.StatusCode, raw)
	}
	res, raw = call(t, "DELETE", srv.orders+"/hub/"+l.ID, nil)
	if got, want := res.StatusCode, http.StatusNotFound; got != want {
		t.Errorf("unregister twice: %d, want %d", got, want)
	}
	valid("Error", raw)
}

// checkEvent checks an event against the specification and says what it is about.
func checkEvent(t *testing.T, valid func(string, []byte), ev tmf.ProductOrderEvent, raw []byte, wantType string) *tmf.ProductOrder {
	t.Helper()
	if ev.EventType != wantType {
		t.Fatalf("eventType = %s, want %s: %s", ev.EventType, wantType, raw)
	}
	valid(wantType, raw)
	if ev.Event.ProductOrder == nil {
		t.Fatalf("an event without its order: %s", raw)
	}
	order, _ := json.Marshal(ev.Event.ProductOrder)
	valid("ProductOrder", order)
	if ev.EventID == "" || ev.EventTime.IsZero() {
		t.Errorf("an event without its id or time: %s", raw)
	}
	return ev.Event.ProductOrder
}

func TestListenersHearOfOrdersFromCreationToCompletion(t *testing.T) {
	all, completions := listen(t), listen(t)
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 30*time.Millisecond)
	valid := validator(t)
	register(t, srv.orders, all.url, "")
	register(t, srv.orders, completions.url, "eventType=ProductOrderStateChangeEvent&event.productOrder.state=completed,failed")

	made := create(t, srv.orders, bundleOrder("ord_ev"))
	seen := map[string]bool{}
	ev, raw := all.next(t)
	o := checkEvent(t, valid, ev, raw, tmf.EventProductOrderCreate)
	seen[ev.EventID] = true
	if o.ID != made.ID || o.State != tmf.OrderAcknowledged {
		t.Errorf("create event about %s in state %s, want %s acknowledged", o.ID, o.State, made.ID)
	}
	for _, want := range []tmf.OrderState{tmf.OrderInProgress, tmf.OrderCompleted} {
		ev, raw := all.next(t)
		o := checkEvent(t, valid, ev, raw, tmf.EventProductOrderStateChange)
		if o.ID != made.ID || o.State != want {
			t.Errorf("state change event about %s in state %s, want %s %s", o.ID, o.State, made.ID, want)
		}
		if seen[ev.EventID] {
			t.Errorf("eventId %s used twice", ev.EventID)
		}
		seen[ev.EventID] = true
		if want == tmf.OrderCompleted {
			if ids := itemProducts(o.ProductOrderItem, map[string]string{}); ids["1"] == "" || ids["1.1"] == "" {
				t.Errorf("the completed order in the event names no products: %v", ids)
			}
		}
	}

	// Events reach a listener in the order they happened, so the first one the narrower listener hears is the
	// completion: it was sent neither the creation nor the step to inProgress.
	ev, raw = completions.next(t)
	if o := checkEvent(t, valid, ev, raw, tmf.EventProductOrderStateChange); o.State != tmf.OrderCompleted {
		t.Errorf("the listener for completions heard first of state %s", o.State)
	}
}

func TestListenersHearOfPatchesAndCancellations(t *testing.T) {
	l := listen(t)
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 0)
	valid := validator(t)
	register(t, srv.orders, l.url, "")
	made := create(t, srv.orders, order("ord_pc"))
	if res, _ := call(t, "POST", srv.orders+"/productOrder", order("ord_pc")); res.StatusCode != http.StatusOK {
		t.Fatalf("resending: %d", res.StatusCode)
	}
	if res, raw := call(t, "PATCH", srv.orders+"/productOrder/"+made.ID, map[string]any{"description": "floor 3"}); res.StatusCode != 200 {
		t.Fatalf("PATCH description: %d %s", res.StatusCode, raw)
	}
	if res, raw := call(t, "PATCH", srv.orders+"/productOrder/"+made.ID, map[string]any{"state": "held"}); res.StatusCode != 200 {
		t.Fatalf("PATCH state: %d %s", res.StatusCode, raw)
	}
	if res, raw := call(t, "POST", srv.orders+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: made.ID}}); res.StatusCode != 201 {
		t.Fatalf("cancel: %d %s", res.StatusCode, raw)
	}
	// In order: the creation (not its resending), the state patched (not the description), the cancellation.
	for _, want := range []struct {
		eventType string
		state     tmf.OrderState
	}{{tmf.EventProductOrderCreate, tmf.OrderAcknowledged}, {tmf.EventProductOrderStateChange, tmf.OrderHeld},
		{tmf.EventProductOrderStateChange, tmf.OrderCancelled}} {
		ev, raw := l.next(t)
		if o := checkEvent(t, valid, ev, raw, want.eventType); o.State != want.state || o.ID != made.ID {
			t.Errorf("%s about %s in state %s, want %s %s", want.eventType, o.ID, o.State, made.ID, want.state)
		}
	}
}

func TestAListenerThatFailsIsTriedAgain(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	got := make(chan tmf.ProductOrderEvent, 8)
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev tmf.ProductOrderEvent
		json.NewDecoder(r.Body).Decode(&ev)
		mu.Lock()
		tries++
		first := tries == 1
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		got <- ev
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(flaky.Close)
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 0)
	register(t, srv.orders, flaky.URL, "")
	made := create(t, srv.orders, order("ord_flaky"))
	select {
	case ev := <-got:
		if ev.EventType != tmf.EventProductOrderCreate || ev.Event.ProductOrder == nil || ev.Event.ProductOrder.ID != made.ID {
			t.Errorf("after a 503 the listener was sent %+v", ev)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the event was not sent again after a 503")
	}
}

// A listener that never answers, and one that cannot be reached, hold up neither the API nor other listeners.
func TestAnUnreachableListenerDoesNotHoldUpTheAPI(t *testing.T) {
	// Nothing listens here any more: connections are refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/listener"
	ln.Close()

	// This one takes the request and keeps it until the test ends.
	entered, release := make(chan struct{}, 16), make(chan struct{})
	var mu sync.Mutex
	var held *http.Request
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if held == nil {
			held = r
		}
		mu.Unlock()
		entered <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(release) }) // runs first: the hanging handler returns, and the server can close

	healthy := listen(t)
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 0)
	register(t, srv.orders, refused, "")
	register(t, srv.orders, hanging.URL, "")
	register(t, srv.orders, healthy.url, "")

	made := create(t, srv.orders, order("ord_stuck"))
	<-entered // the server is now waiting on the hanging listener for the creation event
	if res, raw := call(t, "PATCH", srv.orders+"/productOrder/"+made.ID, map[string]any{"state": "held"}); res.StatusCode != http.StatusOK {
		t.Errorf("PATCH while a listener hangs: %d %s", res.StatusCode, raw)
	}
	if res, raw := call(t, "POST", srv.orders+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: made.ID}}); res.StatusCode != http.StatusCreated {
		t.Errorf("cancel while a listener hangs: %d %s", res.StatusCode, raw)
	}
	if res, raw := call(t, "GET", srv.orders+"/productOrder/"+made.ID, nil); res.StatusCode != http.StatusOK || !strings.Contains(string(raw), `"state":"cancelled"`) {
		t.Errorf("GET while a listener hangs: %d %s", res.StatusCode, raw)
	}
	// Every call above was answered while the server still waited on the hanging listener's first event:
	// answering did not wait for delivery.
	mu.Lock()
	stillWaiting := held != nil && held.Context().Err() == nil
	mu.Unlock()
	if !stillWaiting {
		t.Error("the delivery to the hanging listener ended before the API calls were answered")
	}
	for _, want := range []tmf.OrderState{tmf.OrderAcknowledged, tmf.OrderHeld, tmf.OrderCancelled} {
		if ev, _ := healthy.next(t); ev.Event.ProductOrder == nil || ev.Event.ProductOrder.State != want {
			t.Errorf("the healthy listener heard %+v, want the order %s", ev, want)
		}
	}
}
