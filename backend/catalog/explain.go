package catalog

import (
	"strings"

	"quotewright/backend/cpq"
)

// Explanation says why a product is hidden or a line refused. Its arguments are bilingual (product names), so
// it renders in either language; a rule's own message, when it has one, replaces the generated text.
type Explanation struct {
	Rule   string // the rule's code, when a rule decided
	Key    string
	Args   map[string]cpq.Text
	Custom cpq.Text
}

// Text renders the explanation in lang.
func (e Explanation) Text(lang cpq.Lang) string {
	if !e.Custom.IsZero() {
		return e.Custom.In(lang)
	}
	args := make(map[string]string, len(e.Args))
	for k, v := range e.Args {
		args[k] = v.In(lang)
	}
	return cpq.Message(lang, e.Key, args)
}

func explain(key string, args ...any) Explanation {
	e := Explanation{Key: key, Args: map[string]cpq.Text{}}
	for i := 0; i+1 < len(args); i += 2 {
		name := args[i].(string)
		switch v := args[i+1].(type) {
		case cpq.Text:
			e.Args[name] = v
		case string:
			e.Args[name] = cpq.Text{EN: v, JA: v}
		}
	}
	return e
}

// list joins values for a message: "a, b or c" / "a、b、c".
func list(values []string, labels func(string) cpq.Text) cpq.Text {
	en := make([]string, len(values))
	ja := make([]string, len(values))
	for i, v := range values {
		t := cpq.Text{EN: v, JA: v}
		if labels != nil {
			t = labels(v)
		}
		en[i], ja[i] = t.In(cpq.LangEN), t.In(cpq.LangJA)
	}
	out := cpq.Text{JA: strings.Join(ja, "、")}
	switch len(en) {
	case 0:
	case 1:
		out.EN = en[0]
	default:
		out.EN = strings.Join(en[:len(en)-1], ", ") + " or " + en[len(en)-1]
	}
	return out
}

// label looks a word up in the message catalog in both languages ("segment.business" → Business, 法人).
func label(prefix string) func(string) cpq.Text {
	return func(v string) cpq.Text {
		key := prefix + v
		if !cpq.HasMessage(key) {
			return cpq.Text{EN: v, JA: v}
		}
		return cpq.Text{EN: cpq.Message(cpq.LangEN, key, nil), JA: cpq.Message(cpq.LangJA, key, nil)}
	}
}
