package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/signing"
)

// Events of a long export.
const (
	EventExportProgress = "export:progress" // data: ExportProgressDTO, at most every progressEvery
	EventExportDone     = "export:done"     // data: ExportDoneDTO
)

// progressEvery throttles progress events: a page redraws at most this often, however fast the work goes.
const progressEvery = 100 * time.Millisecond

// SaveDialog is a runtime that can ask where to save a file: the desktop window's native dialog. Browser
// mode has none, and a file is downloaded instead.
type SaveDialog interface {
	// SaveFile asks for a path, suggesting defaultName; "" when the user cancels.
	SaveFile(title, defaultName string) (string, error)
}

// DocumentService issues documents (quote, contract and redline PDFs), exports them, verifies PDFs brought
// back, and keeps the company's signing certificate.
type DocumentService struct {
	s *Services

	mu   sync.Mutex
	jobs map[string]context.CancelFunc
}

// ExportDTO says where an exported file went: saved at Path (desktop), to download from URL (browser
// mode), or nowhere because the user cancelled the dialog.
type ExportDTO struct {
	FileName  string `json:"fileName"`
	Path      string `json:"path"`
	URL       string `json:"url"`
	Cancelled bool   `json:"cancelled"`
	SHA256    string `json:"sha256"`
}

// ExportJobDTO is an export that runs in the background; its progress comes as events.
type ExportJobDTO struct {
	Job       string `json:"job"`
	Total     int    `json:"total"`
	Cancelled bool   `json:"cancelled"` // the user cancelled the save dialog: no job started
}

// ExportProgressDTO is how far an export has got.
type ExportProgressDTO struct {
	Job   string `json:"job"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ExportDoneDTO is how an export ended: with its file, cancelled, or failed with a message.
type ExportDoneDTO struct {
	Job       string    `json:"job"`
	Count     int       `json:"count"`
	Export    ExportDTO `json:"export"`
	Cancelled bool      `json:"cancelled"`
	Error     string    `json:"error"`
}

// VerifyDTO is what the app says about a PDF.
type VerifyDTO struct {
	Verdict     string       `json:"verdict"` // issued, intact, altered, not_ours
	SHA256      string       `json:"sha256"`
	Signed      bool         `json:"signed"`
	DigestValid bool         `json:"digestValid"`
	Appended    bool         `json:"appended"` // something was added after the signature
	Signer      string       `json:"signer"`
	Demo        bool         `json:"demo"`
	SignedAt    string       `json:"signedAt"`
	Document    *DocumentDTO `json:"document"`
}

// CertificateDTO describes the signing certificate.
type CertificateDTO struct {
	Subject     string `json:"subject"`
	Issuer      string `json:"issuer"`
	NotBefore   string `json:"notBefore"`
	NotAfter    string `json:"notAfter"`
	Demo        bool   `json:"demo"`
	Fingerprint string `json:"fingerprint"`
	Path        string `json:"path"`
}

// ExportQuote issues a quote version's PDF and saves or downloads it.
func (svc *DocumentService) ExportQuote(id string) (ExportDTO, error) {
	return svc.export(func(a sales.Actor) (*sales.Issued, error) { return svc.s.sales.QuotePDF(svc.s.ctx, a, id) })
}

// ExportContract saves or downloads a contract version's PDF: the signed file once signed.
func (svc *DocumentService) ExportContract(id string) (ExportDTO, error) {
	return svc.export(func(a sales.Actor) (*sales.Issued, error) { return svc.s.sales.ContractPDF(svc.s.ctx, a, id) })
}

// ExportRedline saves or downloads the redline of two versions of a contract.
func (svc *DocumentService) ExportRedline(aID, bID string) (ExportDTO, error) {
	return svc.export(func(a sales.Actor) (*sales.Issued, error) { return svc.s.sales.RedlinePDF(svc.s.ctx, a, aID, bID) })
}

func (svc *DocumentService) export(issue func(sales.Actor) (*sales.Issued, error)) (ExportDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return ExportDTO{}, err
	}
	doc, err := issue(actor)
	if err != nil {
		return ExportDTO{}, err
	}
	out, err := svc.deliver(doc.FileName, doc.Data)
	out.SHA256 = doc.Record.SHA256
	return out, err
}

// deliver saves a file where the user chooses (desktop) or offers it as a download (browser mode).
func (svc *DocumentService) deliver(name string, data []byte) (ExportDTO, error) {
	out := ExportDTO{FileName: name}
	if d, ok := svc.s.rt.(SaveDialog); ok {
		path, err := d.SaveFile(cpq.Message(svc.s.Lang(), "export.dialogTitle", nil), name)
		if err != nil {
			return out, cpq.Internal(err)
		}
		if path == "" {
			out.Cancelled = true
			return out, nil
		}
		if err := WriteFileAtomic(path, data); err != nil {
			return out, cpq.Errorf(cpq.EInvalid, "export.write", "path", path, "reason", err.Error())
		}
		out.Path = path
		return out, nil
	}
	out.URL = svc.s.downloads.put(name, data)
	return out, nil
}

// WriteFileAtomic writes a file whole or not at all: an export interrupted half-way never leaves a broken
// PDF under the chosen name.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".quotewright-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// A temporary file is private to its owner; an exported document is an ordinary file (the umask still
	// applies where the user has one set for their folders).
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ExportSignedContracts exports every signed contract of an account as one ZIP of the signed PDFs, in the
// background: progress comes as export:progress events, the end as export:done; CancelExport stops it and
// leaves no file behind.
func (svc *DocumentService) ExportSignedContracts(accountID string) (ExportJobDTO, error) {
	s := svc.s
	docs, err := s.sales.SignedContracts(s.ctx, accountID)
	if err != nil {
		return ExportJobDTO{}, err
	}
	if len(docs) == 0 {
		return ExportJobDTO{}, cpq.Errorf(cpq.ENotFound, "export.noSigned")
	}
	name := "signed-contracts.zip"
	if a, err := s.sales.Account(s.ctx, accountID); err == nil {
		name = a.Account.Number + "-signed-contracts.zip"
	}
	path := ""
	if d, ok := s.rt.(SaveDialog); ok {
		if path, err = d.SaveFile(cpq.Message(s.Lang(), "export.dialogTitle", nil), name); err != nil {
			return ExportJobDTO{}, cpq.Internal(err)
		}
		if path == "" {
			return ExportJobDTO{Cancelled: true}, nil
		}
	}
	job := newToken()
	ctx, cancel := context.WithCancel(s.ctx)
	svc.mu.Lock()
	if svc.jobs == nil {
		svc.jobs = map[string]context.CancelFunc{}
	}
	svc.jobs[job] = cancel
	svc.mu.Unlock()
	go func() {
		defer func() {
			svc.mu.Lock()
			delete(svc.jobs, job)
			svc.mu.Unlock()
			cancel()
		}()
		done := ExportDoneDTO{Job: job, Count: len(docs)}
		data, err := svc.zipDocuments(ctx, job, docs)
		switch {
		case errors.Is(err, context.Canceled):
			done.Cancelled = true
		case err != nil:
			done.Error = s.FormatError(err).(ErrorDTO).Message
		case path != "":
			if err := WriteFileAtomic(path, data); err != nil {
				done.Error = cpq.Message(s.Lang(), "export.write", map[string]string{"path": path, "reason": err.Error()})
			} else {
				done.Export = ExportDTO{FileName: filepath.Base(path), Path: path}
			}
		default:
			done.Export = ExportDTO{FileName: name, URL: s.downloads.put(name, data)}
		}
		s.rt.Emit(EventExportDone, done)
	}()
	return ExportJobDTO{Job: job, Total: len(docs)}, nil
}

// zipDocuments reads each document and adds it to a ZIP, reporting progress and stopping when ctx ends.
func (svc *DocumentService) zipDocuments(ctx context.Context, job string, docs []*cpq.Document) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	last := time.Time{}
	for i, h := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := svc.s.sales.Document(ctx, h.ID)
		if err != nil {
			return nil, err
		}
		// PDFs are already compressed: stored, not deflated, so the export goes at the disk's speed.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: sales.FileName(d), Method: zip.Store, Modified: d.CreatedAt})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(d.Content); err != nil {
			return nil, err
		}
		if now := time.Now(); now.Sub(last) >= progressEvery || i == len(docs)-1 {
			last = now
			svc.s.rt.Emit(EventExportProgress, ExportProgressDTO{Job: job, Done: i + 1, Total: len(docs)})
		}
		if d := exportPause(); d > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(d):
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportPause slows each file of a long export down, as QUOTEWRIGHT_EXPORT_PAUSE says (a Go duration): the
// tests set it so that cancelling can be tried on a handful of contracts. Zero otherwise.
func exportPause() time.Duration {
	d, _ := time.ParseDuration(os.Getenv("QUOTEWRIGHT_EXPORT_PAUSE"))
	return d
}

// CancelExport stops a running export.
func (svc *DocumentService) CancelExport(job string) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if cancel := svc.jobs[job]; cancel != nil {
		cancel()
	}
}

// Verify checks a PDF (its bytes base64-encoded, as the page reads a chosen file): the one we issued and
// unchanged, one of ours altered since, or not ours.
func (svc *DocumentService) Verify(dataBase64 string) (VerifyDTO, error) {
	s := svc.s
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return VerifyDTO{}, cpq.Errorf(cpq.EInvalid, "verify.notPDF")
	}
	v, err := s.sales.VerifyPDF(s.ctx, data)
	if err != nil {
		return VerifyDTO{}, err
	}
	out := VerifyDTO{Verdict: string(v.Verdict), SHA256: v.SHA256}
	if r := v.Report; r != nil {
		out.Signed, out.DigestValid, out.Appended, out.Demo = r.Signed, r.DigestValid, r.Signed && !r.CoversWholeFile, r.Demo
		out.SignedAt = instant(r.SignedAt)
		if r.Signer != nil {
			out.Signer = r.Signer.Subject.CommonName
		}
	}
	if v.Document != nil {
		d := documentDTO(v.Document, s.userNames())
		out.Document = &d
	}
	return out, nil
}

// Certificate describes the company's signing certificate, making the demo one on first use.
func (svc *DocumentService) Certificate() (CertificateDTO, error) {
	s := svc.s
	if s.Keys == nil {
		return CertificateDTO{}, cpq.Errorf(cpq.EConflict, "signing.unavailable")
	}
	c, err := s.sales.Company(s.ctx)
	if err != nil {
		return CertificateDTO{}, err
	}
	sig, err := s.Keys.Signer(c.Name.In(cpq.LangEN))
	if err != nil {
		return CertificateDTO{}, sales.CertificateError(err)
	}
	return certificateDTO(sig, s.Keys), nil
}

func certificateDTO(sig *signing.Signer, ks *keystore.Store) CertificateDTO {
	c := sig.Certificate()
	return CertificateDTO{Subject: c.Subject.String(), Issuer: c.Issuer.String(), NotBefore: instant(c.NotBefore),
		NotAfter: instant(c.NotAfter), Demo: sig.Demo(), Fingerprint: sig.Fingerprint(), Path: ks.Path()}
}

// ImportCertificate replaces the signing certificate with a PKCS#12 file (base64) and its password. Only a
// director or an administrator may: the certificate signs for the company.
func (svc *DocumentService) ImportCertificate(dataBase64, password string) (CertificateDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return CertificateDTO{}, err
	}
	if actor.Role != cpq.RoleDirector && actor.Role != cpq.RoleAdmin {
		return CertificateDTO{}, cpq.Errorf(cpq.EUnauthorized, "certificate.role")
	}
	if s.Keys == nil {
		return CertificateDTO{}, cpq.Errorf(cpq.EConflict, "signing.unavailable")
	}
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil || len(data) == 0 {
		return CertificateDTO{}, cpq.Errorf(cpq.EInvalid, "certificate.notP12")
	}
	sig, err := s.Keys.Import(data, password)
	if err != nil {
		return CertificateDTO{}, sales.CertificateError(err)
	}
	if err := s.sales.RecordCertificate(s.ctx, actor, sig.Fingerprint(), sig.Certificate().Subject.String()); err != nil {
		return CertificateDTO{}, err
	}
	return certificateDTO(sig, s.Keys), nil
}

// downloads holds files offered to the browser for download, each under a random token, until fetched once
// or for downloadTTL.
type downloads struct {
	mu    sync.Mutex
	files map[string]download
	ttl   time.Duration // downloadTTL unless a test says otherwise
}

type download struct {
	name    string
	data    []byte
	expires time.Time
}

const downloadTTL = 10 * time.Minute

func (d *downloads) put(name string, data []byte) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		d.files = map[string]download{}
	}
	now := time.Now()
	d.sweep(now)
	tok := newToken()
	ttl := d.ttl
	if ttl == 0 {
		ttl = downloadTTL
	}
	d.files[tok] = download{name: name, data: data, expires: now.Add(ttl)}
	// A file never fetched (the tab was closed, the browser blocked it) is let go when it expires.
	time.AfterFunc(ttl, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.sweep(time.Now().Add(time.Millisecond))
	})
	return "/qw/download/" + tok
}

// Download hands over a file offered for download (browser mode), once.
func (s *Services) Download(token string) (name string, data []byte, ok bool) {
	d := &s.downloads
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sweep(time.Now())
	f, ok := d.files[token]
	if !ok || time.Now().After(f.expires) {
		return "", nil, false
	}
	delete(d.files, token)
	return f.name, f.data, true
}

// sweep forgets the files offered for longer than downloadTTL and never fetched.
func (d *downloads) sweep(now time.Time) {
	for k, f := range d.files {
		if now.After(f.expires) {
			delete(d.files, k)
		}
	}
}

func newToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
