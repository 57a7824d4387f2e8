package leads

import (
	"cmp"
	"slices"
	"strings"

	"quotewright/backend/cpq"
)

// Match is an existing account that a lead may already be, and on what: "name", "email" and/or "phone".
type Match struct {
	AccountID string
	On        []string
}

// Matches lists the accounts a lead may duplicate, for the rep to choose from before converting it: accounts
// with the same name (see nameKey), the same email (on the account or any of its contacts; contacts are by
// account id) or the same phone number (see phoneKey). The name of a business lead is its company; a consumer
// account is named after the person, in either order. The accounts that agree on more come first, then by id,
// so the list is the same every time it is shown.
func Matches(l *cpq.Lead, accounts []*cpq.Account, contacts map[string][]*cpq.Contact) []Match {
	if l == nil {
		return nil
	}
	names := leadNames(l)
	email := emailKey(l.Email)
	phone := phoneKey(l.Phone)
	var out []Match
	for _, a := range accounts {
		if a == nil {
			continue
		}
		var on []string
		if len(names) > 0 && (slices.Contains(names, nameKey(a.Name)) || slices.Contains(names, nameKey(a.AltName))) {
			on = append(on, "name")
		}
		if email != "" && slices.ContainsFunc(reachable(a, contacts), func(c [2]string) bool { return emailKey(c[0]) == email }) {
			on = append(on, "email")
		}
		if phone != "" && slices.ContainsFunc(reachable(a, contacts), func(c [2]string) bool { return phoneKey(c[1]) == phone }) {
			on = append(on, "phone")
		}
		if len(on) > 0 {
			out = append(out, Match{AccountID: a.ID, On: on})
		}
	}
	slices.SortFunc(out, func(x, y Match) int {
		if c := cmp.Compare(len(y.On), len(x.On)); c != 0 {
			return c
		}
		return cmp.Compare(x.AccountID, y.AccountID)
	})
	return out
}

// leadNames are the name keys an account of this lead could have. AltName is compared too, since a Japanese
// company is often known to the rep by its English name and the reverse.
func leadNames(l *cpq.Lead) []string {
	var raw []string
	if l.Segment == cpq.SegmentBusiness {
		raw = []string{l.Company}
	} else {
		// nameKey drops spaces, so "山田 太郎" and "山田太郎" are one key; the given-name-first order is how
		// cpq.Contact.FullName writes a name that is not Japanese, and so how such a consumer may be named.
		raw = []string{l.LastName + " " + l.FirstName, l.FirstName + " " + l.LastName}
	}
	var keys []string
	for _, s := range raw {
		if k := nameKey(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// reachable are the email and phone pairs of an account and of its contacts.
func reachable(a *cpq.Account, contacts map[string][]*cpq.Contact) [][2]string {
	out := [][2]string{{a.Email, a.Phone}}
	for _, c := range contacts[a.ID] {
		if c != nil {
			out = append(out, [2]string{c.Email, c.Phone})
		}
	}
	return out
}

// jaForms are the legal-form words of Japanese company names, with the abbreviations NFKC makes of ㈱, ㈲
// and the full-width （株）. They carry no identity: "株式会社ABC" and "ABC株式会社" are the same company.
var jaForms = []string{"株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)", "(資)", "(名)"}

// enForms are the English legal-form words, once dots are dropped and commas are spaces.
var enForms = map[string]bool{
	"co": true, "ltd": true, "coltd": true, "inc": true, "corp": true, "corporation": true, "company": true,
	"limited": true, "kk": true, "gk": true, "llc": true,
}

// nameKey writes a company or person name the way two spellings of the same name agree: NFKC (full-width
// letters, half-width katakana), lower case, without legal-form words and spaces. English form words are
// dropped only at the start and end, where they are written, so a name such as "Co-op Mart" keeps its words.
func nameKey(s string) string {
	s = strings.ToLower(cpq.CleanText(s))
	for _, f := range jaForms {
		s = strings.ReplaceAll(s, f, " ")
	}
	s = strings.NewReplacer(".", "", ",", " ", "、", " ", "・", " ").Replace(s)
	words := strings.Fields(s)
	for len(words) > 0 && enForms[words[0]] {
		words = words[1:]
	}
	for len(words) > 0 && enForms[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, "")
}

// emailKey is an email as compared: mail systems treat addresses without regard to case in practice.
func emailKey(s string) string { return strings.ToLower(cpq.CleanText(s)) }

// phoneKey is a phone number as compared: its digits, with Japan's +81 written as the domestic leading 0
// ("+81 3-1234-5678" and "+81 (0)3 1234 5678" are 0312345678). Fewer than six digits is not a number to
// match on (the shortest cpq accepts), so it gives "".
func phoneKey(s string) string {
	s = cpq.CleanCode(s)
	d := cpq.Digits(s)
	if strings.HasPrefix(strings.TrimSpace(s), "+81") {
		d = "0" + strings.TrimPrefix(d[2:], "0")
	}
	if len(d) < 6 {
		return ""
	}
	return d
}
