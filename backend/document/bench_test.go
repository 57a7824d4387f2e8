package document_test

import (
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"quotewright/backend/document"
)

// A 1,000-line quote over eight sites, in bundles of a product and two components, each line with a short
// configuration: the size the renderer is held to (at most 100 ms a document).

func benchmarkQuote(b *testing.B, ja bool) {
	q := largeQuote(ja, 1000, false)
	var size int
	for b.Loop() {
		pdf, err := document.QuotePDF(q)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}

func BenchmarkQuotePDF1000EN(b *testing.B) { benchmarkQuote(b, false) }
func BenchmarkQuotePDF1000JA(b *testing.B) { benchmarkQuote(b, true) }

// The same quote with every line's configuration several lines long: more text to wrap and more pages.
func BenchmarkQuotePDF1000LongDetailsJA(b *testing.B) {
	q := largeQuote(true, 1000, true)
	for b.Loop() {
		if _, err := document.QuotePDF(q); err != nil {
			b.Fatal(err)
		}
	}
}

// For comparison on the machine at hand: a bare gofpdf table of 1,000 three-cell rows in the same font, with
// gofpdf's own page compression.
func BenchmarkBareGofpdfTable1000(b *testing.B) {
	font, err := os.ReadFile("font/ipaexg.ttf")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AliasNbPages("")
		pdf.AddUTF8FontFromBytes("ipaexg", "", font)
		pdf.SetFont("ipaexg", "", 9)
		pdf.AddPage()
		for r := 0; r < 1000; r++ {
			pdf.CellFormat(80, 5, fmt.Sprintf("光回線 プロダクト %d", r), "1", 0, "L", false, 0, "")
			pdf.CellFormat(30, 5, "¥12,345", "1", 0, "R", false, 0, "")
			pdf.CellFormat(30, 5, "¥1,234", "1", 1, "R", false, 0, "")
		}
		if err := pdf.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
