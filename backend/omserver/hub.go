package omserver

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"quotewright/backend/tmf"
)

// registerListener registers a listener at the TMF622 hub: from now on it is sent the order events its query
// asks for (see matches).
func (s *Server) registerListener(w http.ResponseWriter, r *http.Request) {
	var l tmf.EventSubscription
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBody)).Decode(&l); err != nil || l.Callback == "" {
		fail(w, http.StatusBadRequest, "Invalid body", "a listener needs a callback: {\"callback\": \"https://…\"}")
		return
	}
	if u, err := url.Parse(l.Callback); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fail(w, http.StatusBadRequest, "Invalid callback", "the callback must be an absolute http or https URL")
		return
	}
	if _, err := parseEventQuery(l.Query); err != nil {
		fail(w, http.StatusBadRequest, "Invalid query", "the query must be attribute=value pairs joined by &: "+err.Error())
		return
	}
	l.ID = newID()
	if _, err := s.st.db.ExecContext(r.Context(), `INSERT INTO hub_listeners (id, callback, query, created_at) VALUES (?, ?, ?, ?)`,
		l.ID, l.Callback, l.Query, stamp(time.Now())); err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	s.events.recount(r.Context())
	w.Header().Set("Location", tmf.BasePath622+"hub/"+l.ID)
	reply(w, http.StatusCreated, &l)
}

func (s *Server) unregisterListener(w http.ResponseWriter, r *http.Request) {
	res, err := s.st.db.ExecContext(r.Context(), `DELETE FROM hub_listeners WHERE id = ?`, r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		fail(w, http.StatusNotFound, "Not found", "no listener "+r.PathValue("id"))
		return
	}
	s.events.recount(r.Context())
	w.WriteHeader(http.StatusNoContent)
}

// listeners lists the registered listeners, oldest first.
func (s *store) listeners(ctx context.Context) ([]tmf.EventSubscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, callback, query FROM hub_listeners ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tmf.EventSubscription
	for rows.Next() {
		var l tmf.EventSubscription
		if err := rows.Scan(&l.ID, &l.Callback, &l.Query); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// parseEventQuery reads a listener's query. TMF examples write it with and without the leading "?".
func parseEventQuery(q string) (url.Values, error) {
	return url.ParseQuery(strings.TrimPrefix(q, "?"))
}
