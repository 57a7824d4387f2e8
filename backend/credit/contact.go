package credit

import (
	"strings"
	"unicode"

	"quotewright/backend/cpq"
)

// plausibleEmail is stricter than the account form's check: it is scored, so "a@b.c " and "x@@y" must not
// count. It does not prove the address exists.
func plausibleEmail(s string) bool {
	s = strings.TrimSpace(s)
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(local) > 64 || len(s) > 254 || strings.Contains(domain, "@") {
		return false
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
	}
	return true
}

// japanesePhone reports whether s is a plausible Japanese telephone number and whether it is a mobile one
// (070, 080, 090). Numbers abroad are not plausible here: the local scoring only knows Japan's plan.
func japanesePhone(s string) (plausible, mobile bool) {
	s = cpq.CleanCode(s)
	international := strings.HasPrefix(s, "+81")
	s = strings.TrimPrefix(s, "+81")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == ' ' || r == '(' || r == ')' || r == '.':
		default:
			return false, false
		}
	}
	n := b.String()
	if international && !strings.HasPrefix(n, "0") {
		n = "0" + n // +81 3-… is 03-…
	}
	if len(n) < 2 || n[0] != '0' || n[1] == '0' {
		return false, false // 00… is a prefix for calling abroad
	}
	eleven := strings.HasPrefix(n, "050") || strings.HasPrefix(n, "0800") // IP phones, free dial
	mobile = !eleven && (strings.HasPrefix(n, "070") || strings.HasPrefix(n, "080") || strings.HasPrefix(n, "090"))
	switch {
	case mobile || eleven:
		return len(n) == 11, mobile && len(n) == 11
	case strings.HasPrefix(n, "020") || strings.HasPrefix(n, "060"):
		return false, false // pagers and machine numbers: nobody to call
	default:
		return len(n) == 10, false // fixed lines, 0120 free dial
	}
}
