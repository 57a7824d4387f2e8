package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"quotewright/backend/demo"
	"quotewright/backend/sqlite"
)

// demoFile makes a closed demo database to open in the benchmarks.
func demoFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "demo.db")
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Seed(context.Background(), db, time.Now()); err != nil {
		b.Fatal(err)
	}
	db.Close()
	return path
}

// BenchmarkOpenDemo opens the demo database as the app does: lock, header and read-only checks (application
// id, schema version, quick_check, migration checksums), then the write and read pools. Target ≤ 50 ms.
func BenchmarkOpenDemo(b *testing.B) {
	path := demoFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkOpenBare is the baseline: database/sql opens the same file and runs one query.
func BenchmarkOpenBare(b *testing.B) {
	path := demoFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := sql.Open("sqlite3", "file:"+path)
		if err != nil {
			b.Fatal(err)
		}
		var n int
		if err := db.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
