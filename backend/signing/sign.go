package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
)

// Info is what the signature dictionary says besides the signature itself. All of it is
// optional. Readers show Name, Reason and Location next to the signature; the name that
// counts is the certificate's.
type Info struct {
	Name        string
	Reason      string
	Location    string
	ContactInfo string
	// Time is written as the dictionary's /M. Zero means now. The CMS signing-time attribute,
	// which verifiers show, is always the clock's time at signing: pkcs7 sets it itself.
	Time time.Time
}

// ErrInfoText is returned by Sign when pdfsign would write a text of Info wrongly into the
// PDF (see writable): some 3% of kanji, 山 and 岡 among them, and the kana ぜ. Leaving the
// field empty is always possible; verifiers show the certificate's name anyway.
var ErrInfoText = errors.New("this text cannot be written into the signature")

// ErrHasForm is returned by Sign for a PDF that already has form fields or signatures.
var ErrHasForm = errors.New("the PDF already has form fields or signatures")

// Sign signs the PDF in and returns the signed file: the original bytes unchanged, followed by an
// incremental update holding an invisible approval signature (SHA-256, CMS detached,
// no time-stamp, no revocation data, nothing fetched over the network).
func (s *Signer) Sign(in []byte, info Info) (out []byte, err error) {
	if !bytes.HasPrefix(in, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	if err := s.usable(time.Now()); err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, text string }{
		{"name", info.Name}, {"reason", info.Reason}, {"location", info.Location}, {"contact info", info.ContactInfo},
	} {
		if !writable(f.text) {
			return nil, fmt.Errorf("signing: the %s %q: %w", f.name, f.text, ErrInfoText)
		}
	}
	if info.Time.IsZero() {
		info.Time = time.Now()
	}

	// digitorus/pdf, a fork of rsc.io/pdf, reports some malformed input by panicking.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("signing: the PDF could not be read: %v", r)
		}
	}()
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, fmt.Errorf("signing: reading the PDF: %w", err)
	}
	// pdfsign writes a new /AcroForm holding only signature fields: other form fields
	// would be lost. gofpdf makes no forms; a PDF that has one was not made by us.
	if !rdr.Trailer().Key("Root").Key("AcroForm").IsNull() {
		return nil, ErrHasForm
	}
	var buf bytes.Buffer
	buf.Grow(len(in) + 16<<10)
	// sign.Sign would do what follows, but it reserves 512 bytes for the signature value and
	// signed attributes, and when they do not fit (any RSA key over 2048 bits) its retry
	// writes the file twice over and leaves a broken xref. So we set the reserve ourselves,
	// with room to spare; the zeros that pad /Contents cost a kilobyte or two of file.
	ctx := &sign.SignContext{
		PDFReader:              rdr,
		InputFile:              bytes.NewReader(in),
		OutputFile:             &buf,
		SignatureMaxLengthBase: uint32(hex.EncodedLen(signatureSize(s.key) + 1024)),
		SignData: sign.SignData{
			Signature: sign.SignDataSignature{
				CertType: sign.ApprovalSignature,
				Info: sign.SignDataSignatureInfo{
					Name:        info.Name,
					Reason:      info.Reason,
					Location:    info.Location,
					ContactInfo: info.ContactInfo,
					Date:        info.Time,
				},
			},
			Signer:            s.key,
			DigestAlgorithm:   crypto.SHA256,
			Certificate:       s.cert,
			CertificateChains: [][]*x509.Certificate{append([]*x509.Certificate{s.cert}, s.chain...)},
			// TSA and RevocationFunction left empty: pdfsign then makes no network request.
		},
	}
	if err := ctx.SignPDF(); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	// Never hand out a signature that does not verify. Checking costs a fraction of a
	// millisecond, and pdfsign has surprised us once already.
	out = buf.Bytes()
	r, err := Inspect(out)
	if err != nil {
		return nil, fmt.Errorf("signing: the signed file cannot be read back: %w", err)
	}
	if !r.Intact() || r.Fingerprint != s.Fingerprint() {
		return nil, fmt.Errorf("signing: the signed file does not verify: %s", r.Problem)
	}
	return out, nil
}

// signatureSize is the most bytes a signature value made by key can take.
func signatureSize(key crypto.Signer) int {
	switch pub := key.Public().(type) {
	case *rsa.PublicKey:
		return pub.Size()
	case *ecdsa.PublicKey:
		return 2*(pub.Curve.Params().BitSize+7)/8 + 16 // r and s as DER integers in a sequence
	}
	return 1024
}

// writable reports whether pdfsign writes text into a PDF string faithfully. It escapes ASCII
// text, but writes any other text as UTF-16BE between parentheses without escaping, and a
// reader then takes a 0x5C byte as an escape, turns a 0x0D byte into a line feed, and ends the
// string at an unbalanced 0x29. Characters such as 山 (U+5C71) or 岡 (U+5CA1) contain 0x5C.
func writable(text string) bool {
	ascii := true
	for _, r := range text {
		ascii = ascii && r <= 0x7f
	}
	if ascii {
		return true
	}
	depth := 0
	for _, u := range utf16.Encode([]rune(text)) {
		for _, b := range [2]byte{byte(u >> 8), byte(u)} {
			switch b {
			case '\\', '\r':
				return false
			case '(':
				depth++
			case ')':
				depth--
				if depth < 0 {
					return false
				}
			}
		}
	}
	return depth == 0
}
