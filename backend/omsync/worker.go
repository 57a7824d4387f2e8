package omsync

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/tmf"
)

// Worker works through the outbox and polls the orders in flight. One Worker runs per database; Sync and
// Poll may be called from a loop (Run) and from "sync now" at once: a mutex keeps them one at a time.
type Worker struct {
	Store cpq.Store
	// Client returns the client for the endpoint as the settings say now, or an error saying what to set.
	Client func(ctx context.Context) (*Client, error)
	Now    func() time.Time
	// Batch is how many entries one transaction claims; Parallel how many requests are in flight at once.
	Batch, Parallel int
	// MinBackoff doubles with each failed attempt up to MaxBackoff, with jitter; after GiveUpAfter of failing
	// the order waits for a person (the sync page says so) rather than being retried forever without a word.
	MinBackoff, MaxBackoff, GiveUpAfter time.Duration
	// Progress, when set, is told how a run goes.
	Progress func(Progress)

	mu   sync.Mutex
	wake chan struct{}
	once sync.Once
}

// Progress is how far a run is.
type Progress struct {
	Phase  string // "send" or "poll"
	Done   int
	Failed int
	Total  int // entries due when the run began
}

// Report is what one run did.
type Report struct {
	Sent, Rejected, Retrying, Polled, Changed int
	LastError                                 string
}

func (w *Worker) defaults() {
	w.once.Do(func() {
		if w.Now == nil {
			w.Now = func() time.Time { return time.Now().UTC() }
		}
		if w.Batch <= 0 {
			w.Batch = 256
		}
		if w.Parallel <= 0 {
			w.Parallel = 16
		}
		if w.MinBackoff <= 0 {
			w.MinBackoff = 2 * time.Second
		}
		if w.MaxBackoff <= 0 {
			w.MaxBackoff = 5 * time.Minute
		}
		if w.GiveUpAfter <= 0 {
			w.GiveUpAfter = 7 * 24 * time.Hour
		}
		w.wake = make(chan struct{}, 1)
	})
}

// Wake asks a running loop to sync now.
func (w *Worker) Wake() {
	w.defaults()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run syncs and polls until ctx ends: whenever an entry falls due, every poll interval, and when woken.
func (w *Worker) Run(ctx context.Context, pollEvery time.Duration) {
	w.defaults()
	for {
		w.Sync(ctx)
		w.Poll(ctx)
		wait := pollEvery
		var next time.Time
		if err := w.Store.View(ctx, func(tx cpq.Tx) (err error) {
			next, err = tx.Outbox().Next(ctx)
			return err
		}); err == nil && !next.IsZero() {
			wait = min(wait, max(next.Sub(w.Now()), 50*time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-w.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// outcome is what became of one entry's attempt.
type outcome struct {
	e   *cpq.OutboxEntry
	po  *RemoteOrder // the endpoint's order, after a create or a lookup
	err error
}

// Sync sends every entry due now and records each answer. An entry is marked maybe-sent in the transaction
// that claims it, before its request goes out, so a crash or a lost answer leads to a lookup by externalId,
// never a second order.
//
// The work streams: Parallel senders take requests from batches as they are claimed, so the last requests of
// one batch overlap the first of the next; a batch's answers are recorded, in one transaction, as soon as all
// of them are in. Entries claimed and not yet recorded are passed over by the next claim.
func (w *Worker) Sync(ctx context.Context) (Report, error) {
	w.defaults()
	w.mu.Lock()
	defer w.mu.Unlock()
	var rep Report
	c, err := w.Client(ctx)
	if err != nil {
		rep.LastError = err.Error()
		return rep, err
	}
	total := 0
	if err := w.Store.View(ctx, func(tx cpq.Tx) error {
		st, err := tx.Outbox().Stats(ctx)
		total = st.Queued
		return err
	}); err != nil {
		return rep, err
	}

	type job struct {
		cl  claimed
		out *outcome
		wg  *sync.WaitGroup
	}
	type batch struct {
		outs []outcome
		wg   sync.WaitGroup
		seqs []int64
	}
	jobs := make(chan job)
	var senders sync.WaitGroup
	for i := 0; i < w.Parallel; i++ {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for j := range jobs {
				*j.out = w.attempt(ctx, c, j.cl)
				j.wg.Done()
			}
		}()
	}

	var mu sync.Mutex
	outstanding := map[int64]bool{} // claimed, not yet recorded
	var recordErr error
	toRecord := make(chan *batch, 4) // at most a few batches ahead of the recorder
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		done, failed := 0, 0
		for b := range toRecord {
			b.wg.Wait()
			err := w.record(ctx, b.outs, &rep)
			mu.Lock()
			for _, s := range b.seqs {
				delete(outstanding, s)
			}
			if err != nil && recordErr == nil {
				recordErr = err
			}
			mu.Unlock()
			for _, o := range b.outs {
				done++
				if o.err != nil {
					failed++
				}
			}
			if w.Progress != nil {
				w.Progress(Progress{Phase: "send", Done: done, Failed: failed, Total: max(total, done)})
			}
		}
	}()

	var claimErr error
	for ctx.Err() == nil {
		mu.Lock()
		failedRecord := recordErr != nil
		skip := make([]int64, 0, len(outstanding))
		for s := range outstanding {
			skip = append(skip, s)
		}
		mu.Unlock()
		if failedRecord {
			break
		}
		claimedBatch, err := w.claim(ctx, skip)
		if err != nil {
			claimErr = err
			break
		}
		if len(claimedBatch) == 0 {
			break
		}
		b := &batch{outs: make([]outcome, len(claimedBatch))}
		mu.Lock()
		for _, cl := range claimedBatch {
			b.seqs = append(b.seqs, cl.e.Seq)
			outstanding[cl.e.Seq] = true
		}
		mu.Unlock()
		b.wg.Add(len(claimedBatch))
		toRecord <- b
		for i, cl := range claimedBatch {
			jobs <- job{cl: cl, out: &b.outs[i], wg: &b.wg}
		}
	}
	close(jobs)
	senders.Wait()
	close(toRecord)
	<-recorded
	switch {
	case claimErr != nil:
		return rep, claimErr
	case recordErr != nil:
		return rep, recordErr
	}
	return rep, ctx.Err()
}

// claimed pairs an entry with whether an earlier attempt may already have delivered it.
type claimed struct {
	e      *cpq.OutboxEntry
	lookup bool
}

// claim takes the next batch of due entries, passing over those whose answers are being recorded, and marks
// them maybe-sent before anything is sent.
func (w *Worker) claim(ctx context.Context, skip []int64) (out []claimed, err error) {
	err = w.Store.Update(ctx, func(tx cpq.Tx) error {
		due, err := tx.Outbox().Due(ctx, w.Now(), w.Batch, skip)
		if err != nil {
			return err
		}
		out = out[:0]
		var mark []int64
		for _, e := range due {
			out = append(out, claimed{e: e, lookup: e.MaybeSent})
			if e.Kind == cpq.OutboxCreate && !e.MaybeSent {
				e.MaybeSent = true
				mark = append(mark, e.Seq)
			}
		}
		return tx.Outbox().MarkMaybeSent(ctx, mark)
	})
	return out, err
}

func (w *Worker) attempt(ctx context.Context, c *Client, cl claimed) outcome {
	e := cl.e
	switch e.Kind {
	case cpq.OutboxCreate:
		if cl.lookup {
			po, err := c.FindByExternalID(ctx, e.OrderID)
			if err != nil || po != nil {
				return outcome{e: e, po: po, err: err}
			}
		}
		po, err := c.Create(ctx, e.Payload)
		return outcome{e: e, po: po, err: err}
	case cpq.OutboxCancel:
		if e.RemoteID == "" {
			// The claim passes over a cancellation while its order's create waits; here the create is done
			// and the endpoint has no id for the order: it was rejected, so there is nothing to cancel.
			return outcome{e: e, err: errNothingToCancel}
		}
		var req struct{ Reason string }
		json.Unmarshal(e.Payload, &req)
		_, err := c.Cancel(ctx, e.RemoteID, req.Reason)
		return outcome{e: e, err: err}
	}
	return outcome{e: e, err: errors.New("unknown outbox entry " + string(e.Kind))}
}

var errNothingToCancel = errors.New("the order-management system never took the order: there is nothing to cancel")

// record writes every answer of a batch in one transaction.
func (w *Worker) record(ctx context.Context, outs []outcome, rep *Report) error {
	now := w.Now()
	// A run stopped mid-way still records the answers that came back: they are facts about the endpoint.
	ctx = context.WithoutCancel(ctx)
	return w.Store.Update(ctx, func(tx cpq.Tx) error {
		var answered []int64 // entries done with, removed together
		for _, o := range outs {
			e := o.e
			switch {
			case o.err == nil && e.Kind == cpq.OutboxCreate:
				if err := w.accepted(ctx, tx, e, o.po); err != nil {
					return err
				}
				answered = append(answered, e.Seq)
				rep.Sent++
			case o.err == nil:
				answered = append(answered, e.Seq)
				if err := audit(ctx, tx, "order.cancelRequested", e.OrderID, map[string]any{"remoteId": e.RemoteID}); err != nil {
					return err
				}
				rep.Sent++
			case errors.Is(o.err, errNothingToCancel), errors.As(o.err, new(errCancelRefused)):
				// The cancellation is over: the order goes on (or never started), and says why.
				answered = append(answered, e.Seq)
				if err := tx.Orders().SetError(ctx, e.OrderID, "", o.err.Error()); err != nil {
					return err
				}
				if err := audit(ctx, tx, "order.refused", e.OrderID, map[string]any{"kind": e.Kind, "error": o.err.Error()}); err != nil {
					return err
				}
				rep.Rejected++
			case Permanent(o.err):
				if err := w.refused(ctx, tx, e, o.err); err != nil {
					return err
				}
				answered = append(answered, e.Seq)
				rep.Rejected++
			default:
				if errors.Is(o.err, context.Canceled) {
					continue // stopped, not failed: the entry stays due, marked maybe-sent
				}
				if err := w.retry(ctx, tx, e, o.err, now); err != nil {
					return err
				}
				rep.Retrying++
				rep.LastError = o.err.Error()
			}
		}
		return tx.Outbox().Remove(ctx, answered...)
	})
}

// accepted records that the endpoint holds the order.
func (w *Worker) accepted(ctx context.Context, tx cpq.Tx, e *cpq.OutboxEntry, po *RemoteOrder) error {
	status := statusOf(po.State, cpq.OrderAcknowledged)
	href := po.Href
	if err := tx.Orders().SetSync(ctx, cpq.SyncUpdate{OrderID: e.OrderID, Status: status, Sync: cpq.SyncSent,
		RemoteID: po.ID, RemoteHref: href, Fallout: fallout(po)}); err != nil {
		return err
	}
	if err := audit(ctx, tx, "order.sent", e.OrderID, map[string]any{"remoteId": po.ID, "state": status,
		"attempts": e.Attempts + 1}); err != nil {
		return err
	}
	if status == cpq.OrderCompleted || status == cpq.OrderPartial {
		return fulfilled(ctx, tx, e.OrderID, po, nil, w.Now())
	}
	return nil
}

// refused records a request the endpoint will not take: the order is rejected with its message (and a
// cancellation waiting for it has nothing left to do), or the cancellation is refused and the order goes on.
func (w *Worker) refused(ctx context.Context, tx cpq.Tx, e *cpq.OutboxEntry, cause error) error {
	if e.Kind == cpq.OutboxCreate {
		if err := tx.Orders().SetSync(ctx, cpq.SyncUpdate{OrderID: e.OrderID, Status: cpq.OrderRejected,
			Sync: cpq.SyncFailed, LastError: cause.Error()}); err != nil {
			return err
		}
		if c, err := tx.Outbox().ByOrder(ctx, e.OrderID, cpq.OutboxCancel); err != nil {
			return err
		} else if c != nil {
			if err := tx.Outbox().Remove(ctx, c.Seq); err != nil {
				return err
			}
		}
	} else if err := tx.Orders().SetError(ctx, e.OrderID, "", cause.Error()); err != nil {
		return err
	}
	return audit(ctx, tx, "order.refused", e.OrderID, map[string]any{"kind": e.Kind, "error": cause.Error()})
}

// retry schedules the entry's next attempt, or gives up on it after GiveUpAfter and says so. Only the sync
// state and the error change on the order: what the endpoint told us stays as it was.
func (w *Worker) retry(ctx context.Context, tx cpq.Tx, e *cpq.OutboxEntry, cause error, now time.Time) error {
	e.Attempts++
	if e.FirstFailedAt.IsZero() {
		e.FirstFailedAt = now
	}
	e.LastError = cause.Error()
	e.NextAt = now.Add(w.backoff(e.Attempts))
	sync := cpq.SyncRetrying
	if now.Sub(e.FirstFailedAt) >= w.GiveUpAfter && !e.FirstFailedAt.IsZero() {
		e.NextAt = Parked
		sync = cpq.SyncFailed
	}
	if err := tx.Outbox().Save(ctx, e); err != nil {
		return err
	}
	if e.Kind == cpq.OutboxCancel {
		sync = "" // the order itself is at the endpoint: only the error says the cancellation is waiting
	}
	return tx.Orders().SetError(ctx, e.OrderID, sync, e.LastError)
}

// Parked is the due time of an entry the sync gave up on: only a person's "retry" makes it due again.
var Parked = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// backoff is the wait before attempt n+1: MinBackoff doubled per failure up to MaxBackoff, the second half of
// it random, so that many laptops coming back online do not all retry at the same instant.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.MinBackoff
	for i := 1; i < attempts && d < w.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.MaxBackoff)
	half := d / 2
	return half + rand.N(half+1)
}

// statusOf maps the endpoint's state to ours, def when it sent none or one we do not know.
func statusOf(s tmf.OrderState, def cpq.OrderStatus) cpq.OrderStatus {
	st := cpq.OrderStatus(s)
	if s == "" || !cpq.OrderTransitions.Known(st) || st == cpq.OrderDraft || st == cpq.OrderQueued {
		return def
	}
	return st
}

// fallout is why a held or failed order stopped: the endpoint's last note.
func fallout(po *RemoteOrder) string {
	if po.State != tmf.OrderHeld && po.State != tmf.OrderFailed && po.State != tmf.OrderPartial {
		return ""
	}
	if n := len(po.Note); n > 0 {
		return po.Note[n-1].Text
	}
	return string(po.State)
}

func audit(ctx context.Context, tx cpq.Tx, action, orderID string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return cpq.Internal(err)
	}
	return tx.Audit().Append(ctx, &cpq.AuditEvent{Action: action, Entity: "order", EntityID: orderID, Data: raw})
}
