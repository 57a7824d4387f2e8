package document_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"quotewright/backend/document"
)

func renderQuote(t *testing.T, q *document.Quote) []byte {
	t.Helper()
	pdf, err := document.QuotePDF(q)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// everything a quote must print: the parties, every line, the subtotals and the totals.
func quoteFacts(q *document.Quote) []string {
	facts := []string{q.Customer.Name, q.Seller.Name, q.Number, q.Date, q.ValidUntil,
		q.Totals.OneTimeNet, q.Totals.MonthlyNet, q.Totals.OneTimeTax, q.Totals.MonthlyTax,
		q.Totals.OneTimeGross, q.Totals.MonthlyGross, q.Totals.ContractValue}
	for _, g := range q.Groups {
		facts = append(facts, g.Name, g.OneTime, g.Monthly)
		for _, ln := range g.Lines {
			facts = append(facts, ln.Description)
		}
	}
	for _, tl := range q.Totals.Taxes {
		facts = append(facts, tl.Base, tl.Tax)
	}
	return append(facts, q.Terms...)
}

func TestQuoteEnglish(t *testing.T) {
	q := smallQuote(false, true)
	path := save(t, "quote-en", renderQuote(t, q))
	text := checkPDF(t, path)
	mustContain(t, text, quoteFacts(q)...)
	mustContain(t, text, "QUOTATION", "Description", "Qty", "Unit price", "Discount", "One-time", "Monthly",
		"Subtotal (excl. tax)", "Total (incl. tax)", "Registration no. T1234567890123", "Attn: Hanako Yamada",
		"Total contract value (36 months, excl. tax)", "Terms and conditions", "Page 1 of 1")
	if strings.Contains(text, "御中") || strings.Contains(text, "様") {
		t.Error("an English quote addresses the customer with a Japanese honorific")
	}
	checkLayout(t, path, "Page")
	preview(t, path, "quote-en")
}

func TestQuoteJapaneseBusiness(t *testing.T) {
	q := smallQuote(true, true)
	path := save(t, "quote-ja", renderQuote(t, q))
	text := checkPDF(t, path)
	mustContain(t, text, quoteFacts(q)...)
	mustContain(t, text, "御見積書", "株式会社さくら商事　御中", "下記の通り御見積申し上げます。", "御見積金額（税込）",
		"登録番号 T1234567890123", "品名", "数量", "単価", "小計（税抜）", "消費税", "合計（税込）",
		"10%対象", "8%対象", "初期費用", "月額費用", "備考", "第3版", "1 / 1 ページ")
	if regexp.MustCompile(`さくら商事\s*様`).MatchString(text) {
		t.Error("a business is addressed with 様")
	}
	checkLayout(t, path, "ページ")
	preview(t, path, "quote-ja")
}

func TestQuoteJapaneseConsumer(t *testing.T) {
	q := smallQuote(true, false)
	text := checkPDF(t, save(t, "quote-ja-consumer", renderQuote(t, q)))
	mustContain(t, text, "鈴木 太郎　様")
	if strings.Contains(text, "御中") {
		t.Error("a consumer is addressed with 御中")
	}
}

func TestQuoteEnglishConsumer(t *testing.T) {
	q := smallQuote(false, false)
	text := checkPDF(t, save(t, "quote-en-consumer", renderQuote(t, q)))
	mustContain(t, text, "Taro Suzuki", "1-1 Kita, Sapporo")
}

// A long quote: the header row on every page above the rows, rows whole and in order, nothing overlapping,
// nothing in the footer, every page numbered.
func TestQuoteManyPages(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			ja := lang == "ja"
			q := largeQuote(ja, 300, true)
			path := save(t, "quote-long-"+lang, renderQuote(t, q))
			text := checkPDF(t, path)
			header, pageWord := "Description", "Page"
			if ja {
				header, pageWord = "品名", "ページ"
			}
			pages := checkLayout(t, path, pageWord)
			if len(pages) < 5 {
				t.Fatalf("300 lines with long details on %d pages", len(pages))
			}
			for n := range pages {
				footer := fmt.Sprintf("Page %d of %d", n+1, len(pages))
				if ja {
					footer = fmt.Sprintf("%d / %d ページ", n+1, len(pages))
				}
				mustContain(t, text, footer)
			}
			seen := map[string]int{}
			for n, p := range pages {
				headerY, firstRow := -1.0, p.Height
				for i, w := range p.Words {
					if w.Text == header {
						headerY = w.YMax
					}
					if w.Text == "Line" && i+1 < len(p.Words) {
						seen[p.Words[i+1].Text]++
						firstRow = min(firstRow, w.YMin)
					}
				}
				if firstRow < p.Height && (headerY < 0 || headerY > firstRow) {
					t.Errorf("page %d has rows but no header row above them", n+1)
				}
			}
			for i := 1; i <= 300; i++ {
				if n := seen[fmt.Sprint(i)]; n != 1 {
					t.Errorf("line %d printed %d times", i, n)
				}
			}
		})
	}
}

// A row taller than a page is split between its lines of text, still without overlap.
func TestQuoteRowTallerThanPage(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			q := smallQuote(lang == "ja", true)
			var detail []string
			for i := 1; i <= 150; i++ {
				detail = append(detail, fmt.Sprintf("port %d: VLAN %d, 1 Gbps, access mode", i, 100+i))
			}
			q.Groups[0].Lines[1].Detail = strings.Join(detail, "\n")
			path := save(t, "quote-tall-row-"+lang, renderQuote(t, q))
			text := checkPDF(t, path)
			mustContain(t, text, "port 1: VLAN 101", "port 75: VLAN 175", "port 150: VLAN 250")
			raw := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			for i := 1; i <= 150; i++ {
				if n := strings.Count(raw, fmt.Sprintf("port %d: ", i)); n != 1 {
					t.Errorf("port %d printed %d times", i, n)
				}
			}
			mustContain(t, text, map[string]string{"en": "Fibre access 1 Gbps (continued)", "ja": "光アクセス 1Gbps（続き）"}[lang])
			pageWord := map[string]string{"en": "Page", "ja": "ページ"}[lang]
			if pages := checkLayout(t, path, pageWord); len(pages) < 3 {
				t.Errorf("a 150-line detail on %d pages", len(pages))
			}
		})
	}
}

// Text the font cannot print (beyond the BMP) or that is no text at all (control characters) is replaced
// or dropped rather than breaking the document.
func TestQuoteOddText(t *testing.T) {
	q := smallQuote(false, true)
	q.Groups[0].Lines[0].Description = "Fibre \U0001F680 rocket\x00\x07 plan\tA"
	q.Groups[0].Lines[0].Detail = "bad UTF-8: \xff\xfe end"
	q.Customer.Name = "𠮷野家 Holdings" // 𠮷 is outside the BMP
	text := checkPDF(t, save(t, "quote-odd", renderQuote(t, q)))
	mustContain(t, text, "Fibre 〓 rocket plan A", "bad UTF-8: 〓〓 end", "〓野家 Holdings")
}

func TestQuoteWithoutLogoOrOptionalParts(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		q := smallQuote(lang == "ja", true)
		q.Seller.Logo, q.Terms, q.Notes, q.Title, q.TermMonths = nil, nil, "", "", 0
		q.Totals.Taxes, q.Totals.ContractValue = nil, ""
		q.Groups[1].Name = ""
		checkPDF(t, save(t, "quote-bare-"+lang, renderQuote(t, q)))
	}
}
