package keystore_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"quotewright/backend/keystore"
	"quotewright/backend/signing"
)

// Under -race: the first signings of a new installation, all at once (the background start and a
// contract signed at once), make one demo certificate, and an import running beside them leaves the file and
// the signer in agreement.
func TestConcurrentFirstUseMakesOneCertificate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	s := keystore.New(dir)
	var wg sync.WaitGroup
	fps := make([]string, 6)
	for i := range fps {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sig, err := s.Signer("Sakura Telecom")
			if err != nil {
				t.Error(err)
				return
			}
			fps[i] = sig.Fingerprint()
		}(i)
	}
	wg.Wait()
	for _, fp := range fps[1:] {
		if fp != fps[0] {
			t.Fatalf("first use made several certificates: %v", fps)
		}
	}
	p12, pw, err := signing.DemoCertificate("Other Co", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var imported *signing.Signer
	wg.Add(2)
	go func() {
		defer wg.Done()
		imported, err = s.Import(p12, pw)
	}()
	go func() {
		defer wg.Done()
		s.Signer("Sakura Telecom")
	}()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	now, _ := s.Signer("")
	fromFile, _ := keystore.New(dir).Signer("")
	if now.Fingerprint() != imported.Fingerprint() || fromFile.Fingerprint() != imported.Fingerprint() {
		t.Error("the store and its file disagree after an import")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the keys folder holds %d files (temporary files left?)", len(entries))
	}
}
