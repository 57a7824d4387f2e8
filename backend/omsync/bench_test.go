package omsync_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSync1000Orders sends 1,000 queued orders to the reference om-server on loopback, durable on both
// sides (make bench reports the 10,000-order figure against bare POSTs).
func BenchmarkSync1000Orders(b *testing.B) {
	dir := b.TempDir()
	template := filepath.Join(dir, "template.db")
	db := openApp(b, template, true)
	queue(b, db, 1000)
	db.Close()
	raw, err := os.ReadFile(template)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		run := filepath.Join(dir, "run"+time.Now().Format("150405.000000"))
		os.MkdirAll(run, 0o700)
		os.WriteFile(filepath.Join(run, "app.db"), raw, 0o600)
		db := openApp(b, filepath.Join(run, "app.db"), false)
		om := startOM(b, filepath.Join(run, "om.db"))
		w := worker(db, om.base, 10*time.Second)
		w.Parallel, w.Batch = 64, 1024
		b.StartTimer()
		if rep, err := w.Sync(context.Background()); err != nil || rep.Sent != 1000 {
			b.Fatalf("%+v %v", rep, err)
		}
		b.StopTimer()
		db.Close()
	}
}
