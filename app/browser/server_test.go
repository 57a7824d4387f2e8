package browser_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quotewright/app/browser"
	"quotewright/backend/cpq"
)

// Echo is a stand-in bound service with the method shapes Wails allows.
type Echo struct{ hub *browser.Hub }

type Greeting struct {
	Name string `json:"name"`
}

func (e *Echo) Hello(g Greeting) (string, error) {
	if g.Name == "" {
		return "", cpq.Errorf(cpq.EInvalid, "account.name.required")
	}
	e.hub.Emit("greeted", g.Name)
	return "こんにちは " + g.Name, nil
}
func (e *Echo) Fail() error       { return errors.New("disk on fire") }
func (e *Echo) Boom() string      { panic("bug") }
func (e *Echo) Pair(a, b int) int { return a + b }

func formatError(err error) any {
	var e *cpq.Error
	if errors.As(err, &e) {
		return map[string]any{"code": e.Code, "message": e.Message(cpq.LangJA)}
	}
	return map[string]any{"code": "internal", "message": "internal error"}
}

type fixture struct {
	srv   *browser.Server
	base  string
	host  string
	token string
	hub   *browser.Hub
}

func start(t *testing.T) *fixture {
	t.Helper()
	hub := browser.NewHub()
	assets := fstest.MapFS{
		"index.html":    {Data: []byte("<!doctype html><html><head><title>Quotewright</title></head><body></body></html>")},
		"assets/app.js": {Data: []byte("console.log('app')")},
	}
	files := map[string][]byte{"tok1": []byte("%PDF-1.4 quote")}
	download := func(tok string) (string, []byte, bool) {
		data, ok := files[tok]
		delete(files, tok)
		return "Q-000001-v1 見積.pdf", data, ok
	}
	srv, err := browser.New(browser.Config{Services: []any{&Echo{hub}}, Assets: assets, Hub: hub, FormatError: formatError,
		Download: download})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Config.Handler = srv.Handler(ts.Listener.Addr().String())
	ts.Start()
	t.Cleanup(ts.Close)
	return &fixture{srv: srv, base: ts.URL, host: strings.TrimPrefix(ts.URL, "http://"), token: srv.Token(), hub: hub}
}

func (f *fixture) do(t *testing.T, method, path string, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, f.base+path, strings.NewReader(body))
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (f *fixture) call(t *testing.T, name string, args ...any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "args": args})
	res, text := f.do(t, "POST", "/qw/call", string(body), map[string]string{"Authorization": "Bearer " + f.token, "Content-Type": "application/json"})
	var out map[string]any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("%s: not JSON: %q", name, text)
	}
	return res.StatusCode, out
}

func TestTokenIsRequired(t *testing.T) {
	f := start(t)
	for _, path := range []string{"/", "/index.html", "/assets/app.js", "/qw/bridge.js", "/qw/events"} {
		if res, _ := f.do(t, "GET", path, "", nil); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without token: %d, want 401", path, res.StatusCode)
		}
	}
	if res, _ := f.do(t, "POST", "/qw/call", `{"name":"browser_test.Echo.Pair","args":[1,2]}`, map[string]string{"Authorization": "Bearer nope"}); res.StatusCode != 401 {
		t.Errorf("call with a wrong token: %d, want 401", res.StatusCode)
	}
	if res, _ := f.do(t, "GET", "/?token=wrong", "", nil); res.StatusCode != 401 {
		t.Errorf("wrong token in the URL: %d, want 401", res.StatusCode)
	}
}

func TestTokenInURLBecomesCookie(t *testing.T) {
	f := start(t)
	_, port, _ := net.SplitHostPort(f.host)
	res, _ := f.do(t, "GET", "/?token="+f.token, "", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("first visit: %d to %q, want a redirect to / that drops the token", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "qw_token_"+port {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie = %+v, want an HttpOnly SameSite=Strict token cookie", cookie)
	}
	res, body := f.do(t, "GET", "/", "", map[string]string{"Cookie": "qw_token_" + port + "=" + f.token})
	if res.StatusCode != 200 || !strings.Contains(body, `<head><script src="/qw/bridge.js"></script>`) {
		t.Fatalf("index with cookie: %d %q, want the page with the bridge loaded first", res.StatusCode, body)
	}
	if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("Referrer-Policy = %q", got)
	}
	res, body = f.do(t, "GET", "/qw/bridge.js", "", map[string]string{"Cookie": "qw_token_" + port + "=" + f.token})
	// Another port's cookie does not admit: two servers on one computer keep their own tokens.
	if res, _ := f.do(t, "GET", "/", "", map[string]string{"Cookie": "qw_token_1=" + f.token}); res.StatusCode != 401 {
		t.Errorf("another port's cookie: %d, want 401", res.StatusCode)
	}
	if res.StatusCode != 200 || !strings.Contains(body, `["browser_test.Echo.Boom","browser_test.Echo.Fail","browser_test.Echo.Hello","browser_test.Echo.Pair"]`) {
		t.Errorf("bridge does not list exactly the bound methods: %d %.300s", res.StatusCode, body)
	}
}

func TestHostAndOriginAreChecked(t *testing.T) {
	f := start(t)
	_, port, _ := net.SplitHostPort(f.host)
	auth := "Bearer " + f.token
	for _, host := range []string{"evil.example", "evil.example:" + port, "127.0.0.1:1", "192.168.1.5:" + port} {
		if res, _ := f.do(t, "GET", "/", "", map[string]string{"Host": host, "Authorization": auth}); res.StatusCode != http.StatusForbidden {
			t.Errorf("Host %s: %d, want 403", host, res.StatusCode)
		}
	}
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port} {
		if res, _ := f.do(t, "GET", "/", "", map[string]string{"Host": host, "Authorization": auth}); res.StatusCode != 200 {
			t.Errorf("Host %s: %d, want 200", host, res.StatusCode)
		}
	}
	res, _ := f.do(t, "POST", "/qw/call", `{"name":"browser_test.Echo.Pair","args":[1,2]}`,
		map[string]string{"Authorization": auth, "Origin": "http://evil.example"})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site call: %d, want 403", res.StatusCode)
	}
}

func TestCalls(t *testing.T) {
	f := start(t)
	if code, out := f.call(t, "browser_test.Echo.Pair", 2, 40); code != 200 || out["result"] != float64(42) {
		t.Errorf("Pair: %d %v", code, out)
	}
	code, out := f.call(t, "browser_test.Echo.Hello", map[string]string{"name": ""})
	if e, _ := out["error"].(map[string]any); code != 400 || e["message"] != "取引先名を入力してください。" {
		t.Errorf("invalid input: %d %v, want 400 with the formatted message", code, out)
	}
	if code, out := f.call(t, "browser_test.Echo.Fail"); code != 500 || out["error"].(map[string]any)["message"] != "internal error" {
		t.Errorf("internal failure: %d %v", code, out)
	}
	if code, _ := f.call(t, "browser_test.Echo.Boom"); code != 500 {
		t.Errorf("panic: %d, want 500 and a server still running", code)
	}
	if code, _ := f.call(t, "browser_test.Echo.Pair", 1); code != 400 {
		t.Errorf("too few arguments: %d, want 400", code)
	}
	if code, _ := f.call(t, "browser_test.Echo.Pair", "one", 2); code != 400 {
		t.Errorf("wrong argument type: %d, want 400", code)
	}
	if code, _ := f.call(t, "browser_test.Echo.Missing"); code != 404 {
		t.Errorf("unknown method: %d, want 404", code)
	}
	if code, out := f.call(t, "browser_test.Echo.Pair", 5, 5); code != 200 || out["result"] != float64(10) {
		t.Errorf("after a panic the server still answers: %d %v", code, out)
	}
}

func TestEventsReachThePage(t *testing.T) {
	f := start(t)
	req, _ := http.NewRequest("GET", f.base+"/qw/events", nil)
	req.Header.Set("Authorization", "Bearer "+f.token)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	r := bufio.NewReader(res.Body)
	r.ReadString('\n') // ": connected"
	go func() {
		req, _ := http.NewRequest("POST", f.base+"/qw/call", strings.NewReader(`{"name":"browser_test.Echo.Hello","args":[{"name":"田中"}]}`))
		req.Header.Set("Authorization", "Bearer "+f.token)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("no event arrived: %v", err)
		}
		if strings.HasPrefix(line, "data: ") {
			if got, want := strings.TrimSpace(line), `data: {"name":"greeted","data":["田中"]}`; got != want {
				t.Fatalf("event %s, want %s", got, want)
			}
			return
		}
	}
}

func TestListenRefusesOtherInterfaces(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.168.1.10:8080", "example.com:80", "nonsense"} {
		if ln, err := browser.Listen(addr); err == nil {
			ln.Close()
			t.Errorf("Listen(%q) succeeded, want a refusal", addr)
		}
	}
	ln, err := browser.Listen("localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); host != "127.0.0.1" {
		t.Errorf("localhost listened on %s, want 127.0.0.1", host)
	}
}

func TestServeStopsWithOpenEventStreams(t *testing.T) {
	f := start(t)
	ln, err := browser.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/qw/events", nil)
	req.Header.Set("Authorization", "Bearer "+f.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Serve did not stop while a page was listening for events")
	}
}

func TestDownloadsAreAttachmentsFetchedOnce(t *testing.T) {
	f := start(t)
	if res, _ := f.do(t, "GET", "/qw/download/tok1", "", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("download without the token: %d, want 401", res.StatusCode)
	}
	auth := map[string]string{"Authorization": "Bearer " + f.token}
	res, body := f.do(t, "GET", "/qw/download/tok1", "", auth)
	if res.StatusCode != 200 || body != "%PDF-1.4 quote" || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''Q-000001-v1%20%E8%A6%8B") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if res, _ := f.do(t, "GET", "/qw/download/tok1", "", auth); res.StatusCode != http.StatusNotFound {
		t.Errorf("a second fetch: %d, want 404", res.StatusCode)
	}
}
