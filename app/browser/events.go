package browser

import (
	"encoding/json"
	"sync"
)

// Hub delivers runtime events to every connected page; it is browser mode's app.Runtime.
type Hub struct {
	mu   sync.Mutex
	subs map[chan []byte]struct{}
}

// NewHub returns a hub with no pages connected.
func NewHub() *Hub { return &Hub{subs: map[chan []byte]struct{}{}} }

// Emit sends the event to every connected page. A page too slow to keep up is disconnected rather than allowed
// to hold up the app; its EventSource reconnects by itself.
func (h *Hub) Emit(event string, data ...any) {
	if data == nil {
		data = []any{}
	}
	msg, err := json.Marshal(struct {
		Name string `json:"name"`
		Data []any  `json:"data"`
	}{event, data})
	if err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- msg:
		default:
			delete(h.subs, ch)
			close(ch)
		}
	}
}

func (h *Hub) subscribe() chan []byte {
	ch := make(chan []byte, 64)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *Hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[ch]; ok {
		delete(h.subs, ch)
		close(ch)
	}
}

// closeAll disconnects every page, ending their event streams.
func (h *Hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}
