// Package omserver is Quotewright's reference order-management server: TMF622 Product Ordering v4 over its own
// SQLite file, for trying the sync without a real OM system and for testing it (`quotewright om-server`).
// Orders are idempotent on externalId: a client that sends the same order again after a lost answer gets the
// order it already made. What fulfilment delivers is served as a TMF637 Product Inventory v4, and listeners
// registered at the TMF622 hub are told of every order made and every change of an order's state.
package omserver

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"quotewright/backend/tmf"
)

// Server serves TMF622 at tmf.BasePath622 and TMF637 at tmf.BasePath637.
type Server struct {
	st      *store
	now     func() time.Time
	cancels cancellations
	events  *notifier
}

// Open opens (or creates) the server's database and starts delivering events to its listeners.
func Open(path string) (*Server, error) {
	st, err := openStore(path)
	if err != nil {
		return nil, err
	}
	now := func() time.Time { return time.Now().UTC() }
	return &Server{st: st, now: now, events: startNotifier(st, now)}, nil
}

// Close stops the event deliveries (those still queued are dropped) and closes the database.
func (s *Server) Close() error {
	s.events.close()
	return s.st.close()
}

// Handler routes the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	base := strings.TrimSuffix(tmf.BasePath622, "/")
	mux.HandleFunc("POST "+base+"/productOrder", s.createOrder)
	mux.HandleFunc("GET "+base+"/productOrder", s.listOrders)
	mux.HandleFunc("GET "+base+"/productOrder/{id}", s.getOrder)
	mux.HandleFunc("PATCH "+base+"/productOrder/{id}", s.patchOrder)
	mux.HandleFunc("POST "+base+"/cancelProductOrder", s.cancelOrder)
	mux.HandleFunc("GET "+base+"/cancelProductOrder/{id}", s.getCancellation)
	mux.HandleFunc("POST "+base+"/hub", s.registerListener)
	mux.HandleFunc("DELETE "+base+"/hub/{id}", s.unregisterListener)
	inv := strings.TrimSuffix(tmf.BasePath637, "/")
	mux.HandleFunc("GET "+inv+"/product", s.listProducts)
	mux.HandleFunc("GET "+inv+"/product/{id}", s.getProduct)
	return mux
}

// apiError is TMF's Error resource.
type apiError struct {
	Code    string `json:"code"`
	Reason  string `json:"reason"`
	Message string `json:"message,omitempty"`
	Status  string `json:"status,omitempty"`
}

func fail(w http.ResponseWriter, status int, reason, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(apiError{Code: strconv.Itoa(status), Reason: reason, Message: message, Status: strconv.Itoa(status)})
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

const maxBody = 8 << 20

func (s *Server) href(id string) string { return tmf.BasePath622 + "productOrder/" + id }

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// checkItems says what is wrong with an order's items, or "".
func checkItems(items []tmf.ProductOrderItem, path string) string {
	for i, it := range items {
		at := path + "[" + strconv.Itoa(i) + "]"
		if it.ID == "" {
			return at + ".id is required"
		}
		switch it.Action {
		case tmf.ActionAdd, tmf.ActionModify, tmf.ActionDelete, tmf.ActionNoChange:
		default:
			return at + ".action must be add, modify, delete or noChange"
		}
		if it.Quantity < 0 {
			return at + ".quantity must not be negative"
		}
		if (it.Action == tmf.ActionModify || it.Action == tmf.ActionDelete) && (it.Product == nil || it.Product.ID == "") {
			return at + ".product.id is required to " + string(it.Action) + " a product"
		}
		if msg := checkItems(it.ProductOrderItem, at+".productOrderItem"); msg != "" {
			return msg
		}
	}
	return ""
}

func setItemState(items []tmf.ProductOrderItem, st tmf.OrderState) {
	for i := range items {
		items[i].State = st
		setItemState(items[i].ProductOrderItem, st)
	}
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) {
	var o tmf.ProductOrder
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	if err := dec.Decode(&o); err != nil {
		fail(w, http.StatusBadRequest, "Invalid body", "the body is not a ProductOrder: "+err.Error())
		return
	}
	if len(o.ProductOrderItem) == 0 {
		fail(w, http.StatusBadRequest, "Missing productOrderItem", "an order needs at least one productOrderItem")
		return
	}
	if msg := checkItems(o.ProductOrderItem, "productOrderItem"); msg != "" {
		fail(w, http.StatusBadRequest, "Invalid productOrderItem", msg)
		return
	}
	now := s.now()
	o.ID = newID()
	o.Href, o.State, o.OrderDate = s.href(o.ID), tmf.OrderAcknowledged, &now
	o.CompletionDate, o.CancellationDate = nil, nil
	if o.Type == "" {
		o.Type = "ProductOrder"
	}
	setItemState(o.ProductOrderItem, tmf.OrderAcknowledged)
	stored, body, created, err := s.st.create(r.Context(), &o)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // the same externalId again: the order already made
	} else {
		s.events.publish(tmf.EventProductOrderCreate, stored)
	}
	w.Header().Set("Location", stored.Href)
	// The answer is the order as stored, encoded once for both.
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	o, err := s.st.get(r.Context(), r.PathValue("id"))
	if errors.Is(err, errNotFound) {
		fail(w, http.StatusNotFound, "Not found", "no productOrder "+r.PathValue("id"))
		return
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	reply(w, http.StatusOK, o)
}

func (s *Server) listOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := filter{externalID: q.Get("externalId"), state: q.Get("state")}
	var ok bool
	if f.offset, f.limit, ok = paging(w, q); !ok {
		return
	}
	list, total, err := s.st.list(r.Context(), f)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	replyPage(w, list, total, q.Get("fields"))
}

// paging reads a list's offset and limit (100 unless asked, at most 1000), or answers 400 and says false.
func paging(w http.ResponseWriter, q url.Values) (offset, limit int, ok bool) {
	limit = 100
	for name, dst := range map[string]*int{"offset": &offset, "limit": &limit} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				fail(w, http.StatusBadRequest, "Invalid "+name, name+" must be a whole number of at least 0")
				return 0, 0, false
			}
			*dst = n
		}
	}
	return offset, min(limit, 1000), true
}

// replyPage answers a list: the page with its counts, 206 when it is not all that matched, each resource cut
// down to the fields asked for.
func replyPage[T any](w http.ResponseWriter, list []T, total int, fields string) {
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	w.Header().Set("X-Result-Count", strconv.Itoa(len(list)))
	out := make([]any, 0, len(list))
	for _, v := range list {
		if fields == "" {
			out = append(out, v)
			continue
		}
		out = append(out, selectFields(v, fields))
	}
	status := http.StatusOK
	if len(list) < total {
		status = http.StatusPartialContent
	}
	reply(w, status, out)
}

// selectFields keeps a resource's id and href and the named top-level attributes ("fields=state,externalId").
func selectFields(v any, fields string) map[string]any {
	raw, _ := json.Marshal(v)
	var all map[string]any
	json.Unmarshal(raw, &all)
	keep := map[string]any{"id": all["id"], "href": all["href"]}
	for _, f := range strings.Split(fields, ",") {
		if v, ok := all[strings.TrimSpace(f)]; ok {
			keep[strings.TrimSpace(f)] = v
		}
	}
	return keep
}

// patchOrder applies a JSON merge patch (RFC 7386) to an order. Its id, href, orderDate and externalId are the
// server's and the client's identity of the order: they do not change. The patch is stored only if the order's
// state has not moved since it was read (as a cancellation is): otherwise it could undo what fulfilment or a
// cancellation did meanwhile, such as the product ids a completion wrote into the items.
func (s *Server) patchOrder(w http.ResponseWriter, r *http.Request) {
	o, err := s.st.get(r.Context(), r.PathValue("id"))
	if errors.Is(err, errNotFound) {
		fail(w, http.StatusNotFound, "Not found", "no productOrder "+r.PathValue("id"))
		return
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	var patch map[string]any
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&patch); err != nil {
		fail(w, http.StatusBadRequest, "Invalid body", "the body is not a JSON merge patch: "+err.Error())
		return
	}
	for _, k := range []string{"id", "href", "orderDate", "externalId"} {
		delete(patch, k)
	}
	raw, _ := json.Marshal(o)
	var doc map[string]any
	json.Unmarshal(raw, &doc)
	merged, _ := json.Marshal(mergePatch(doc, patch))
	var next tmf.ProductOrder
	if err := json.Unmarshal(merged, &next); err != nil {
		fail(w, http.StatusBadRequest, "Invalid patch", err.Error())
		return
	}
	if len(next.ProductOrderItem) == 0 {
		fail(w, http.StatusBadRequest, "Missing productOrderItem", "an order needs at least one productOrderItem")
		return
	}
	if msg := checkItems(next.ProductOrderItem, "productOrderItem"); msg != "" {
		fail(w, http.StatusBadRequest, "Invalid productOrderItem", msg)
		return
	}
	ok, err := s.st.putIf(r.Context(), &next, o.State)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	if !ok {
		fail(w, http.StatusConflict, "Order changed", "the order's state changed while it was being patched: read it again and patch that")
		return
	}
	if next.State != o.State {
		s.events.publish(tmf.EventProductOrderStateChange, &next)
	}
	reply(w, http.StatusOK, &next)
}

// mergePatch applies an RFC 7386 merge patch: objects merge, null removes, anything else replaces.
func mergePatch(doc, patch map[string]any) map[string]any {
	for k, v := range patch {
		if v == nil {
			delete(doc, k)
			continue
		}
		if pv, ok := v.(map[string]any); ok {
			if dv, ok := doc[k].(map[string]any); ok {
				doc[k] = mergePatch(dv, pv)
				continue
			}
		}
		doc[k] = v
	}
	return doc
}
