package omserver

import (
	"context"
	"log"
	"math/rand/v2"
	"time"

	"quotewright/backend/tmf"
)

// Fulfilment is the simulated fulfilment: each order moves acknowledged → inProgress → completed, one step
// every Delay, and at the last step a share of them (Fallout, 0 to 1) fails instead, with a reason, as real
// provisioning does when a port or an appointment is missing.
type Fulfilment struct {
	Delay   time.Duration
	Fallout float64
	Seed    uint64 // chooses which orders fall out; the same seed, the same choices
}

// falloutReason is the note a failed order carries.
const falloutReason = "Fallout: no free port at the installation address; a field visit is needed"

// Fulfil runs the simulated fulfilment until ctx ends.
func (s *Server) Fulfil(ctx context.Context, f Fulfilment) {
	if f.Delay <= 0 {
		f.Delay = 2 * time.Second
	}
	rng := rand.New(rand.NewPCG(f.Seed, f.Seed^0x9e3779b97f4a7c15))
	tick := time.NewTicker(max(f.Delay/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			s.advance(ctx, f, rng)
		}
	}
}

// advance moves every order whose step is due one step on. A completed order's products go into the
// inventory with it (store.complete). Listeners are told of each step that was stored.
func (s *Server) advance(ctx context.Context, f Fulfilment, rng *rand.Rand) {
	due := stamp(s.now().Add(-f.Delay))
	ids, err := s.st.due(ctx, due)
	if err != nil {
		return // the next tick tries again
	}
	for _, id := range ids {
		o, err := s.st.get(ctx, id)
		if err != nil {
			continue
		}
		from, now := o.State, s.now()
		switch o.State {
		case tmf.OrderAcknowledged:
			o.State = tmf.OrderInProgress
		case tmf.OrderInProgress:
			if f.Fallout > 0 && rng.Float64() < f.Fallout {
				o.State = tmf.OrderFailed
				o.Note = append(o.Note, tmf.Note{Author: "om-server", Date: &now, Text: falloutReason})
			} else {
				o.State, o.CompletionDate = tmf.OrderCompleted, &now
			}
		default:
			continue
		}
		setItemState(o.ProductOrderItem, o.State)
		var stored bool
		if o.State == tmf.OrderCompleted {
			stored, err = s.st.complete(ctx, o, from, now)
		} else {
			stored, err = s.st.putIf(ctx, o, from)
		}
		if err != nil && ctx.Err() == nil {
			log.Printf("om-server: fulfilment of order %s: %v (tried again at the next tick)", o.ID, err)
		}
		if stored { // not stored: a cancellation in between won, and listeners heard of that instead
			s.events.publish(tmf.EventProductOrderStateChange, o)
		}
	}
}
