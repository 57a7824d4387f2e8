// Package redline compares two versions of a contract's clauses the way a lawyer reads a redline: clauses
// added, removed and changed, and inside a changed clause the words deleted and inserted.
package redline

import (
	"unicode"

	"quotewright/backend/cpq"
)

// Kind is what happened to a clause between the two versions.
type Kind string

const (
	Same    Kind = "same"
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Op is what happened to a run of text.
type Op string

const (
	Equal  Op = "equal"
	Insert Op = "insert"
	Delete Op = "delete"
)

// Segment is a run of text with what happened to it.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Clause is one clause of the comparison: its title and body as segments (whole inserts for an added
// clause, whole deletes for a removed one).
type Clause struct {
	Code  string    `json:"code"`
	Kind  Kind      `json:"kind"`
	Title []Segment `json:"title"`
	Body  []Segment `json:"body"`
}

// Compare lists the clauses of both versions in the newer version's order, a removed clause after the one
// that preceded it in the older version. Clauses are matched by code.
func Compare(older, newer []cpq.ContractClause) []Clause {
	oldIdx := make(map[string]int, len(older))
	for i, c := range older {
		oldIdx[c.Code] = i
	}
	inNew := make(map[string]bool, len(newer))
	for _, c := range newer {
		inNew[c.Code] = true
	}
	var out []Clause
	next := 0 // the next older clause not yet placed
	flushRemoved := func(upto int) {
		for ; next < upto; next++ {
			if c := older[next]; !inNew[c.Code] {
				out = append(out, Clause{Code: c.Code, Kind: Removed, Title: whole(Delete, c.Title), Body: whole(Delete, c.Body)})
			}
		}
	}
	for _, c := range newer {
		i, ok := oldIdx[c.Code]
		if !ok {
			out = append(out, Clause{Code: c.Code, Kind: Added, Title: whole(Insert, c.Title), Body: whole(Insert, c.Body)})
			continue
		}
		if i >= next {
			flushRemoved(i)
			next = i + 1
		}
		o := older[i]
		cl := Clause{Code: c.Code, Kind: Same, Title: Words(o.Title, c.Title), Body: Words(o.Body, c.Body)}
		if o.Title != c.Title || o.Body != c.Body {
			cl.Kind = Changed
		}
		out = append(out, cl)
	}
	flushRemoved(len(older))
	return out
}

// Differs reports whether the comparison shows any difference, a change of the clauses' order included
// (it renumbers them).
func Differs(cs []Clause) bool {
	for _, c := range cs {
		if c.Kind != Same {
			return true
		}
	}
	return false
}

// Reordered reports whether the clauses both versions have come in another order in the newer one.
func Reordered(older, newer []cpq.ContractClause) bool {
	inNew := map[string]bool{}
	for _, c := range newer {
		inNew[c.Code] = true
	}
	var a, b []string
	for _, c := range older {
		if inNew[c.Code] {
			a = append(a, c.Code)
		}
	}
	inOld := map[string]bool{}
	for _, c := range older {
		inOld[c.Code] = true
	}
	for _, c := range newer {
		if inOld[c.Code] {
			b = append(b, c.Code)
		}
	}
	for i := range a {
		if a[i] != b[i] {
			return true
		}
	}
	return false
}

func whole(op Op, s string) []Segment {
	if s == "" {
		return nil
	}
	return []Segment{{Op: op, Text: s}}
}

// maxCells bounds the comparison table of two texts; larger texts compare as one deletion and one insertion
// rather than take seconds (clauses are a few hundred words).
const maxCells = 4_000_000

// Words compares two texts word by word (character by character in Japanese and Chinese, which have no spaces
// between words) and returns the newer text's runs with the older text's deleted runs placed where they were.
func Words(a, b string) []Segment {
	if a == b {
		return whole(Equal, a)
	}
	x, y := tokens(a), tokens(b)
	// Common prefix and suffix need no table.
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	var out []Segment
	add := func(op Op, t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += t
			return
		}
		out = append(out, Segment{Op: op, Text: t})
	}
	for _, t := range x[:p] {
		add(Equal, t)
	}
	mx, my := x[p:len(x)-s], y[p:len(y)-s]
	if len(mx)*len(my) > maxCells {
		for _, t := range mx {
			add(Delete, t)
		}
		for _, t := range my {
			add(Insert, t)
		}
	} else {
		for _, e := range lcs(mx, my) {
			add(e.op, e.text)
		}
	}
	for _, t := range x[len(x)-s:] {
		add(Equal, t)
	}
	return out
}

type edit struct {
	op   Op
	text string
}

// lcs is the longest-common-subsequence edit script of two token lists, deletions before insertions at each
// change so that a replaced word reads "old new".
func lcs(x, y []string) []edit {
	n, m := len(x), len(y)
	w := m + 1
	t := make([]int32, (n+1)*w) // t[i*w+j]: LCS length of x[i:] and y[j:]
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	out := make([]edit, 0, n+m)
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case x[i] == y[j]:
			out = append(out, edit{Equal, x[i]})
			i, j = i+1, j+1
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			out = append(out, edit{Delete, x[i]})
			i++
		default:
			out = append(out, edit{Insert, y[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, edit{Delete, x[i]})
	}
	for ; j < m; j++ {
		out = append(out, edit{Insert, y[j]})
	}
	return out
}

// tokens splits text into words, runs of spaces, single punctuation marks and single CJK characters.
func tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		switch {
		case cjk(r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) && !cjk(rs[j]) {
				j++
			}
		case unicode.IsSpace(r):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}
