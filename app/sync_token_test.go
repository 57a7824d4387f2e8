package app_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"quotewright/app"
	"quotewright/backend/secrets"
	"quotewright/backend/tmf"
)

// The background sync keeps its client while the settings stay the same: an OAuth2 token valid for an hour
// is fetched once, not at every run.
func TestTheOAuthTokenIsReusedFromRunToRun(t *testing.T) {
	dir := t.TempDir()
	svc, _, closeDB := openDemo(t, filepath.Join(dir, "qw.db"))
	defer closeDB()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var tokens, calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", func(w http.ResponseWriter, r *http.Request) {
		tokens.Add(1)
		io.WriteString(w, `{"access_token":"tok","token_type":"Bearer","expires_in":3600}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { calls.Add(1); w.WriteHeader(404) })
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: mux}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	svc.Secrets = secrets.New(filepath.Join(dir, "keys"))
	svc.Secrets.NoKeyring = true
	if _, err := svc.Session.SwitchUser(userID(t, svc, "高橋 誠")); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Sync.SaveEndpoint(app.EndpointDTO{URL: base + tmf.BasePath622, Auth: "oauth2", TokenURL: base + "/oauth/token",
		ClientID: "qw"}, "secret"); err != nil {
		t.Fatal(err)
	}
	svc.StartBackground(ctx)
	for i := 0; i < 10; i++ {
		time.Sleep(200 * time.Millisecond)
		svc.Sync.Now()
	}
	time.Sleep(300 * time.Millisecond)
	t.Logf("token requests: %d, API requests: %d (token lifetime 3600 s)", tokens.Load(), calls.Load())
	if tokens.Load() > 1 {
		t.Errorf("the access token (valid an hour) was fetched %d times in ~2.5 s", tokens.Load())
	}
}
