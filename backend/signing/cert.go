// Package signing signs contract PDFs with the company's certificate and checks signed PDFs.
//
// A certificate and its key come as a PKCS#12 file (.p12/.pfx), the form every CA and every
// operating system hands them out in. For trying the app there is DemoCertificate: a self-signed
// certificate that says in its subject, and in a certificate policy, that it is a demo; Demo
// tells such a certificate apart, so the app can say so wherever it shows a signature.
//
// Signing is an approval signature in an incremental update (the original bytes stay as they
// were), SHA-256, CMS detached (adbe.pkcs7.detached). Nothing is fetched over the network: no
// time-stamp authority, no OCSP or CRL, because the app runs on machines that are offline.
package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// The errors Load returns, for the app to tell apart with errors.Is.
var (
	ErrWrongPassword    = errors.New("the password does not open this PKCS#12 file")
	ErrNoPrivateKey     = errors.New("the PKCS#12 file holds no private key")
	ErrNotPKCS12        = errors.New("not a PKCS#12 file")
	ErrExpired          = errors.New("the certificate has expired")
	ErrNotYetValid      = errors.New("the certificate is not yet valid")
	ErrKeyNotForSigning = errors.New("the certificate's key is not usable for signing documents")
)

// demoPolicy is the certificate policy that marks a demo certificate: "no assurance at all".
// It is an OID under 2.25 (a UUID as one arc, ITU-T X.667), which needs no registration and
// cannot collide with a policy of a real CA. encoding/asn1 cannot hold a 128-bit arc, hence
// x509.OID and Certificate.Policies (Go 1.24 fills Policies when it parses a certificate).
const demoPolicy = "2.25.112487261592656508347306983035452535628"

// Extended key usages for document signing that are not among crypto/x509's constants.
var (
	oidEKUDocumentSigning  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}       // RFC 9336
	oidEKUAdobeAuthentic   = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 5}       // Adobe Authentic Documents Trust
	oidEKUMicrosoftDocSign = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 12} // Microsoft document signing
)

// DemoCertificate makes a self-signed RSA-2048 certificate for org, valid for ten years from
// now, and returns it with its key as a PKCS#12 file and the random password that opens it.
//
// RSA-2048 because every verifier reads it: poppler (NSS), Acrobat, and older readers that
// still stumble on ECDSA in CMS. The key usages are the ones NSS wants for a document signer
// (digital signature, non-repudiation; e-mail protection as extended usage), plus RFC 9336
// document signing for the verifiers that look for it.
func DemoCertificate(org string, now time.Time) (p12 []byte, password string, err error) {
	org = strings.TrimSpace(org)
	if org == "" {
		return nil, "", errors.New("signing: a demo certificate needs an organization name")
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, "", fmt.Errorf("signing: generating the demo key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, "", fmt.Errorf("signing: generating a serial number: %w", err)
	}
	policy, err := x509.ParseOID(demoPolicy)
	if err != nil {
		return nil, "", fmt.Errorf("signing: demo policy: %w", err)
	}
	template := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:         org + " (DEMO certificate — not for production)",
			Organization:       []string{org},
			OrganizationalUnit: []string{"Quotewright demo — no assurance"},
		},
		// An hour back, so that a clock a little behind the one that made the certificate
		// does not find it "not yet valid".
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidEKUDocumentSigning},
		BasicConstraintsValid: true,
		Policies:              []x509.OID{policy},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return nil, "", fmt.Errorf("signing: creating the demo certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, "", fmt.Errorf("signing: reading back the demo certificate: %w", err)
	}
	// 128 random bits as hex: go-pkcs12's Modern encoder expects a high-entropy password,
	// its KDF iterations alone do not protect a guessable one.
	secret := make([]byte, 16)
	if _, err := rand.Read(secret); err != nil {
		return nil, "", fmt.Errorf("signing: generating the password: %w", err)
	}
	password = hex.EncodeToString(secret)
	p12, err = pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		return nil, "", fmt.Errorf("signing: encoding the PKCS#12 file: %w", err)
	}
	return p12, password, nil
}

// Signer signs PDFs with one certificate and its private key. It holds no mutable state, so
// one Signer may sign from several goroutines at once.
type Signer struct {
	cert  *x509.Certificate
	chain []*x509.Certificate // issuers above cert, nearest first; empty when self-signed
	key   crypto.Signer
}

// Load opens a PKCS#12 file and checks that what it holds can sign a document today: a
// private key that belongs to the certificate, RSA (2048 bits or more) or ECDSA, key usages
// that allow signing, and a validity period that includes now. Issuer certificates in the
// file are kept in the order of the chain and embedded in each signature; certificates that
// are not in the signer's chain are left out.
func Load(p12 []byte, password string) (*Signer, error) {
	anyKey, leaf, others, err := pkcs12.DecodeChain(p12, password)
	if err != nil {
		switch {
		case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
			return nil, ErrWrongPassword
		// go-pkcs12 has no sentinel for this one; its message is the only way to tell.
		case strings.Contains(err.Error(), "private key missing"):
			return nil, ErrNoPrivateKey
		case strings.Contains(err.Error(), "error reading P12 data"):
			return nil, ErrNotPKCS12
		}
		return nil, fmt.Errorf("signing: reading the PKCS#12 file: %w", err)
	}
	key, ok := anyKey.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%w: %T is not a signing key", ErrKeyNotForSigning, anyKey)
	}
	// The first certificate in the file is not necessarily the key's: take the one whose
	// public key is the key's.
	certs := append([]*x509.Certificate{leaf}, others...)
	var cert *x509.Certificate
	for _, c := range certs {
		if samePublicKey(c.PublicKey, key.Public()) {
			cert = c
			break
		}
	}
	if cert == nil {
		return nil, fmt.Errorf("%w: no certificate in the file belongs to the private key", ErrKeyNotForSigning)
	}
	s := &Signer{cert: cert, key: key, chain: chainOf(cert, certs)}
	if err := s.usable(time.Now()); err != nil {
		return nil, err
	}
	return s, nil
}

// Certificate is the signer's certificate, as embedded in each signature.
func (s *Signer) Certificate() *x509.Certificate { return s.cert }

// Demo reports whether the certificate is one made by DemoCertificate.
func (s *Signer) Demo() bool { return IsDemo(s.cert) }

// Fingerprint is the SHA-256 of the certificate's DER encoding, in lower-case hex.
func (s *Signer) Fingerprint() string { return Fingerprint(s.cert) }

// IsDemo reports whether cert carries the demo certificate policy of DemoCertificate. The
// subject says so too, but in words for people; the policy is the part meant for programs.
// Anyone could copy it into a certificate of theirs, which would only make it look less
// trustworthy.
func IsDemo(cert *x509.Certificate) bool {
	if cert == nil {
		return false
	}
	for _, p := range cert.Policies {
		if p.String() == demoPolicy {
			return true
		}
	}
	return false
}

// Fingerprint is the SHA-256 of cert's DER encoding in lower-case hex, "" for nil. It is what
// the app compares to tell its own certificate from another one.
func Fingerprint(cert *x509.Certificate) string {
	if cert == nil {
		return ""
	}
	sum := sha256.Sum256(cert.Raw)
	return hex.EncodeToString(sum[:])
}

// usable checks the certificate and key at time t. Sign checks again at each signature,
// since an app may keep a Signer open across a certificate's expiry.
func (s *Signer) usable(t time.Time) error {
	c := s.cert
	if t.After(c.NotAfter) {
		return fmt.Errorf("%w (valid until %s)", ErrExpired, c.NotAfter.UTC().Format(time.RFC3339))
	}
	if t.Before(c.NotBefore) {
		return fmt.Errorf("%w (valid from %s)", ErrNotYetValid, c.NotBefore.UTC().Format(time.RFC3339))
	}
	switch pub := s.key.Public().(type) {
	case *rsa.PublicKey:
		if pub.N.BitLen() < 2048 {
			return fmt.Errorf("%w: an RSA key of %d bits is too weak", ErrKeyNotForSigning, pub.N.BitLen())
		}
	case *ecdsa.PublicKey:
		switch pub.Curve {
		case elliptic.P256(), elliptic.P384(), elliptic.P521():
		default:
			return fmt.Errorf("%w: ECDSA curve %s is not supported by PDF readers", ErrKeyNotForSigning, pub.Curve.Params().Name)
		}
	default:
		// pkcs7 could sign with Ed25519 or DSA, but PDF readers do not verify them.
		return fmt.Errorf("%w: %T keys are not supported by PDF readers", ErrKeyNotForSigning, pub)
	}
	// No KeyUsage extension means no restriction (RFC 5280 4.2.1.3).
	if c.KeyUsage != 0 && c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return fmt.Errorf("%w: key usage allows neither digital signature nor non-repudiation", ErrKeyNotForSigning)
	}
	if (len(c.ExtKeyUsage) > 0 || len(c.UnknownExtKeyUsage) > 0) && !documentSigningEKU(c) {
		return fmt.Errorf("%w: its extended key usage does not include document signing or e-mail protection", ErrKeyNotForSigning)
	}
	return nil
}

// documentSigningEKU reports whether the extended key usages allow signing documents. A TLS
// server certificate, say, must not sign contracts, and verifiers would reject it.
func documentSigningEKU(c *x509.Certificate) bool {
	for _, u := range c.ExtKeyUsage {
		if u == x509.ExtKeyUsageAny || u == x509.ExtKeyUsageEmailProtection {
			return true
		}
	}
	for _, u := range c.UnknownExtKeyUsage {
		if u.Equal(oidEKUDocumentSigning) || u.Equal(oidEKUAdobeAuthentic) || u.Equal(oidEKUMicrosoftDocSign) {
			return true
		}
	}
	return false
}

// chainOf orders the issuers of cert found in certs, nearest first, up to a root (a
// self-issued certificate) or the last issuer found. pkcs7 refuses a chain whose links do
// not verify, so certificates that are not links are left out.
func chainOf(cert *x509.Certificate, certs []*x509.Certificate) []*x509.Certificate {
	var chain []*x509.Certificate
	for cur := cert; len(chain) < len(certs); {
		if bytes.Equal(cur.RawIssuer, cur.RawSubject) {
			break // self-issued: the top
		}
		var next *x509.Certificate
		for _, c := range certs {
			if c != cur && cur.CheckSignatureFrom(c) == nil {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	return chain
}

func samePublicKey(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}
