package cpq

import (
	"regexp"
	"sort"
	"strings"
)

// ClauseTemplate is a standard clause of the clause library, held as data: a title and a body in English and
// Japanese, with variables written {name} (the term, the notice period …) that a contract fills in.
type ClauseTemplate struct {
	Code     string
	Title    Text
	Body     Text
	Position int
	Active   bool
}

var clauseVar = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// Variables lists the variables the clause uses, in either language, sorted.
func (c *ClauseTemplate) Variables() []string {
	seen := map[string]bool{}
	for _, s := range []string{c.Body.EN, c.Body.JA, c.Title.EN, c.Title.JA} {
		for _, m := range clauseVar.FindAllStringSubmatch(s, -1) {
			seen[m[1]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// Validate checks a clause before it is saved: both languages, and the same variables in each, so that a
// contract in either language says the same thing.
func (c *ClauseTemplate) Validate() error {
	v := Validation{Key: "clause.invalid"}
	v.Require("code", c.Code, "clause.code.required")
	if strings.TrimSpace(c.Title.EN) == "" || strings.TrimSpace(c.Title.JA) == "" {
		v.Add("title", "clause.title.required")
	}
	if strings.TrimSpace(c.Body.EN) == "" || strings.TrimSpace(c.Body.JA) == "" {
		v.Add("body", "clause.body.required")
	}
	en, ja := varsIn(c.Body.EN), varsIn(c.Body.JA)
	if strings.Join(en, ",") != strings.Join(ja, ",") {
		v.Add("body", "clause.variables.differ", "en", strings.Join(en, ", "), "ja", strings.Join(ja, ", "))
	}
	return v.Err()
}

func varsIn(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range clauseVar.FindAllStringSubmatch(s, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Render is the clause in lang with its variables filled in. A variable without a value is an error naming
// it: a contract never goes out with "{notice_days}" in it.
func (c *ClauseTemplate) Render(lang Lang, values map[string]string) (ContractClause, error) {
	var missing []string
	fill := func(s string) string {
		return clauseVar.ReplaceAllStringFunc(s, func(m string) string {
			name := m[1 : len(m)-1]
			v, ok := values[name]
			if !ok || strings.TrimSpace(v) == "" {
				missing = append(missing, name)
				return m
			}
			return v
		})
	}
	out := ContractClause{Code: c.Code, Title: fill(c.Title.In(lang)), Body: fill(c.Body.In(lang)), Position: c.Position}
	if len(missing) > 0 {
		sort.Strings(missing)
		return out, Errorf(EInvalid, "clause.variable.missing", "clause", c.Code, "names", strings.Join(missing, ", "))
	}
	return out, nil
}
