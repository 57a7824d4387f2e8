package document_test

import (
	"strings"
	"testing"

	"quotewright/backend/document"
)

func renderContract(t *testing.T, c *document.Contract) []byte {
	t.Helper()
	pdf, err := document.ContractPDF(c)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestContractEnglishSigned(t *testing.T) {
	c := contract(false, true) // the customer's signature is a drawn PNG with transparency
	path := save(t, "contract-en", renderContract(t, c))
	text := checkPDF(t, path)
	for _, cl := range c.Clauses {
		mustContain(t, text, cl.Title)
	}
	mustContain(t, text, "Service Agreement", "C-2025-0007", "1. Purpose", "5. Governing law",
		"Schedule 1 — Charges", "Business Fibre 1G bundle", c.Totals.MonthlyGross,
		"Provider", "Customer", c.Seller.Name, c.Customer.Name,
		"Ichiro Sato", "Sales Director", "Hanako Yamada", "General Manager, IT", "2025-06-12", "Signature")
	if strings.Contains(text, "DRAFT") {
		t.Error("a signed contract is marked DRAFT")
	}
	checkLayout(t, path, "Page")
	preview(t, path, "contract-en")
}

func TestContractJapaneseDraft(t *testing.T) {
	c := contract(true, false)
	c.Customer.Contact = "" // so that the customer's signer is nowhere to be printed
	c.Status = "交渉中"        // so that 草案 can only be the draft's mark
	path := save(t, "contract-ja", renderContract(t, c))
	text := checkPDF(t, path)
	mustContain(t, text, "サービス利用契約書", "草案", "第1条（目的）", "第3条（料金及び支払）", "第5条（準拠法及び管轄）",
		"（以下「甲」という。）", "（以下「乙」という。）", "別紙　料金明細", "甲乙署名の上",
		"氏名", "役職", "日付", "署名", "佐藤 一郎", "営業本部長")
	// Both blocks on the last page, each headed by its party's label, 甲 (the customer) on the left; the
	// unsigned customer's has blank fields.
	pages := layout(t, path)
	at := map[string]float64{}
	for _, w := range pages[len(pages)-1].Words {
		if w.Text == "甲" || w.Text == "乙" {
			at[w.Text] = w.XMin
		}
	}
	if len(at) != 2 || at["甲"] >= at["乙"] {
		t.Errorf("the signature blocks' labels on the last page: %v", at)
	}
	if strings.Contains(text, "山田 花子") {
		t.Error("the unsigned customer block prints a signer")
	}
	preview(t, path, "contract-ja")
}

func TestContractSignedJapaneseLayout(t *testing.T) {
	c := contract(true, true)
	c.Draft = false
	path := save(t, "contract-ja-signed", renderContract(t, c))
	text := checkPDF(t, path)
	mustContain(t, text, "山田 花子", "情報システム部長", "2025年6月12日")
	checkLayout(t, path, "ページ") // no watermark: every word must stand clear of every other
}

func TestContractEnglishDraft(t *testing.T) {
	c := contract(false, false)
	c.Status = "In negotiation"
	text := checkPDF(t, save(t, "contract-en-draft", renderContract(t, c)))
	mustContain(t, text, "DRAFT", "Provider", "Customer", "Ichiro Sato")
	if strings.Contains(text, "General Manager") {
		t.Error("the unsigned customer block prints a signer")
	}
}

// Clauses long enough to run over several pages wrap without overlapping, and the signature blocks stay
// together at the end.
func TestContractLongClauses(t *testing.T) {
	c := contract(false, true)
	for i := range c.Clauses {
		c.Clauses[i].Body = strings.Repeat(c.Clauses[i].Body+" ", 8) + "\n" + strings.Repeat("Second paragraph. ", 40)
	}
	path := save(t, "contract-long", renderContract(t, c))
	text := checkPDF(t, path)
	mustContain(t, text, "Governing law", "Hanako Yamada")
	pages := checkLayout(t, path, "Page")
	if len(pages) < 3 {
		t.Errorf("long clauses on %d pages", len(pages))
	}
	last := pages[len(pages)-1]
	var labels int
	for _, w := range last.Words {
		if w.Text == "Provider" || w.Text == "Customer" {
			labels++
		}
	}
	if labels < 2 {
		t.Error("the two signature blocks are not together on the last page")
	}
}

// An unsigned block leaves its fields blank, even when the signer is already known.
func TestContractUnsignedBlockIsBlank(t *testing.T) {
	c := contract(false, false)
	c.CustomerSignature = document.Signature{Name: "Jiro Tanaka", Title: "CIO", Date: "2025-07-01"}
	text := checkPDF(t, save(t, "contract-unsigned", renderContract(t, c)))
	if strings.Contains(text, "Jiro Tanaka") || strings.Contains(text, "CIO") {
		t.Error("an unsigned block prints its signer")
	}
	mustContain(t, text, "Ichiro Sato", "Sales Director") // the seller's, typed, is signed
}
