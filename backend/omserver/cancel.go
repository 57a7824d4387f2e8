package omserver

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"

	"quotewright/backend/tmf"
)

// cancellations keeps the cancellation requests this run received. They are answered at once, so they need
// not outlive the process; the order's own state, which does, is in the database.
type cancellations struct {
	mu  sync.Mutex
	req map[string]*tmf.CancelProductOrder
}

// cancelOrder cancels an order that fulfilment has not finished: the order becomes cancelled with the reason
// and the request is done. A completed, failed, rejected or already cancelled order cannot be cancelled: the
// request ends terminatedWithError, and the order is left as it is.
func (s *Server) cancelOrder(w http.ResponseWriter, r *http.Request) {
	var c tmf.CancelProductOrder
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&c); err != nil || c.ProductOrder.ID == "" {
		fail(w, http.StatusBadRequest, "Invalid body", "a cancelProductOrder needs productOrder.id")
		return
	}
	o, err := s.st.get(r.Context(), c.ProductOrder.ID)
	if errors.Is(err, errNotFound) {
		fail(w, http.StatusNotFound, "Not found", "no productOrder "+c.ProductOrder.ID)
		return
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	now := s.now()
	c.ID = newID()
	c.Href = tmf.BasePath622 + "cancelProductOrder/" + c.ID
	c.ProductOrder.Href = o.Href
	c.Type = "CancelProductOrder"
	switch o.State {
	case tmf.OrderCompleted, tmf.OrderFailed, tmf.OrderRejected, tmf.OrderCancelled:
		c.State = tmf.TaskTerminatedWithError
	default:
		from := o.State
		o.State, o.CancellationDate, o.CancellationReason = tmf.OrderCancelled, &now, c.CancellationReason
		setItemState(o.ProductOrderItem, tmf.OrderCancelled)
		ok, err := s.st.putIf(r.Context(), o, from)
		if err != nil {
			fail(w, http.StatusInternalServerError, "Storage", err.Error())
			return
		}
		if !ok {
			// Fulfilment moved the order meanwhile: the client asks again and is answered on its new state.
			fail(w, http.StatusConflict, "Order changed", "the order's state changed while it was being cancelled: try again")
			return
		}
		c.State, c.EffectiveCancellationDate = tmf.TaskDone, &now
		s.events.publish(tmf.EventProductOrderStateChange, o)
	}
	s.cancels.mu.Lock()
	if s.cancels.req == nil {
		s.cancels.req = map[string]*tmf.CancelProductOrder{}
	}
	s.cancels.req[c.ID] = &c
	s.cancels.mu.Unlock()
	reply(w, http.StatusCreated, &c)
}

func (s *Server) getCancellation(w http.ResponseWriter, r *http.Request) {
	s.cancels.mu.Lock()
	c := s.cancels.req[r.PathValue("id")]
	s.cancels.mu.Unlock()
	if c == nil {
		fail(w, http.StatusNotFound, "Not found", "no cancelProductOrder "+r.PathValue("id"))
		return
	}
	reply(w, http.StatusOK, c)
}
