package redline_test

import (
	"reflect"
	"strings"
	"testing"

	"quotewright/backend/cpq"
	"quotewright/backend/redline"
)

func TestWordsMarksTheChangedWords(t *testing.T) {
	got := redline.Words("Either party may end this contract with 30 days notice.",
		"Either party may end this contract with 60 days written notice.")
	want := []redline.Segment{
		{Op: redline.Equal, Text: "Either party may end this contract with "},
		{Op: redline.Delete, Text: "30"},
		{Op: redline.Insert, Text: "60"},
		{Op: redline.Equal, Text: " days"},
		{Op: redline.Insert, Text: " written"},
		{Op: redline.Equal, Text: " notice."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %#v\nwant %#v", got, want)
	}
}

func TestWordsJapaneseByCharacter(t *testing.T) {
	got := redline.Words("期間満了の 30 日前までに書面で通知", "期間満了の 90 日前までに書面または電子メールで通知")
	var del, ins []string
	for _, s := range got {
		switch s.Op {
		case redline.Delete:
			del = append(del, s.Text)
		case redline.Insert:
			ins = append(ins, s.Text)
		}
	}
	if strings.Join(del, "|") != "30" || strings.Join(ins, "|") != "90|または電子メール" {
		t.Errorf("deleted %q, inserted %q (segments %#v)", del, ins, got)
	}
}

func TestWordsRebuildsBothTexts(t *testing.T) {
	pairs := [][2]string{
		{"", "new text"}, {"old text", ""}, {"a b c", "c b a"}, {"同じ", "同じ"},
		{"The Customer pays within 30 days.", "The Customer pays monthly in arrears within 45 days of the invoice."},
	}
	for _, p := range pairs {
		var older, newer strings.Builder
		for _, s := range redline.Words(p[0], p[1]) {
			if s.Op != redline.Insert {
				older.WriteString(s.Text)
			}
			if s.Op != redline.Delete {
				newer.WriteString(s.Text)
			}
		}
		if older.String() != p[0] || newer.String() != p[1] {
			t.Errorf("Words(%q, %q) rebuilds %q and %q", p[0], p[1], older.String(), newer.String())
		}
	}
}

func TestCompareClauses(t *testing.T) {
	older := []cpq.ContractClause{{Code: "A", Title: "Services", Body: "We supply."}, {Code: "B", Title: "Term", Body: "24 months."},
		{Code: "C", Title: "Notice", Body: "30 days."}, {Code: "D", Title: "Law", Body: "Japan."}}
	newer := []cpq.ContractClause{{Code: "A", Title: "Services", Body: "We supply."}, {Code: "C", Title: "Notice", Body: "60 days."},
		{Code: "CUSTOM1", Title: "Discount", Body: "Extra 5%."}, {Code: "D", Title: "Law", Body: "Japan."}}
	got := redline.Compare(older, newer)
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Code+":"+string(c.Kind))
	}
	if want := "A:same B:removed C:changed CUSTOM1:added D:same"; strings.Join(kinds, " ") != want {
		t.Errorf("clauses = %s, want %s", strings.Join(kinds, " "), want)
	}
	if !redline.Differs(got) || redline.Differs(redline.Compare(older, older)) {
		t.Error("Differs does not tell a difference from none")
	}
}
