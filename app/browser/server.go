// Package browser serves the app's frontend and its bound services to a normal web browser: "quotewright
// serve". The page gets the same window.go bindings and runtime events as in the desktop window, so the UI
// runs unchanged and can be tested in a real browser. It listens on this computer only and admits only
// requests that carry the per-start token and name this server in their Host header.
package browser

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"quotewright/backend/cpq"
)

//go:embed bridge.js
var bridgeJS string

// cookiePrefix starts the token cookie's name; the port ends it. Cookies do not tell ports apart, so two
// servers on the same computer (or one restarted on another port) would otherwise overwrite each other's.
const cookiePrefix = "qw_token_"

// Server serves the frontend and the bound services.
type Server struct {
	methods     map[string]method
	bridge      []byte
	assets      fs.FS
	index       []byte
	token       string
	hub         *Hub
	formatError func(error) any
	log         *slog.Logger
	hosts       map[string]bool
	cookie      string
	files       http.Handler
	download    func(token string) (string, []byte, bool)
}

// Config is what the server serves.
type Config struct {
	Services    []any           // the bound services, exactly as given to Wails
	Assets      fs.FS           // the built frontend, index.html at its root
	Hub         *Hub            // where the services' runtime events come from
	FormatError func(error) any // the same error formatter the desktop uses
	Log         *slog.Logger
	// Download hands over a file the services offered for download, once; nil when none are offered.
	Download func(token string) (name string, data []byte, ok bool)
}

// New prepares a server with a fresh random token.
func New(c Config) (*Server, error) {
	ms, err := bindings(c.Services)
	if err != nil {
		return nil, err
	}
	list, _ := json.Marshal(names(ms))
	index, err := fs.ReadFile(c.Assets, "index.html")
	if err != nil {
		return nil, fmt.Errorf("the frontend is not built (no index.html): run make build: %w", err)
	}
	// The bridge must define window.go before the app's module scripts run; a classic script at the top of
	// <head> does.
	if !bytes.Contains(index, []byte("<head>")) {
		return nil, errors.New("the frontend's index.html has no <head> to load the bridge in")
	}
	index = bytes.Replace(index, []byte("<head>"), []byte(`<head><script src="/qw/bridge.js"></script>`), 1)
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return &Server{
		methods: ms, bridge: []byte(strings.Replace(bridgeJS, "/*METHODS*/[]", string(list), 1)),
		assets: c.Assets, index: index, token: hex.EncodeToString(b), hub: c.Hub, formatError: c.FormatError,
		log: c.Log, files: http.FileServer(http.FS(c.Assets)), download: c.Download,
	}, nil
}

// Token is this start's access token.
func (s *Server) Token() string { return s.token }

// AddrError is an --addr that serve refuses to listen on.
type AddrError struct{ msg string }

func (e *AddrError) Error() string { return e.msg }

// Listen opens addr, which must be on this computer: serve is for the user at the keyboard, never the network.
// A refused address is an *AddrError; an address in use says so.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &AddrError{fmt.Sprintf("--addr %q is not host:port (for example 127.0.0.1:8080)", addr)}
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, &AddrError{fmt.Sprintf("--addr %q is refused: browser mode listens on this computer only (use 127.0.0.1)", addr)}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is already in use by another program: choose another port with --addr, or 127.0.0.1:0 for any free one", net.JoinHostPort(host, port))
	}
	return ln, err
}

// URL is the address to open, with the token that admits the browser.
func (s *Server) URL(ln net.Listener) string {
	return fmt.Sprintf("http://%s/?token=%s", ln.Addr().String(), s.token)
}

// Handler returns the HTTP handler for a server listening at addr ("127.0.0.1:PORT").
func (s *Server) Handler(addr string) http.Handler {
	host, port, _ := net.SplitHostPort(addr)
	s.hosts = map[string]bool{net.JoinHostPort(host, port): true, "localhost:" + port: true}
	s.cookie = cookiePrefix + port
	mux := http.NewServeMux()
	mux.HandleFunc("POST /qw/call", s.handleCall)
	mux.HandleFunc("GET /qw/events", s.handleEvents)
	mux.HandleFunc("GET /qw/bridge.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(s.bridge)
	})
	mux.HandleFunc("GET /qw/download/{token}", s.handleDownload)
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /index.html", s.handleIndex)
	mux.Handle("GET /", s.files)
	return s.guard(mux)
}

// Serve serves on ln until ctx ends, then shuts down, letting calls under way finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.Handler(ln.Addr().String()), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		s.hub.closeAll() // event streams never go idle by themselves
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		return nil
	}
}

// guard admits a request only when its Host names this server (so a web page cannot reach it by rebinding a
// domain to 127.0.0.1) and it carries the token, in the URL once, then in a cookie.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
		if !s.hosts[r.Host] {
			http.Error(w, "Forbidden: this server answers only to 127.0.0.1 on its own port.", http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && r.Method != http.MethodGet && !s.hosts[strings.TrimPrefix(o, "http://")] {
			http.Error(w, "Forbidden: requests from other sites are refused.", http.StatusForbidden)
			return
		}
		if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
			if !s.validToken(t) {
				unauthorized(w)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: s.cookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			// Take the token out of the address bar (the browser's history keeps the address first opened;
			// the token changes at every start, so an old one admits nobody).
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		if !s.validToken(s.requestToken(r)) {
			unauthorized(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) requestToken(r *http.Request) string {
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		return strings.TrimPrefix(a, "Bearer ")
	}
	if c, err := r.Cookie(s.cookie); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) validToken(t string) bool {
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func unauthorized(w http.ResponseWriter) {
	writeJSON(w, http.StatusUnauthorized, map[string]any{"error": bridgeError("unauthorized",
		"This page's access has ended (Quotewright was restarted, or another address was opened). Open the address `quotewright serve` printed.")})
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(s.index)
}

type callRequest struct {
	Name string            `json:"name"`
	Args []json.RawMessage `json:"args"`
}

var statusOf = map[cpq.Code]int{
	cpq.EInvalid: http.StatusBadRequest, cpq.ENotFound: http.StatusNotFound, cpq.EConflict: http.StatusConflict,
	cpq.EUnauthorized: http.StatusForbidden, cpq.EInternal: http.StatusInternalServerError,
}

func (s *Server) handleCall(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var req callRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<20)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": bridgeError("invalid", "the request is not a JSON call: "+err.Error())})
		return
	}
	m, ok := s.methods[req.Name]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": bridgeError("not_found", "no bound method "+req.Name)})
		return
	}
	result, err, callErr := s.invoke(m, req.Args)
	switch {
	case errors.Is(callErr, errBadArguments):
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": bridgeError("invalid", req.Name+": "+callErr.Error())})
	case callErr != nil:
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": s.formatError(callErr)})
	case err != nil:
		writeJSON(w, statusOf[cpq.ErrorCode(err)], map[string]any{"error": s.formatError(err)})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"result": result})
	}
}

// invoke calls the method, turning a panic into an internal error so one bad call cannot stop the server.
func (s *Server) invoke(m method, args []json.RawMessage) (result any, err error, callErr error) {
	defer func() {
		if p := recover(); p != nil {
			callErr = fmt.Errorf("panic: %v", p)
		}
	}()
	return m.call(args)
}

func bridgeError(code, message string) map[string]any {
	return map[string]any{"code": code, "message": message, "fields": []any{}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// handleEvents streams runtime events to the page as server-sent events.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	fmt.Fprint(w, ": connected\n\n")
	flusher.Flush()
	keepalive := time.NewTicker(15 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(w, "data: %s\n\n", msg)
			flusher.Flush()
		case <-keepalive.C:
			fmt.Fprint(w, ": keepalive\n\n")
			flusher.Flush()
		}
	}
}

// handleDownload serves a file the services offered (an exported PDF or ZIP) as an attachment, so the
// browser saves it rather than showing it.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	if s.download == nil {
		http.NotFound(w, r)
		return
	}
	name, data, ok := s.download(r.PathValue("token"))
	if !ok {
		http.Error(w, "This download has expired or was already fetched: export the document again.", http.StatusNotFound)
		return
	}
	ct := "application/octet-stream"
	switch {
	case strings.HasSuffix(name, ".pdf"):
		ct = "application/pdf"
	case strings.HasSuffix(name, ".zip"):
		ct = "application/zip"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
