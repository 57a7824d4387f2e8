package sqlite

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var embedded embed.FS

// migration is one numbered schema change, NNNN_name.sql.
type migration struct {
	Version  int
	Name     string
	SQL      string
	Checksum string // SHA-256 of the file: an applied migration must never change
}

// loadMigrations reads NNNN_name.sql files from fsys in version order and checks that versions run 1, 2, 3…
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", base)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		out = append(out, migration{Version: v, Name: name, SQL: string(b), Checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d is missing (found %d)", i+1, m.Version)
		}
	}
	return out, nil
}

// SchemaVersion is the schema this build creates and understands.
func SchemaVersion() int {
	ms, err := loadMigrations(embedded)
	if err != nil {
		panic(err)
	}
	return len(ms)
}
