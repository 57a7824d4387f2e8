package omserver

import (
	"errors"
	"net/http"
	"strings"
)

// listProducts lists the inventory (TMF637 GET /product): paged like the order list, filtered on the
// attributes of productFilters, "status=active,suspended" meaning either. An attribute it cannot filter on is
// refused rather than ignored: ignored, it would answer with every customer's products.
func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := productFilter{by: map[string][]string{}}
	for name, vals := range q {
		switch name {
		case "offset", "limit", "fields":
			continue
		}
		if _, ok := productFilters[name]; !ok {
			fail(w, http.StatusBadRequest, "Invalid filter", "products cannot be filtered on "+name+"; they can on "+productFilterNames())
			return
		}
		for _, v := range vals {
			f.by[name] = append(f.by[name], strings.Split(v, ",")...)
		}
	}
	var ok bool
	if f.offset, f.limit, ok = paging(w, q); !ok {
		return
	}
	list, total, err := s.st.listProducts(r.Context(), f)
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	replyPage(w, list, total, q.Get("fields"))
}

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) {
	p, err := getProduct(r.Context(), s.st.db, r.PathValue("id"))
	if errors.Is(err, errNotFound) {
		fail(w, http.StatusNotFound, "Not found", "no product "+r.PathValue("id"))
		return
	}
	if err != nil {
		fail(w, http.StatusInternalServerError, "Storage", err.Error())
		return
	}
	if fields := r.URL.Query().Get("fields"); fields != "" {
		reply(w, http.StatusOK, selectFields(p, fields))
		return
	}
	reply(w, http.StatusOK, p)
}
