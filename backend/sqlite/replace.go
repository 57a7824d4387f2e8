package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"quotewright/backend/cpq"
)

// Replace swaps the database at path for a new one built by fill, keeping the old file beside it under a
// timestamped name, which it returns ("" when there was none). The old file must be a Quotewright database
// that no other Quotewright has open; the new one is built completely in a separate file first, so a failure
// leaves the old database in place and untouched.
func Replace(ctx context.Context, path string, fill func(cpq.Store) error) (kept string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", openErr(path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return "", openErr(abs, err)
	}
	lock, err := acquireLock(abs)
	if err != nil {
		return "", err
	}
	defer func() {
		os.Remove(lock.Name())
		lock.Close()
	}()
	migrations, err := loadMigrations(embedded)
	if err != nil {
		return "", cpq.Internal(err)
	}
	_, fresh, err := inspect(ctx, abs, migrations)
	if err != nil {
		return "", err
	}

	tmp := abs + ".new"
	removeDB(tmp)
	db, err := Open(ctx, tmp, Options{})
	if err != nil {
		return "", err
	}
	if err := fill(db); err != nil {
		db.Close()
		removeDB(tmp)
		return "", err
	}
	if err := db.Close(); err != nil {
		removeDB(tmp)
		return "", cpq.Internal(err)
	}

	if !fresh {
		// We hold the database's lock, so no other Quotewright can take the same backup name meanwhile.
		kept = abs + ".bak-" + cpq.UTCNow().Format("20060102T150405Z")
		for n := 2; exists(kept); n++ {
			kept = abs + ".bak-" + cpq.UTCNow().Format("20060102T150405Z") + "-" + strconv.Itoa(n)
		}
		if err := os.Rename(abs, kept); err != nil {
			removeDB(tmp)
			return "", openErr(abs, err)
		}
		// A write-ahead log left by a crash holds the old file's last changes: it goes with the old file,
		// and must not be applied to the new one.
		if err := os.Rename(abs+"-wal", kept+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, openErr(abs, err)
		}
	}
	if err := os.Remove(abs + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return kept, openErr(abs, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return kept, openErr(abs, err)
	}
	return kept, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// removeDB deletes a database file with its write-ahead log, shared memory and lock files.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		os.Remove(path + suffix)
	}
}
