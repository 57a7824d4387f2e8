package credit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// HTTPConfig configures a bureau reached over HTTP.
type HTTPConfig struct {
	Name    string           // recorded as Result.Provider; "http" when empty
	URL     string           // where checks are POSTed; https, or http to this machine only
	Token   string           // sent as "Authorization: Bearer …"; nothing is sent when empty
	Timeout time.Duration    // for one whole check, answer read included; 10 s when zero
	Client  *http.Client     // nil: Go's default transport, which verifies TLS against the system's roots
	Now     func() time.Time // gives Result.CheckedAt; nil means time.Now
}

// DefaultTimeout is how long a check may take when HTTPConfig.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// maxAnswer bounds what is read of an answer: a real one is a few hundred bytes.
const maxAnswer = 64 << 10

// HTTP is a bureau that takes an applicant as JSON and answers with a result (docs/credit.md).
type HTTP struct {
	name    string
	url     string
	shown   string // the URL as errors show it, without query or user info, which may hold secrets
	token   string
	timeout time.Duration
	client  *http.Client
	now     func() time.Time
}

// NewHTTP checks the configuration and makes the provider. It refuses plain http to another machine, since
// the applicant's personal data and the token would cross the network readable, and a client that skips
// TLS verification.
func NewHTTP(cfg HTTPConfig) (*HTTP, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("credit: provider URL %s is not an absolute URL", quote(cfg.URL))
	}
	if u.User != nil {
		return nil, errors.New("credit: provider URL must not hold credentials; set Token")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback(u.Hostname()):
	default:
		return nil, fmt.Errorf("credit: provider URL must be https (http only to this machine), not %s", quote(u.Scheme+"://"+u.Host))
	}
	if strings.IndexFunc(cfg.Token, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0 {
		return nil, errors.New("credit: token contains spaces or control characters")
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("credit: timeout %v is negative", cfg.Timeout)
	}
	h := &HTTP{name: cfg.Name, url: u.String(), shown: u.Scheme + "://" + u.Host + u.Path, token: cfg.Token,
		timeout: cfg.Timeout, now: cfg.Now}
	if h.now == nil {
		h.now = time.Now
	}
	if h.name == "" {
		h.name = "http"
	}
	if h.timeout == 0 {
		h.timeout = DefaultTimeout
	}
	client := http.Client{}
	if cfg.Client != nil {
		client = *cfg.Client // a copy, so the caller's client keeps its own redirect policy
	}
	if skipsVerification(client.Transport) {
		return nil, errors.New("credit: the HTTP client skips TLS verification")
	}
	// A redirect would send the applicant's data on to an address nobody configured; it is reported instead.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	h.client = &client
	return h, nil
}

// Name is HTTPConfig.Name, or "http".
func (h *HTTP) Name() string { return h.name }

// Check POSTs the applicant and reads the answer. Errors are ErrUnavailable (retry later), ErrRejected or
// ErrInvalidAnswer; the last two are *FieldError when a field is at fault.
func (h *HTTP) Check(ctx context.Context, a Applicant) (Result, error) {
	if err := a.validate(); err != nil {
		return Result{}, err
	}
	body, err := json.Marshal(newRequest(a))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrRejected, err)
	}
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrRejected, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Quotewright credit check")
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return Result{}, fmt.Errorf("%w: POST %s: %w", ErrUnavailable, h.shown, withoutURL(err))
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err := h.statusError(resp, data); err != nil {
		return Result{}, err
	}
	if readErr != nil {
		return Result{}, fmt.Errorf("%w: POST %s: reading the answer: %w", ErrUnavailable, h.shown, readErr)
	}
	if len(data) > maxAnswer {
		return Result{}, fmt.Errorf("%w: the answer is larger than %d bytes", ErrInvalidAnswer, maxAnswer)
	}
	r, err := parseAnswer(data)
	if err != nil {
		return Result{}, err
	}
	r.CheckedAt = h.now().UTC()
	r.Provider = h.name
	return r, nil
}

// statusError sorts an HTTP status: 200 carries an answer; 408, 429 and 5xx are passing trouble on the
// bureau's side; any other status will not change by asking again.
func (h *HTTP) statusError(resp *http.Response, body []byte) error {
	code, what := resp.StatusCode, "POST "+h.shown+": HTTP "+resp.Status
	switch {
	case code == http.StatusOK:
		return nil
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests, code >= 500:
		if after := resp.Header.Get("Retry-After"); after != "" {
			return fmt.Errorf("%w: %s (retry after %s)", ErrUnavailable, what, snippet([]byte(after)))
		}
		return fmt.Errorf("%w: %s", ErrUnavailable, what)
	case code >= 300 && code < 400:
		return fmt.Errorf("%w: %s: redirected to %s; configure that URL if it is the bureau's",
			ErrRejected, what, quote(snippet([]byte(resp.Header.Get("Location")))))
	case code < 300:
		return fmt.Errorf("%w: %s: only 200 carries an answer", ErrInvalidAnswer, what)
	}
	return fmt.Errorf("%w: %s: %s", ErrRejected, what, snippet(body))
}

// snippet is the start of a body, on one line, to help diagnose a refusal without flooding a log.
func snippet(b []byte) string {
	const most = 200
	s := strings.ToValidUTF8(string(b), "?")
	if len(s) > most {
		cut := most
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// withoutURL drops the URL that net/http puts in its errors: the full URL may hold a secret in its query, and
// the message already names the URL as shown.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func skipsVerification(rt http.RoundTripper) bool {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	return ok && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify
}

var _ Provider = (*HTTP)(nil)
