package cpq

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// dashes are the characters Japanese input methods produce where a hyphen is meant in a phone number or a
// postal code (全角ハイフン, 長音符, マイナス記号 …).
var dashes = strings.NewReplacer("ー", "-", "−", "-", "‐", "-", "‑", "-", "–", "-", "—", "-", "―", "-", "ｰ", "-")

// CleanText trims s and brings full-width letters and digits to their usual forms and half-width katakana to
// full width (Unicode NFKC), so that "ＡＢＣ１２３" and "ｸﾞﾛｰﾊﾞﾙ" are stored as "ABC123" and "グローバル".
func CleanText(s string) string { return strings.TrimSpace(norm.NFKC.String(s)) }

// CleanCode cleans a phone number or postal code as typed with a Japanese input method: full-width digits and
// any kind of dash become ASCII digits and "-".
func CleanCode(s string) string { return dashes.Replace(CleanText(s)) }

// Katakana writes the hiragana of s in katakana ("ぐろーばる" → "グローバル"), the script readings (フリガナ)
// are stored in.
func Katakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// Digits keeps only the ASCII digits of s.
func Digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
