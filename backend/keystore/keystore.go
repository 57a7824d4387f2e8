// Package keystore keeps the company's signing certificate on this computer: the PKCS#12 file chosen in
// Settings, or a self-signed demo certificate made on first run. It is a file readable only by the user,
// never a row of the database: the database travels (backups, copies to a colleague) and the key must not.
package keystore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"quotewright/backend/signing"
)

// FileName is the key file in the store's directory.
const FileName = "signing-certificate.json"

// keyFile is the file's content: the PKCS#12 bytes (base64 in JSON) and the password that opens them.
type keyFile struct {
	P12      []byte    `json:"p12"`
	Password string    `json:"password"`
	Demo     bool      `json:"demo"`
	Saved    time.Time `json:"saved"`
}

// Store is the signing certificate of one installation.
type Store struct {
	dir string
	mu  sync.Mutex
	sig *signing.Signer
}

// New returns the store kept in dir (created when first written).
func New(dir string) *Store { return &Store{dir: dir} }

// Path is the key file's path.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// Signer returns the certificate to sign with. On first use, without a certificate, it makes a demo
// certificate for org and keeps it.
func (s *Store) Signer(org string) (*signing.Signer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sig != nil {
		return s.sig, nil
	}
	raw, err := os.ReadFile(s.Path())
	if errors.Is(err, os.ErrNotExist) {
		p12, pw, err := signing.DemoCertificate(org, time.Now())
		if err != nil {
			return nil, err
		}
		sig, err := signing.Load(p12, pw)
		if err != nil {
			return nil, err
		}
		if err := s.write(keyFile{P12: p12, Password: pw, Demo: true, Saved: time.Now().UTC()}); err != nil {
			return nil, err
		}
		s.sig = sig
		return sig, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the signing certificate %s: %w", s.Path(), err)
	}
	var kf keyFile
	if err := json.Unmarshal(raw, &kf); err != nil {
		return nil, fmt.Errorf("the signing certificate file %s is damaged (%v): choose the certificate again in Settings", s.Path(), err)
	}
	if s.sig, err = signing.Load(kf.P12, kf.Password); err != nil {
		return nil, fmt.Errorf("the signing certificate in %s cannot be used: %w", s.Path(), err)
	}
	return s.sig, nil
}

// Import replaces the certificate with a PKCS#12 file, once it opens with password and can sign. The old
// certificate stays in use if the new one is refused.
func (s *Store) Import(p12 []byte, password string) (*signing.Signer, error) {
	sig, err := signing.Load(p12, password)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.write(keyFile{P12: p12, Password: password, Demo: sig.Demo(), Saved: time.Now().UTC()}); err != nil {
		return nil, err
	}
	s.sig = sig
	return sig, nil
}

// write replaces the key file atomically: a new file beside it, readable only by the user, renamed over it.
func (s *Store) write(kf keyFile) error {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("creating %s for the signing certificate: %w", s.dir, err)
	}
	raw, err := json.Marshal(kf)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, ".signing-*")
	if err != nil {
		return fmt.Errorf("saving the signing certificate: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return fmt.Errorf("saving the signing certificate: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.Path())
}
