package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mattn/go-sqlite3"

	"quotewright/backend/cpq"
	"quotewright/backend/sqlite"
)

func openTemp(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotewright.db")
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// raw opens the file with plain SQLite, bypassing Quotewright, as an outside program (or an attacker) would.
func raw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// wantRefused checks that err is the application error key and that it names the file.
func wantRefused(t *testing.T, err error, key, path string) {
	t.Helper()
	var e *cpq.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a %s error", err, key)
	}
	if e.Key != key {
		t.Fatalf("key = %s (%v), want %s", e.Key, err, key)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message %q does not name the file %s", err.Error(), path)
	}
}

// Deleting a row makes SQLite find the rows that refer to it; without an index on the referring column each
// delete scans the whole table, and replacing a large quote's lines takes seconds. Every key that deletes
// cascade through, or that refers to its own table, needs one.
func TestChildKeysAreIndexed(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	r := raw(t, path)
	texts := func(query string, args ...any) []string {
		rows, err := r.Query(query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	type key struct{ table, column string }
	var keys []key
	for _, table := range texts(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`) {
		for _, column := range texts(`SELECT "from" FROM pragma_foreign_key_list(?)
			WHERE seq = 0 AND (on_delete = 'CASCADE' OR "table" = ?)`, table, table) {
			keys = append(keys, key{table, column})
		}
	}
	if len(keys) < 10 {
		t.Fatalf("found only %d foreign keys: %v", len(keys), keys)
	}
	for _, k := range keys {
		if k.column == "manager_id" || k.column == "previous_id" {
			continue // users and quote versions are never deleted
		}
		leading := texts(`SELECT c.name FROM pragma_index_list(?) i, pragma_index_info(i.name) c WHERE c.seqno = 0`, k.table)
		leading = append(leading, texts(`SELECT name FROM pragma_table_info(?) WHERE pk = 1`, k.table)...)
		if !slices.Contains(leading, k.column) {
			t.Errorf("%s.%s refers to rows that get deleted but has no index", k.table, k.column)
		}
	}
}

func TestOpenCreatesSchema(t *testing.T) {
	db, path := openTemp(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	r := raw(t, path)
	var appID, version int
	var mode string
	r.QueryRow("PRAGMA application_id").Scan(&appID)
	r.QueryRow("PRAGMA user_version").Scan(&version)
	r.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if got, want := appID, 0x51574954; got != want {
		t.Errorf("application_id = %#x, want %#x", got, want)
	}
	if got, want := version, sqlite.SchemaVersion(); got != want {
		t.Errorf("user_version = %d, want %d", got, want)
	}
	if got, want := mode, "wal"; got != want {
		t.Errorf("journal_mode = %s, want %s", got, want)
	}
	info, _ := os.Stat(path)
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %v, want 0600: the file holds customer data", got)
	}
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after close: %v", err)
	}
	r.Close()

	// Opening again checks the recorded migrations and changes nothing.
	before := fileHash(t, path)
	db2, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db2.Close()
	if fileHash(t, path) != before {
		t.Error("reopening an up-to-date database changed the file")
	}
}

func TestOpenEnforcesForeignKeys(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx cpq.Tx) error {
		return tx.Contacts().Create(ctx, &cpq.Contact{AccountID: "acc_missing", LastName: "Nobody"})
	})
	if got, want := cpq.ErrorCode(err), cpq.EConflict; got != want {
		t.Fatalf("contact on a missing account: code = %q (%v), want %q", got, err, want)
	}
	if got, want := err.Error(), "This contact refers to something that does not exist, or is still used elsewhere."; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if got, want := err.(*cpq.Error).Message(cpq.LangJA), "この取引先責任者は存在しないデータを参照しているか、他で使われています。"; got != want {
		t.Errorf("Japanese message = %q, want %q", got, want)
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("these are my notes, not a database\n"), 0o644)

	other := filepath.Join(dir, "other.sqlite")
	o := raw(t, other)
	if _, err := o.Exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	o.Close()

	for _, path := range []string{text, other} {
		before := fileHash(t, path)
		_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		wantRefused(t, err, "store.notQuotewright", path)
		if fileHash(t, path) != before {
			t.Errorf("%s was changed by a refused open", path)
		}
		for _, suffix := range []string{"-wal", "-shm", ".lock"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("a refused open left %s%s behind", path, suffix)
			}
		}
	}
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o600)
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("open empty file: %v", err)
	}
	db.Close()
}

func TestOpenRefusesCorruptFile(t *testing.T) {
	db, path := openTemp(t)
	seedAccounts(t, db, 200)
	db.Close()

	b, _ := os.ReadFile(path)
	if len(b) < 8192 {
		t.Fatalf("database too small to damage: %d bytes", len(b))
	}
	// Overwrite the middle of the file, leaving the header intact.
	for i := 4096; i < len(b)-1024; i += 997 {
		b[i] ^= 0xA5
	}
	os.WriteFile(path, b, 0o600)
	before := fileHash(t, path)

	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	wantRefused(t, err, "store.corrupt", path)
	if fileHash(t, path) != before {
		t.Error("a refused corrupt file was changed")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	r := raw(t, path)
	if _, err := r.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	r.Close()
	before := fileHash(t, path)

	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	wantRefused(t, err, "store.newer", path)
	if !strings.Contains(err.Error(), "schema 99") {
		t.Errorf("message %q does not say which schema it found", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("a refused open left %s%s behind", path, suffix)
		}
	}
	if fileHash(t, path) != before {
		t.Error("a refused newer database was changed")
	}
}

// withMigrations returns the embedded migrations plus extra files, as a later build would have them.
func withMigrations(t *testing.T, extra map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join("migrations", e.Name()))
		m["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, body := range extra {
		m["migrations/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func TestFailedMigrationLeavesFileAsItWas(t *testing.T) {
	db, path := openTemp(t)
	seedAccounts(t, db, 3)
	db.Close()
	before := fileHash(t, path)

	next := fmt.Sprintf("%04d_bad.sql", sqlite.SchemaVersion()+1)
	bad := withMigrations(t, map[string]string{next: `
		CREATE TABLE half_done (x TEXT);
		ALTER TABLE accounts ADD COLUMN loyalty TEXT;
		INSERT INTO table_that_does_not_exist VALUES (1);`})
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{Migrations: bad})
	wantRefused(t, err, "store.migrationFailed", path)
	if got := fileHash(t, path); got != before {
		t.Fatal("a failed migration changed the file")
	}

	// The file still opens with this build, with its data and without the half-applied change.
	db, err = sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("reopen after failed migration: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	db.View(ctx, func(tx cpq.Tx) error {
		_, n, err := tx.Accounts().List(ctx, cpq.AccountFilter{})
		if err != nil || n != 3 {
			t.Errorf("accounts after failed migration = %d, %v; want 3", n, err)
		}
		return nil
	})
	r := raw(t, path)
	var tables int
	r.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").Scan(&tables)
	if tables != 0 {
		t.Error("the failed migration's table exists")
	}
}

func TestMigrationAppliesNewVersion(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	next := sqlite.SchemaVersion() + 1
	good := withMigrations(t, map[string]string{fmt.Sprintf("%04d_loyalty.sql", next): `ALTER TABLE accounts ADD COLUMN loyalty TEXT NOT NULL DEFAULT '';`})
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{Migrations: good})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	db.Close()
	r := raw(t, path)
	var version int
	r.QueryRow("PRAGMA user_version").Scan(&version)
	if version != next {
		t.Errorf("user_version = %d, want %d", version, next)
	}
	r.Close()
	// This build no longer knows the newer schema: it refuses rather than guess.
	_, err = sqlite.Open(context.Background(), path, sqlite.Options{})
	wantRefused(t, err, "store.newer", path)
}

func TestOpenRefusesEditedMigration(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	edited := withMigrations(t, nil).(fstest.MapFS)
	first := edited["migrations/0001_init.sql"]
	first.Data = append(append([]byte{}, first.Data...), []byte("\n-- edited after release\n")...)
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{Migrations: edited})
	wantRefused(t, err, "store.migrationEdited", path)
}

func TestOpenRefusesSecondInstance(t *testing.T) {
	db, path := openTemp(t)
	_ = db
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	wantRefused(t, err, "store.locked", path)
	if got, want := cpq.ErrorCode(err), cpq.EConflict; got != want {
		t.Errorf("code = %s, want %s", got, want)
	}
}

// TestOpenRefusesFileOpenInAnotherProcess runs this test binary again as a second Quotewright that holds the
// database open, and checks that this process is refused with the holder's process id.
func TestOpenRefusesFileOpenInAnotherProcess(t *testing.T) {
	if path := os.Getenv("QW_HOLD_DB"); path != "" {
		db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		fmt.Println("READY")
		os.Stdout.Sync()
		time.Sleep(30 * time.Second)
		db.Close()
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenRefusesFileOpenInAnotherProcess$")
	cmd.Env = append(os.Environ(), "QW_HOLD_DB="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "READY") {
		t.Fatalf("holder did not start: %q", buf[:n])
	}
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	wantRefused(t, err, "store.locked", path)
	if want := fmt.Sprintf("process %d", cmd.Process.Pid); !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not name the holder (%s)", err, want)
	}
	cmd.Process.Kill()
	cmd.Wait()
	// Once the holder is gone, even killed without closing, the file opens.
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("open after the holder died: %v", err)
	}
	db.Close()
}

func TestUpdateRollsBackOnError(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Accounts().Create(ctx, &cpq.Account{Segment: cpq.SegmentBusiness, Name: "Half-written KK"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	db.View(ctx, func(tx cpq.Tx) error {
		_, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{})
		if n != 0 {
			t.Errorf("accounts after rollback = %d, want 0", n)
		}
		return nil
	})
}

func TestViewCannotWrite(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	err := db.View(ctx, func(tx cpq.Tx) error {
		return tx.Settings().Set(ctx, "x", "y")
	})
	var e *cpq.Error
	if !errors.As(err, &e) || !errors.Is(e.Err, sqlite3.ErrReadonly) && !strings.Contains(e.Err.Error(), "readonly") {
		t.Fatalf("a write inside View: %v, want SQLite's read-only refusal", err)
	}
}

func seedAccounts(t *testing.T, db *sqlite.DB, n int) {
	t.Helper()
	ctx := context.Background()
	err := db.Update(ctx, func(tx cpq.Tx) error {
		for i := 0; i < n; i++ {
			a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: fmt.Sprintf("Company %03d with a reasonably long name to fill pages", i)}
			if err := tx.Accounts().Create(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A value changed by hand outside Quotewright is an error that names it, not a crash.
func TestUnreadableValueIsAnError(t *testing.T) {
	db, path := openTemp(t)
	seedAccounts(t, db, 1)
	r := raw(t, path)
	if _, err := r.Exec(`UPDATE accounts SET created_at = 'yesterday'`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err := db.View(ctx, func(tx cpq.Tx) error {
		_, _, err := tx.Accounts().List(ctx, cpq.AccountFilter{})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "“yesterday”") || !strings.Contains(err.Error(), "Restore it from a backup") {
		t.Fatalf("err = %v, want the unreadable value named", err)
	}
}

// A bug that panics inside a transaction rolls it back and becomes an internal error.
func TestPanicInTransactionRollsBack(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx cpq.Tx) error {
		tx.Accounts().Create(ctx, &cpq.Account{Segment: cpq.SegmentBusiness, Name: "Half"})
		var m map[string]int
		m["boom"] = 1
		return nil
	})
	if cpq.ErrorCode(err) != cpq.EInternal {
		t.Fatalf("err = %v, want internal", err)
	}
	db.View(ctx, func(tx cpq.Tx) error {
		if _, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{}); n != 0 {
			t.Errorf("%d accounts after a panic, want 0", n)
		}
		return nil
	})
}

// A read-only open works beside the app that holds the database, and cannot write.
func TestOpenReadOnlyBesideTheApp(t *testing.T) {
	db, path := openTemp(t)
	seedAccounts(t, db, 2)
	ro, err := sqlite.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatalf("read-only open while the app has the file: %v", err)
	}
	defer ro.Close()
	ctx := context.Background()
	ro.View(ctx, func(tx cpq.Tx) error {
		if _, n, _ := tx.Accounts().List(ctx, cpq.AccountFilter{}); n != 2 {
			t.Errorf("read-only sees %d accounts, want 2", n)
		}
		return nil
	})
	if err := ro.Update(ctx, func(cpq.Tx) error { return nil }); cpq.ErrorCode(err) != cpq.EConflict {
		t.Errorf("Update on a read-only open: %v", err)
	}
	if _, err := sqlite.OpenReadOnly(ctx, filepath.Join(t.TempDir(), "none.db")); cpq.ErrorCode(err) != cpq.ENotFound {
		t.Errorf("missing file: %v", err)
	}
}
