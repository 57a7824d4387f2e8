// Package sqlite keeps Quotewright's data in a local SQLite file: the rep's source of truth, offline or not.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"

	"quotewright/backend/cpq"
)

// applicationID marks a SQLite file as Quotewright's (PRAGMA application_id, set by the first migration).
const applicationID = 0x51574954

// DB is an open Quotewright database. It holds an exclusive lock on the file for as long as it is open.
type DB struct {
	path string
	w    *sql.DB // the one writer connection; transactions begin IMMEDIATE so they never fail on a lock upgrade
	r    *sql.DB // read-only connections for views
	lock *os.File
	now  cpq.Clock
}

// Options adjusts Open; the zero value is right for the app.
type Options struct {
	// Migrations replaces the embedded migrations (tests use it to simulate other builds).
	Migrations fs.FS
	// Clock stamps audit entries and records; cpq.UTCNow by default.
	Clock cpq.Clock
}

// Open opens the Quotewright database at path, creating it when the file does not exist, and brings its schema
// up to date. It refuses, leaving the file untouched, a file that is not a Quotewright database, is damaged, is
// open in another Quotewright, or was written by a newer schema; a migration that fails is rolled back whole.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	if opt.Migrations == nil {
		opt.Migrations = embedded
	}
	if opt.Clock == nil {
		opt.Clock = cpq.UTCNow
	}
	migrations, err := loadMigrations(opt.Migrations)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, openErr(abs, err)
	}
	lock, err := acquireLock(abs)
	if err != nil {
		return nil, err
	}
	db := &DB{path: abs, lock: lock, now: opt.Clock}
	if err := db.open(ctx, migrations); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) open(ctx context.Context, migrations []migration) error {
	version, fresh, err := inspect(ctx, db.path, migrations)
	if err != nil {
		return err
	}
	if fresh {
		// Customer data: readable by the user only.
		f, err := os.OpenFile(db.path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return openErr(db.path, err)
		}
		f.Close()
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	if db.w, err = sql.Open("sqlite3", dsn(db.path, q)); err != nil {
		return openErr(db.path, err)
	}
	db.w.SetMaxOpenConns(1)
	if err := db.w.PingContext(ctx); err != nil {
		return classify(db.path, err)
	}
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return classify(db.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return cpq.Errorf(cpq.EInvalid, "store.readonly", "path", db.path, "detail", "journal mode "+mode)
	}
	if err := db.migrate(ctx, version, migrations); err != nil {
		return err
	}
	q.Del("_journal_mode")
	q.Del("_txlock")
	q.Set("_query_only", "true")
	if db.r, err = sql.Open("sqlite3", dsn(db.path, q)); err != nil {
		return openErr(db.path, err)
	}
	db.r.SetMaxOpenConns(4)
	return nil
}

// OpenReadOnly opens the database for reading only, beside a Quotewright that may have it open (SQLite's WAL
// lets readers work while one writer does): for command-line tools that only look. It takes no lock and
// migrates nothing; a database whose schema is not this build's is refused with a message saying why.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	migrations, err := loadMigrations(embedded)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	if !exists(abs) {
		return nil, cpq.Errorf(cpq.ENotFound, "store.missing", "path", abs)
	}
	version, fresh, err := inspect(ctx, abs, migrations)
	if err != nil {
		return nil, err
	}
	if fresh || version != len(migrations) {
		return nil, cpq.Errorf(cpq.EConflict, "store.needsUpgrade", "path", abs)
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_query_only", "true")
	db := &DB{path: abs, now: cpq.UTCNow}
	if db.r, err = sql.Open("sqlite3", dsn(abs, q)); err != nil {
		return nil, openErr(abs, err)
	}
	db.r.SetMaxOpenConns(4)
	if err := db.r.PingContext(ctx); err != nil {
		db.r.Close()
		return nil, classify(abs, err)
	}
	return db, nil
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database (SQLite checkpoints the write-ahead log) and releases the lock.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	if db.lock != nil {
		os.Remove(db.lock.Name())
		errs = append(errs, db.lock.Close())
		db.lock = nil
	}
	return errors.Join(errs...)
}

// dsn builds a go-sqlite3 URI for path; the path is escaped so that '?', '#' and '%' in it are not read as
// URI syntax.
func dsn(path string, q url.Values) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// acquireLock takes the per-database lock file, refusing when another Quotewright holds it.
func acquireLock(path string) (*os.File, error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, openErr(path, err)
	}
	ok, err := lockFile(f)
	if err != nil {
		f.Close()
		return nil, openErr(path, err)
	}
	if !ok {
		holder := ""
		if b, err := io.ReadAll(io.LimitReader(f, 32)); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		f.Close()
		return nil, cpq.Errorf(cpq.EConflict, "store.locked", "path", path, "holder", holder)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect decides, reading only, whether path may be opened: it returns the schema version found and whether
// the file is new (absent, empty, or an empty SQLite database nobody has claimed).
func inspect(ctx context.Context, path string, migrations []migration) (version int, fresh bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, true, nil
	}
	if err != nil {
		return 0, false, openErr(path, err)
	}
	header := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, header)
	f.Close()
	if n == 0 {
		return 0, true, nil
	}
	if !bytes.Equal(header[:n], sqliteMagic) {
		return 0, false, cpq.Errorf(cpq.EInvalid, "store.notQuotewright", "path", path)
	}

	// Reading a WAL database read-only makes SQLite create its -wal and -shm files. When they were not there
	// before, nobody else had the file open; remove them afterwards (the -wal only if nothing was written to
	// it), so that looking at a file leaves nothing beside it.
	if !exists(path + "-wal") {
		defer removeIfEmpty(path + "-wal")
		if !exists(path + "-shm") {
			defer os.Remove(path + "-shm")
		}
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", "5000")
	ro, err := sql.Open("sqlite3", dsn(path, q))
	if err != nil {
		return 0, false, openErr(path, err)
	}
	defer ro.Close()
	var appID, tables int
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, false, classify(path, err)
	}
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, false, classify(path, err)
	}
	if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return 0, false, classify(path, err)
	}
	if appID != applicationID {
		if appID == 0 && tables == 0 && version == 0 {
			return 0, true, nil
		}
		return 0, false, cpq.Errorf(cpq.EInvalid, "store.notQuotewright", "path", path)
	}
	if version > len(migrations) {
		return 0, false, cpq.Errorf(cpq.EConflict, "store.newer", "path", path,
			"found", strconv.Itoa(version), "known", strconv.Itoa(len(migrations)))
	}
	var check string
	if err := ro.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return 0, false, classify(path, err)
	}
	if check != "ok" {
		return 0, false, &cpq.Error{Code: cpq.EInvalid, Key: "store.corrupt", Args: map[string]string{"path": path},
			Err: fmt.Errorf("quick_check: %s", check)}
	}
	rows, err := ro.QueryContext(ctx, "SELECT version, checksum FROM schema_migrations ORDER BY version")
	if err != nil {
		return 0, false, classify(path, err)
	}
	defer rows.Close()
	applied := 0
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return 0, false, classify(path, err)
		}
		if v < 1 || v > len(migrations) || migrations[v-1].Checksum != sum {
			return 0, false, cpq.Errorf(cpq.EConflict, "store.migrationEdited", "path", path, "version", strconv.Itoa(v))
		}
		applied++
	}
	if err := rows.Err(); err != nil {
		return 0, false, classify(path, err)
	}
	if applied != version {
		return 0, false, &cpq.Error{Code: cpq.EInvalid, Key: "store.corrupt", Args: map[string]string{"path": path},
			Err: fmt.Errorf("schema %d with %d recorded migrations", version, applied)}
	}
	return version, false, nil
}

// migrate applies the migrations after version in one transaction: all of them, or none.
func (db *DB) migrate(ctx context.Context, version int, migrations []migration) error {
	if version == len(migrations) {
		return nil
	}
	target := strconv.Itoa(len(migrations))
	fail := func(err error) error {
		return cpq.Errorf(cpq.EInternal, "store.migrationFailed", "path", db.path, "version", target, "detail", err.Error())
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(db.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fail(err)
	}
	now := db.now().Format(timeLayout)
	for _, m := range migrations[version:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fail(fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err))
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
			m.Version, m.Name, m.Checksum, now); err != nil {
			return fail(err)
		}
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+target); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// removeIfEmpty deletes a file that exists and is empty.
func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Size() == 0 {
		os.Remove(path)
	}
}

// classify turns a SQLite failure while opening into a message the user can act on.
func classify(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return cpq.Errorf(cpq.EInvalid, "store.notQuotewright", "path", path)
		case sqlite3.ErrCorrupt:
			return &cpq.Error{Code: cpq.EInvalid, Key: "store.corrupt", Args: map[string]string{"path": path}, Err: err}
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return &cpq.Error{Code: cpq.EInvalid, Key: "store.readonly", Args: map[string]string{"path": path, "detail": se.Error()}, Err: err}
		}
	}
	return openErr(path, err)
}

func openErr(path string, err error) error {
	return &cpq.Error{Code: cpq.EInternal, Key: "store.open", Args: map[string]string{"path": path, "detail": err.Error()}, Err: err}
}
