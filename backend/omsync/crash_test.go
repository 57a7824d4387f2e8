package omsync_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/omsync"
	"quotewright/backend/sqlite"
)

// The helper process is told what to sync by these variables; without them TestHelperSyncProcess is skipped.
const (
	helperDBEnv  = "QW_SYNC_HELPER_DB"
	helperURLEnv = "QW_SYNC_HELPER_URL"
)

// TestHelperSyncProcess is not a test of its own: it is the app's sync running in a process of its own, which
// TestKilledSyncResumesAndEveryOrderArrivesOnce starts (the test binary run again) and kills. It syncs the app database at
// $QW_SYNC_HELPER_DB to the endpoint at $QW_SYNC_HELPER_URL until the outbox is empty, printing a line per batch.
func TestHelperSyncProcess(t *testing.T) {
	path, base := os.Getenv(helperDBEnv), os.Getenv(helperURLEnv)
	if path == "" || base == "" {
		t.Skip("run as a child process by TestKilledSyncResumesAndEveryOrderArrivesOnce")
	}
	db := openApp(t, path, false)
	defer db.Close()
	w := worker(db, base, 250*time.Millisecond)
	w.Progress = func(p omsync.Progress) {
		fmt.Printf("progress phase=%s done=%d failed=%d total=%d\n", p.Phase, p.Done, p.Failed, p.Total)
	}
	fmt.Println("sync started")
	drain(t, db, w)
	fmt.Println("outbox empty")
}

// TestKilledSyncResumesAndEveryOrderArrivesOnce: kill the app process with SIGKILL in the middle of a sync, start it again:
// every order arrives, once. The sync runs in a child process against the reference server through a proxy that
// loses requests and answers; the child is killed twice once some but not all orders have arrived, and the
// third one finishes.
func TestKilledSyncResumesAndEveryOrderArrivesOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	const n = 2000
	dir := t.TempDir()
	appPath := filepath.Join(dir, "app.db")
	db := openApp(t, appPath, true)
	ids := queue(t, db, n)
	if err := db.Close(); err != nil { // the child takes the database's lock
		t.Fatal(err)
	}
	om := startOM(t, filepath.Join(dir, "om.db"))
	proxy, base := startProxy(t, om.base, 0.1, 400*time.Millisecond)

	deadline := time.Now().Add(90 * time.Second)
	killAt := []int{n * 2 / 10, n * 55 / 100} // arrived orders at which each run is killed
	for run := 0; run <= len(killAt); run++ {
		before := arrived(t, om)
		child := startSyncChild(t, appPath, base)
		if run == len(killAt) {
			if err := child.wait(time.Until(deadline)); err != nil {
				t.Fatalf("run %d (after %d kills): the sync did not finish: %v\n%s", run+1, run, err, child.out.tail())
			}
			if !strings.Contains(child.out.String(), "outbox empty") {
				t.Fatalf("run %d: the child exited without emptying the outbox:\n%s", run+1, child.out.tail())
			}
			t.Logf("run %d: %d orders had arrived at its start, %d at its end; it finished in %s",
				run+1, before, arrived(t, om), time.Since(child.started).Round(time.Millisecond))
			break
		}
		// Wait until the server holds at least killAt[run] orders, then kill the child at once.
		at := -1
		for at < 0 {
			if time.Now().After(deadline) {
				child.kill()
				t.Fatalf("run %d: %d of %d orders arrived, waiting for %d before the kill: deadline exceeded\n%s",
					run+1, arrived(t, om), n, killAt[run], child.out.tail())
			}
			select {
			case <-child.done:
				t.Fatalf("run %d: the child exited (%v) before it could be killed mid-sync; %d of %d orders had arrived\n%s",
					run+1, child.err, arrived(t, om), n, child.out.tail())
			case <-time.After(2 * time.Millisecond):
			}
			if c := arrived(t, om); c >= killAt[run] {
				at = c
			}
		}
		child.kill()
		after := arrived(t, om) // requests in flight through the proxy may still arrive
		lines := child.out.count("progress ")
		t.Logf("run %d: SIGKILL with %d of %d orders arrived (%d by the time it was dead; %d at the run's start), after %d batches, %s into the run",
			run+1, at, n, after, before, lines, time.Since(child.started).Round(time.Millisecond))
		if at <= before || after >= n {
			t.Fatalf("run %d was not killed mid-sync: %d orders at its start, %d at the kill, %d after it, of %d",
				run+1, before, at, after, n)
		}
		if !child.killed() {
			t.Fatalf("run %d: the child was not ended by SIGKILL: %v\n%s", run+1, child.err, child.out.tail())
		}
		checkCrashState(t, appPath, om, ids)
	}

	db = openApp(t, appPath, false)
	defer db.Close()
	checkExactlyOnce(t, db, om, ids)
	checkRemoteIDs(t, db, om, ids)
	proxy.mu.Lock()
	t.Logf("faults injected: %v", proxy.faults)
	proxy.mu.Unlock()
}

// arrived is how many orders the server holds (X-Total-Count of an empty page), asked directly, not through the
// proxy.
func arrived(t testing.TB, om *omServer) int {
	t.Helper()
	res, err := http.Get(om.base + "productOrder?fields=externalId&limit=0")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	c, err := strconv.Atoi(res.Header.Get("X-Total-Count"))
	if err != nil {
		t.Fatalf("X-Total-Count %q: %v", res.Header.Get("X-Total-Count"), err)
	}
	return c
}

// remoteIDs maps each externalId the server holds to the server's id for it.
func remoteIDs(t testing.TB, om *omServer) map[string]string {
	t.Helper()
	got := map[string]string{}
	for ext, ids := range om.held(t) {
		got[ext] = ids[0]
	}
	return got
}

// checkCrashState looks at the app's database as the killed process left it: an order recorded as sent holds the
// server's id and has no entry left; an order the server holds but the app has not recorded is marked maybe-sent,
// so that the next process looks it up rather than sending it a second time (which an endpoint without the
// reference server's idempotency would take as a second order).
func checkCrashState(t *testing.T, appPath string, om *omServer, ids []string) {
	t.Helper()
	ctx := context.Background()
	db := openApp(t, appPath, false)
	defer db.Close()
	remote := remoteIDs(t, om)
	sent, unrecorded, pending, maybe, bad := 0, 0, 0, 0, 0
	fail := func(format string, args ...any) {
		if bad++; bad <= 5 {
			t.Errorf(format, args...)
		}
	}
	err := db.View(ctx, func(tx cpq.Tx) error {
		for _, id := range ids {
			o, err := tx.Orders().Get(ctx, id)
			if err != nil {
				return err
			}
			e, err := tx.Outbox().ByOrder(ctx, id, cpq.OutboxCreate)
			if err != nil {
				return err
			}
			rid, onServer := remote[id]
			switch {
			case o.Sync == cpq.SyncSent:
				sent++
				if e != nil || o.RemoteID != rid || !onServer {
					fail("order %s is recorded as sent to %q, the server has %q (held: %v), outbox entry left: %v",
						o.Number, o.RemoteID, rid, onServer, e != nil)
				}
			case e == nil:
				fail("order %s (sync %s) is neither sent nor in the outbox after the kill", o.Number, o.Sync)
			default:
				pending++
				if e.MaybeSent {
					maybe++
				}
				if onServer {
					unrecorded++
					if !e.MaybeSent {
						fail("order %s reached the server but its outbox entry is not marked maybe-sent: it would be sent again",
							o.Number)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if bad > 5 {
		t.Errorf("… %d inconsistencies in all after the kill", bad)
	}
	t.Logf("after the kill: %d orders recorded as sent, %d pending (%d marked maybe-sent), %d of them on the server unrecorded",
		sent, pending, maybe, unrecorded)
}

// checkRemoteIDs checks that each order records the id the server gave it.
func checkRemoteIDs(t *testing.T, db *sqlite.DB, om *omServer, ids []string) {
	t.Helper()
	ctx := context.Background()
	remote := remoteIDs(t, om)
	bad := 0
	db.View(ctx, func(tx cpq.Tx) error {
		for _, id := range ids {
			o, err := tx.Orders().Get(ctx, id)
			if err != nil {
				return err
			}
			if o.RemoteID != remote[id] && bad < 5 {
				bad++
				t.Errorf("order %s records remote id %q, the server holds it as %q", o.Number, o.RemoteID, remote[id])
			}
		}
		return nil
	})
}

// syncChild is one run of the sync in a process of its own.
type syncChild struct {
	cmd     *exec.Cmd
	out     *lockedBuffer
	started time.Time
	done    chan struct{}
	err     error // Wait's, once done is closed
}

func startSyncChild(t *testing.T, appPath, base string) *syncChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSyncProcess$", "-test.count=1", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), helperDBEnv+"="+appPath, helperURLEnv+"="+base)
	c := &syncChild{cmd: cmd, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = c.out, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.started = time.Now()
	go func() {
		c.err = cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(c.kill)
	return c
}

// kill sends SIGKILL and waits until the process is gone (and with it the database's lock).
func (c *syncChild) kill() {
	select {
	case <-c.done:
		return
	default:
	}
	c.cmd.Process.Kill() // SIGKILL on Unix
	<-c.done
}

// killed reports whether the process ended by SIGKILL.
func (c *syncChild) killed() bool {
	var ee *exec.ExitError
	return errors.As(c.err, &ee) && strings.Contains(ee.String(), "killed")
}

func (c *syncChild) wait(d time.Duration) error {
	select {
	case <-c.done:
		return c.err
	case <-time.After(d):
		c.kill()
		return fmt.Errorf("still running after %s", d)
	}
}

// lockedBuffer collects a child's output.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *lockedBuffer) count(prefix string) int {
	c := 0
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(l, prefix) {
			c++
		}
	}
	return c
}

// tail is the end of the output, for failure messages.
func (b *lockedBuffer) tail() string {
	s := b.String()
	if len(s) > 4000 {
		s = "…" + s[len(s)-4000:]
	}
	return s
}
