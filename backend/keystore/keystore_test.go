package keystore_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotewright/backend/keystore"
	"quotewright/backend/signing"
)

func TestFirstRunMakesADemoCertificateAndKeepsIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	s := keystore.New(dir)
	sig, err := s.Signer("さくらテレコム株式会社")
	if err != nil {
		t.Fatal(err)
	}
	if !sig.Demo() {
		t.Error("the first-run certificate is not marked as a demo")
	}
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
		t.Errorf("key file mode = %v, want %v", got, want)
	}
	again, err := keystore.New(dir).Signer("another name")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.Fingerprint(), sig.Fingerprint(); got != want {
		t.Errorf("a second start made a new certificate: %s, want %s", got, want)
	}
}

func TestImportRefusesAWrongPasswordAndKeepsTheOldCertificate(t *testing.T) {
	dir := t.TempDir()
	s := keystore.New(dir)
	old, err := s.Signer("Sakura Telecom")
	if err != nil {
		t.Fatal(err)
	}
	p12, pw, err := signing.DemoCertificate("Other Co", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(p12, pw+"x"); !errors.Is(err, signing.ErrWrongPassword) {
		t.Fatalf("import with a wrong password: %v, want ErrWrongPassword", err)
	}
	if sig, _ := keystore.New(dir).Signer(""); sig.Fingerprint() != old.Fingerprint() {
		t.Error("a refused import replaced the certificate")
	}
	got, err := s.Import(p12, pw)
	if err != nil {
		t.Fatal(err)
	}
	if sig, _ := keystore.New(dir).Signer(""); sig.Fingerprint() != got.Fingerprint() || sig.Fingerprint() == old.Fingerprint() {
		t.Error("the imported certificate is not the one kept")
	}
}

func TestADamagedFileSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, keystore.FileName), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := keystore.New(dir).Signer("x")
	if err == nil {
		t.Fatal("a damaged key file was accepted")
	}
	if want := "choose the certificate again in Settings"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}
