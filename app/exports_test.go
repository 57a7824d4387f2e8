package app_test

// Second review of the documents and contracts services (issue 5).

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"quotewright/app"
)

// Under -race: exports started, cancelled and downloaded from many goroutines at once, cancels of jobs
// unknown or finished, each ends with exactly one export:done.
func TestConcurrentExportsCancelsAndDownloads(t *testing.T) {
	t.Setenv("QUOTEWRIGHT_EXPORT_PAUSE", "20ms")
	rt := &events{}
	svc := openWith(t, rt)
	gm, _ := signedContract(t, svc)
	const n = 8
	jobs := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			job, err := svc.Documents.ExportSignedContracts(gm.Account.ID)
			if err != nil {
				t.Error(err)
				return
			}
			jobs[i] = job.Job
			if i%2 == 0 {
				svc.Documents.CancelExport(job.Job)
			}
			svc.Documents.CancelExport("no-such-job")
		}(i)
	}
	wg.Wait()
	var got sync.Map
	for i, job := range jobs {
		if job == "" {
			continue
		}
		done := rt.wait(t, app.EventExportDone, func(d any) bool { return d.(app.ExportDoneDTO).Job == job }).(app.ExportDoneDTO)
		svc.Documents.CancelExport(job) // after the end: nothing to do
		if i%2 == 1 {
			if done.Error != "" || done.Export.URL == "" {
				t.Errorf("export %d: %+v", i, done)
				continue
			}
			wg.Add(1)
			go func(url string) {
				defer wg.Done()
				tok := strings.TrimPrefix(url, "/qw/download/")
				if _, data, ok := svc.Download(tok); ok {
					if _, dup := got.LoadOrStore(tok, len(data)); dup {
						t.Error("a token was downloaded twice")
					}
				}
				svc.Download(tok) // a second fetch, concurrently with the others
			}(done.Export.URL)
		}
	}
	wg.Wait()
	rt.mu.Lock()
	defer rt.mu.Unlock()
	count := map[string]int{}
	for _, e := range rt.seen {
		if e.name == app.EventExportDone {
			count[e.data.(app.ExportDoneDTO).Job]++
		}
	}
	for _, job := range jobs {
		if count[job] != 1 {
			t.Errorf("job %s ended %d times", job, count[job])
		}
	}
}

// a download URL carries 128 random bits and opens once; a made-up token opens nothing.
func TestDownloadTokensAreRandomAndSingleUse(t *testing.T) {
	svc := openWith(t, &events{})
	_, c := signedContract(t, svc)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		exp, err := svc.Documents.ExportContract(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		tok := strings.TrimPrefix(exp.URL, "/qw/download/")
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(tok) || seen[tok] {
			t.Errorf("token %q", tok)
		}
		seen[tok] = true
		download(t, svc, exp.URL) // fails if it opens twice
	}
	for _, guess := range []string{"", "0", strings.Repeat("0", 32), "../qw.db"} {
		if _, _, ok := svc.Download(guess); ok {
			t.Errorf("token %q opened a file", guess)
		}
	}
}

// An exported contract is an ordinary file (readable by others, as any file the user saves), not the private
// temporary file WriteFileAtomic writes first.
func TestAnExportedFileIsAnOrdinaryFile(t *testing.T) {
	dir := t.TempDir()
	rt := &desktop{path: filepath.Join(dir, "contract.pdf")}
	svc := openWith(t, rt)
	_, c := signedContract(t, svc)
	if _, err := svc.Documents.ExportContract(c.ID); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(dir, "reference.txt")
	if err := os.WriteFile(ref, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	got, _ := os.Stat(rt.path)
	want, _ := os.Stat(ref)
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("exported PDF mode %v, a file saved normally here is %v", got.Mode().Perm(), want.Mode().Perm())
	}
}

// the app's Verify says the same as the service for an altered and a truncated copy, and reports
// something appended after the signature.
func TestVerifyReportsAppendedBytes(t *testing.T) {
	svc := openWith(t, &events{})
	_, c := signedContract(t, svc)
	exp, err := svc.Documents.ExportContract(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	signed := download(t, svc, exp.URL)
	appended := append(append([]byte{}, signed...), "\n%%EOF\n"...)
	v, err := svc.Documents.Verify(base64.StdEncoding.EncodeToString(appended))
	if err != nil || v.Verdict != "altered" || !v.Appended || !v.DigestValid {
		t.Errorf("verifying a copy with bytes appended: %+v %v", v, err)
	}
	if _, err := svc.Documents.Verify("not base64!"); errCode(err) != "invalid" {
		t.Errorf("verifying something that is not base64: %v", err)
	}
}
