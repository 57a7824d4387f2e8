package secrets_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"quotewright/backend/secrets"
)

func TestWithAKeyringTheSecretStaysOutOfTheFile(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	s := secrets.New(dir)
	where, err := s.Set("om.secret", "s3cret-token")
	if err != nil || where != secrets.Keyring {
		t.Fatalf("Set: %s, %v", where, err)
	}
	if got, where, _ := s.Get("om.secret"); got != "s3cret-token" || where != secrets.Keyring {
		t.Errorf("Get = %q from %s", got, where)
	}
	if raw, _ := os.ReadFile(s.Path()); strings.Contains(string(raw), "s3cret") {
		t.Errorf("the file holds a copy: %s", raw)
	}
	// Another database on the same laptop keeps its own.
	if got, _, _ := secrets.New(t.TempDir()).Get("om.secret"); got != "" {
		t.Errorf("another database sees %q", got)
	}
}

func TestWithoutAKeyringTheSecretIsInAFileOnlyTheUserReads(t *testing.T) {
	keyring.MockInitWithError(errors.New("no Secret Service on this machine"))
	dir := t.TempDir()
	s := secrets.New(dir)
	where, err := s.Set("om.secret", "client-secret-1")
	if err != nil || where != secrets.File {
		t.Fatalf("Set: %s, %v", where, err)
	}
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", st.Mode().Perm())
	}
	if got, where, _ := secrets.New(dir).Get("om.secret"); got != "client-secret-1" || where != secrets.File {
		t.Errorf("after a restart: %q from %s", got, where)
	}
	if _, err := s.Set("om.secret", ""); err != nil {
		t.Fatal(err)
	}
	if got, where, _ := s.Get("om.secret"); got != "" || where != secrets.Nowhere {
		t.Errorf("after deleting: %q from %s", got, where)
	}
	os.WriteFile(s.Path(), []byte("{not json"), 0o600)
	if _, _, err := s.Get("om.secret"); err == nil || !strings.Contains(err.Error(), "enter the credentials again") {
		t.Errorf("a damaged file: %v", err)
	}
}
