package approval_test

import (
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"quotewright/backend/approval"
	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// policy is the demo company's: reps give 10% and keep 20% margin, managers 30% and 10%, directors 50% and 0%.
func policy() approval.Policy {
	return approval.Policy{
		Authorities: []*cpq.RoleAuthority{
			{Role: cpq.RoleRep, MaxDiscountPct: d("10"), MinMarginPct: d("20")},
			{Role: cpq.RoleManager, MaxDiscountPct: d("30"), MinMarginPct: d("10")},
			{Role: cpq.RoleDirector, MaxDiscountPct: d("50"), MinMarginPct: d("0")},
			{Role: cpq.RoleAdmin, MaxDiscountPct: d("100"), MinMarginPct: d("-100")},
		},
		Rules: []*cpq.ApprovalRule{
			{Code: "DISCOUNT", Kind: cpq.RuleDiscount, Active: true},
			{Code: "MARGIN", Kind: cpq.RuleMargin, Active: true},
			{Code: "TCV-JPY", Kind: cpq.RuleTCV, Amount: d("100000000"), Currency: "JPY", Level: cpq.RoleDirector, Active: true},
			{Code: "TCV-USD", Kind: cpq.RuleTCV, Amount: d("750000"), Currency: "USD", Level: cpq.RoleDirector, Active: true},
		},
	}
}

var cat, _ = catalog.New(catalog.Data{Products: []*cpq.Product{{ID: "p1", Code: "FIBRE", Kind: cpq.ProductSimple,
	Name: cpq.Text{EN: "Fibre", JA: "光回線"}, Status: cpq.ProductActive}}})

// quote builds a quote of n lines of 10,000 a month each, the given line and quote discounts, priced with the
// margin and contract value given.
func quote(n int, linePct, quotePct, marginPct, tcv string) (*cpq.Quote, *pricing.Result) {
	q := &cpq.Quote{ID: "q1", Version: 1, Currency: "JPY", TermMonths: 24, DiscountPct: d(quotePct),
		SiteGroups: []cpq.SiteGroup{{ID: "g1", Name: "Shinjuku"}}}
	jpy, _ := cpq.LookupCurrency("JPY")
	r := &pricing.Result{Currency: jpy, Totals: pricing.Totals{TCV: d(tcv), MarginPct: d(marginPct)}}
	for i := 0; i < n; i++ {
		id := "l" + strconv.Itoa(i+1)
		q.Lines = append(q.Lines, cpq.QuoteLine{ID: id, SiteGroupID: "g1", ProductID: "p1", Quantity: 1, DiscountPct: d(linePct)})
		running := d("10000")
		steps := []pricing.Step{{Kind: pricing.StepList, Amount: running, Running: running}}
		for _, x := range []struct {
			kind pricing.StepKind
			pct  string
		}{{pricing.StepLineDiscount, linePct}, {pricing.StepQuoteDiscount, quotePct}} {
			if d(x.pct).IsZero() {
				continue
			}
			off := running.Mul(d(x.pct)).Shift(-2).Neg()
			running = running.Add(off)
			steps = append(steps, pricing.Step{Kind: x.kind, Amount: off, Running: running})
		}
		r.Lines = append(r.Lines, pricing.Line{LineID: id, ProductID: "p1", SiteGroupID: "g1", Quantity: 1, EffectiveQuantity: 1,
			Charges: []pricing.Charge{{Kind: pricing.Monthly, Steps: steps, Net: running, NetAfter: running}}})
	}
	return q, r
}

func TestPolicyDecisions(t *testing.T) {
	tests := []struct {
		name                     string
		owner                    cpq.Role
		lines                    int
		line, quote, margin, tcv string
		level                    cpq.Role
		keys                     []string
	}{
		{"within a rep's authority", cpq.RoleRep, 3, "10", "0", "40", "720000", "", nil},
		{"a line at 20% needs a manager", cpq.RoleRep, 1, "20", "0", "30", "720000", cpq.RoleManager, []string{"approval.reason.lineDiscount"}},
		{"line and quote discounts compound: 10% then 10% is 19%", cpq.RoleRep, 1, "10", "10", "30", "720000", cpq.RoleManager,
			[]string{"approval.reason.lineDiscount"}},
		{"a 35% quote discount is one reason, lines without their own discount are not listed", cpq.RoleRep, 5, "0", "35", "25",
			"720000", cpq.RoleDirector, []string{"approval.reason.quoteDiscount"}},
		{"a manager gives 25% alone", cpq.RoleManager, 2, "25", "0", "15", "720000", "", nil},
		{"a thin margin needs a director", cpq.RoleRep, 1, "0", "0", "8", "720000", cpq.RoleDirector, []string{"approval.reason.margin"}},
		{"a loss is beyond every authority but the top", cpq.RoleManager, 1, "0", "0", "-5", "720000", cpq.RoleAdmin,
			[]string{"approval.reason.margin"}},
		{"a large contract needs a director even at list price", cpq.RoleRep, 1, "0", "0", "40", "120000000", cpq.RoleDirector,
			[]string{"approval.reason.tcv"}},
		{"a director's own large contract needs nobody", cpq.RoleDirector, 1, "0", "0", "40", "120000000", "", nil},
		{"the highest level wins", cpq.RoleRep, 1, "20", "0", "5", "720000", cpq.RoleDirector,
			[]string{"approval.reason.lineDiscount", "approval.reason.margin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, r := quote(tt.lines, tt.line, tt.quote, tt.margin, tt.tcv)
			got := approval.Decide(policy(), tt.owner, cat, q, r)
			if got.Level != tt.level || got.Needed() != (tt.level != "") {
				t.Errorf("level = %q, want %q (reasons %+v)", got.Level, tt.level, got.Reasons)
			}
			if len(got.Reasons) != len(tt.keys) {
				t.Fatalf("reasons = %+v, want %v", got.Reasons, tt.keys)
			}
			for i, k := range tt.keys {
				if got.Reasons[i].Key != k {
					t.Errorf("reason %d = %s, want %s", i, got.Reasons[i].Key, k)
				}
			}
		})
	}
}

func TestReasonNamesTheLineAndTheFigure(t *testing.T) {
	q, r := quote(2, "10", "10", "30", "720000")
	q.Lines[0].DiscountPct = d("0") // only the second line has a discount of its own
	got := approval.Decide(policy(), cpq.RoleRep, cat, q, r)
	if len(got.Reasons) != 1 {
		t.Fatalf("reasons = %+v", got.Reasons)
	}
	x := got.Reasons[0]
	if x.Line != 2 || x.LineID != "l2" || x.Level != cpq.RoleManager {
		t.Errorf("reason = %+v", x)
	}
	if got, want := x.Text(cpq.LangEN), "Line 2 (Fibre, Shinjuku): discount 19% is above the 10% an Account executive may give: needs a Manager."; got != want {
		t.Errorf("EN = %q\nwant %q", got, want)
	}
	if got, want := x.Text(cpq.LangJA), "2 行目（光回線、Shinjuku）: 割引 19% は営業担当の上限 10% を超えています。マネージャーの承認が必要です。"; got != want {
		t.Errorf("JA = %q\nwant %q", got, want)
	}
}

func TestManyLinesAreCountedNotListed(t *testing.T) {
	q, r := quote(60, "20", "0", "30", "720000")
	got := approval.Decide(policy(), cpq.RoleRep, cat, q, r)
	if len(got.Reasons) != 51 || got.Reasons[50].Key != "approval.reason.moreLines" || got.Reasons[50].Args["count"] != "10" {
		t.Errorf("%d reasons, last %+v", len(got.Reasons), got.Reasons[len(got.Reasons)-1])
	}
}

func TestInactiveRulesDoNotApply(t *testing.T) {
	p := policy()
	for _, r := range p.Rules {
		r.Active = r.Kind != cpq.RuleTCV
	}
	q, r := quote(1, "0", "0", "40", "120000000")
	if got := approval.Decide(p, cpq.RoleRep, cat, q, r); got.Needed() {
		t.Errorf("an inactive rule applied: %+v", got)
	}
}

func TestContentHashCoversWhatIsPriced(t *testing.T) {
	base := func() (*cpq.Quote, *pricing.Result) { return quote(2, "20", "0", "30", "720000") }
	q, r := base()
	h := approval.ContentHash(q, r)
	if h2 := approval.ContentHash(base()); h2 != h {
		t.Fatal("the same content gives another hash")
	}
	changes := map[string]func(q *cpq.Quote, r *pricing.Result){
		"quantity":        func(q *cpq.Quote, r *pricing.Result) { q.Lines[0].Quantity = 2 },
		"line discount":   func(q *cpq.Quote, r *pricing.Result) { q.Lines[1].DiscountPct = d("21") },
		"amount discount": func(q *cpq.Quote, r *pricing.Result) { q.Lines[1].DiscountAmount = d("100") },
		"attribute":       func(q *cpq.Quote, r *pricing.Result) { q.Lines[0].Attributes = map[string]string{"speed": "10G"} },
		"term":            func(q *cpq.Quote, r *pricing.Result) { q.TermMonths = 36 },
		"quote discount":  func(q *cpq.Quote, r *pricing.Result) { q.DiscountPct = d("1") },
		"price list":      func(q *cpq.Quote, r *pricing.Result) { q.PriceListID = "other" },
		"a price":         func(q *cpq.Quote, r *pricing.Result) { r.Lines[0].Charges[0].Net = d("8001") },
		"another version": func(q *cpq.Quote, r *pricing.Result) { q.ID = "q2" },
		"a line removed":  func(q *cpq.Quote, r *pricing.Result) { q.Lines = q.Lines[:1] },
		"another site":    func(q *cpq.Quote, r *pricing.Result) { q.SiteGroups[0].SiteID = "site-2" },
		"validity":        func(q *cpq.Quote, r *pricing.Result) { q.ValidUntil = q.ValidUntil.AddDate(0, 0, 30) },
		"total cost":      func(q *cpq.Quote, r *pricing.Result) { r.Totals.Cost = d("1") },
	}
	for name, change := range changes {
		q, r := base()
		change(q, r)
		if approval.ContentHash(q, r) == h {
			t.Errorf("changing the %s keeps the hash: an approval would survive it", name)
		}
	}
	q, r = base()
	q.Name, q.Lang = "Renamed", cpq.LangJA
	r.Totals.MonthlyTax = d("999")
	if approval.ContentHash(q, r) != h {
		t.Error("renaming the quote, changing its language or the tax on it voids its approval")
	}
}
