// Quotewright: configure, price and quote for telecom and media sellers, on the rep's laptop, online or not.
//
//	quotewright                      the desktop app (browser mode when there is no display)
//	quotewright serve [--addr A]     the same UI for a web browser on this computer
//	quotewright demo --reset         replace the database with fresh demo data
//	quotewright version
//
// Every command takes --db PATH (or QUOTEWRIGHT_DB) to choose the database file.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"quotewright/app"
	"quotewright/app/browser"
	"quotewright/backend/cpq"
	"quotewright/backend/credit"
	"quotewright/backend/demo"
	"quotewright/backend/keystore"
	"quotewright/backend/sales"
	"quotewright/backend/secrets"
	"quotewright/backend/sqlite"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

//go:embed all:frontend/dist
var dist embed.FS

// frontendAssets is the built frontend, index.html at its root.
func frontendAssets() fs.FS {
	sub, err := fs.Sub(dist, "frontend/dist/app")
	if err != nil {
		panic(err)
	}
	return sub
}

const usage = `Quotewright — configure, price and quote.

Usage:
  quotewright [--db PATH]                       start the desktop app (browser mode when there is no display)
  quotewright serve [--db PATH] [--addr ADDR]   serve the app to a web browser on this computer
  quotewright demo --reset [--large] [--db PATH]
                                                replace the database with fresh demo data (the old file is kept);
                                                --large adds a store chain with a 10,000-line quote
  quotewright price [--catalog FILE] [-o FILE] QUOTE.json
                                                price a quote file, printing the priced quote (docs/formats.md)
  quotewright catalog export [-o FILE]          write the database's catalog as a catalog file
  quotewright catalog import FILE               merge a catalog file into the database (matching by code)
  quotewright pdf quote|contract ID -o FILE     write a quote's or a contract's PDF (ID: an id or a number,
                                                the latest version); a signed contract is the signed file
  quotewright om-server [--addr ADDR] [--db FILE] [--delay 2s] [--fallout 0.1]
                                                the reference order-management server (TMF622 v4), with its own
                                                database (default om.db) and a simulated fulfilment
  quotewright version                           print the version

The database is %s
unless --db PATH or the QUOTEWRIGHT_DB environment variable names another file.
`

func main() {
	if bindingsBuild {
		// "wails build" runs the program with the bindings tag to read the bound services' method sets.
		if err := runDesktop(context.Background(), nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code: 0 success, 1 failure, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	if cmd == "" && len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		cmd = "help"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var err error
	switch cmd {
	case "", "desktop":
		err = cmdDesktop(ctx, args, stdout, log)
	case "serve":
		err = cmdServe(ctx, args, stdout, log)
	case "demo":
		err = cmdDemo(ctx, args, stdout)
	case "price":
		err = cmdPrice(ctx, args, stdout)
	case "catalog":
		err = cmdCatalog(ctx, args, stdout)
	case "pdf":
		err = cmdPDF(ctx, args, stdout, stderr)
	case "om-server":
		err = cmdOMServer(ctx, args, stdout)
	case "version":
		fmt.Fprintf(stdout, "quotewright %s (schema %d, %s/%s)\n", version, sqlite.SchemaVersion(), runtime.GOOS, runtime.GOARCH)
	case "help", "-h", "--help":
		fmt.Fprintf(stdout, usage, defaultDBPath())
	default:
		fmt.Fprintf(stderr, "quotewright: unknown command %q\n\n"+usage, cmd, defaultDBPath())
		return 2
	}
	var u usageError
	var in inputError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flagHelp):
		fmt.Fprintf(stdout, usage, defaultDBPath())
		return 0
	case errors.As(err, &u), errors.As(err, &in):
		fmt.Fprintln(stderr, "quotewright:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "quotewright:", err)
		return 1
	}
}

// usageError is a command line that cannot be run as written.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func newFlags(name string, dbPath *string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(io.Discard) // errors are reported once, by run; -h prints the usage

	fl.StringVar(dbPath, "db", "", "the database file (default: $QUOTEWRIGHT_DB, else "+defaultDBPath()+")")
	return fl
}

// flagHelp is what a flag set returns for -h: print the usage, exit 0.
var flagHelp = flag.ErrHelp

func parse(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flagHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fl.Arg(0))}
	}
	return nil
}

// defaultDBPath is the database in the user's configuration directory.
func defaultDBPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Quotewright", "quotewright.db")
}

// dbPath chooses the database: --db, then QUOTEWRIGHT_DB, then the default.
func dbPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("QUOTEWRIGHT_DB"); env != "" {
		return env
	}
	return defaultDBPath()
}

// workspace is an open database with the use cases over it.
type workspace struct {
	db    *sqlite.DB
	sales *sales.Service
	keys  *keystore.Store
}

// keysDir is where the signing certificate of the database at dbPath is kept: beside it, in a folder only
// the user can read.
func keysDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "keys") }

// openWorkspace opens the database, seeding the demo data into a new one.
func openWorkspace(ctx context.Context, path string, log *slog.Logger) (*workspace, error) {
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	seeded, err := demo.IsSeeded(ctx, db)
	if err == nil && !seeded {
		log.Info("new database: loading the demo data", "db", db.Path())
		err = demo.Seed(ctx, db, time.Now())
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	uc := sales.New(db, nil)
	if p, err := creditProvider(); err != nil {
		db.Close()
		return nil, err
	} else if p != nil {
		uc.SetCreditProvider(p)
	}
	keys := keystore.New(keysDir(db.Path()))
	uc.SetSigner(keys.Signer)
	return &workspace{db: db, sales: uc, keys: keys}, nil
}

// creditProvider is the credit bureau named by QUOTEWRIGHT_CREDIT_URL (with QUOTEWRIGHT_CREDIT_TOKEN as its
// bearer token), or nil for the local scoring. The token is read from the environment, never stored.
func creditProvider() (credit.Provider, error) {
	url := os.Getenv("QUOTEWRIGHT_CREDIT_URL")
	if url == "" {
		return nil, nil
	}
	p, err := credit.NewHTTP(credit.HTTPConfig{URL: url, Token: os.Getenv("QUOTEWRIGHT_CREDIT_TOKEN")})
	if err != nil {
		return nil, fmt.Errorf("QUOTEWRIGHT_CREDIT_URL: %w", err)
	}
	return p, nil
}

func (w *workspace) services(ctx context.Context, rt app.Runtime, mode string, log *slog.Logger) (*app.Services, error) {
	s, err := app.New(ctx, w.sales, rt, app.Info{Version: version, Mode: mode, DBPath: w.db.Path(), Schema: sqlite.SchemaVersion()}, log)
	if err == nil {
		s.Keys = w.keys
		s.Secrets = secrets.New(keysDir(w.db.Path()))
		s.Store = w.db
		s.StartBackground(ctx)
		// The demo certificate is made on first run, in the background: a 2048-bit key takes a moment.
		go func() {
			c, err := w.sales.Company(ctx)
			if err == nil {
				_, err = w.keys.Signer(c.Name.In(cpq.LangEN))
			}
			if err != nil {
				log.Warn("the signing certificate is not ready", "err", err)
			}
		}()
	}
	return s, err
}

func cmdDesktop(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var path string
	fl := newFlags("quotewright", &path)
	if err := parse(fl, args); err != nil {
		return err
	}
	if why := noDesktop(); why != "" {
		fmt.Fprintf(stdout, "%s: starting in browser mode instead.\n", why)
		return serve(ctx, dbPath(path), "127.0.0.1:0", stdout, log)
	}
	ws, err := openWorkspace(ctx, dbPath(path), log)
	if err != nil {
		// Show the refusal in the window too: started from a launcher, nobody reads stderr.
		if derr := runDesktop(ctx, &desktopEnv{startupErr: err, log: log}); derr != nil {
			log.Error("the window could not show the error", "err", derr)
		}
		return err
	}
	defer ws.db.Close()
	return runDesktop(ctx, &desktopEnv{ws: ws, log: log})
}

// noDesktop says why this process cannot open a window, or "" when it can.
func noDesktop() string {
	if !desktopBuild {
		return "This build of Quotewright has no desktop window (build it with make build)"
	}
	return displayProblem()
}

func cmdServe(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var path, addr string
	fl := newFlags("serve", &path)
	fl.StringVar(&addr, "addr", "127.0.0.1:0", "where to listen, on this computer only (port 0 picks a free port)")
	if err := parse(fl, args); err != nil {
		return err
	}
	return serve(ctx, dbPath(path), addr, stdout, log)
}

// serve runs browser mode until ctx ends.
func serve(ctx context.Context, path, addr string, stdout io.Writer, log *slog.Logger) error {
	ln, err := browser.Listen(addr)
	var ae *browser.AddrError
	if errors.As(err, &ae) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	defer ln.Close()
	ws, err := openWorkspace(ctx, path, log)
	if err != nil {
		return err
	}
	defer ws.db.Close()
	hub := browser.NewHub()
	svc, err := ws.services(ctx, hub, "browser", log)
	if err != nil {
		return err
	}
	srv, err := browser.New(browser.Config{Services: svc.Bind(), Assets: frontendAssets(), Hub: hub,
		FormatError: svc.FormatError, Log: log, Download: svc.Download})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Quotewright is running in browser mode on %s\nOpen %s\nPress Ctrl+C to stop.\n",
		ws.db.Path(), srv.URL(ln))
	return srv.Serve(ctx, ln)
}

func cmdDemo(ctx context.Context, args []string, stdout io.Writer) error {
	var path string
	var reset, large bool
	fl := newFlags("demo", &path)
	fl.BoolVar(&reset, "reset", false, "replace the database with fresh demo data")
	fl.BoolVar(&large, "large", false, "add the large-quote scenario: 50 stores, a 10,000-line quote")
	if err := parse(fl, args); err != nil {
		return err
	}
	if !reset {
		return usageError{"demo needs --reset: it replaces the database with fresh demo data (the old file is kept beside it)"}
	}
	target, err := filepath.Abs(dbPath(path))
	if err != nil {
		return err
	}
	kept, err := sqlite.Replace(ctx, target, func(db cpq.Store) error {
		if err := demo.Seed(ctx, db, time.Now()); err != nil || !large {
			return err
		}
		cat, err := sales.New(db, nil).Catalog(ctx)
		if err != nil {
			return err
		}
		_, err = demo.SeedLarge(ctx, db, cat, time.Now())
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Fresh demo data is in %s\n", target)
	if kept != "" {
		fmt.Fprintf(stdout, "The previous database was kept as %s\n", kept)
	}
	return nil
}
