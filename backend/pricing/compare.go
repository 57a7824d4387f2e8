package pricing

import (
	"reflect"
	"strconv"
)

// Change says how a line differs between two versions of a quote.
type Change string

const (
	Added   Change = "added"
	Removed Change = "removed"
	Changed Change = "changed" // quantity, configuration, discount or price differ
	Same    Change = "same"
)

// Diff is one line of a comparison: A is the line in the older version, B in the newer; one of them is nil for
// a line added or removed.
type Diff struct {
	Change Change
	A, B   *Line
	Depth  int
}

// Version is a quote version with its prices, as Compare reads it.
type Version struct {
	Lines []VersionLine
	Res   *Result
}

// VersionLine is what Compare knows of a line: where it is (the site, the product path under its bundles),
// and what it is (quantity, configuration, discounts).
type VersionLine struct {
	ID, ParentID, Site, ProductID string
	Quantity                      int
	Attributes                    map[string]string
	Discount                      string
}

// Compare matches the lines of two versions and says what changed. Versions of a quote share no line ids, so
// a line is matched by where it is: its site, the products of the bundles above it, its own product, and
// which of the same it is there. The order is b's, with each removed line where it was in a.
func Compare(a, b Version) []Diff {
	ka, kb := keys(a.Lines), keys(b.Lines)
	pa, pb := priced(a.Res), priced(b.Res)
	inB := map[string]int{}
	for i, k := range kb {
		inB[k] = i
	}
	inA := map[string]int{}
	for i, k := range ka {
		inA[k] = i
	}
	depth := func(ls []VersionLine) []int {
		d := make([]int, len(ls))
		at := map[string]int{}
		for i, l := range ls {
			if l.ParentID != "" {
				d[i] = d[at[l.ParentID]] + 1
			}
			at[l.ID] = i
		}
		return d
	}
	da, db := depth(a.Lines), depth(b.Lines)
	var out []Diff
	next := 0 // the first line of a not yet placed
	removedUpTo := func(j int) {
		for ; next < j; next++ {
			if _, ok := inB[ka[next]]; !ok {
				out = append(out, Diff{Change: Removed, A: pa[a.Lines[next].ID], Depth: da[next]})
			}
		}
	}
	for i, l := range b.Lines {
		j, ok := inA[kb[i]]
		if !ok {
			out = append(out, Diff{Change: Added, B: pb[l.ID], Depth: db[i]})
			continue
		}
		// Lines of a removed before this one's match come first: removed lines keep their place.
		removedUpTo(j)
		if next <= j {
			next = j + 1
		}
		old := a.Lines[j]
		c := Same
		if old.Quantity != l.Quantity || old.Discount != l.Discount || !reflect.DeepEqual(norm(old.Attributes), norm(l.Attributes)) ||
			!samePrices(pa[old.ID], pb[l.ID]) {
			c = Changed
		}
		out = append(out, Diff{Change: c, A: pa[old.ID], B: pb[l.ID], Depth: db[i]})
	}
	removedUpTo(len(a.Lines))
	return out
}

func keys(ls []VersionLine) []string {
	path := map[string]string{}
	seen := map[string]int{}
	out := make([]string, len(ls))
	for i, l := range ls {
		p := l.Site + "/" + l.ProductID
		if l.ParentID != "" {
			p = path[l.ParentID] + "/" + l.ProductID
		}
		path[l.ID] = p
		seen[p]++
		out[i] = p + "#" + strconv.Itoa(seen[p])
	}
	return out
}

func priced(r *Result) map[string]*Line {
	out := map[string]*Line{}
	if r == nil {
		return out
	}
	for i := range r.Lines {
		out[r.Lines[i].LineID] = &r.Lines[i]
	}
	return out
}

func norm(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

func samePrices(a, b *Line) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.Charges) != len(b.Charges) {
		return false
	}
	for i := range a.Charges {
		x, y := a.Charges[i], b.Charges[i]
		if x.Kind != y.Kind || !x.Net.Equal(y.Net) || !x.NetAfter.Equal(y.NetAfter) {
			return false
		}
	}
	return true
}
