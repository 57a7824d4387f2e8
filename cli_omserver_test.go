package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestOMServerCommandServesUntilStopped(t *testing.T) {
	if code, _, errs := runCLI(t, "om-server", "extra"); code != 2 || !strings.Contains(errs, "unexpected argument") {
		t.Errorf("om-server with an argument: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "om-server", "--fallout", "1.5"); code != 2 || !strings.Contains(errs, "share from 0 to 1") {
		t.Errorf("om-server --fallout 1.5: %d %q", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- cmdOMServer(ctx, []string{"--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "om.db")}, pw)
		pw.Close()
	}()
	// The banner names the server, then the TMF622 and TMF637 paths.
	rd := bufio.NewReader(pr)
	first, err := rd.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	second, err := rd.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url := regexp.MustCompile(`http://\S+`).FindString(first) + regexp.MustCompile(`/tmf-api/\S+`).FindString(second)
	res, err := http.Get(url + "productOrder")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("X-Total-Count") != "0" {
		t.Errorf("GET productOrder on a new server: %d, total %q", res.StatusCode, res.Header.Get("X-Total-Count"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("stopping: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}
