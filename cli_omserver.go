package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"quotewright/backend/omserver"
	"quotewright/backend/tmf"
)

// cmdOMServer runs the reference order-management server until the process is told to stop.
//
//	quotewright om-server [--addr 127.0.0.1:8622] [--db om.db] [--delay 2s] [--fallout 0.1]
func cmdOMServer(ctx context.Context, args []string, stdout io.Writer) error {
	var path, addr string
	fl := newFlags("om-server", &path)
	fl.StringVar(&addr, "addr", "127.0.0.1:8622", "where to listen")
	var f omserver.Fulfilment
	fl.DurationVar(&f.Delay, "delay", 2*time.Second, "time between fulfilment steps (acknowledged → inProgress → completed)")
	fl.Float64Var(&f.Fallout, "fallout", 0, "share of orders that fail at the last step, 0 to 1")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flagHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fl.NArg() != 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: quotewright om-server [--addr HOST:PORT] [--db FILE]", fl.Arg(0))}
	}
	if f.Fallout < 0 || f.Fallout > 1 || f.Delay <= 0 {
		return usageError{"--fallout is a share from 0 to 1, and --delay a positive duration such as 2s"}
	}
	f.Seed = uint64(time.Now().UnixNano())
	if path == "" {
		path = "om.db" // the server's own database, never the app's
	}
	srv, err := omserver.Open(path)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("om-server cannot listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "Reference order-management server on http://%[1]s\n  TMF622 orders (with a hub for listeners): %[2]s\n  TMF637 products it fulfilled: %[3]s\nDatabase: %[4]s; a fulfilment step every %[5]s, %.0[6]f%% fallout\nPress Ctrl+C to stop.\n",
		ln.Addr(), tmf.BasePath622, tmf.BasePath637, path, f.Delay, f.Fallout*100)
	go srv.Fulfil(ctx, f)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}
