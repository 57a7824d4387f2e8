package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/document"
	"quotewright/backend/sales"
	"quotewright/backend/signing"
)

// pdfLines is the size of the quote the PDF figures print.
const pdfLines = 1000

// documentFigures measures the issue-5 figures: the quote PDF of 1,000 lines in Japanese and in English
// (the whole export: read, price, render, record), against a bare gofpdf table and against Chromium printing
// the same quote as HTML; and signing a contract PDF, against the bare digest and RSA signature.
func documentFigures(w *largeWorld, dir string, n int) []*figure {
	ctx := context.Background()
	rep := benchActor(w)
	ja := pdfQuote(w, rep, cpq.LangJA)
	en := pdfQuote(w, rep, cpq.LangEN)
	font, err := os.ReadFile("backend/document/font/ipaexg.ttf")
	check(err)

	pdfJA := &figure{name: "Quote PDF, 1,000 lines, Japanese: read, price, render, record", target: 100 * time.Millisecond,
		baseline: "bare gofpdf table of 1,000 rows with the Japanese font"}
	pdfEN := &figure{name: "Quote PDF, 1,000 lines, English: read, price, render, record", target: 100 * time.Millisecond,
		baseline: "bare gofpdf table of 1,000 rows with the Japanese font"}
	vsChromium := &figure{name: "The same Japanese quote PDF against Chromium printing it as HTML", target: 100 * time.Millisecond,
		minSpeedup: 20, baseline: "Chromium (kept running): load the quote's HTML, print to PDF"}
	sign := &figure{name: "Sign a contract PDF (3 pages) with the company's certificate", target: 50 * time.Millisecond,
		baseline: "SHA-256 of the same file and one RSA-2048 signature"}

	for i := 0; i < n; i++ {
		pdfJA.samples = append(pdfJA.samples, timeQuotePDF(w.uc, rep, ja))
		pdfJA.base = append(pdfJA.base, bareTable(font))
		pdfEN.samples = append(pdfEN.samples, timeQuotePDF(w.uc, rep, en))
		pdfEN.base = append(pdfEN.base, bareTable(font))
	}
	vsChromium.samples = pdfJA.samples
	view, err := w.uc.QuoteDocument(ctx, ja)
	check(err)
	vsChromium.base = chromiumPrint(view, dir, n)

	contract := contractPDF(view)
	p12, pw, err := signing.DemoCertificate("Bench Co", time.Now())
	check(err)
	signer, err := signing.Load(p12, pw)
	check(err)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	check(err)
	for i := 0; i < n; i++ {
		start := time.Now()
		_, err := signer.Sign(contract, signing.Info{Name: "Bench Co", Reason: "bench"})
		check(err)
		sign.samples = append(sign.samples, time.Since(start))
		start = time.Now()
		sum := sha256.Sum256(contract)
		_, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
		check(err)
		sign.base = append(sign.base, time.Since(start))
	}
	return []*figure{pdfJA, pdfEN, vsChromium, sign}
}

func benchActor(w *largeWorld) sales.Actor {
	users, err := w.uc.Users(context.Background())
	check(err)
	for _, u := range users {
		if u.Role == cpq.RoleRep {
			return sales.Actor{UserID: u.ID, Role: u.Role}
		}
	}
	check(fmt.Errorf("no rep in the demo data"))
	return sales.Actor{}
}

// pdfQuote saves a quote of the large scenario's first 1,000 lines, over five stores, in lang.
func pdfQuote(w *largeWorld, rep sales.Actor, lang cpq.Lang) string {
	ctx := context.Background()
	d, err := w.uc.Account(ctx, w.qc.Account.ID)
	check(err)
	var sites []string
	for _, s := range d.Sites[:5] {
		sites = append(sites, s.ID)
	}
	q, err := w.uc.CreateQuote(ctx, rep, sales.NewQuote{AccountID: d.Account.ID, Name: "Stores 1–5", TermMonths: 24,
		SiteIDs: sites, Lang: lang})
	check(err)
	lines, err := demo.LargeQuoteLines(w.cat, q.SiteGroups)
	check(err)
	check(w.uc.AddLines(ctx, rep, q.ID, lines[:pdfLines]))
	return q.ID
}

func timeQuotePDF(uc *sales.Service, rep sales.Actor, id string) time.Duration {
	start := time.Now()
	_, err := uc.QuotePDF(context.Background(), rep, id)
	check(err)
	return time.Since(start)
}

// bareTable is the reference point: a gofpdf table of 1,000 rows with the Japanese font, nothing else.
func bareTable(font []byte) time.Duration {
	start := time.Now()
	p := gofpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("ipa", "", font)
	p.SetFont("ipa", "", 9)
	p.AddPage()
	for r := 0; r < pdfLines; r++ {
		p.CellFormat(90, 5, fmt.Sprintf("ビジネス光 %d 号店", r), "1", 0, "L", false, 0, "")
		p.CellFormat(30, 5, "12,800", "1", 0, "R", false, 0, "")
		p.CellFormat(30, 5, "¥12,160", "1", 1, "R", false, 0, "")
	}
	var b bytes.Buffer
	check(p.Output(&b))
	return time.Since(start)
}

var quoteHTML = template.Must(template.New("q").Parse(`<!doctype html><html lang="{{.Lang}}"><head><meta charset="utf-8">
<style>
@page { size: A4; }
body { font-family: "IPAexGothic", "IPAexゴシック", sans-serif; font-size: 8.5pt; color: #222; }
h1 { font-size: 18pt; text-align: center; letter-spacing: 0.3em; }
.head { display: flex; justify-content: space-between; margin-bottom: 8mm; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th { background: #eef1f5; border-bottom: 1px solid #889; text-align: left; padding: 3px; }
td { border-bottom: 0.5px solid #ccd; padding: 3px; vertical-align: top; }
tr { page-break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
.group td { background: #f6f7f9; font-weight: bold; }
.detail { color: #667; font-size: 7.5pt; }
.totals { margin-top: 6mm; width: 60%; margin-left: 40%; }
</style></head><body>
<h1>{{if eq .Lang "ja"}}御見積書{{else}}QUOTATION{{end}}</h1>
<div class="head"><div><b>{{.Customer.Name}}</b> {{if eq .Lang "ja"}}{{if .Customer.Business}}御中{{else}}様{{end}}{{end}}<br>{{.Customer.Address}}</div>
<div>{{.Seller.Name}}<br>{{.Seller.Address}}<br>{{.Seller.Phone}}<br>{{.Seller.RegistrationNumber}}<br>{{.Number}} v{{.Version}} · {{.Date}} · {{.ValidUntil}}</div></div>
<table><thead><tr><th>Description</th><th>Qty</th><th>Unit</th><th>Discount</th><th>One-time</th><th>Monthly</th></tr></thead><tbody>
{{range .Groups}}<tr class="group"><td colspan="6">{{.Name}}</td></tr>
{{range .Lines}}<tr><td style="padding-left:{{.Depth}}em">{{.Description}}<div class="detail">{{.Detail}}</div></td><td class="n">{{.Quantity}}</td><td class="n">{{.UnitPrice}}</td><td class="n">{{.Discount}}</td><td class="n">{{.OneTime}}</td><td class="n">{{.Monthly}}</td></tr>
{{end}}<tr><td colspan="4"></td><td class="n">{{.OneTime}}</td><td class="n">{{.Monthly}}</td></tr>{{end}}
</tbody></table>
<table class="totals">
<tr><td>Net</td><td class="n">{{.Totals.OneTimeNet}}</td><td class="n">{{.Totals.MonthlyNet}}</td></tr>
{{range .Totals.Taxes}}<tr><td>{{.Label}} {{.Kind}}</td><td class="n">{{.Base}}</td><td class="n">{{.Tax}}</td></tr>{{end}}
<tr><td>Total</td><td class="n">{{.Totals.OneTimeGross}}</td><td class="n">{{.Totals.MonthlyGross}}</td></tr>
</table>
<ol>{{range .Terms}}<li>{{.}}</li>{{end}}</ol>
</body></html>`))

// chromiumPrint prints the quote as HTML to PDF in Chromium, n times, and returns the times.
func chromiumPrint(view *document.Quote, dir string, n int) []time.Duration {
	html := filepath.Join(dir, "quote.html")
	var b bytes.Buffer
	check(quoteHTML.Execute(&b, view))
	check(os.WriteFile(html, b.Bytes(), 0o644))
	out, err := exec.Command("node", "scripts/bench/chromium-pdf.mjs", html, filepath.Join(dir, "chromium.pdf"), fmt.Sprint(n)).Output()
	check(err, string(out))
	var ms []float64
	check(json.Unmarshal(out, &ms))
	times := make([]time.Duration, len(ms))
	for i, m := range ms {
		times[i] = time.Duration(m * float64(time.Millisecond))
	}
	return times
}

// contractPDF is a contract of the demo company's seven standard clauses and a schedule of one store's
// first 40 lines, as a signed contract is before its digital signature: about three pages.
func contractPDF(view *document.Quote) []byte {
	g := view.Groups[0]
	g.Lines = g.Lines[:min(40, len(g.Lines))]
	c := &document.Contract{Lang: view.Lang, Seller: view.Seller, Customer: view.Customer, Number: "C-000001", Version: 1,
		Date: view.Date, StartDate: view.Date, TermMonths: 24, Status: "締結済み", Schedule: []document.Group{g}, Totals: view.Totals,
		SellerSignature:   document.Signature{Name: "佐藤 健", Title: "営業", Date: view.Date, Typed: "佐藤 健"},
		CustomerSignature: document.Signature{Name: "山田 太郎", Title: "総務部長", Date: view.Date, Typed: "山田 太郎"}}
	for _, t := range demo.StandardClauses() {
		c.Clauses = append(c.Clauses, document.Clause{Title: t.Title.JA, Body: strings.NewReplacer("{start_date}", "2027年1月1日",
			"{term_months}", "24", "{notice_days}", "30", "{payment_days}", "30", "{availability}", "99.9").Replace(t.Body.JA)})
	}
	pdf, err := document.ContractPDF(c)
	check(err)
	return pdf
}
