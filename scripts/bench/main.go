// Command bench measures the figures the issues name, each beside its target and beside a baseline measured
// in the same run, so that a noisy machine shows in both: ratios hold where absolute times wobble.
//
//	go run ./scripts/bench [-bin build/bin/quotewright] [-n 25]
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"quotewright/backend/sqlite"
)

type figure struct {
	name     string
	target   time.Duration
	maxRatio float64 // the most the median may be of the baseline's median; 0 when the issue names no ratio
	// minSpeedup is the least the baseline's median may be of the median (the baseline is a slower way of
	// doing the same thing); 0 when the issue names none.
	minSpeedup float64
	samples    []time.Duration
	baseline   string
	base       []time.Duration
}

func main() {
	bin := flag.String("bin", "build/bin/quotewright", "the Quotewright binary")
	n := flag.Int("n", 25, "runs of each measurement")
	only := flag.String("only", "", `"sync": only the order sync figure`)
	flag.Parse()

	dir, err := os.MkdirTemp("", "qw-bench-")
	check(err)
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "demo.db")
	out, err := exec.Command(*bin, "demo", "--reset", "--db", db).CombinedOutput()
	check(err, string(out))

	probe := filepath.Join(dir, "sqliteprobe")
	out, err = exec.Command("go", "build", "-o", probe, "./scripts/bench/sqliteprobe").CombinedOutput()
	check(err, string(out))

	if *only == "sync" {
		report(orderSyncFigures(dir, db, *n), *n)
		return
	}
	figures := []*figure{
		{name: "Cold start to first answered request (browser mode)", target: 300 * time.Millisecond,
			baseline: "bare Go program: open SQLite, one query, exit"},
		{name: "Open the demo database, migrations checked", target: 50 * time.Millisecond,
			baseline: "database/sql open + one query on the same file"},
	}
	for i := 0; i < *n; i++ {
		figures[0].samples = append(figures[0].samples, coldStart(*bin, db))
		figures[0].base = append(figures[0].base, timeCommand(probe, db))
		figures[1].samples = append(figures[1].samples, openDB(db))
		figures[1].base = append(figures[1].base, openBare(db))
	}
	figures = append(figures, largeQuoteFigures(*bin, dir, *n)...)
	figures = append(figures, orderSyncFigures(dir, db, *n)...)
	report(figures, *n)
}

// report prints the figures as a Markdown table.
func report(figures []*figure, n int) {
	fmt.Printf("Quotewright benchmarks — %s, %d runs each, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), n, machine())
	fmt.Println("| Figure | Median | p90 | Target | Baseline (median) | Median ÷ baseline | Meets target |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, f := range figures {
		med, p90, bmed := pct(f.samples, 50), pct(f.samples, 90), pct(f.base, 50)
		ratio := float64(med) / float64(bmed)
		ok, target := "yes", "≤ "+ms(f.target)
		if med > f.target || (f.maxRatio > 0 && ratio > f.maxRatio) || (f.minSpeedup > 0 && 1/ratio < f.minSpeedup) {
			ok = "NO"
		}
		if f.maxRatio > 0 {
			target += fmt.Sprintf(", ≤ %.1f× baseline", f.maxRatio)
		}
		shown := fmt.Sprintf("%.1f×", ratio)
		if f.minSpeedup > 0 {
			target += fmt.Sprintf(", baseline ≥ %.0f× slower", f.minSpeedup)
			shown = fmt.Sprintf("%.3f× (baseline %.1f× slower)", ratio, 1/ratio)
		}
		fmt.Printf("| %s | %s | %s | %s | %s (%s) | %s | %s |\n", f.name, ms(med), ms(p90), target,
			ms(bmed), f.baseline, shown, ok)
	}
}

var urlPattern = regexp.MustCompile(`Open (http://127\.0\.0\.1:\d+)/\?token=(\w+)`)

// coldStart starts `quotewright serve` and times it until the first call to the app is answered.
func coldStart(bin, db string) time.Duration {
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "DISPLAY=")
	stdout, err := cmd.StdoutPipe()
	check(err)
	start := time.Now()
	check(cmd.Start())
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	var base, token string
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if m := urlPattern.FindStringSubmatch(sc.Text()); m != nil {
			base, token = m[1], m[2]
			break
		}
	}
	if base == "" {
		check(fmt.Errorf("serve printed no URL"))
	}
	go func() {
		for sc.Scan() {
		}
	}()
	for {
		req, _ := http.NewRequest("POST", base+"/qw/call", strings.NewReader(`{"name":"app.SessionService.Info","args":[]}`))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return time.Since(start)
			}
			check(fmt.Errorf("first call answered %d", res.StatusCode))
		}
		if time.Since(start) > 10*time.Second {
			check(fmt.Errorf("no answer in 10 s: %v", err))
		}
	}
}

func timeCommand(name string, args ...string) time.Duration {
	start := time.Now()
	out, err := exec.Command(name, args...).CombinedOutput()
	check(err, string(out))
	return time.Since(start)
}

// openDB opens the database as the app does (checks, migrations verified, pools ready) and closes it.
func openDB(path string) time.Duration {
	start := time.Now()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	check(err)
	d := time.Since(start)
	db.Close()
	return d
}

func openBare(path string) time.Duration {
	start := time.Now()
	db, err := sql.Open("sqlite3", "file:"+path)
	check(err)
	var n int
	check(db.QueryRow("SELECT count(*) FROM users").Scan(&n))
	d := time.Since(start)
	db.Close()
	return d
}

func pct(xs []time.Duration, p int) time.Duration {
	s := append([]time.Duration{}, xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*p/100]
}

func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1000)
	}
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

func machine() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	m := regexp.MustCompile(`model name\s*:\s*(.*)`).FindSubmatch(b)
	cpu := "unknown CPU"
	if m != nil {
		cpu = strings.TrimSpace(string(m[1]))
	}
	return fmt.Sprintf("%s, %d logical CPUs", cpu, strings.Count(string(b), "processor\t:"))
}

func check(err error, context ...string) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err, strings.Join(context, " "))
		os.Exit(1)
	}
}
