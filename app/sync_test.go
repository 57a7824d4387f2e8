package app_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/app"
	"quotewright/backend/cpq"
	"quotewright/backend/omserver"
	"quotewright/backend/secrets"
	"quotewright/backend/tmf"
)

// TestConsumerOrderIsSentByTheBackgroundSync runs the app's services with their background sync against the
// reference om-server on 127.0.0.1: the endpoint set by a director (its token kept out of the database), a
// consumer's order made, filled in by the network engineer, submitted, sent and fulfilled.
func TestConsumerOrderIsSentByTheBackgroundSync(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "qw.db")
	svc, rt, closeDB := openDemo(t, path)
	defer closeDB()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	svc.StartBackground(ctx) // the sync, as main starts it

	srv, err := omserver.Open(filepath.Join(dir, "om.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	hs := &http.Server{Handler: srv.Handler()}
	go hs.Serve(ln)
	defer hs.Close()
	go srv.Fulfil(ctx, omserver.Fulfilment{Delay: 30 * time.Millisecond, Seed: 2})
	base := "http://" + ln.Addr().String() + tmf.BasePath622

	// A rep may not change where orders go; a director may, and a bearer token goes to the secret store only.
	if _, err := svc.Sync.SaveEndpoint(app.EndpointDTO{URL: base, Auth: "none"}, ""); cpq.ErrorCode(err) != cpq.EUnauthorized {
		t.Fatalf("a rep set the endpoint: %v", err)
	}
	svc.Secrets = secrets.New(filepath.Join(dir, "keys"))
	svc.Secrets.NoKeyring = true
	if _, err := svc.Session.SwitchUser(userID(t, svc, "高橋 誠")); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Sync.SaveEndpoint(app.EndpointDTO{URL: base, Auth: "bearer"}, ""); err == nil || !strings.Contains(err.Error(), "bearer token") {
		t.Errorf("bearer without a token: %v", err)
	}
	ep, err := svc.Sync.SaveEndpoint(app.EndpointDTO{URL: base, Auth: "bearer"}, "tok-9f8e7d6c")
	if err != nil {
		t.Fatal(err)
	}
	if !ep.HasSecret || ep.SecretWhere != "file" {
		t.Errorf("endpoint after saving a token: %+v", ep)
	}
	raw, _ := os.ReadFile(path)
	wal, _ := os.ReadFile(path + "-wal")
	if bytes.Contains(raw, []byte("tok-9f8e7d6c")) || bytes.Contains(wal, []byte("tok-9f8e7d6c")) {
		t.Error("the token is in the database")
	}
	if st, err := os.Stat(filepath.Join(dir, "keys", secrets.FileName)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the secrets file: %v %v", st, err)
	}
	// Back to no authentication (the reference server has none): the token is forgotten.
	if ep, err = svc.Sync.SaveEndpoint(app.EndpointDTO{URL: base, Auth: "none"}, ""); err != nil || ep.HasSecret {
		t.Fatalf("endpoint without authentication: %+v %v", ep, err)
	}
	if msg, err := svc.Sync.TestEndpoint(); err != nil || !strings.Contains(msg, "answers") {
		t.Errorf("test connection: %q %v", msg, err)
	}
	st, err := svc.Sync.Status()
	if err != nil || st.ConfigError != "" || st.Endpoint != base {
		t.Errorf("status: %+v %v", st, err)
	}

	// The rep orders home fibre for 山田 太郎; the engineer fills the line ID and the router's serial.
	if _, err := svc.Session.SwitchUser(userID(t, svc, "佐藤 健")); err != nil {
		t.Fatal(err)
	}
	taro := accountByName(t, svc, "山田")
	o, err := svc.Orders.CreateDirect(app.DirectOrderInput{AccountID: taro.Account.ID, SiteID: taro.Sites[0].ID,
		Lines: []app.DirectLineInput{
			{ID: "b", ProductID: productID(t, svc, "HOME-BUNDLE"), Quantity: 1},
			{ID: "f", ParentID: "b", ProductID: productID(t, svc, "FIBRE-HOME"), Quantity: 1, Attributes: map[string]string{"speed": "2G", "dwelling": "apartment"}},
			{ID: "r", ParentID: "b", ProductID: productID(t, svc, "ROUTER-WIFI6"), Quantity: 1, Attributes: map[string]string{"ownership": "rental"}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if o.MissingCount != 2 || o.CanFill {
		t.Errorf("draft: %d missing, rep can fill %v", o.MissingCount, o.CanFill)
	}
	if _, err := svc.Session.SwitchUser(userID(t, svc, "渡辺 大輔")); err != nil {
		t.Fatal(err)
	}
	o, err = svc.Orders.Update(o.ID, app.OrderChangeInput{Technical: []app.TechnicalValueInput{
		{ItemID: o.Items[1].ID, Code: "line_id", Value: "CAF00000042"}, {ItemID: o.Items[2].ID, Code: "serial", Value: "RTX0000000042"}}})
	if err != nil || o.MissingCount != 0 {
		t.Fatalf("after the engineer: %d missing, %v", o.MissingCount, err)
	}
	if _, err := svc.Session.SwitchUser(userID(t, svc, "佐藤 健")); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Orders.Submit(o.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for o.Status != "completed" && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		svc.Sync.Now() // "sync now": also polls the orders in flight
		if o, err = svc.Orders.Get(o.ID); err != nil {
			t.Fatal(err)
		}
	}
	if o.Status != "completed" || o.RemoteID == "" || o.Sync != "sent" {
		t.Fatalf("the order did not complete: status %s, sync %s, remote %q, error %q", o.Status, o.Sync, o.RemoteID, o.LastError)
	}
	if rt.count(app.EventSyncProgress) == 0 || rt.count(app.EventOrderChanged) == 0 {
		t.Errorf("events: %d progress, %d order changes", rt.count(app.EventSyncProgress), rt.count(app.EventOrderChanged))
	}
	taro = accountByName(t, svc, "山田")
	if len(taro.Assets) != 3 || taro.Orders[0].Status != "completed" {
		t.Errorf("山田 太郎 has %d assets; his order is %s", len(taro.Assets), taro.Orders[0].Status)
	}
}
