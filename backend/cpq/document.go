package cpq

import "time"

// DocumentKind is what an issued document is.
type DocumentKind string

const (
	DocQuote    DocumentKind = "quote"
	DocContract DocumentKind = "contract"
	DocRedline  DocumentKind = "redline"
)

// Document is a PDF the app issued, recorded by its SHA-256 so that a file brought back later can be
// recognised as ours and unchanged. A signed contract's bytes are kept, so that exporting it again gives the
// very file that was signed.
type Document struct {
	ID       string
	Kind     DocumentKind
	EntityID string // the quote or contract version it was made from
	Number   string
	Version  int
	Lang     Lang
	SHA256   string // hex
	Size     int
	// Signed documents carry the company's digital signature; CertFingerprint is the SHA-256 of the
	// signing certificate, hex.
	Signed          bool
	CertFingerprint string
	Content         []byte // kept for signed documents; nil otherwise
	CreatedBy       string
	CreatedAt       time.Time
}
