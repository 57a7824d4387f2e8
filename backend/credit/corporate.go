package credit

import (
	"strings"

	"quotewright/backend/cpq"
)

// ValidCorporateNumber reports whether s is a Japanese corporate number (法人番号) whose check digit is right.
// Full-width digits, hyphens and spaces are accepted as typed ("7-0000-1205-0002").
//
// The number is a check digit followed by the 12-digit base number. The check digit is
// 9 − (Σ Pn × Qn mod 9) for n = 1…12, where Pn is the n-th digit of the base counted from its last digit and
// Qn is 1 for odd n and 2 for even n (財務省令 法人番号の指定等に関する省令 第二条; the modulo applies to the
// whole sum). It is therefore 1–9, never 0.
func ValidCorporateNumber(s string) bool {
	n := normalCorporateNumber(s)
	if len(n) != 13 || cpq.Digits(n) != n {
		return false
	}
	return int(n[0]-'0') == corporateCheckDigit(n[1:])
}

// corporateCheckDigit computes the check digit of a 12-digit base number of ASCII digits.
func corporateCheckDigit(base string) int {
	sum := 0
	for n := 1; n <= 12; n++ {
		digit := int(base[12-n] - '0')
		if n%2 == 0 {
			digit *= 2
		}
		sum += digit
	}
	return 9 - sum%9
}

// normalCorporateNumber writes a corporate number as entered without the separators people type into it.
func normalCorporateNumber(s string) string {
	return strings.NewReplacer("-", "", " ", "").Replace(cpq.CleanCode(s))
}
