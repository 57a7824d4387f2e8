package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"quotewright/app"
	"quotewright/backend/demo"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/signing"
	"quotewright/backend/sqlite"
)

// events is a Runtime that keeps each event with its data.
type events struct {
	mu   sync.Mutex
	seen []event
}

type event struct {
	name string
	data any
}

func (e *events) Emit(name string, data ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	e.seen = append(e.seen, event{name, d})
}

// wait returns the first event named name whose data passes ok, waiting up to ten seconds.
func (e *events) wait(t *testing.T, name string, ok func(any) bool) any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		e.mu.Lock()
		for _, x := range e.seen {
			if x.name == name && ok(x.data) {
				e.mu.Unlock()
				return x.data
			}
		}
		e.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %s event in 10 s", name)
	return nil
}

// desktop is a Runtime with a save dialog that answers path ("" cancels).
type desktop struct {
	events
	path string
}

func (d *desktop) SaveFile(title, name string) (string, error) { return d.path, nil }

func drawnSignature(t *testing.T) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 240, 80))
	for x := 10; x < 230; x++ {
		img.Set(x, 40+(x%30)-15, color.NRGBA{A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// download fetches a browser-mode export the way the page's link does.
func download(t *testing.T, svc *app.Services, url string) []byte {
	t.Helper()
	tok, ok := strings.CutPrefix(url, "/qw/download/")
	if !ok {
		t.Fatalf("export URL %q", url)
	}
	_, data, ok := svc.Download(tok)
	if !ok {
		t.Fatalf("nothing to download at %s", url)
	}
	if _, _, again := svc.Download(tok); again {
		t.Error("a download could be fetched twice")
	}
	return data
}

// openWith opens a demo database with the services over it on rt, signing with a certificate kept in a
// temporary folder.
func openWith(t *testing.T, rt app.Runtime) *app.Services {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "qw.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Seed(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	keys := keystore.New(t.TempDir())
	uc := sales.New(db, nil)
	uc.SetSigner(keys.Signer)
	svc, err := app.New(ctx, uc, rt, app.Info{Version: "test", Mode: "browser"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	svc.Keys = keys
	return svc
}

// signedContract takes a Global Media quote through acceptance to a contract both parties signed.
func signedContract(t *testing.T, svc *app.Services) (app.AccountDetail, app.ContractDTO) {
	t.Helper()
	gm := accountByName(t, svc, "Global Media")
	q := oneSiteQuote(t, svc, gm, gm.Sites[0].ID, 24, "FIBRE-BIZ")
	if _, err := svc.Quotes.Present(q.Quote.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Quotes.Accept(q.Quote.ID); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Contracts.CreateFromQuote(q.Quote.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Clauses) != 7 || c.Status != "draft" || !c.Latest || !c.Negotiable || !contains(c.Next, "approved") {
		t.Fatalf("new contract = %+v", c)
	}
	// Standard clauses: the rep may approve them himself.
	for _, to := range []string{"approved", "out_for_signature"} {
		if c, err = svc.Contracts.Move(c.ID, to); err != nil {
			t.Fatalf("move to %s: %v", to, err)
		}
	}
	if c, err = svc.Contracts.Sign(c.ID, app.SignInput{Party: "customer", Name: "田中 一郎", Title: "総務部長", Method: "drawn",
		Image: drawnSignature(t)}); err != nil {
		t.Fatal(err)
	}
	if c, err = svc.Contracts.Sign(c.ID, app.SignInput{Party: "provider", Name: "佐藤 健", Method: "typed"}); err != nil {
		t.Fatal(err)
	}
	if c.Status != "signed" || len(c.Signatures) != 2 {
		t.Fatalf("signed contract = %+v", c)
	}
	return gm, c
}

func TestBrowserModeExportsAreDownloadsAndVerify(t *testing.T) {
	rt := &events{}
	svc := openWith(t, rt)
	gm, c := signedContract(t, svc)
	exp, err := svc.Documents.ExportQuote(c.QuoteID)
	if err != nil {
		t.Fatal(err)
	}
	if pdf := download(t, svc, exp.URL); !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.HasSuffix(exp.FileName, ".pdf") {
		t.Errorf("quote export %+v is not a PDF", exp)
	}
	exp, err = svc.Documents.ExportContract(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	signed := download(t, svc, exp.URL)
	v, err := svc.Documents.Verify(base64.StdEncoding.EncodeToString(signed))
	if err != nil {
		t.Fatal(err)
	}
	if v.Verdict != "issued" || !v.Signed || !v.DigestValid || v.Appended || !v.Demo || v.Document == nil || !v.Document.Signed {
		t.Errorf("verifying the signed export: %+v", v)
	}
	altered := bytes.Clone(signed)
	altered[len(altered)/4] ^= 1
	if v, err = svc.Documents.Verify(base64.StdEncoding.EncodeToString(altered)); err != nil || v.Verdict != "altered" {
		t.Errorf("verifying an altered copy: %+v %v", v, err)
	}

	// Every signed contract of the account, as one ZIP, with progress.
	job, err := svc.Documents.ExportSignedContracts(gm.Account.ID)
	if err != nil {
		t.Fatal(err)
	}
	done := rt.wait(t, app.EventExportDone, func(d any) bool { return d.(app.ExportDoneDTO).Job == job.Job }).(app.ExportDoneDTO)
	if done.Error != "" || done.Cancelled || done.Count != 1 || job.Total != 1 {
		t.Fatalf("export done = %+v", done)
	}
	rt.wait(t, app.EventExportProgress, func(d any) bool { p := d.(app.ExportProgressDTO); return p.Job == job.Job && p.Done == 1 })
	data := download(t, svc, done.Export.URL)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 1 || !strings.HasSuffix(zr.File[0].Name, "-signed.pdf") {
		t.Fatalf("zip holds %v", zr.File)
	}
	f, _ := zr.File[0].Open()
	inZip, _ := io.ReadAll(f)
	if !bytes.Equal(inZip, signed) {
		t.Error("the ZIP's contract is not the signed file")
	}
	if _, err := svc.Documents.ExportSignedContracts(accountByName(t, svc, "山田").Account.ID); errCode(err) != "not_found" {
		t.Errorf("exporting an account without signed contracts: %v", err)
	}
}

func TestCancellingAnExportLeavesNoFile(t *testing.T) {
	t.Setenv("QUOTEWRIGHT_EXPORT_PAUSE", "2s")
	dir := t.TempDir()
	rt := &desktop{path: filepath.Join(dir, "contracts.zip")}
	svc := openWith(t, rt)
	gm, _ := signedContract(t, svc)
	job, err := svc.Documents.ExportSignedContracts(gm.Account.ID)
	if err != nil {
		t.Fatal(err)
	}
	svc.Documents.CancelExport(job.Job)
	done := rt.wait(t, app.EventExportDone, func(d any) bool { return d.(app.ExportDoneDTO).Job == job.Job }).(app.ExportDoneDTO)
	if !done.Cancelled || done.Export.Path != "" {
		t.Errorf("done = %+v, want cancelled", done)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled export left %v", entries)
	}
}

func TestDesktopExportsGoWhereTheDialogSays(t *testing.T) {
	dir := t.TempDir()
	rt := &desktop{path: filepath.Join(dir, "contract.pdf")}
	svc := openWith(t, rt)
	_, c := signedContract(t, svc)
	exp, err := svc.Documents.ExportContract(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(rt.path)
	if err != nil || exp.Path != rt.path || exp.URL != "" {
		t.Fatalf("export = %+v, file: %v", exp, err)
	}
	if rep, err := signing.Inspect(data); err != nil || !rep.Intact() {
		t.Errorf("the saved contract's signature: %+v %v", rep, err)
	}
	rt.path = ""
	if exp, err = svc.Documents.ExportContract(c.ID); err != nil || !exp.Cancelled {
		t.Errorf("cancelling the dialog: %+v %v", exp, err)
	}
}

func TestOnlyADirectorReplacesTheCertificate(t *testing.T) {
	svc := openWith(t, &events{})
	before, err := svc.Documents.Certificate()
	if err != nil {
		t.Fatal(err)
	}
	if !before.Demo || !strings.Contains(before.Subject, "DEMO") {
		t.Errorf("first-run certificate = %+v", before)
	}
	p12, pw, err := signing.DemoCertificate("Other Co", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	raw := base64.StdEncoding.EncodeToString(p12)
	if _, err := svc.Documents.ImportCertificate(raw, pw); errCode(err) != "unauthorized" {
		t.Errorf("a rep replacing the certificate: %v", err)
	}
	if _, err := svc.Session.SwitchUser(userID(t, svc, "高橋 誠")); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Documents.ImportCertificate(raw, "wrong")
	if msg := svc.FormatError(err).(app.ErrorDTO).Message; !strings.Contains(msg, "password does not open") {
		t.Errorf("a wrong password says %q", msg)
	}
	after, err := svc.Documents.ImportCertificate(raw, pw)
	if err != nil {
		t.Fatal(err)
	}
	if after.Fingerprint == before.Fingerprint || !strings.Contains(after.Subject, "Other Co") {
		t.Errorf("after import: %+v", after)
	}
}
