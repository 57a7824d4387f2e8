package omsync

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"quotewright/backend/tmf"
)

// Endpoint is where the order-management system is and how to sign in to it. Secrets are not kept here in
// the database: Secret is filled from the secret store when the client is made.
type Endpoint struct {
	URL      string // the TMF622 base, e.g. https://om.example.com/tmf-api/productOrderingManagement/v4/
	Auth     AuthKind
	TokenURL string // OAuth2 client credentials: the token endpoint
	ClientID string
	Scope    string
	// Secret is the bearer token, or the OAuth2 client secret.
	Secret string
	// SkipTLSVerify accepts any certificate: for a test endpoint only, and shown as a warning.
	SkipTLSVerify bool
	Timeout       time.Duration // per request; 15 s by default
}

// AuthKind is how requests prove who sends them.
type AuthKind string

const (
	AuthNone   AuthKind = "none"
	AuthBearer AuthKind = "bearer"
	AuthOAuth2 AuthKind = "oauth2" // OAuth2 client credentials
)

// Client speaks TMF622 to one endpoint.
type Client struct {
	base string
	http *http.Client
	ep   Endpoint

	mu      sync.Mutex
	token   string
	expires time.Time
}

// NewClient checks the endpoint settings and returns a client for them.
func NewClient(ep Endpoint) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(ep.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the endpoint URL %q is not an http(s) address", ep.URL)
	}
	switch ep.Auth {
	case "", AuthNone:
	case AuthBearer:
		if ep.Secret == "" {
			return nil, errors.New("bearer authentication needs a token")
		}
	case AuthOAuth2:
		if ep.TokenURL == "" || ep.ClientID == "" || ep.Secret == "" {
			return nil, errors.New("OAuth2 client credentials need a token URL, a client id and a client secret")
		}
	default:
		return nil, fmt.Errorf("unknown authentication %q", ep.Auth)
	}
	if ep.Timeout <= 0 {
		ep.Timeout = 15 * time.Second
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	if ep.SkipTLSVerify {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} // chosen by the user for a test endpoint
	}
	base := strings.TrimSuffix(u.String(), "/") + "/"
	return &Client{base: base, ep: ep, http: &http.Client{Transport: tr, Timeout: ep.Timeout}}, nil
}

// Close lets go of the client's idle connections, when the settings change.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Base is the TMF622 base URL the client sends to.
func (c *Client) Base() string { return c.base }

// RemoteError is an answer the endpoint gave that is not a success.
type RemoteError struct {
	Status  int
	Message string
	// Refusal marks the answer to the request itself (creating or cancelling an order), as opposed to a
	// lookup or a token request made on the way: only the request's own 4xx can refuse it.
	Refusal bool
}

func (e *RemoteError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("the order-management system answered %d %s", e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("the order-management system answered %d: %s", e.Status, e.Message)
}

// Permanent reports whether the request itself was refused: sending it again would be refused again. Timeouts,
// throttling, conflicts (the order is changing: try again) and server errors pass; so do refusals of who we are
// or where we send (401, 403, 404, 405, 407) and anything a lookup or a token request answered on the way:
// those are the settings' fault, not the order's, and the order waits until they are put right.
func Permanent(err error) bool {
	var re *RemoteError
	if !errors.As(err, &re) || !re.Refusal {
		return false
	}
	switch re.Status {
	case http.StatusRequestTimeout, http.StatusConflict, http.StatusTooEarly, http.StatusTooManyRequests,
		http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed,
		http.StatusProxyAuthRequired:
		return false
	}
	return re.Status >= 400 && re.Status < 500
}

// refusal marks a RemoteError as the answer to the request itself.
func refusal(err error) error {
	var re *RemoteError
	if errors.As(err, &re) {
		re.Refusal = true
	}
	return err
}

// signInError is a failure to sign in (the token request): the settings' fault, never the order's. It hides
// the RemoteError inside it, so that nothing reads it as the endpoint refusing the order.
type signInError struct{ err error }

func (e signInError) Error() string {
	return e.err.Error() + " — check the endpoint's authentication on the Sync page"
}

// errCancelRefused is a cancellation the endpoint took but would not carry out (the order had finished).
type errCancelRefused struct{}

func (e errCancelRefused) Error() string {
	return "the order-management system did not cancel the order: it had already finished (terminatedWithError)"
}

// RemoteOrder is what the sync reads of an order the endpoint sends back: its identity, its state with the
// notes that explain it, and its items' states and product ids. The rest (prices, characteristics) is what
// we sent; not decoding it keeps thousands of answers cheap.
type RemoteOrder struct {
	ID               string         `json:"id"`
	Href             string         `json:"href"`
	ExternalID       string         `json:"externalId"`
	State            tmf.OrderState `json:"state"`
	Note             []tmf.Note     `json:"note"`
	ProductOrderItem []RemoteItem   `json:"productOrderItem"`
}

// RemoteItem is an item of a RemoteOrder, with its bundle's components.
type RemoteItem struct {
	ID      string         `json:"id"`
	State   tmf.OrderState `json:"state"`
	Product *struct {
		ID string `json:"id"`
	} `json:"product"`
	ProductOrderItem []RemoteItem `json:"productOrderItem"`
}

// Create sends a new order (TMF622 POST productOrder).
func (c *Client) Create(ctx context.Context, payload []byte) (*RemoteOrder, error) {
	var po RemoteOrder
	return &po, refusal(c.do(ctx, http.MethodPost, "productOrder", payload, &po))
}

// FindByExternalID looks up the order made from ours, or nil if the endpoint has none.
func (c *Client) FindByExternalID(ctx context.Context, id string) (*RemoteOrder, error) {
	var list []RemoteOrder
	if err := c.do(ctx, http.MethodGet, "productOrder?externalId="+url.QueryEscape(id), nil, &list); err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ExternalID == id {
			return &list[i], nil
		}
	}
	return nil, nil
}

// Get reads an order by the endpoint's id.
func (c *Client) Get(ctx context.Context, remoteID string) (*RemoteOrder, error) {
	var po RemoteOrder
	return &po, c.do(ctx, http.MethodGet, "productOrder/"+url.PathEscape(remoteID), nil, &po)
}

// Cancel asks the endpoint to cancel an order (TMF622 POST cancelProductOrder).
func (c *Client) Cancel(ctx context.Context, remoteID, reason string) (*tmf.CancelProductOrder, error) {
	body, err := json.Marshal(tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: remoteID, ReferredType: "ProductOrder"},
		CancellationReason: reason, Type: "CancelProductOrder"})
	if err != nil {
		return nil, err
	}
	var cp tmf.CancelProductOrder
	if err := refusal(c.do(ctx, http.MethodPost, "cancelProductOrder", body, &cp)); err != nil {
		return nil, err
	}
	if cp.State == tmf.TaskTerminatedWithError {
		return &cp, errCancelRefused{}
	}
	return &cp, nil
}

func (c *Client) do(ctx context.Context, method, path string, body []byte, out any) error {
	return c.call(ctx, method, c.base+path, body, out)
}

// call makes one request to the endpoint's host, signed in as the settings say.
func (c *Client) call(ctx context.Context, method, target string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json;charset=utf-8")
	}
	if err := c.authorize(ctx, req); err != nil {
		return signInError{err}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return describe(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return describe(err)
	}
	if resp.StatusCode == http.StatusUnauthorized && c.ep.Auth == AuthOAuth2 {
		c.mu.Lock()
		c.token = "" // the token may have been revoked: fetch a new one next time
		c.mu.Unlock()
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &RemoteError{Status: resp.StatusCode, Message: errorMessage(raw)}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("the order-management system's answer could not be read: %v", err)
	}
	return nil
}

// errorMessage is the message of a TMF Error body, or the start of whatever the endpoint sent.
func errorMessage(raw []byte) string {
	var e struct{ Reason, Message string }
	if json.Unmarshal(raw, &e) == nil && (e.Message != "" || e.Reason != "") {
		if e.Message != "" && e.Reason != "" && !strings.Contains(e.Message, e.Reason) {
			return e.Reason + ": " + e.Message
		}
		return e.Message + e.Reason
	}
	s := strings.TrimSpace(string(raw))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// describe words a transport failure for the user.
func describe(err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("the order-management system did not answer in time: %w", err)
	}
	return fmt.Errorf("the order-management system could not be reached: %w", err)
}

// authorize adds the credentials the endpoint asks for.
func (c *Client) authorize(ctx context.Context, req *http.Request) error {
	switch c.ep.Auth {
	case AuthBearer:
		req.Header.Set("Authorization", "Bearer "+c.ep.Secret)
	case AuthOAuth2:
		tok, err := c.accessToken(ctx)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return nil
}

// accessToken returns a cached OAuth2 access token, fetching a new one (client credentials grant) shortly
// before the old one expires.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && time.Now().Before(c.expires) {
		return c.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}}
	if c.ep.Scope != "" {
		form.Set("scope", c.ep.Scope)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.ep.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("the OAuth2 token URL is not usable: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.ep.ClientID), url.QueryEscape(c.ep.Secret))
	resp, err := c.http.Do(req)
	if err != nil {
		return "", describe(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return "", &RemoteError{Status: resp.StatusCode, Message: "OAuth2 token request refused: " + errorMessage(raw)}
	}
	var t struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.Unmarshal(raw, &t); err != nil || t.AccessToken == "" {
		return "", errors.New("the OAuth2 token endpoint sent no access token")
	}
	c.token = t.AccessToken
	life := time.Duration(t.ExpiresIn) * time.Second
	if life <= 0 {
		life = 5 * time.Minute
	}
	c.expires = time.Now().Add(life - min(life/10, 30*time.Second))
	return c.token, nil
}

// Inventory lists the TMF637 products an order made or changed, by the endpoint's order id. The inventory is
// found beside the ordering API (…/productOrderingManagement/v4/ → …/productInventory/v4/); an endpoint
// without one answers ok false, and the assets are made from the order alone.
func (c *Client) Inventory(ctx context.Context, remoteOrderID string) (products []tmf.InventoryProduct, ok bool, err error) {
	base, found := strings.CutSuffix(c.base, "productOrderingManagement/v4/")
	if !found {
		return nil, false, nil
	}
	err = c.call(ctx, http.MethodGet, base+"productInventory/v4/product?productOrderItem.productOrderId="+
		url.QueryEscape(remoteOrderID), nil, &products)
	var re *RemoteError
	if errors.As(err, &re) && (re.Status == http.StatusNotFound || re.Status == http.StatusNotImplemented) {
		return nil, false, nil
	}
	return products, err == nil, err
}
