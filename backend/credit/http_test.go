package credit_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/credit"
)

const approvedAnswer = `{"status":"approved","rating":"A","limit":"50000000","currency":"JPY","reference":"TDB-2025-0001","score":88}`

// bureau is a test bureau on 127.0.0.1 that answers every check with status and body, and keeps the last
// request it was sent.
type bureau struct {
	srv  *httptest.Server
	mu   sync.Mutex // the handler runs on the server's goroutine
	last *received
}

type received struct {
	method, path string
	header       http.Header
	body         map[string]any
}

func newBureau(t *testing.T, status int, body string) *bureau {
	t.Helper()
	b := &bureau{}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := &received{method: r.Method, path: r.URL.Path, header: r.Header.Clone(), body: map[string]any{}}
		if err := json.NewDecoder(r.Body).Decode(&got.body); err != nil {
			t.Errorf("bureau: request body: %v", err)
		}
		b.mu.Lock()
		b.last = got
		b.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(b.srv.Close)
	return b
}

// request is the last request the bureau was sent; nil when none was.
func (b *bureau) request() *received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.last
}

func newProvider(t *testing.T, cfg credit.HTTPConfig) *credit.HTTP {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = fixedClock
	}
	p, err := credit.NewHTTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func check(t *testing.T, status int, body string) (credit.Result, error) {
	t.Helper()
	b := newBureau(t, status, body)
	return newProvider(t, credit.HTTPConfig{URL: b.srv.URL}).Check(context.Background(), globalMedia())
}

func TestHTTPApprovedAnswer(t *testing.T) {
	b := newBureau(t, http.StatusOK, approvedAnswer)
	p := newProvider(t, credit.HTTPConfig{Name: "tdb", URL: b.srv.URL + "/v1/checks", Token: "s3cret"})
	applicant := globalMedia()
	applicant.AccountCreated = time.Date(2024, 4, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	r, err := p.Check(context.Background(), applicant)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Status, cpq.CreditApproved; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if got, want := r.Rating, "A"; got != want {
		t.Errorf("rating = %q, want %q", got, want)
	}
	if got, want := r.Limit.String(), "50000000"; got != want {
		t.Errorf("limit = %s, want %s", got, want)
	}
	if got, want := r.Currency, "JPY"; got != want {
		t.Errorf("currency = %q, want %q", got, want)
	}
	if got, want := r.Reference, "TDB-2025-0001"; got != want {
		t.Errorf("reference = %q, want %q", got, want)
	}
	if got, want := r.Score, 88; got != want {
		t.Errorf("score = %d, want %d", got, want)
	}
	if got, want := r.Provider, "tdb"; got != want {
		t.Errorf("provider = %q, want %q", got, want)
	}
	if got, want := r.CheckedAt, checkedAt; !got.Equal(want) {
		t.Errorf("checkedAt = %v, want %v", got, want)
	}

	sent := b.request()
	if got, want := sent.method, http.MethodPost; got != want {
		t.Errorf("method = %s, want %s", got, want)
	}
	if got, want := sent.path, "/v1/checks"; got != want {
		t.Errorf("path = %s, want %s", got, want)
	}
	if got, want := sent.header.Get("Content-Type"), "application/json"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	for key, want := range map[string]any{
		"accountId": "acc-1", "segment": "business", "name": "グローバルメディア株式会社", "nameKana": "グローバルメディア",
		"registrationNumber": "2010401000001", "employees": 850.0, "industry": "media", "region": "Tokyo",
		"email": "info@globalmedia.example", "phone": "03-5555-0100", "accountCreatedAt": "2024-04-01T00:00:00Z",
	} {
		if got := sent.body[key]; got != want {
			t.Errorf("request %s = %#v, want %#v", key, got, want)
		}
	}
	if got, want := len(sent.body), 11; got != want {
		t.Errorf("request has %d keys, want %d: %v", got, want, sent.body)
	}
}

func TestHTTPDoesNotSendAnInvalidApplicant(t *testing.T) {
	b := newBureau(t, http.StatusOK, approvedAnswer)
	nameless := globalMedia()
	nameless.Name = ""
	_, err := newProvider(t, credit.HTTPConfig{URL: b.srv.URL}).Check(context.Background(), nameless)
	var fe *credit.FieldError
	if got, want := errors.As(err, &fe) && fe.Field == "name" && errors.Is(err, credit.ErrRejected), true; got != want {
		t.Errorf("err = %v, want ErrRejected naming the name", err)
	}
	if got := b.request(); got != nil {
		t.Errorf("bureau was sent %+v", got)
	}
}

func TestHTTPSendsBearerToken(t *testing.T) {
	for _, tt := range []struct{ token, header string }{{"s3cret", "Bearer s3cret"}, {"", ""}} {
		b := newBureau(t, http.StatusOK, approvedAnswer)
		p := newProvider(t, credit.HTTPConfig{URL: b.srv.URL, Token: tt.token})
		if _, err := p.Check(context.Background(), globalMedia()); err != nil {
			t.Fatal(err)
		}
		if got, want := b.request().header.Get("Authorization"), tt.header; got != want {
			t.Errorf("token %q: Authorization = %q, want %q", tt.token, got, want)
		}
	}
}

func TestHTTPStatusCodes(t *testing.T) {
	for _, tt := range []struct {
		status    int
		retryable bool
		kind      error
	}{
		{http.StatusInternalServerError, true, credit.ErrUnavailable},
		{http.StatusBadGateway, true, credit.ErrUnavailable},
		{http.StatusServiceUnavailable, true, credit.ErrUnavailable},
		{http.StatusTooManyRequests, true, credit.ErrUnavailable},
		{http.StatusRequestTimeout, true, credit.ErrUnavailable},
		{http.StatusBadRequest, false, credit.ErrRejected},
		{http.StatusUnauthorized, false, credit.ErrRejected},
		{http.StatusForbidden, false, credit.ErrRejected},
		{http.StatusNotFound, false, credit.ErrRejected},
		{http.StatusUnprocessableEntity, false, credit.ErrRejected},
		{http.StatusAccepted, false, credit.ErrInvalidAnswer},
	} {
		_, err := check(t, tt.status, `{"error":"no"}`)
		if got, want := credit.Retryable(err), tt.retryable; got != want {
			t.Errorf("HTTP %d: Retryable(%v) = %v, want %v", tt.status, err, got, want)
		}
		if got, want := errors.Is(err, tt.kind), true; got != want {
			t.Errorf("HTTP %d: errors.Is(%v, %v) = %v, want %v", tt.status, err, tt.kind, got, want)
		}
	}
}

func TestHTTPRejectionNamesStatusAndBody(t *testing.T) {
	_, err := check(t, http.StatusBadRequest, `{"error":"employees must be a number"}`)
	if got, want := err != nil && strings.Contains(err.Error(), "400") && strings.Contains(err.Error(), "employees must be a number"), true; got != want {
		t.Errorf("err = %v, want the status and the bureau's words", err)
	}
}

func TestHTTPTimeoutIsRetryable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Reading the body first lets the server notice when the client hangs up, so that the handler
		// sleeps past the client's timeout without holding up srv.Close.
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	p := newProvider(t, credit.HTTPConfig{URL: srv.URL, Timeout: 50 * time.Millisecond})
	_, err := p.Check(context.Background(), globalMedia())
	if got, want := credit.Retryable(err), true; got != want {
		t.Errorf("Retryable(%v) = %v, want %v", err, got, want)
	}
	if got, want := errors.Is(err, context.DeadlineExceeded), true; got != want {
		t.Errorf("errors.Is(%v, context.DeadlineExceeded) = %v, want %v", err, got, want)
	}
}

func TestHTTPConnectionRefusedIsRetryable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	_, err := newProvider(t, credit.HTTPConfig{URL: url}).Check(context.Background(), globalMedia())
	if got, want := credit.Retryable(err), true; got != want {
		t.Errorf("Retryable(%v) = %v, want %v", err, got, want)
	}
}

func TestHTTPRedirectIsNotFollowed(t *testing.T) {
	var followed atomic.Bool
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { followed.Store(true) }))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	_, err := newProvider(t, credit.HTTPConfig{URL: srv.URL, Token: "s3cret"}).Check(context.Background(), globalMedia())
	if got, want := errors.Is(err, credit.ErrRejected), true; got != want {
		t.Errorf("errors.Is(%v, ErrRejected) = %v, want %v", err, got, want)
	}
	if got, want := followed.Load(), false; got != want {
		t.Errorf("redirect followed")
	}
}

func TestHTTPVerifiesTLSByDefault(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, approvedAnswer)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	defer srv.Close()

	// The test server's certificate is signed by a CA only srv.Client() trusts.
	_, err := newProvider(t, credit.HTTPConfig{URL: srv.URL}).Check(context.Background(), globalMedia())
	if got, want := err != nil && strings.Contains(err.Error(), "certificate"), true; got != want {
		t.Errorf("default client: err = %v, want a certificate error", err)
	}
	if _, err := newProvider(t, credit.HTTPConfig{URL: srv.URL, Client: srv.Client()}).Check(context.Background(), globalMedia()); err != nil {
		t.Errorf("client trusting the test CA: %v", err)
	}
}

func TestNewHTTPRefusesUnsafeConfiguration(t *testing.T) {
	insecure := &http.Client{Transport: &http.Transport{}}
	insecure.Transport.(*http.Transport).TLSClientConfig = insecureTLS()
	for _, cfg := range []credit.HTTPConfig{
		{URL: ""},
		{URL: "bureau.example/checks"},
		{URL: "http://bureau.example/checks"},          // personal data in clear over the network
		{URL: "ftp://bureau.example/checks"},           // not HTTP
		{URL: "https://user:pw@bureau.example/checks"}, // credentials belong in Token
		{URL: "https://bureau.example/checks", Token: "s3cret\r\nX-Evil: 1"},
		{URL: "https://bureau.example/checks", Timeout: -time.Second},
		{URL: "https://bureau.example/checks", Client: insecure},
	} {
		if _, err := credit.NewHTTP(cfg); err == nil {
			t.Errorf("NewHTTP(%+v) = nil error, want a refusal", cfg)
		}
	}
	for _, url := range []string{"https://bureau.example/checks", "http://127.0.0.1:8080/", "http://localhost/", "http://[::1]:9/"} {
		if _, err := credit.NewHTTP(credit.HTTPConfig{URL: url}); err != nil {
			t.Errorf("NewHTTP(%q): %v", url, err)
		}
	}
}
