package omserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotewright/backend/omserver"
	"quotewright/backend/tmf"
	"quotewright/backend/tmf/tmfspec"
)

// serve starts the server on 127.0.0.1 over a database in a temporary folder and returns its base URL.
func serve(t *testing.T, path string) string {
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
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return "http://" + ln.Addr().String() + strings.TrimSuffix(tmf.BasePath622, "/")
}

func call(t *testing.T, method, url string, body any) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, raw
}

func order(ext string) tmf.ProductOrder {
	return tmf.ProductOrder{ExternalID: ext, Description: "Shinjuku store",
		RelatedParty: []tmf.RelatedParty{{ID: "A-000001", Role: "customer", ReferredType: "Organization"}},
		ProductOrderItem: []tmf.ProductOrderItem{{ID: "1", Quantity: 1, Action: tmf.ActionAdd, ProductOffering: &tmf.Ref{ID: "FIBRE-BIZ"},
			Product: &tmf.Product{Place: []tmf.Place{{ID: "site_1", Role: "installationAddress"}}}}}}
}

// validator checks what the server serves against the official specification, where the specifications are
// at hand (see tmfspec.Dir).
func validator(t *testing.T) func(def string, raw []byte) { return validatorOf(t, tmfspec.TMF622) }

// validatorOf checks payloads against one specification file (tmfspec.TMF622, tmfspec.TMF637). Without the
// specifications the test still runs its other checks, and says that it did not validate.
func validatorOf(t *testing.T, file string) func(def string, raw []byte) {
	dir, err := tmfspec.Dir()
	if err != nil {
		t.Log("not validated against the specification:", err)
		return func(string, []byte) {}
	}
	s, err := tmfspec.Load(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	return func(def string, raw []byte) {
		t.Helper()
		if err := s.Validate(def, raw); err != nil {
			t.Errorf("%s served does not validate: %v\n%s", def, err, raw)
		}
	}
}

func TestOrdersAreCreatedOnceAndServed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "om.db")
	base := serve(t, path)
	valid := validator(t)

	res, raw := call(t, "POST", base+"/productOrder", order("ord_1"))
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d %s", res.StatusCode, raw)
	}
	valid("ProductOrder", raw)
	var made tmf.ProductOrder
	json.Unmarshal(raw, &made)
	if made.ID == "" || made.State != tmf.OrderAcknowledged || made.Href != tmf.BasePath622+"productOrder/"+made.ID ||
		res.Header.Get("Location") != made.Href || made.ProductOrderItem[0].State != tmf.OrderAcknowledged {
		t.Errorf("created order = %+v", made)
	}
	// The same externalId again (an answer lost on the way): the same order, not a second one.
	res, raw = call(t, "POST", base+"/productOrder", order("ord_1"))
	var again tmf.ProductOrder
	json.Unmarshal(raw, &again)
	if res.StatusCode != http.StatusOK || again.ID != made.ID {
		t.Errorf("resending ord_1: %d, id %s, want 200 and %s", res.StatusCode, again.ID, made.ID)
	}
	res, raw = call(t, "GET", base+"/productOrder/"+made.ID, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET by id: %d %s", res.StatusCode, raw)
	}
	valid("ProductOrder", raw)
	if res, raw = call(t, "GET", base+"/productOrder/nope", nil); res.StatusCode != http.StatusNotFound || !strings.Contains(string(raw), `"code":"404"`) {
		t.Errorf("GET an unknown order: %d %s", res.StatusCode, raw)
	}

	// Survives a restart: the same file, a new server.
	base2 := serve(t, filepath.Join(filepath.Dir(path), "om.db"))
	if res, _ = call(t, "GET", base2+"/productOrder/"+made.ID, nil); res.StatusCode != 200 {
		t.Errorf("after a restart: %d", res.StatusCode)
	}
}

func TestListingPagesFiltersAndCounts(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "om.db"))
	valid := validator(t)
	for i := 0; i < 5; i++ {
		if res, raw := call(t, "POST", base+"/productOrder", order("ord_"+strconv.Itoa(i))); res.StatusCode != 201 {
			t.Fatalf("POST %d: %d %s", i, res.StatusCode, raw)
		}
	}
	res, raw := call(t, "GET", base+"/productOrder?offset=1&limit=2", nil)
	var page []tmf.ProductOrder
	json.Unmarshal(raw, &page)
	if res.StatusCode != http.StatusPartialContent || res.Header.Get("X-Total-Count") != "5" || res.Header.Get("X-Result-Count") != "2" ||
		len(page) != 2 || page[0].ExternalID != "ord_1" {
		t.Errorf("page: %d total %s result %s, %d orders", res.StatusCode, res.Header.Get("X-Total-Count"), res.Header.Get("X-Result-Count"), len(page))
	}
	for _, o := range page {
		one, _ := json.Marshal(o)
		valid("ProductOrder", one)
	}
	res, raw = call(t, "GET", base+"/productOrder?externalId=ord_3", nil)
	if res.StatusCode != 200 || res.Header.Get("X-Total-Count") != "1" || !strings.Contains(string(raw), `"externalId":"ord_3"`) {
		t.Errorf("filter by externalId: %d %s", res.StatusCode, raw)
	}
	res, raw = call(t, "GET", base+"/productOrder?fields=state", nil)
	var slim []map[string]any
	json.Unmarshal(raw, &slim)
	if len(slim) != 5 || len(slim[0]) != 3 || slim[0]["state"] != "acknowledged" {
		t.Errorf("fields=state: %s", raw)
	}
	if res, _ := call(t, "GET", base+"/productOrder?limit=-1", nil); res.StatusCode != 400 {
		t.Errorf("limit=-1: %d, want 400", res.StatusCode)
	}
}

func TestBadOrdersAndPatches(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "om.db"))
	bad := order("ord_bad")
	bad.ProductOrderItem[0].Action = "upgrade"
	if res, raw := call(t, "POST", base+"/productOrder", bad); res.StatusCode != 400 || !strings.Contains(string(raw), "action must be") {
		t.Errorf("an unknown action: %d %s", res.StatusCode, raw)
	}
	mod := order("ord_mod")
	mod.ProductOrderItem[0].Action = tmf.ActionModify
	if res, raw := call(t, "POST", base+"/productOrder", mod); res.StatusCode != 400 || !strings.Contains(string(raw), "product.id is required") {
		t.Errorf("modify without the product: %d %s", res.StatusCode, raw)
	}
	_, raw := call(t, "POST", base+"/productOrder", order("ord_p"))
	var made tmf.ProductOrder
	json.Unmarshal(raw, &made)
	res, raw := call(t, "PATCH", base+"/productOrder/"+made.ID, map[string]any{"description": "Shinjuku store, floor 3", "id": "hijack"})
	var patched tmf.ProductOrder
	json.Unmarshal(raw, &patched)
	if res.StatusCode != 200 || patched.Description != "Shinjuku store, floor 3" || patched.ID != made.ID || patched.ExternalID != "ord_p" {
		t.Errorf("PATCH: %d %+v", res.StatusCode, patched)
	}
	if res, _ := call(t, "PATCH", base+"/productOrder/"+made.ID, map[string]any{"productOrderItem": nil}); res.StatusCode != 400 {
		t.Errorf("a patch removing every item: %d, want 400", res.StatusCode)
	}
	if res, _ := call(t, "PATCH", base+"/productOrder/nope", map[string]any{"description": "x"}); res.StatusCode != 404 {
		t.Errorf("PATCH an unknown order: %d", res.StatusCode)
	}
}

// waitState polls an order until it reaches want, for up to five seconds.
func waitState(t *testing.T, base, id string, want tmf.OrderState) tmf.ProductOrder {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, raw := call(t, "GET", base+"/productOrder/"+id, nil)
		var o tmf.ProductOrder
		json.Unmarshal(raw, &o)
		if o.State == want {
			return o
		}
		if time.Now().After(deadline) {
			t.Fatalf("order %s is %s after 5 s, want %s", id, o.State, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFulfilmentCompletesOrFallsOut(t *testing.T) {
	for _, c := range []struct {
		fallout float64
		want    tmf.OrderState
	}{{0, tmf.OrderCompleted}, {1, tmf.OrderFailed}} {
		srv, err := omserver.Open(filepath.Join(t.TempDir(), "om.db"))
		if err != nil {
			t.Fatal(err)
		}
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		hs := &http.Server{Handler: srv.Handler()}
		go hs.Serve(ln)
		ctx, cancel := context.WithCancel(context.Background())
		go srv.Fulfil(ctx, omserver.Fulfilment{Delay: 50 * time.Millisecond, Fallout: c.fallout, Seed: 1})
		base := "http://" + ln.Addr().String() + strings.TrimSuffix(tmf.BasePath622, "/")
		_, raw := call(t, "POST", base+"/productOrder", order("ord_f"))
		var made tmf.ProductOrder
		json.Unmarshal(raw, &made)
		waitState(t, base, made.ID, tmf.OrderInProgress)
		got := waitState(t, base, made.ID, c.want)
		if got.ProductOrderItem[0].State != c.want {
			t.Errorf("item state = %s, want %s", got.ProductOrderItem[0].State, c.want)
		}
		switch c.want {
		case tmf.OrderCompleted:
			if got.CompletionDate == nil {
				t.Error("a completed order has no completionDate")
			}
		case tmf.OrderFailed:
			if len(got.Note) == 0 || !strings.Contains(got.Note[0].Text, "Fallout") {
				t.Errorf("a failed order says no reason: %+v", got.Note)
			}
		}
		raw, _ = json.Marshal(got)
		validator(t)("ProductOrder", raw)
		cancel()
		hs.Close()
		srv.Close()
	}
}

func TestCancellation(t *testing.T) {
	srv, err := omserver.Open(filepath.Join(t.TempDir(), "om.db"))
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: srv.Handler()}
	go hs.Serve(ln)
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel(); hs.Close(); srv.Close() }()
	go srv.Fulfil(ctx, omserver.Fulfilment{Delay: 300 * time.Millisecond})
	base := "http://" + ln.Addr().String() + strings.TrimSuffix(tmf.BasePath622, "/")
	valid := validator(t)

	_, raw := call(t, "POST", base+"/productOrder", order("ord_c1"))
	var first tmf.ProductOrder
	json.Unmarshal(raw, &first)
	res, raw := call(t, "POST", base+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: first.ID}, CancellationReason: "The customer moved"})
	var c tmf.CancelProductOrder
	json.Unmarshal(raw, &c)
	if res.StatusCode != 201 || c.State != tmf.TaskDone || c.EffectiveCancellationDate == nil {
		t.Fatalf("cancelling an acknowledged order: %d %s", res.StatusCode, raw)
	}
	valid("CancelProductOrder", raw)
	time.Sleep(700 * time.Millisecond) // fulfilment would have moved it on by now
	got := waitState(t, base, first.ID, tmf.OrderCancelled)
	if got.CancellationReason != "The customer moved" || got.ProductOrderItem[0].State != tmf.OrderCancelled {
		t.Errorf("cancelled order = %+v", got)
	}
	if res, raw = call(t, "GET", base+"/cancelProductOrder/"+c.ID, nil); res.StatusCode != 200 {
		t.Errorf("GET the cancellation: %d %s", res.StatusCode, raw)
	}

	_, raw = call(t, "POST", base+"/productOrder", order("ord_c2"))
	var second tmf.ProductOrder
	json.Unmarshal(raw, &second)
	waitState(t, base, second.ID, tmf.OrderCompleted)
	_, raw = call(t, "POST", base+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: second.ID}})
	json.Unmarshal(raw, &c)
	if c.State != tmf.TaskTerminatedWithError {
		t.Errorf("cancelling a completed order: %s", raw)
	}
	if got := waitState(t, base, second.ID, tmf.OrderCompleted); got.CancellationDate != nil {
		t.Error("a completed order was marked cancelled")
	}
	if res, _ := call(t, "POST", base+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: "nope"}}); res.StatusCode != 404 {
		t.Errorf("cancelling an unknown order: %d", res.StatusCode)
	}
}
