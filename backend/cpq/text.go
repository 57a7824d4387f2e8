package cpq

import "strings"

// Lang is a UI and document language.
type Lang string

const (
	LangEN Lang = "en"
	LangJA Lang = "ja"
)

// ParseLang accepts "en" and "ja" (and regional forms such as "ja-JP").
func ParseLang(s string) (Lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return LangEN, nil
	case s == "ja" || strings.HasPrefix(s, "ja-") || strings.HasPrefix(s, "ja_"):
		return LangJA, nil
	}
	return "", Errorf(EInvalid, "lang.unknown", "value", s)
}

// Text is a string in both languages the product speaks.
type Text struct {
	EN string `json:"en"`
	JA string `json:"ja"`
}

// In returns the text in lang, falling back to the other language when that one is empty.
func (t Text) In(lang Lang) string {
	if lang == LangJA && t.JA != "" {
		return t.JA
	}
	if t.EN != "" {
		return t.EN
	}
	return t.JA
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return strings.TrimSpace(t.EN) == "" && strings.TrimSpace(t.JA) == "" }
