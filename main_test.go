package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndUsage(t *testing.T) {
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "quotewright ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "demo"); code != 2 || !strings.Contains(errs, "demo needs --reset") {
		t.Errorf("demo without --reset: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "serve", "--addr", "0.0.0.0:8080"); code != 2 || !strings.Contains(errs, "this computer only") {
		t.Errorf("serve on all interfaces: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "serve", "--bogus"); code != 2 {
		t.Errorf("unknown flag: %d, want 2", code)
	}
}

func TestDemoResetKeepsThePreviousDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sub", "qw.db")
	code, out, errs := runCLI(t, "demo", "--reset", "--db", db)
	if code != 0 || !strings.Contains(out, "Fresh demo data is in") || strings.Contains(out, "kept") {
		t.Fatalf("first reset: %d %q %q", code, out, errs)
	}
	// Three resets within the same second keep three different backups: none overwrites another.
	for i := 0; i < 3; i++ {
		code, out, errs = runCLI(t, "demo", "--reset", "--db", db)
		if code != 0 || !strings.Contains(out, "The previous database was kept as") {
			t.Fatalf("reset %d: %d %q %q", i+2, code, out, errs)
		}
	}
	var kept []string
	all, _ := filepath.Glob(db + ".bak-*")
	for _, f := range all {
		if !strings.HasSuffix(f, "-wal") && !strings.HasSuffix(f, "-shm") {
			kept = append(kept, f)
		}
	}
	if len(kept) != 3 {
		t.Errorf("backups = %v, want three", kept)
	}
	for _, leftover := range []string{db + ".new", db + ".lock", db + ".new.lock"} {
		if _, err := os.Stat(leftover); err == nil {
			t.Errorf("%s left behind", leftover)
		}
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("QUOTEWRIGHT_DB", db)
	if code, out, errs := runCLI(t, "demo", "--reset"); code != 0 || !strings.Contains(out, db) {
		t.Fatalf("reset via QUOTEWRIGHT_DB: %d %q %q", code, out, errs)
	}
	other := filepath.Join(t.TempDir(), "flag.db")
	if code, out, _ := runCLI(t, "demo", "--reset", "--db", other); code != 0 || !strings.Contains(out, other) {
		t.Errorf("--db does not win over QUOTEWRIGHT_DB: %q", out)
	}
}

func TestRefusesAFileThatIsNotOurs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("my notes"), 0o644)
	for _, args := range [][]string{{"demo", "--reset", "--db", path}, {"serve", "--db", path}} {
		code, _, errs := runCLI(t, args...)
		if code != 1 || !strings.Contains(errs, "is not a Quotewright database") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
		if b, _ := os.ReadFile(path); string(b) != "my notes" {
			t.Fatalf("%v changed the file", args)
		}
	}
}

func TestHelpAndBusyPort(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"serve", "-h"}, {"demo", "--help"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, errs := runCLI(t, "serve", "--db", filepath.Join(t.TempDir(), "x.db"), "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errs, "is already in use by another program") {
		t.Errorf("busy port: %d %q", code, errs)
	}
}
