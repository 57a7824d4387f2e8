package credit_test

import (
	"testing"

	"quotewright/backend/credit"
)

func TestValidCorporateNumberAcceptsPublishedNumbers(t *testing.T) {
	for _, n := range []string{
		"7000012050002",    // 国税庁 (National Tax Agency)
		"1180301018771",    // トヨタ自動車株式会社
		"7-0000-1205-0002", // as typed with hyphens
		"７０００ ０１２０ ５０００２", // full-width digits from a Japanese input method
	} {
		if got, want := credit.ValidCorporateNumber(n), true; got != want {
			t.Errorf("ValidCorporateNumber(%q) = %v, want %v", n, got, want)
		}
	}
}

func TestValidCorporateNumberCatchesEverySingleDigitChange(t *testing.T) {
	const valid = "7000012050002"
	for i := range len(valid) {
		b := []byte(valid)
		// +2 (mod 10) never changes a digit by a multiple of 9, the one change the check digit cannot see.
		b[i] = '0' + (b[i]-'0'+2)%10
		if got, want := credit.ValidCorporateNumber(string(b)), false; got != want {
			t.Errorf("ValidCorporateNumber(%q) = %v, want %v (digit %d changed)", b, got, want, i+1)
		}
	}
}

func TestValidCorporateNumberRejectsOtherShapes(t *testing.T) {
	for _, n := range []string{
		"",
		"000012050002",   // 12 digits: the base number without its check digit
		"70000120500020", // 14 digits
		"0000012050002",  // a check digit is never 0
		"700001205000X",
		"T7000012050002", // an invoice registration number, not a corporate number
		"1010401000001",  // Global Media's number with a wrong check digit (2)
		"2010001000002",  // Midori Logistics' number with a wrong check digit (5)
	} {
		if got, want := credit.ValidCorporateNumber(n), false; got != want {
			t.Errorf("ValidCorporateNumber(%q) = %v, want %v", n, got, want)
		}
	}
}
