package catalog

import (
	"sort"
	"strconv"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// LineProblem is something wrong with one line of a quote's configuration.
type LineProblem struct {
	LineID string
	Line   int // 1-based position on the quote
	Explanation
}

// Text renders the problem in lang, prefixed with its line number.
func (p LineProblem) Text(lang cpq.Lang) string {
	if p.Line == 0 { // a problem of the whole quote
		return p.Explanation.Text(lang)
	}
	return cpq.Message(lang, "config.line", map[string]string{"line": strconv.Itoa(p.Line), "problem": p.Explanation.Text(lang)})
}

// Validate checks a quote's configuration against the catalog: every product exists and may be sold to this
// customer at the line's site, attributes are known, allowed and present when required, bundles hold between
// their minimum and maximum of each component and nothing else, and requires/excludes rules hold; and the
// price list may be used that day. sites maps site group ids to their sites. It returns every problem, the
// quote's own (line 0) first, then in line order.
func (c *Catalog) Validate(ctx Context, q *cpq.Quote, sites map[string]*Site) []LineProblem {
	v := validation{c: c, ctx: ctx, q: q, sites: sites, index: map[string]int{},
		counts: map[string]map[string]int{"": {}}, children: map[string]map[string]int{}}
	if list := c.PriceList(q.PriceListID); list != nil && !list.ValidOn(ctx.Day) {
		v.out = append(v.out, LineProblem{Explanation: explain("config.priceListNotValid", "list", list.Name,
			"day", cpq.FormatDate(ctx.Day))})
	}
	for i, l := range q.Lines {
		v.index[l.ID] = i
		if p := c.products[l.ProductID]; p != nil {
			if v.counts[l.SiteGroupID] == nil {
				v.counts[l.SiteGroupID] = map[string]int{}
			}
			v.counts[l.SiteGroupID][p.Code]++
			if l.SiteGroupID != "" {
				v.counts[""][p.Code]++
			}
		}
		if l.ParentID != "" {
			if v.children[l.ParentID] == nil {
				v.children[l.ParentID] = map[string]int{}
			}
			v.children[l.ParentID][l.ProductID] += l.Quantity
		}
	}
	for i := range q.Lines {
		v.line(i)
	}
	v.compatibility()
	return v.out
}

type validation struct {
	c     *Catalog
	ctx   Context
	q     *cpq.Quote
	sites map[string]*Site
	index map[string]int
	out   []LineProblem
	// counts holds how many lines of each product code each site group has ("" for the whole quote), and
	// children how many of each product each bundle line holds: built once, so that rules and cardinality
	// are checked in time proportional to the lines, not their square.
	counts   map[string]map[string]int
	children map[string]map[string]int
}

func (v *validation) add(i int, e Explanation) {
	v.out = append(v.out, LineProblem{LineID: v.q.Lines[i].ID, Line: i + 1, Explanation: e})
}

func (v *validation) line(i int) {
	l := &v.q.Lines[i]
	p := v.c.products[l.ProductID]
	if p == nil {
		v.add(i, explain("config.unknownProduct", "product", l.ProductID))
		return
	}
	// Components are judged as part of their bundle's offer only when they are offered on their own too:
	// rules name the products they are about, whichever line carries them.
	for _, e := range v.c.WhyNot(v.ctx, v.sites[l.SiteGroupID], p) {
		v.add(i, e)
	}
	// A bundle without prices of its own is priced through its component lines, which answer for themselves.
	if list := v.c.PriceList(v.q.PriceListID); list != nil && (p.Kind != cpq.ProductBundle || len(list.entries[p.ID]) > 0) {
		if e, ok := v.c.unpriced(list, p, v.q.TermMonths); ok {
			v.add(i, e)
		}
	}
	v.attributes(i, p)
	if l.ParentID != "" {
		pi, ok := v.index[l.ParentID]
		if !ok {
			v.add(i, explain("config.noParent"))
		} else if parent := v.c.products[v.q.Lines[pi].ProductID]; parent != nil && !parent.HasComponent(p.ID) {
			v.add(i, explain("config.notComponent", "product", p.Name, "bundle", parent.Name))
		}
	}
	if p.Kind == cpq.ProductBundle {
		v.cardinality(i, p)
	}
}

func (v *validation) attributes(i int, p *cpq.Product) {
	l := &v.q.Lines[i]
	known := map[string]bool{}
	for _, a := range p.Attributes {
		known[a.Code] = true
		val, set := l.Attributes[a.Code]
		if !set || val == "" {
			if a.Required && a.Default == "" {
				v.add(i, explain("config.attrRequired", "attribute", a.Name))
			}
			continue
		}
		switch a.Type {
		case cpq.AttrChoice:
			if !a.Allows(val) {
				allowed := make([]string, len(a.Values))
				for j, x := range a.Values {
					allowed[j] = x.Code
				}
				v.add(i, explain("config.attrValue", "attribute", a.Name, "value", val, "allowed", list(allowed, nil)))
			}
		case cpq.AttrNumber:
			if _, err := decimal.NewFromString(val); err != nil {
				v.add(i, explain("config.attrNumber", "attribute", a.Name, "value", val))
			}
		case cpq.AttrBoolean:
			if val != "true" && val != "false" {
				v.add(i, explain("config.attrBoolean", "attribute", a.Name, "value", val))
			}
		}
	}
	var unknown []string
	for code := range l.Attributes {
		if !known[code] {
			unknown = append(unknown, code)
		}
	}
	sort.Strings(unknown) // the same quote gives the same problems, in the same order
	for _, code := range unknown {
		v.add(i, explain("config.attrUnknown", "attribute", code, "product", p.Name))
	}
}

// cardinality checks that the bundle line's children hold each component between its minimum and maximum.
func (v *validation) cardinality(i int, bundle *cpq.Product) {
	counts := v.children[v.q.Lines[i].ID]
	for _, comp := range bundle.Components {
		child := v.c.products[comp.ProductID]
		n := counts[comp.ProductID]
		switch {
		case n < comp.Min:
			v.add(i, explain("config.tooFew", "product", child.Name, "min", strconv.Itoa(comp.Min), "count", strconv.Itoa(n)))
		case n > comp.Max:
			v.add(i, explain("config.tooMany", "product", child.Name, "max", strconv.Itoa(comp.Max), "count", strconv.Itoa(n)))
		}
	}
}

// compatibility checks the requires and excludes rules of every line's product.
func (v *validation) compatibility() {
	for i, l := range v.q.Lines {
		p := v.c.products[l.ProductID]
		if p == nil {
			continue
		}
		for _, r := range v.c.rules[p.ID] {
			if r.Kind != cpq.RuleRequires && r.Kind != cpq.RuleExcludes {
				continue
			}
			found := v.present(l, r)
			var e Explanation
			switch {
			case r.Kind == cpq.RuleRequires && len(found) == 0:
				key := "config.requires.quote"
				if r.Scope == cpq.ScopeSite {
					key = "config.requires.site"
				}
				e = explain(key, "product", p.Name, "targets", list(r.Targets, v.c.productName))
			case r.Kind == cpq.RuleExcludes && len(found) > 0:
				e = explain("config.excludes", "product", p.Name, "other", v.c.productName(found[0]))
			default:
				continue
			}
			e.Rule, e.Custom = r.Code, r.Message
			v.add(i, e)
		}
	}
}

// present lists the rule's targets found in its scope around line l: other lines of the quote (or of the same
// site group), and the account's assets when the rule counts them.
func (v *validation) present(l cpq.QuoteLine, r *cpq.Rule) []string {
	var found []string
	note := func(productID string) {
		if p := v.c.products[productID]; p != nil && contains(r.Targets, p.Code) && !contains(found, p.Code) {
			found = append(found, p.Code)
		}
	}
	scope := ""
	if r.Scope == cpq.ScopeSite {
		scope = l.SiteGroupID
	}
	own := v.c.products[l.ProductID].Code
	for _, code := range r.Targets {
		n := v.counts[scope][code]
		if code == own {
			n-- // the line itself does not count
		}
		if n > 0 && !contains(found, code) {
			found = append(found, code)
		}
	}
	if r.WithAssets {
		var siteID string
		if s := v.sites[l.SiteGroupID]; s != nil {
			siteID = s.ID
		}
		for _, a := range v.ctx.Assets {
			if r.Scope == cpq.ScopeQuote || a.SiteID == siteID {
				note(a.ProductID)
			}
		}
	}
	return found
}
