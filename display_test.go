package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
)

func TestXSocket(t *testing.T) {
	for display, want := range map[string]string{
		":0": "unix /tmp/.X11-unix/X0", ":1.0": "unix /tmp/.X11-unix/X1", "unix:2": "unix /tmp/.X11-unix/X2",
		"localhost:10.0": "tcp localhost:6010", "example.com:3": "tcp example.com:6003",
	} {
		n, a := xSocket(display)
		if got := n + " " + a; got != want {
			t.Errorf("xSocket(%q) = %q, want %q", display, got, want)
		}
	}
}

func TestDisplayProblem(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	if got := displayProblem(); !strings.Contains(got, "No display found") {
		t.Errorf("no display: %q", got)
	}
	t.Setenv("DISPLAY", ":987")
	if got := displayProblem(); got != `The display ":987" cannot be reached` {
		t.Errorf("unreachable display: %q", got)
	}
	// A Wayland socket that answers is a usable display.
	dir := t.TempDir()
	ln, err := net.Listen("unix", filepath.Join(dir, "wayland-test"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	t.Setenv("XDG_RUNTIME_DIR", dir)
	t.Setenv("WAYLAND_DISPLAY", "wayland-test")
	if got := displayProblem(); got != "" {
		t.Errorf("reachable Wayland display: %q", got)
	}
}
