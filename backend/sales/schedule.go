package sales

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// scheduleOf is a priced quote version as a commercial schedule, in the quote's language: lines grouped by
// site in the quote's order, each bundle followed by its components, with the totals and tax by rate. The
// documents have one-time and monthly columns: a quote with yearly charges is refused rather than printed
// without them.
func scheduleOf(p *Priced) (cpq.Schedule, error) {
	q, r, lang := p.Quote, p.Result, p.Quote.Lang
	if !r.Totals.Yearly.IsZero() {
		return cpq.Schedule{}, cpq.Errorf(cpq.EConflict, "schedule.yearly")
	}
	sc := cpq.Schedule{Currency: q.Currency, TermMonths: q.TermMonths,
		OneTime: r.Totals.OneTime, Monthly: r.Totals.Monthly, OneTimeTax: r.Totals.OneTimeTax, MonthlyTax: r.Totals.MonthlyTax,
		OneTimeGross: r.Totals.OneTimeGross, MonthlyGross: r.Totals.MonthlyGross, TCV: r.Totals.TCV}
	for _, t := range r.Totals.Taxes {
		sc.Taxes = append(sc.Taxes, cpq.ScheduleTax{Kind: string(t.Kind), Rate: t.Rate, Base: t.Base, Tax: t.Tax})
	}
	priced := make(map[string]*pricing.Line, len(r.Lines))
	for i := range r.Lines {
		priced[r.Lines[i].LineID] = &r.Lines[i]
	}
	groupTotals := map[string]pricing.Totals{}
	for _, g := range r.Groups {
		groupTotals[g.SiteGroupID] = g.Totals
	}
	for _, pg := range placedLines(q, cpq.Message(lang, "schedule.noSite", nil)) {
		sg := pg.Group
		g := cpq.ScheduleGroup{Name: sg.Name}
		for _, pl := range pg.Lines {
			g.Lines = append(g.Lines, scheduleLine(p, pl.Line, priced[pl.Line.ID], pl.Depth, lang))
		}
		t := groupTotals[sg.ID]
		g.OneTime, g.Monthly = t.OneTime, t.Monthly
		sc.Groups = append(sc.Groups, g)
	}
	return sc, nil
}

func scheduleLine(p *Priced, l *cpq.QuoteLine, pl *pricing.Line, depth int, lang cpq.Lang) cpq.ScheduleLine {
	sl := cpq.ScheduleLine{Depth: depth, Quantity: l.Quantity, DiscountPct: l.DiscountPct}
	prod := p.Catalog.Product(l.ProductID)
	if prod == nil {
		sl.Product = l.ProductID
	} else {
		sl.Product = prod.Name.In(lang)
		sl.Detail = attributeText(prod, l.Attributes, lang)
	}
	if pl == nil {
		return sl
	}
	if c := pl.Charge(pricing.OneTime); c != nil {
		sl.OneTime, sl.UnitPrice = c.Net, c.UnitList
	}
	if c := pl.Charge(pricing.Monthly); c != nil {
		sl.Monthly, sl.UnitPrice = c.Net, c.UnitList // a monthly price is the one a customer compares
	}
	if sl.DiscountPct.IsZero() && !l.DiscountAmount.IsZero() {
		sl.DiscountPct = percentOff(pl)
	}
	return sl
}

// percentOff is an amount discount as the percentage of the list amount it takes off, for the schedule's
// discount column.
func percentOff(pl *pricing.Line) decimal.Decimal {
	for _, c := range pl.Charges {
		list := c.UnitList.Mul(decimal.NewFromInt(int64(pl.EffectiveQuantity)))
		if list.IsZero() {
			continue
		}
		for _, st := range c.Steps {
			if st.Kind == pricing.StepLineDiscount {
				return st.Amount.Neg().Div(list).Mul(decimal.NewFromInt(100)).Round(1)
			}
		}
	}
	return decimal.Zero
}

// attributeText is a line's configuration for people: "Speed: 1 Gbps, Colour: Black", in the product's order.
func attributeText(prod *cpq.Product, values map[string]string, lang cpq.Lang) string {
	var parts []string
	for _, a := range prod.Attributes {
		v, ok := values[a.Code]
		if !ok || v == "" {
			continue
		}
		for _, av := range a.Values {
			if av.Code == v {
				v = av.Name.In(lang)
				break
			}
		}
		sep := ": "
		if lang == cpq.LangJA {
			sep = "："
		}
		parts = append(parts, a.Name.In(lang)+sep+v)
	}
	if lang == cpq.LangJA {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}

// placedGroup is a site group's lines in the order documents and orders list them.
type placedGroup struct {
	Group cpq.SiteGroup
	Lines []placedLine
}

type placedLine struct {
	Line  *cpq.QuoteLine
	Depth int // 0 for a top line, 1 for a bundle's component …
}

// placedLines lists a quote's lines by site group in the groups' order, lines without a site last (in a group
// named noSite), each bundle followed by its components. The schedule and the order made from it walk the
// lines the same way, so the schedule's n-th line is the order's n-th item.
func placedLines(q *cpq.Quote, noSite string) []placedGroup {
	children := map[string][]*cpq.QuoteLine{}
	for i := range q.Lines {
		l := &q.Lines[i]
		children[l.SiteGroupID+"/"+l.ParentID] = append(children[l.SiteGroupID+"/"+l.ParentID], l)
	}
	for _, ls := range children {
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].Position < ls[j].Position })
	}
	var walk func(g *placedGroup, key, parent string, depth int)
	walk = func(g *placedGroup, key, parent string, depth int) {
		for _, l := range children[key+"/"+parent] {
			g.Lines = append(g.Lines, placedLine{Line: l, Depth: depth})
			walk(g, key, l.ID, depth+1)
		}
	}
	groups := append([]cpq.SiteGroup{}, q.SiteGroups...)
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Position < groups[j].Position })
	groups = append(groups, cpq.SiteGroup{ID: "", Name: noSite})
	var out []placedGroup
	for _, sg := range groups {
		g := placedGroup{Group: sg}
		walk(&g, sg.ID, "", 0)
		if len(g.Lines) > 0 {
			out = append(out, g)
		}
	}
	return out
}
