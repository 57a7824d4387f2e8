package pricing_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/backend/pricing"
)

func monthly(id, amount string) pricing.Line {
	return pricing.Line{LineID: id, Charges: []pricing.Charge{{Kind: pricing.Monthly, Net: decimal.RequireFromString(amount),
		NetAfter: decimal.RequireFromString(amount)}}}
}

func TestCompareMatchesLinesAcrossVersions(t *testing.T) {
	a := pricing.Version{
		Lines: []pricing.VersionLine{
			{ID: "a1", Site: "s1", ProductID: "fibre", Quantity: 1},
			{ID: "a2", Site: "s1", ProductID: "wifi", Quantity: 2},
			{ID: "a3", ParentID: "a1", Site: "s1", ProductID: "router", Quantity: 1},
			{ID: "a4", Site: "s2", ProductID: "fibre", Quantity: 1},
		},
		Res: &pricing.Result{Lines: []pricing.Line{monthly("a1", "100"), monthly("a2", "20"), monthly("a3", "5"), monthly("a4", "100")}},
	}
	b := pricing.Version{
		Lines: []pricing.VersionLine{
			{ID: "b1", Site: "s1", ProductID: "fibre", Quantity: 1, Discount: "10"},
			{ID: "b3", ParentID: "b1", Site: "s1", ProductID: "router", Quantity: 1},
			{ID: "b4", Site: "s2", ProductID: "fibre", Quantity: 1},
			{ID: "b5", Site: "s2", ProductID: "sip", Quantity: 4},
		},
		Res: &pricing.Result{Lines: []pricing.Line{monthly("b1", "90"), monthly("b3", "5"), monthly("b4", "100"), monthly("b5", "40")}},
	}
	got := pricing.Compare(a, b)
	want := []struct {
		change pricing.Change
		a, b   string
		depth  int
	}{
		{pricing.Changed, "a1", "b1", 0},
		{pricing.Removed, "a2", "", 0},
		{pricing.Same, "a3", "b3", 1},
		{pricing.Same, "a4", "b4", 0},
		{pricing.Added, "", "b5", 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		ga, gb := "", ""
		if g.A != nil {
			ga = g.A.LineID
		}
		if g.B != nil {
			gb = g.B.LineID
		}
		if g.Change != w.change || ga != w.a || gb != w.b || g.Depth != w.depth {
			t.Errorf("row %d = %s %s→%s depth %d, want %s %s→%s depth %d", i, g.Change, ga, gb, g.Depth, w.change, w.a, w.b, w.depth)
		}
	}
	// A price that moved under an unchanged line is a change too.
	b.Res.Lines[2] = monthly("b4", "110")
	if got := pricing.Compare(a, b); got[3].Change != pricing.Changed {
		t.Errorf("a repriced line = %s, want changed", got[3].Change)
	}
}
