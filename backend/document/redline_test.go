package document_test

import (
	"strings"
	"testing"

	"quotewright/backend/document"
)

func renderRedline(t *testing.T, r *document.Redline) []byte {
	t.Helper()
	pdf, err := document.RedlinePDF(r)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestRedlineEnglish(t *testing.T) {
	r := redline(false)
	path := save(t, "redline-en", renderRedline(t, r))
	text := checkPDF(t, path)
	mustContain(t, text, "Contract redline", "C-2025-0007", "Version 1 → version 2",
		"1 changed · 1 added · 1 removed · 1 unchanged", "Inserted", "Deleted",
		"Purpose", "Term", "Exclusivity", "Service levels", "Changed", "Added", "Removed", "Unchanged",
		// the deleted and the inserted words, in the order they were written
		"runs for 24 36 months", "gives one month's three months' notice",
		"The Customer buys these services from the Provider alone.",
		"The Provider keeps the fibre service available 99.9% of each month.")
	checkLayout(t, path, "Page")
	preview(t, path, "redline-en")
}

func TestRedlineJapanese(t *testing.T) {
	r := redline(true)
	path := save(t, "redline-ja", renderRedline(t, r))
	text := checkPDF(t, path)
	mustContain(t, text, "契約書 変更箇所対照表", "第1版 → 第2版", "変更 1件・追加 1件・削除 1件・変更なし 1件",
		"24ヶ月", "36ヶ月", "1ヶ月前", "3ヶ月前", "甲は、本サービスを乙からのみ購入する。",
		"乙は、光回線サービスの月間稼働率99.9%以上を維持する。", "変更なし")
	checkLayout(t, path, "ページ")
}

// A long changed clause flows over pages, its styled runs wrapping like the plain ones.
func TestRedlineLong(t *testing.T) {
	r := redline(false)
	var segs []document.Segment
	for i := 0; i < 120; i++ {
		segs = append(segs,
			document.Segment{Op: document.OpEqual, Text: "The parties agree that "},
			document.Segment{Op: document.OpDelete, Text: "the old wording "},
			document.Segment{Op: document.OpInsert, Text: "the new wording "},
			document.Segment{Op: document.OpEqual, Text: "applies. "})
	}
	r.Clauses[1].Segments = segs
	path := save(t, "redline-long", renderRedline(t, r))
	text := checkPDF(t, path)
	if n := strings.Count(text, "new wording"); n < 120 {
		t.Errorf("%d of 120 insertions in the text", n)
	}
	if pages := checkLayout(t, path, "Page"); len(pages) < 2 {
		t.Errorf("a long redline on %d page", len(pages))
	}
}
