package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/digitorus/pkcs7"
)

// The errors Inspect returns for files it cannot judge.
var (
	ErrNotPDF    = errors.New("not a PDF file")
	ErrTruncated = errors.New("the PDF file is truncated")
)

// Report is what Inspect finds about a PDF's signature.
type Report struct {
	// Signed: the file holds at least one signature dictionary with a byte range and contents.
	Signed bool
	// Signatures counts them. The fields below are about the last one, the one whose byte
	// range reaches furthest into the file (the most recent incremental update).
	Signatures int

	// Signer is the certificate that made the signature, nil if unsigned or unreadable.
	Signer      *x509.Certificate
	Fingerprint string // SHA-256 of Signer's DER, hex; what the app compares with its own
	Demo        bool   // Signer is a demo certificate (DemoCertificate)

	// DigestValid: the digest of the bytes in the byte range is the one that was signed, and
	// the CMS signature over it verifies against Signer. It says nothing of trust in Signer.
	DigestValid bool
	// CoversWholeFile: the byte range ends at the end of the file, so nothing was appended
	// after signing (another revision, or junk). A file can be DigestValid and still not
	// CoversWholeFile: what was signed is intact, but what is shown may be what came after.
	CoversWholeFile bool

	// SignedAt is the CMS signing-time attribute, else the dictionary's /M; zero if neither.
	// Both are the signer's clock, not a time-stamp authority's.
	SignedAt time.Time
	// What the signature dictionary says, as the signer wrote it.
	Name, Reason, Location, ContactInfo string

	// Problem says, in English for logs, why DigestValid is false; "" when it is true.
	Problem string
}

// Intact reports whether the file is signed, the signature verifies, and nothing came after it.
func (r *Report) Intact() bool { return r.Signed && r.DigestValid && r.CoversWholeFile }

// Inspect checks the signature of a PDF without trusting anything in it but the bytes: it
// finds signature dictionaries by reading the file itself (not through its cross-reference
// table, which the last incremental update, signed or not, controls), checks that the byte
// range leaves out exactly the signature, hashes the signed bytes and verifies the CMS
// signature. It does no certificate-chain or revocation check and uses no network.
//
// A file that does not start like a PDF gives ErrNotPDF. A file cut short gives ErrTruncated:
// no end-of-file marker at all, objects after the last one (a revision cut in the middle), or
// a signature that covers bytes past the end. An unsigned PDF is no error: Signed is false.
func Inspect(file []byte) (*Report, error) {
	// The header may follow some junk, within the first 1024 bytes (ISO 32000-1, 7.5.2 note).
	if !bytes.Contains(file[:min(len(file), 1024)], []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	// Each revision ends with %%EOF. Objects after the last one are a revision cut short
	// (junk without objects after it is no revision: that is CoversWholeFile's business).
	eof := bytes.LastIndex(file, []byte("%%EOF"))
	if eof < 0 {
		return nil, fmt.Errorf("%w: it has no end-of-file marker", ErrTruncated)
	}
	if objectHeader.Match(file[eof:]) {
		return nil, fmt.Errorf("%w: its last revision has no end-of-file marker", ErrTruncated)
	}
	sigs := findSignatures(file)
	r := &Report{Signatures: len(sigs)}
	if len(sigs) == 0 {
		return r, nil
	}
	sig := sigs[0]
	for _, s := range sigs[1:] {
		if s.end() > sig.end() {
			sig = s
		}
	}
	if sig.end() > int64(len(file)) {
		return nil, fmt.Errorf("%w: its signature covers %d bytes but the file has %d", ErrTruncated, sig.end(), len(file))
	}
	r.Signed = true
	r.CoversWholeFile = sig.end() == int64(len(file))
	r.Name = text(sig.dict["Name"])
	r.Reason = text(sig.dict["Reason"])
	r.Location = text(sig.dict["Location"])
	r.ContactInfo = text(sig.dict["ContactInfo"])
	if s, ok := sig.dict["M"].([]byte); ok {
		r.SignedAt, _ = pdfDate(string(s))
	}
	r.verify(file, sig)
	return r, nil
}

// verify fills in the signer and DigestValid, or Problem.
func (r *Report) verify(file []byte, sig signature) {
	// pkcs7 parses DER from whoever made the file. Fuzzing found no panic in it, but a
	// panic there must not take the app down with it.
	defer func() {
		if p := recover(); p != nil {
			r.Signer, r.Fingerprint, r.Demo, r.DigestValid = nil, "", false, false
			r.Problem = fmt.Sprintf("the signature cannot be read: %v", p)
		}
	}()
	br := sig.byteRange
	// The gap between the two ranges must be the /Contents hex string and nothing else;
	// otherwise bytes that are neither signed nor the signature could be changed at will.
	gap := file[br[1]:br[2]]
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' {
		r.Problem = "the byte range does not leave out exactly the signature"
		return
	}
	contents, _ := sig.dict["Contents"].([]byte)
	if g, err := (&parser{b: gap}).value(0); err != nil || !bytes.Equal(asBytes(g), contents) {
		r.Problem = "the byte range does not leave out exactly the signature"
		return
	}
	switch sub, _ := sig.dict["SubFilter"].(name); sub {
	case "adbe.pkcs7.detached", "ETSI.CAdES.detached":
	default:
		r.Problem = fmt.Sprintf("signature format %q is not supported", string(sub))
		return
	}
	// /Contents is padded with zeros after the DER value; keep just the value when its
	// length is definite (pkcs7 also reads BER, so otherwise hand it everything).
	var raw asn1.RawValue
	if _, err := asn1.Unmarshal(contents, &raw); err == nil {
		contents = raw.FullBytes
	}
	p7, err := pkcs7.Parse(contents)
	if err != nil {
		r.Problem = "the signature cannot be read: " + err.Error()
		return
	}
	r.Signer = p7.GetOnlySigner()
	r.Fingerprint = Fingerprint(r.Signer)
	r.Demo = IsDemo(r.Signer)
	var at time.Time
	if p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &at) == nil {
		r.SignedAt = at
	}
	if r.Signer == nil {
		r.Problem = "the signature does not name exactly one signer whose certificate it holds"
		return
	}
	p7.Content = make([]byte, 0, br[1]+br[3])
	p7.Content = append(p7.Content, file[:br[1]]...)
	p7.Content = append(p7.Content, file[br[2]:br[2]+br[3]]...)
	// Verify without a trust store checks the message digest, the signature over the signed
	// attributes, and that the signing time lies within the certificate's validity.
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			r.Problem = "the document was changed after it was signed (digest mismatch)"
		} else {
			r.Problem = "the signature does not verify: " + err.Error()
		}
		return
	}
	r.DigestValid = true
}

var objectHeader = regexp.MustCompile(`\d+\s+\d+\s+obj\b`)

// signature is a signature dictionary found in the file.
type signature struct {
	byteRange [4]int64
	dict      map[string]any
}

func (s signature) end() int64 { return s.byteRange[2] + s.byteRange[3] }

// findSignatures finds the dictionaries that hold a /ByteRange: for each occurrence of the
// key, the object around it is the nearest "N G obj" before it whose dictionary, parsed,
// reaches past it. A signature dictionary is never inside a compressed object stream (its
// byte range counts file offsets), so reading the raw bytes finds every one.
func findSignatures(file []byte) []signature {
	var sigs []signature
	seen := map[int]bool{}
	key := []byte("/ByteRange")
	for at := 0; ; {
		i := bytes.Index(file[at:], key)
		if i < 0 {
			break
		}
		hit := at + i
		at = hit + len(key)
		start, dict := enclosingDict(file, hit)
		if dict == nil || seen[start] {
			continue
		}
		seen[start] = true
		br, ok := byteRange(dict["ByteRange"])
		if _, isStr := dict["Contents"].([]byte); !ok || !isStr {
			continue // not a signature, or pdfsign's placeholder "[0 ********** ...]"
		}
		sigs = append(sigs, signature{byteRange: br, dict: dict})
	}
	return sigs
}

// enclosingDict parses the dictionaries of the few objects that begin before hit, nearest
// first, and returns the first that reaches past hit, with its offset.
func enclosingDict(file []byte, hit int) (int, map[string]any) {
	end := hit
	for tries := 0; tries < 8; tries++ {
		o := bytes.LastIndex(file[:end], []byte("obj"))
		if o < 0 {
			return 0, nil
		}
		end = o
		if o >= 3 && string(file[o-3:o]) == "end" {
			continue // "endobj"
		}
		p := &parser{b: file, i: o + 3}
		v, err := p.value(0)
		if err != nil || p.i <= hit {
			continue
		}
		if d, ok := v.(map[string]any); ok {
			return o, d
		}
	}
	return 0, nil
}

// byteRange reads [a b c d] as offsets that make sense: a is 0, b < c, none negative or so
// large that c+d could overflow.
// Whether c+d stays within the file is the caller's question.
func byteRange(v any) ([4]int64, bool) {
	var br [4]int64
	a, ok := v.([]any)
	if !ok || len(a) != 4 {
		return br, false
	}
	for i, x := range a {
		n, ok := x.(number)
		if !ok {
			return br, false
		}
		v, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || v < 0 || v > 1<<50 {
			return br, false
		}
		br[i] = v
	}
	return br, br[0] == 0 && br[1] < br[2]
}

// Signers lists the fingerprints of the certificates of every signature found in a file, in the order the
// signatures appear, without verifying any of them and without needing the file to be whole: what tells a
// file derived from one we signed (cut short, or with another revision and signature added after ours) from
// a file that never was ours. A signature that cannot be read is left out.
func Signers(file []byte) (fingerprints []string) {
	defer func() {
		if recover() != nil {
			fingerprints = nil // malformed input: no signer can be named
		}
	}()
	for _, sig := range findSignatures(file) {
		contents, _ := sig.dict["Contents"].([]byte)
		var raw asn1.RawValue
		if _, err := asn1.Unmarshal(contents, &raw); err == nil {
			contents = raw.FullBytes
		}
		p7, err := pkcs7.Parse(contents)
		if err != nil {
			continue
		}
		if c := p7.GetOnlySigner(); c != nil {
			fingerprints = append(fingerprints, Fingerprint(c))
		}
	}
	return fingerprints
}
