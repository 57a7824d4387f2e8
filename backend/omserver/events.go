package omserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"quotewright/backend/tmf"
)

// Event delivery is best effort and never holds up the API: publish only queues, and a listener that is slow
// or unreachable delays nobody but itself. Bounded queues keep a dead listener from growing memory; what does
// not fit, or still fails after the retries, is dropped with a log line. A listener that must not miss a
// change polls the order as well.
const (
	eventQueue      = 256             // events published and not yet matched to listeners
	listenerQueue   = 32              // events waiting for one listener
	deliveryTimeout = 5 * time.Second // one attempt to POST an event
)

// retryAfter are the pauses before the second and third attempts.
var retryAfter = []time.Duration{500 * time.Millisecond, 2 * time.Second}

// notifier delivers TMF622 events to the listeners registered at the hub. Each listener has its own queue and
// worker, so it receives its events in the order they happened.
type notifier struct {
	st     *store
	now    func() time.Time
	client *http.Client
	ctx    context.Context
	stop   context.CancelFunc
	wg     sync.WaitGroup
	events chan []byte // marshalled tmf.ProductOrderEvents

	mu     sync.Mutex
	queues map[string]chan []byte // by listener id, while its worker runs

	// registered counts the listeners, so that an order created while nobody listens costs no event: a
	// burst of thousands of orders would otherwise fill the queue and read the listeners for each.
	registered atomic.Int64
}

// recount reads how many listeners there are, after one was registered or removed.
func (n *notifier) recount(ctx context.Context) {
	var c int64
	if err := n.st.db.QueryRowContext(ctx, `SELECT count(*) FROM hub_listeners`).Scan(&c); err == nil {
		n.registered.Store(c)
	}
}

func startNotifier(st *store, now func() time.Time) *notifier {
	ctx, stop := context.WithCancel(context.Background())
	n := &notifier{st: st, now: now, ctx: ctx, stop: stop, events: make(chan []byte, eventQueue),
		queues: map[string]chan []byte{},
		client: &http.Client{
			// A redirect would turn the POST into a GET: a listener that moved registers again.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	n.recount(ctx)
	n.wg.Add(1)
	go n.dispatch()
	return n
}

// close stops the deliveries and waits for them, so that nothing reads the database after it is closed.
func (n *notifier) close() {
	n.stop()
	n.wg.Wait()
}

// publish queues an event about an order as it is now. It never blocks.
func (n *notifier) publish(eventType string, o *tmf.ProductOrder) {
	if n.registered.Load() == 0 {
		return
	}
	body, err := json.Marshal(&tmf.ProductOrderEvent{EventID: newID(), EventTime: n.now(), EventType: eventType,
		Event: tmf.ProductOrderEventPayload{ProductOrder: o}})
	if err != nil {
		log.Printf("om-server: %s for order %s not sent: %v", eventType, o.ID, err)
		return
	}
	select {
	case n.events <- body:
	default:
		log.Printf("om-server: event queue full: %s for order %s dropped", eventType, o.ID)
	}
}

// dispatch hands each event to the listeners whose query it matches.
func (n *notifier) dispatch() {
	defer n.wg.Done()
	for {
		var body []byte
		select {
		case <-n.ctx.Done():
			return
		case body = <-n.events:
		}
		ls, err := n.st.listeners(n.ctx)
		if err != nil {
			if n.ctx.Err() == nil {
				log.Printf("om-server: listeners not read, an event was dropped: %v", err)
			}
			continue
		}
		var doc any
		json.Unmarshal(body, &doc)
		for _, l := range ls {
			if q, err := parseEventQuery(l.Query); err == nil && matches(q, doc) {
				n.enqueue(l, body)
			}
		}
	}
}

// enqueue queues an event for a listener, starting its worker if none runs.
func (n *notifier) enqueue(l tmf.EventSubscription, body []byte) {
	n.mu.Lock()
	defer n.mu.Unlock()
	q, running := n.queues[l.ID]
	if !running {
		q = make(chan []byte, listenerQueue)
		n.queues[l.ID] = q
		n.wg.Add(1)
		go n.work(l, q)
	}
	select {
	case q <- body:
	default:
		log.Printf("om-server: listener %s (%s) is behind: an event was dropped", l.ID, l.Callback)
	}
}

// work delivers a listener's events one at a time, and ends when its queue is empty: an idle listener costs
// no goroutine. The queue is only added to under mu, so a worker that finds it empty there can leave it.
func (n *notifier) work(l tmf.EventSubscription, q chan []byte) {
	defer n.wg.Done()
	for {
		n.mu.Lock()
		if len(q) == 0 || n.ctx.Err() != nil {
			delete(n.queues, l.ID)
			n.mu.Unlock()
			return
		}
		n.mu.Unlock()
		n.deliver(l, <-q)
	}
}

// deliver POSTs an event to a listener, trying again after a network error or a 429 or 5xx answer.
func (n *notifier) deliver(l tmf.EventSubscription, body []byte) {
	for attempt := 0; ; attempt++ {
		err := n.post(l.Callback, body)
		if err == nil || n.ctx.Err() != nil {
			return
		}
		var final finalError
		if errors.As(err, &final) || attempt == len(retryAfter) {
			log.Printf("om-server: event for listener %s (%s) dropped after %d attempts: %v", l.ID, l.Callback, attempt+1, err)
			return
		}
		select {
		case <-n.ctx.Done():
			return
		case <-time.After(retryAfter[attempt]):
		}
	}
}

// finalError is a failure that trying again would not mend: a 4xx answer other than 429, a callback that is
// no URL.
type finalError struct{ error }

func (n *notifier) post(callback string, body []byte) error {
	ctx, cancel := context.WithTimeout(n.ctx, deliveryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, callback, bytes.NewReader(body))
	if err != nil {
		return finalError{err}
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := n.client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // lets the connection be reused
	res.Body.Close()
	switch {
	case res.StatusCode >= 200 && res.StatusCode < 300:
		return nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return fmt.Errorf("the listener answered %d", res.StatusCode)
	default:
		return finalError{fmt.Errorf("the listener answered %d", res.StatusCode)}
	}
}

// matches says whether an event is one a listener's query asks for. The query names attributes of the event
// by dotted path, each with the values any of which will do, comma separated:
// "eventType=ProductOrderStateChangeEvent&event.productOrder.state=completed,failed". A path through a list
// matches if any element does. An empty query asks for every event.
func matches(q map[string][]string, doc any) bool {
	for path, want := range q {
		accepted := map[string]bool{}
		for _, w := range want {
			for _, v := range strings.Split(w, ",") {
				accepted[v] = true
			}
		}
		found := false
		for _, v := range valuesAt(doc, strings.Split(path, ".")) {
			if s, ok := v.(string); ok && accepted[s] || !ok && accepted[fmt.Sprint(v)] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// valuesAt collects the values at a path in decoded JSON, through lists.
func valuesAt(v any, path []string) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []any
		for _, e := range x {
			out = append(out, valuesAt(e, path)...)
		}
		return out
	case map[string]any:
		if len(path) == 0 {
			return nil // an object is no value to compare
		}
		return valuesAt(x[path[0]], path[1:])
	}
	if len(path) > 0 {
		return nil
	}
	return []any{v}
}
