package sqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"quotewright/backend/cpq"
)

func appendEvents(t *testing.T, store cpq.Store, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		err := store.Update(ctx, func(tx cpq.Tx) error {
			data, _ := json.Marshal(map[string]any{"discountPct": fmt.Sprint(i), "note": "値引き"})
			return tx.Audit().Append(ctx, &cpq.AuditEvent{ActorID: "usr_rep", Action: "quote.updated",
				Entity: "quote", EntityID: fmt.Sprintf("quo_%d", i%3), Data: data})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func verify(t *testing.T, store cpq.Store) cpq.AuditReport {
	t.Helper()
	ctx := context.Background()
	var r cpq.AuditReport
	err := store.View(ctx, func(tx cpq.Tx) (err error) {
		r, err = tx.Audit().Verify(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAuditChainVerifies(t *testing.T) {
	db, _ := openTemp(t)
	appendEvents(t, db, 25)
	r := verify(t, db)
	if !r.Intact || r.Count != 25 {
		t.Fatalf("report = %+v, want 25 intact entries", r)
	}
	ctx := context.Background()
	db.View(ctx, func(tx cpq.Tx) error {
		evs, err := tx.Audit().ListFor(ctx, "quote", "quo_1")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(evs), 8; got != want {
			t.Errorf("events of quo_1 = %d, want %d", got, want)
		}
		for i := 1; i < len(evs); i++ {
			if evs[i].Seq <= evs[i-1].Seq {
				t.Errorf("events out of order: %d after %d", evs[i].Seq, evs[i-1].Seq)
			}
		}
		return nil
	})
}

func TestAuditLogRefusesChanges(t *testing.T) {
	db, path := openTemp(t)
	appendEvents(t, db, 3)
	r := raw(t, path)
	for _, stmt := range []string{
		`UPDATE audit_events SET data = '{}' WHERE seq = 2`,
		`DELETE FROM audit_events WHERE seq = 3`,
	} {
		_, err := r.Exec(stmt)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", stmt, err)
		}
	}
	if r := verify(t, db); !r.Intact || r.Count != 3 {
		t.Errorf("report = %+v, want 3 intact entries", r)
	}
}

// Someone with the file and a SQLite shell can drop the triggers; verification still finds what they did.
func TestAuditVerifyFindsTampering(t *testing.T) {
	cases := []struct {
		name     string
		tamper   string
		brokenAt int64
	}{
		{"changed data", `UPDATE audit_events SET data = '{"discountPct":"0"}' WHERE seq = 7`, 7},
		{"changed actor", `UPDATE audit_events SET actor_id = 'usr_manager' WHERE seq = 12`, 12},
		{"deleted entry", `DELETE FROM audit_events WHERE seq = 4`, 4},
		{"rehashed entry", `UPDATE audit_events SET hash = 'aaaa' WHERE seq = 15`, 15},
		{"unreadable time", `UPDATE audit_events SET at = 'yesterday' WHERE seq = 3`, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, path := openTemp(t)
			appendEvents(t, db, 20)
			r := raw(t, path)
			if _, err := r.Exec(`DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;` + c.tamper); err != nil {
				t.Fatal(err)
			}
			rep := verify(t, db)
			if rep.Intact {
				t.Fatalf("tampering (%s) not detected: %+v", c.tamper, rep)
			}
			if rep.BrokenAt != c.brokenAt {
				t.Errorf("broken at %d (%s), want %d", rep.BrokenAt, rep.Problem, c.brokenAt)
			}
		})
	}
}

func TestAuditChainLinksAcrossPages(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	// More entries than one verification page, written in one transaction.
	err := db.Update(ctx, func(tx cpq.Tx) error {
		for i := 0; i < 4500; i++ {
			if err := tx.Audit().Append(ctx, &cpq.AuditEvent{Action: "x", Entity: "e", EntityID: "1"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := verify(t, db); !r.Intact || r.Count != 4500 {
		t.Errorf("report = %+v, want 4500 intact", r)
	}
}
