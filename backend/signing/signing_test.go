package signing_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"quotewright/backend/signing"
)

// contractPDF makes a contract as the app prints one with gofpdf: a title, pages of clauses,
// a price table, a drawn signature (PNG) on the last page, page footers.
func contractPDF(tb testing.TB, pages int) []byte {
	tb.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("Service contract C-2025-0042", true)
	pdf.SetAuthor("Quotewright", true)
	pdf.SetCreationDate(time.Date(2025, 6, 2, 10, 30, 0, 0, time.UTC))
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "I", 8)
		pdf.CellFormat(0, 10, fmt.Sprintf("Page %d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	clause := "The Supplier shall provide the services described in the attached quote at the sites listed " +
		"therein, for the term stated, at the prices and on the terms of this contract. Either party may " +
		"terminate for material breach not remedied within thirty days of written notice."
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 16)
		pdf.CellFormat(0, 10, fmt.Sprintf("Service contract C-2025-0042 (%d/%d)", p, pages), "", 1, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 10)
		for i := 1; i <= 6; i++ {
			pdf.MultiCell(0, 5, fmt.Sprintf("%d.%d %s", p, i, clause), "", "J", false)
			pdf.Ln(2)
		}
		pdf.SetFont("Courier", "", 9)
		for i := 1; i <= 12; i++ {
			pdf.CellFormat(120, 5, fmt.Sprintf("Store %02d  FTTH 1G business line, 36 months", i), "1", 0, "L", false, 0, "")
			pdf.CellFormat(40, 5, fmt.Sprintf("JPY %d", 12800+i*100), "1", 1, "R", false, 0, "")
		}
	}
	pdf.RegisterImageOptionsReader("signature", gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(signaturePNG(tb)))
	pdf.ImageOptions("signature", 20, pdf.GetY()+5, 60, 20, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// signaturePNG draws a scribble, with transparency, like the signature pad's.
func signaturePNG(tb testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 200))
	for x := 0; x < 600; x++ {
		y := 100 + int(60*float64((x*7)%120-60)/60*float64(x%50)/50)
		for d := -2; d <= 2; d++ {
			img.Set(x, y+d, color.NRGBA{10, 20, 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// demo is one demo certificate per test binary: RSA key generation takes a moment.
var demo = sync.OnceValues(func() (*signing.Signer, error) {
	p12, password, err := signing.DemoCertificate("Quotewright Demo KK", time.Now())
	if err != nil {
		return nil, err
	}
	return signing.Load(p12, password)
})

func demoSigner(tb testing.TB) *signing.Signer {
	tb.Helper()
	s, err := demo()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

var info = signing.Info{Name: "Hanako Sato", Reason: "Contract accepted", Location: "東京", ContactInfo: "sales@example.jp"}

func signedContract(t *testing.T) []byte {
	t.Helper()
	signed, err := demoSigner(t).Sign(contractPDF(t, 3), info)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func tool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not on PATH (it comes with poppler-utils / qpdf)", name)
	}
}

func writeTemp(t *testing.T, file []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "contract.pdf")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfsig runs poppler's pdfsig on file and returns what it prints. It exits 0 whether or not
// the signature is valid: the output is what tells.
func pdfsig(t *testing.T, file []byte) string {
	t.Helper()
	tool(t, "pdfsig")
	out, err := exec.Command("pdfsig", writeTemp(t, file)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig: %v\n%s", err, out)
	}
	return string(out)
}

// qpdfCheck runs qpdf --check, which exits 0 only for a file without errors or warnings.
func qpdfCheck(t *testing.T, file []byte) {
	t.Helper()
	tool(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", writeTemp(t, file)).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func inspect(t *testing.T, file []byte) *signing.Report {
	t.Helper()
	r, err := signing.Inspect(file)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSignedContractVerifies(t *testing.T) {
	before := time.Now().Add(-time.Second)
	unsigned := contractPDF(t, 3)
	signed, err := demoSigner(t).Sign(unsigned, info)
	if err != nil {
		t.Fatal(err)
	}

	if got, want := bytes.HasPrefix(signed, unsigned), true; got != want {
		t.Errorf("the signed file starts with the original bytes: got %v, want %v", got, want)
	}
	out := pdfsig(t, signed)
	t.Logf("pdfsig:\n%s", out)
	for _, line := range []string{"Signature Validation: Signature is Valid.", "Total document signed", "Signing Hash Algorithm: SHA-256"} {
		if got, want := strings.Contains(out, line), true; got != want {
			t.Errorf("pdfsig prints %q: got %v, want %v", line, got, want)
		}
	}
	qpdfCheck(t, signed)

	r := inspect(t, signed)
	if got, want := r.Intact(), true; got != want {
		t.Errorf("Intact: got %v, want %v (%+v)", got, want, r)
	}
	if got, want := r.Signatures, 1; got != want {
		t.Errorf("Signatures: got %d, want %d", got, want)
	}
	if got, want := r.Fingerprint, demoSigner(t).Fingerprint(); got != want {
		t.Errorf("Fingerprint: got %s, want %s", got, want)
	}
	if got, want := r.Demo, true; got != want {
		t.Errorf("Demo: got %v, want %v", got, want)
	}
	if got, want := r.Problem, ""; got != want {
		t.Errorf("Problem: got %q, want %q", got, want)
	}
	if got, want := [4]string{r.Name, r.Reason, r.Location, r.ContactInfo}, [4]string{info.Name, info.Reason, info.Location, info.ContactInfo}; got != want {
		t.Errorf("Name, Reason, Location, ContactInfo: got %q, want %q", got, want)
	}
	if r.SignedAt.Before(before) || r.SignedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("SignedAt: got %v, want between %v and now", r.SignedAt, before)
	}
}

// setDigit changes a digit of the creation date in the original document, inside the first
// signed range: the file stays a well-formed PDF, only its content differs.
func setDigit(t *testing.T, signed []byte) []byte {
	t.Helper()
	altered := bytes.Clone(signed)
	i := bytes.Index(altered, []byte("/CreationDate (D:2025"))
	if i < 0 {
		t.Fatal("no creation date in the PDF")
	}
	altered[i+len("/CreationDate (D:2025")] ^= 1 // 0 ↔ 1 in the month
	return altered
}

func TestAlteredByteIsDetected(t *testing.T) {
	altered := setDigit(t, signedContract(t))

	out := pdfsig(t, altered)
	t.Logf("pdfsig:\n%s", out)
	if got, want := strings.Contains(out, "Signature Validation: Digest Mismatch."), true; got != want {
		t.Errorf("pdfsig prints Digest Mismatch.: got %v, want %v", got, want)
	}
	r := inspect(t, altered)
	if got, want := r.DigestValid, false; got != want {
		t.Errorf("DigestValid: got %v, want %v", got, want)
	}
	if got, want := r.Signed && r.CoversWholeFile, true; got != want {
		t.Errorf("Signed and CoversWholeFile: got %v, want %v", got, want)
	}
	if got, want := strings.Contains(r.Problem, "digest mismatch"), true; got != want {
		t.Errorf("Problem names the digest: got %q", r.Problem)
	}
}

func TestAlteredSignatureIsDetected(t *testing.T) {
	signed := signedContract(t)
	// A hex digit near the end of the CMS value: the RSA signature itself.
	i := bytes.Index(signed, []byte("/Contents<")) + len("/Contents<")
	der := bytes.IndexByte(signed[i:], '>')
	j := i + bytes.LastIndexFunc(signed[i:i+der], func(r rune) bool { return r != '0' }) - 8
	altered := bytes.Clone(signed)
	if altered[j] == 'a' {
		altered[j] = 'b'
	} else {
		altered[j] = 'a'
	}
	r := inspect(t, altered)
	if got, want := r.DigestValid, false; got != want {
		t.Errorf("DigestValid: got %v, want %v", got, want)
	}
	t.Logf("Problem: %s", r.Problem)
}

// appendUpdate appends a real incremental update that changes the document's Info after it
// was signed: the shape of a "shadow" edit.
func appendUpdate(t *testing.T, signed []byte) []byte {
	t.Helper()
	last := func(re string) string {
		m := regexp.MustCompile(re).FindAllSubmatch(signed, -1)
		if len(m) == 0 {
			t.Fatalf("no %s in the PDF", re)
		}
		return string(m[len(m)-1][1])
	}
	root, prev := last(`/Root (\d+) 0 R`), last(`startxref\s+(\d+)`)
	obj, err := strconv.Atoi(last(`/Size (\d+)`)) // the next free object number
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(signed)
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Producer (changed after signing) >>\nendobj\n", obj)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s 0 R /Info %d 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		obj, off, obj+1, root, obj, prev, xref)
	return b.Bytes()
}

func TestAppendedUpdateIsDetected(t *testing.T) {
	signed := signedContract(t)
	updated := appendUpdate(t, signed)
	qpdfCheck(t, updated) // a well-formed incremental update, not junk

	out := pdfsig(t, updated)
	t.Logf("pdfsig:\n%s", out)
	if got, want := strings.Contains(out, "Total document signed"), false; got != want {
		t.Errorf("pdfsig prints Total document signed: got %v, want %v", got, want)
	}
	r := inspect(t, updated)
	if got, want := r.CoversWholeFile, false; got != want {
		t.Errorf("CoversWholeFile: got %v, want %v", got, want)
	}
	if got, want := r.DigestValid, true; got != want { // what was signed is intact
		t.Errorf("DigestValid: got %v, want %v", got, want)
	}
	if got, want := r.Intact(), false; got != want {
		t.Errorf("Intact: got %v, want %v", got, want)
	}
}

func TestAppendedJunkIsDetected(t *testing.T) {
	junk := append(signedContract(t), "\n% appended\n"...)
	r := inspect(t, junk)
	if got, want := r.CoversWholeFile, false; got != want {
		t.Errorf("CoversWholeFile: got %v, want %v", got, want)
	}
}

func TestUnsignedPDF(t *testing.T) {
	r := inspect(t, contractPDF(t, 1))
	if got, want := r.Signed, false; got != want {
		t.Errorf("Signed: got %v, want %v", got, want)
	}
	if got, want := r.Signer == nil && !r.DigestValid && r.Fingerprint == "", true; got != want {
		t.Errorf("no signer, no valid digest, no fingerprint: got %v, want %v (%+v)", got, want, r)
	}
}

func TestNotAPDF(t *testing.T) {
	for _, file := range [][]byte{nil, []byte("PK\x03\x04 a zip file"), []byte("hello")} {
		_, err := signing.Inspect(file)
		if got, want := err, signing.ErrNotPDF; got != want {
			t.Errorf("Inspect(%q): got %v, want %v", file, got, want)
		}
		if got, want := fmt.Sprint(err), "not a PDF file"; got != want {
			t.Errorf("message: got %q, want %q", got, want)
		}
	}
	if _, err := demoSigner(t).Sign([]byte("hello"), info); !errors.Is(err, signing.ErrNotPDF) {
		t.Errorf("Sign(not a PDF): got %v, want %v", err, signing.ErrNotPDF)
	}
}

func TestTruncatedPDF(t *testing.T) {
	signed := signedContract(t)
	cuts := map[string]int{
		"in the original document":       len(signed) / 3,
		"in the signature's contents":    bytes.Index(signed, []byte("/Contents<")) + 100,
		"in the signature's xref update": len(signed) - 40,
	}
	for where, n := range cuts {
		_, err := signing.Inspect(signed[:n])
		if got, want := errors.Is(err, signing.ErrTruncated), true; got != want {
			t.Errorf("cut %s: got %v, want %v", where, err, signing.ErrTruncated)
		}
	}
}

func TestOtherCertificateHasAnotherFingerprint(t *testing.T) {
	p12, password, err := signing.DemoCertificate("Someone Else Ltd", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	other, err := signing.Load(p12, password)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := other.Sign(contractPDF(t, 1), signing.Info{Reason: "Not ours"})
	if err != nil {
		t.Fatal(err)
	}
	r := inspect(t, signed)
	if got, want := r.DigestValid, true; got != want {
		t.Errorf("DigestValid: got %v, want %v", got, want)
	}
	if got, notWant := r.Fingerprint, demoSigner(t).Fingerprint(); got == notWant {
		t.Errorf("Fingerprint: got ours (%s), want another", got)
	}
	if got, want := r.Fingerprint, other.Fingerprint(); got != want {
		t.Errorf("Fingerprint: got %s, want %s", got, want)
	}
	if got, want := r.Signer.Subject.Organization, []string{"Someone Else Ltd"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Signer organization: got %v, want %v", got, want)
	}
}

func TestDemoCertificate(t *testing.T) {
	s := demoSigner(t)
	c := s.Certificate()
	if got, want := c.Subject.CommonName, "Quotewright Demo KK (DEMO certificate — not for production)"; got != want {
		t.Errorf("CN: got %q, want %q", got, want)
	}
	if got, want := s.Demo(), true; got != want {
		t.Errorf("Demo: got %v, want %v", got, want)
	}
	if got, want := c.KeyUsage, x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment; got != want {
		t.Errorf("KeyUsage: got %v, want %v", got, want)
	}
	if years := c.NotAfter.Sub(c.NotBefore).Hours() / 24 / 365; years < 9.9 || years > 10.1 {
		t.Errorf("validity: got %.1f years, want 10", years)
	}
	if got, want := len(s.Fingerprint()), 64; got != want {
		t.Errorf("Fingerprint length: got %d, want %d", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	p12, password, err := signing.DemoCertificate("Quotewright Demo KK", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = signing.Load(p12, password+"x")
	if got, want := err, signing.ErrWrongPassword; got != want {
		t.Errorf("wrong password: got %v, want %v", got, want)
	}
	if got, want := fmt.Sprint(err), "the password does not open this PKCS#12 file"; got != want {
		t.Errorf("wrong password message: got %q, want %q", got, want)
	}
	if _, err := signing.Load([]byte("not a p12"), ""); !errors.Is(err, signing.ErrNotPKCS12) {
		t.Errorf("not a PKCS#12 file: got %v, want %v", err, signing.ErrNotPKCS12)
	}

	old, oldPassword, err := signing.DemoCertificate("Old KK", time.Now().AddDate(-11, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signing.Load(old, oldPassword); !errors.Is(err, signing.ErrExpired) {
		t.Errorf("expired: got %v, want %v", err, signing.ErrExpired)
	}
	future, futurePassword, err := signing.DemoCertificate("Future KK", time.Now().Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signing.Load(future, futurePassword); !errors.Is(err, signing.ErrNotYetValid) {
		t.Errorf("not yet valid: got %v, want %v", err, signing.ErrNotYetValid)
	}

	key, cert := makeCert(t, &x509.Certificate{Subject: pkix.Name{CommonName: "TLS only"}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, nil, nil)
	tls, err := pkcs12.Modern.Encode(key, cert, nil, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signing.Load(tls, "pw"); !errors.Is(err, signing.ErrKeyNotForSigning) {
		t.Errorf("TLS server certificate: got %v, want %v", err, signing.ErrKeyNotForSigning)
	}
	key, cert = makeCert(t, &x509.Certificate{Subject: pkix.Name{CommonName: "Encryption only"}, KeyUsage: x509.KeyUsageKeyEncipherment}, nil, nil)
	enc, err := pkcs12.Modern.Encode(key, cert, nil, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signing.Load(enc, "pw"); !errors.Is(err, signing.ErrKeyNotForSigning) {
		t.Errorf("encryption-only certificate: got %v, want %v", err, signing.ErrKeyNotForSigning)
	}

	certsOnly, err := pkcs12.Modern.EncodeTrustStore([]*x509.Certificate{cert}, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signing.Load(certsOnly, "pw"); !errors.Is(err, signing.ErrNoPrivateKey) {
		t.Errorf("no private key: got %v, want %v", err, signing.ErrNoPrivateKey)
	}
}

// makeCert issues a certificate from template for a new RSA-2048 key, signed by parent
// (self-signed when nil).
func makeCert(t *testing.T, template *x509.Certificate, parent *x509.Certificate, parentKey crypto.Signer) (*rsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return key, issue(t, template, key, parent, parentKey)
}

func issue(t *testing.T, template *x509.Certificate, key crypto.Signer, parent *x509.Certificate, parentKey crypto.Signer) *x509.Certificate {
	t.Helper()
	template.SerialNumber = big.NewInt(time.Now().UnixNano())
	template.NotBefore, template.NotAfter = time.Now().Add(-time.Hour), time.Now().AddDate(1, 0, 0)
	if parent == nil {
		parent, parentKey = template, key
	}
	der, err := x509.CreateCertificate(rand.Reader, template, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// Certificates from CAs come with other keys than the demo's. RSA keys over 2048 bits are
// the case where pdfsign's own sizing of the signature fails (see Sign).
func TestOtherKeyTypes(t *testing.T) {
	rsa3072, err := rsa.GenerateKey(rand.Reader, 3072)
	if err != nil {
		t.Fatal(err)
	}
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []crypto.Signer{rsa3072, p256} {
		cert := issue(t, &x509.Certificate{Subject: pkix.Name{CommonName: fmt.Sprintf("%T", key)}, KeyUsage: x509.KeyUsageDigitalSignature}, key, nil, nil)
		p12, err := pkcs12.Modern.Encode(key, cert, nil, "pw")
		if err != nil {
			t.Fatal(err)
		}
		s, err := signing.Load(p12, "pw")
		if err != nil {
			t.Fatal(err)
		}
		signed, err := s.Sign(contractPDF(t, 1), info)
		if err != nil {
			t.Fatalf("%T: %v", key, err)
		}
		if got, want := inspect(t, signed).Intact(), true; got != want {
			t.Errorf("%T: Intact: got %v, want %v", key, got, want)
		}
		out := pdfsig(t, signed)
		if got, want := strings.Contains(out, "Signature is Valid.") && strings.Contains(out, "Total document signed"), true; got != want {
			t.Errorf("%T: pdfsig prints Signature is Valid. and Total document signed: got %v, want %v\n%s", key, got, want, out)
		}
	}
}

// pdfsign would replace the document's form, signatures included, with its own: Sign refuses.
func TestSignTwiceIsRefused(t *testing.T) {
	_, err := demoSigner(t).Sign(signedContract(t), info)
	if got, want := err, signing.ErrHasForm; got != want {
		t.Errorf("Sign(signed): got %v, want %v", got, want)
	}
}

// A certificate from a CA comes with its chain, in no particular order and perhaps with
// certificates that have nothing to do with it; the signature embeds the chain.
func TestChainFromCA(t *testing.T) {
	ca := func(cn string) *x509.Certificate {
		return &x509.Certificate{Subject: pkix.Name{CommonName: cn}, IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	}
	rootKey, root := makeCert(t, ca("Test Root CA"), nil, nil)
	midKey, mid := makeCert(t, ca("Test Issuing CA"), root, rootKey)
	_, stranger := makeCert(t, ca("Unrelated CA"), nil, nil)
	leafKey, leaf := makeCert(t, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "Taro Yamada", Organization: []string{"Customer KK"}},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}, mid, midKey)
	p12, err := pkcs12.Modern.Encode(leafKey, leaf, []*x509.Certificate{stranger, root, mid}, "pw")
	if err != nil {
		t.Fatal(err)
	}
	s, err := signing.Load(p12, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Demo(), false; got != want {
		t.Errorf("Demo: got %v, want %v", got, want)
	}
	signed, err := s.Sign(contractPDF(t, 1), signing.Info{Name: "Taro Yamada"})
	if err != nil {
		t.Fatal(err)
	}
	r := inspect(t, signed)
	if got, want := r.Intact(), true; got != want {
		t.Errorf("Intact: got %v, want %v (%s)", got, want, r.Problem)
	}
	if got, want := r.Fingerprint, s.Fingerprint(); got != want {
		t.Errorf("Fingerprint: got %s, want %s", got, want)
	}
	out := pdfsig(t, signed)
	t.Logf("pdfsig:\n%s", out)
	if got, want := strings.Contains(out, "Signature Validation: Signature is Valid."), true; got != want {
		t.Errorf("pdfsig prints Signature is Valid.: got %v, want %v", got, want)
	}
}

// pdfsign writes non-ASCII text as UTF-16 without escaping it, so a text whose UTF-16 holds a
// backslash byte (山 is U+5C71) would be read back as something else. Sign refuses it.
func TestInfoTextPdfsignCannotWrite(t *testing.T) {
	_, err := demoSigner(t).Sign(contractPDF(t, 1), signing.Info{Name: "山田 花子"})
	if got, want := errors.Is(err, signing.ErrInfoText), true; got != want {
		t.Errorf("Sign with 山田: got %v, want %v", err, signing.ErrInfoText)
	}
	signed, err := demoSigner(t).Sign(contractPDF(t, 1), signing.Info{Name: "佐藤 花子 (営業部)", Location: "大阪", Reason: `A (balanced) reason \ with a backslash`})
	if err != nil {
		t.Fatal(err)
	}
	r := inspect(t, signed)
	if got, want := [3]string{r.Name, r.Location, r.Reason}, [3]string{"佐藤 花子 (営業部)", "大阪", `A (balanced) reason \ with a backslash`}; got != want {
		t.Errorf("texts read back: got %q, want %q", got, want)
	}
}

func BenchmarkSignContract(b *testing.B) {
	s := demoSigner(b)
	contract := contractPDF(b, 4)
	for b.Loop() {
		if _, err := s.Sign(contract, info); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(contract))/1024, "KiB/contract")
}

func BenchmarkInspect(b *testing.B) {
	signed, err := demoSigner(b).Sign(contractPDF(b, 4), info)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := signing.Inspect(signed); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSignersNamesTheCertificateOfACutShortFile(t *testing.T) {
	if got := signing.Signers(contractPDF(t, 1)); len(got) != 0 {
		t.Errorf("an unsigned PDF has signers %v", got)
	}
	signed := signedContract(t)
	want := demoSigner(t).Fingerprint()
	for _, file := range [][]byte{signed, signed[:len(signed)-60]} {
		if got := signing.Signers(file); len(got) != 1 || got[0] != want {
			t.Errorf("signers of a %d-byte file = %v, want [%s]", len(file), got, want)
		}
	}
	if got := signing.Signers([]byte("%PDF-1.4 /ByteRange [0 1 2 3] /Contents <zz")); len(got) != 0 {
		t.Errorf("a malformed file names signers %v", got)
	}
}
