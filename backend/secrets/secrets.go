// Package secrets keeps the credentials the app signs in to other systems with (the order-management
// endpoint's token or client secret): in the operating system's keyring where there is one, else in a file
// readable only by the user beside the database. Never in the database: it travels (backups, copies to a
// colleague) and the credentials must not.
package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/zalando/go-keyring"
)

// Where says where a secret is kept.
type Where string

const (
	Keyring Where = "keyring" // the OS keyring (Secret Service, Keychain, Credential Manager)
	File    Where = "file"    // a file only the user can read
	Nowhere Where = ""
)

// FileName is the fallback file in the store's directory.
const FileName = "secrets.json"

// service names Quotewright's entries in the keyring.
const service = "Quotewright"

// Store keeps the secrets of one database.
type Store struct {
	dir string
	// scope makes keyring entries unique to the database, so two databases on one laptop keep their own.
	scope string
	// NoKeyring keeps secrets in the file only (tests; machines whose keyring prompts on every read).
	NoKeyring bool
	mu        sync.Mutex
}

// New returns the store for the database whose key folder is dir.
func New(dir string) *Store {
	sum := sha256.Sum256([]byte(dir))
	return &Store{dir: dir, scope: hex.EncodeToString(sum[:6])}
}

// Path is the fallback file's path.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

func (s *Store) user(name string) string { return name + "@" + s.scope }

// Set keeps a secret, in the keyring when one answers, and says where it went. An empty value deletes it.
func (s *Store) Set(name, value string) (Where, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if value == "" {
		return Nowhere, s.deleteLocked(name)
	}
	if !s.NoKeyring {
		if err := keyring.Set(service, s.user(name), value); err == nil {
			// Keep no second copy: remove any older one from the file.
			return Keyring, s.fileSet(name, "")
		}
	}
	return File, s.fileSet(name, value)
}

// Get returns a secret and where it was found; Nowhere when there is none.
func (s *Store) Get(name string) (string, Where, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.NoKeyring {
		if v, err := keyring.Get(service, s.user(name)); err == nil {
			return v, Keyring, nil
		}
	}
	m, err := s.read()
	if err != nil {
		return "", Nowhere, err
	}
	if v, ok := m[name]; ok {
		return v, File, nil
	}
	return "", Nowhere, nil
}

func (s *Store) deleteLocked(name string) error {
	if !s.NoKeyring {
		_ = keyring.Delete(service, s.user(name)) // fails when there is no keyring: then the file is the only copy
	}
	return s.fileSet(name, "")
}

func (s *Store) read() (map[string]string, error) {
	raw, err := os.ReadFile(s.Path())
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the saved credentials %s: %w", s.Path(), err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("the saved credentials file %s is damaged: enter the credentials again in Settings (%v)", s.Path(), err)
	}
	return m, nil
}

// fileSet changes one secret in the file, written whole to a new file readable only by the user and renamed
// over the old one, so a crash never leaves half a file.
func (s *Store) fileSet(name, value string) error {
	m, err := s.read()
	if err != nil {
		m = map[string]string{}
	}
	if _, had := m[name]; !had && value == "" && err == nil {
		return nil
	}
	if value == "" {
		delete(m, name)
	} else {
		m[name] = value
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("creating %s for the credentials: %w", s.dir, err)
	}
	raw, _ := json.Marshal(m)
	tmp, err := os.CreateTemp(s.dir, ".secrets-*")
	if err != nil {
		return fmt.Errorf("saving the credentials: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err == nil {
		if _, err = tmp.Write(raw); err == nil {
			err = tmp.Sync()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("saving the credentials: %w", err)
	}
	return os.Rename(tmp.Name(), s.Path())
}
