package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// displayProblem says why no window can be opened on this machine's display, or "" when one can. GTK would
// otherwise abort the process when it cannot reach the display (a stale $DISPLAY over SSH, for instance).
func displayProblem() string {
	if runtime.GOOS != "linux" {
		return ""
	}
	x, wl := os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY")
	if x == "" && wl == "" {
		return "No display found ($DISPLAY and $WAYLAND_DISPLAY are empty)"
	}
	if wl != "" {
		path := wl
		if !filepath.IsAbs(path) {
			path = filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), wl)
		}
		if reachable("unix", path) {
			return ""
		}
	}
	if x != "" && reachable(xSocket(x)) {
		return ""
	}
	if x != "" {
		return fmt.Sprintf("The display %q cannot be reached", x)
	}
	return fmt.Sprintf("The Wayland display %q cannot be reached", wl)
}

// xSocket is where the X server of a $DISPLAY value (":0", ":1.0", "host:10.0", "unix:0") listens.
func xSocket(display string) (network, address string) {
	host, rest, _ := strings.Cut(display, ":")
	number, _, _ := strings.Cut(rest, ".")
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + number
	}
	var n int
	fmt.Sscanf(number, "%d", &n)
	return "tcp", net.JoinHostPort(host, fmt.Sprint(6000+n))
}

func reachable(network, address string) bool {
	c, err := net.DialTimeout(network, address, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
