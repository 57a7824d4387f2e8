// Package approval decides, from a priced quote version, whether someone with more authority must approve it,
// who, and why; and fingerprints the priced content an approval is given for, so that any later change voids it.
package approval

import (
	"strconv"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// Policy is the approval policy held as data: what each role may accept, and the rules that apply.
type Policy struct {
	Authorities []*cpq.RoleAuthority
	Rules       []*cpq.ApprovalRule
}

// Decision is what the policy asks of a quote version: Level is the lowest role that may approve all of it,
// empty when the owner may present it as it is.
type Decision struct {
	Level   cpq.Role
	Reasons []cpq.ApprovalReason
}

// Needed reports whether the quote needs an approval.
func (d Decision) Needed() bool { return d.Level != "" }

// maxLineReasons bounds the reasons listed line by line: an approver reads fifty, not ten thousand; the rest
// are counted in one more reason.
const maxLineReasons = 50

var hundred = decimal.NewFromInt(100)

// Decide applies the policy to a quote version priced as r, prepared by a user of role owner. cat names the
// products and sites in the reasons.
func Decide(p Policy, owner cpq.Role, cat *catalog.Catalog, q *cpq.Quote, r *pricing.Result) Decision {
	d := deciding{policy: p, owner: owner}
	for _, rule := range p.Rules {
		if !rule.Active {
			continue
		}
		switch rule.Kind {
		case cpq.RuleDiscount:
			d.discounts(cat, q, r)
		case cpq.RuleMargin:
			d.margin(r)
		case cpq.RuleTCV:
			if rule.Currency == r.Currency.Code && r.Totals.TCV.GreaterThanOrEqual(rule.Amount) && above(rule.Level, owner) {
				d.add(rule.Level, cpq.ApprovalReason{Key: "approval.reason.tcv", Args: map[string]string{
					"tcv": cpq.FormatMoney(r.Totals.TCV, r.Currency), "threshold": cpq.FormatMoney(rule.Amount, r.Currency)}})
			}
		}
	}
	return d.Decision
}

type deciding struct {
	Decision
	policy Policy
	owner  cpq.Role
}

// above reports whether level is a higher role than owner: only then is someone else needed.
func above(level, owner cpq.Role) bool { return cpq.RoleRank(level) > cpq.RoleRank(owner) }

// add records a reason and raises the decision's level to it.
func (d *deciding) add(level cpq.Role, r cpq.ApprovalReason) {
	r.Level = level
	if r.Args == nil {
		r.Args = map[string]string{}
	}
	r.Args["level"] = "@role." + string(level)
	d.Reasons = append(d.Reasons, r)
	if cpq.RoleRank(level) > cpq.RoleRank(d.Level) {
		d.Level = level
	}
}

// authority returns the owner's authority; a role without one may give nothing.
func (d *deciding) authority() cpq.RoleAuthority {
	for _, a := range d.policy.Authorities {
		if a.Role == d.owner {
			return *a
		}
	}
	return cpq.RoleAuthority{Role: d.owner, MinMarginPct: hundred}
}

// levelFor returns the lowest role above the owner whose authority allows what ok accepts; the top role
// decides what no authority covers. Roles below the owner are never asked, whatever their figures say.
func (d *deciding) levelFor(ok func(*cpq.RoleAuthority) bool) cpq.Role {
	for _, role := range cpq.Roles {
		if cpq.RoleRank(role) <= cpq.RoleRank(d.owner) {
			continue
		}
		for _, a := range d.policy.Authorities {
			if a.Role == role && ok(a) {
				return role
			}
		}
	}
	return cpq.Roles[len(cpq.Roles)-1]
}

// discounts compares the rep's discounts with the owner's authority. A quote discount beyond it is one reason;
// a line is a reason of its own when its own discount, with the quote's, goes beyond it.
func (d *deciding) discounts(cat *catalog.Catalog, q *cpq.Quote, r *pricing.Result) {
	own := d.authority()
	if q.DiscountPct.GreaterThan(own.MaxDiscountPct) {
		level := d.levelFor(func(a *cpq.RoleAuthority) bool { return q.DiscountPct.LessThanOrEqual(a.MaxDiscountPct) })
		if above(level, d.owner) {
			d.add(level, cpq.ApprovalReason{Key: "approval.reason.quoteDiscount", Args: map[string]string{
				"discount": pct(q.DiscountPct), "authority": pct(own.MaxDiscountPct), "role": "@role." + string(d.owner)}})
		}
	}
	position := make(map[string]int, len(q.Lines))
	own2 := make(map[string]bool, len(q.Lines))
	for i, l := range q.Lines {
		position[l.ID] = i + 1
		own2[l.ID] = !l.DiscountPct.IsZero() || !l.DiscountAmount.IsZero()
	}
	groups := map[string]string{}
	for _, g := range q.SiteGroups {
		groups[g.ID] = g.Name
	}
	more := 0
	for i := range r.Lines {
		l := &r.Lines[i]
		if !own2[l.LineID] {
			continue
		}
		figure := LineDiscountPct(l)
		if !figure.GreaterThan(own.MaxDiscountPct) {
			continue
		}
		level := d.levelFor(func(a *cpq.RoleAuthority) bool { return figure.LessThanOrEqual(a.MaxDiscountPct) })
		if !above(level, d.owner) {
			continue
		}
		if len(d.Reasons) >= maxLineReasons {
			more++
			if cpq.RoleRank(level) > cpq.RoleRank(d.Level) {
				d.Level = level
			}
			continue
		}
		name := cpq.Text{}
		if p := cat.Product(l.ProductID); p != nil {
			name = p.Name
		}
		d.add(level, cpq.ApprovalReason{Key: "approval.reason.lineDiscount", Line: position[l.LineID], LineID: l.LineID,
			Args: map[string]string{"line": strconv.Itoa(position[l.LineID]), "productEn": name.In(cpq.LangEN),
				"productJa": name.In(cpq.LangJA), "site": groups[l.SiteGroupID], "discount": pct(figure),
				"authority": pct(own.MaxDiscountPct), "role": "@role." + string(d.owner)}})
	}
	if more > 0 {
		d.Reasons = append(d.Reasons, cpq.ApprovalReason{Key: "approval.reason.moreLines", Level: d.Level,
			Args: map[string]string{"count": strconv.Itoa(more)}})
	}
}

// margin compares the quote's margin with the owner's authority.
func (d *deciding) margin(r *pricing.Result) {
	if r.Totals.TCV.IsZero() {
		return
	}
	own := d.authority()
	m := r.Totals.MarginPct
	if !m.LessThan(own.MinMarginPct) {
		return
	}
	level := d.levelFor(func(a *cpq.RoleAuthority) bool { return m.GreaterThanOrEqual(a.MinMarginPct) })
	if above(level, d.owner) {
		d.add(level, cpq.ApprovalReason{Key: "approval.reason.margin", Args: map[string]string{
			"margin": pct(m), "authority": pct(own.MinMarginPct), "role": "@role." + string(d.owner)}})
	}
}

// LineDiscountPct is the rep's discount on a line: of the line's charges, the largest share that the line and
// quote discounts take off the price they start from (list, tiers and promotions are the catalog's, not the
// rep's), in percent, rounded half up to two places.
func LineDiscountPct(l *pricing.Line) decimal.Decimal {
	out := decimal.Zero
	for _, c := range l.Charges {
		before, off, seen := decimal.Zero, decimal.Zero, false
		for _, st := range c.Steps {
			if st.Kind == pricing.StepLineDiscount || st.Kind == pricing.StepQuoteDiscount {
				if !seen {
					before, seen = st.Running.Sub(st.Amount), true
				}
				off = off.Sub(st.Amount)
			}
		}
		if !seen || !before.IsPositive() {
			continue
		}
		if p := off.Mul(hundred).Div(before).Round(2); p.GreaterThan(out) {
			out = p
		}
	}
	return out
}

// pct writes a percentage for a message: "30", "12.5".
func pct(d decimal.Decimal) string { return d.Round(2).String() }
