package document_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests read the PDFs back with real tools: qpdf checks the file's structure, poppler's pdftotext reads
// the text (and where each word sits), pdffonts lists the fonts, pdftoppm draws pages for a person to look at.

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (poppler-utils, qpdf)", tool)
		}
	}
}

// save writes a PDF into a fresh temporary directory and returns its path.
func save(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// checkPDF runs qpdf --check, which fails on a damaged structure, and returns the document's text.
func checkPDF(t *testing.T, path string) string {
	t.Helper()
	needTools(t, "qpdf", "pdftotext", "pdffonts")
	run(t, "qpdf", "--check", path)
	fonts := run(t, "pdffonts", path)
	if !strings.Contains(fonts, "+IPAexGothic") || !strings.Contains(fonts, "CID TrueType") {
		t.Errorf("pdffonts does not list the IPAex font:\n%s", fonts)
	}
	// name type encoding emb sub uni object ID: every font embedded, as a subset, with a Unicode map.
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 && (f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes") {
			t.Errorf("a font is not embedded as a subset with a Unicode map: %s", line)
		}
	}
	// The text in reading order, then as laid out (which keeps a name and its honorific on one line).
	return run(t, "pdftotext", "-enc", "UTF-8", path, "-") + "\n\f\n" +
		run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	all := flat(text)
	for _, w := range wants {
		if !strings.Contains(text, w) && !strings.Contains(all, flat(w)) {
			t.Errorf("the PDF's text has no %q", w)
		}
	}
}

// word is a word as pdftotext -bbox-layout places it, in points from the page's top left.
type word struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type page struct {
	Height float64 `xml:"height,attr"`
	Words  []word  `xml:"flow>block>line>word"`
}

// layout reads every word of every page with its box.
func layout(t *testing.T, path string) []page {
	t.Helper()
	out := run(t, "pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	var doc struct {
		Pages []page `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext -bbox-layout: %v", err)
	}
	return doc.Pages
}

// checkLayout asserts what must hold on every page: no two words overlap, and nothing but the footer (the
// line with the page number) reaches down to it. It returns the pages for further checks.
func checkLayout(t *testing.T, path, pageWord string) []page {
	t.Helper()
	pages := layout(t, path)
	for n, p := range pages {
		// The footer is the line of the word with the page number.
		footerTop, footerBottom := p.Height, p.Height
		for _, w := range p.Words {
			if strings.Contains(w.Text, pageWord) {
				footerTop, footerBottom = w.YMin, w.YMax
			}
		}
		if footerTop == p.Height {
			t.Errorf("page %d has no footer with %q", n+1, pageWord)
		}
		for i, a := range p.Words {
			if mid := (a.YMin + a.YMax) / 2; mid > footerTop && mid < footerBottom {
				continue // on the footer's line
			}
			if a.YMax > footerTop-14 { // 5 mm clear of the footer's text: above the bottom margin
				t.Errorf("page %d: %q (y %.1f–%.1f pt) is not above the footer (from %.1f pt)", n+1, a.Text, a.YMin, a.YMax, footerTop)
			}
			for _, b := range p.Words[i+1:] {
				const tol = 0.5 // points
				if min(a.XMax, b.XMax)-max(a.XMin, b.XMin) > tol && min(a.YMax, b.YMax)-max(a.YMin, b.YMin) > tol {
					t.Errorf("page %d: %q and %q overlap", n+1, a.Text, b.Text)
				}
			}
		}
	}
	return pages
}

// preview draws page 1 of a PDF as PNG into $QW_ARTIFACTS (or a temporary directory) for a person to look at.
func preview(t *testing.T, path, name string) string {
	t.Helper()
	needTools(t, "pdftoppm")
	dir := os.Getenv("QW_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, name)
	run(t, "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	t.Logf("page 1: %s.png", prefix)
	return prefix + ".png"
}
