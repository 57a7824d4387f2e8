package pricing

import (
	"sort"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// plan is what pricing needs of one product in the quote's price list, worked out once per pricing run.
type plan struct {
	product *cpq.Product
	taxCode string
	rate    decimal.Decimal
	charges []chargePlan // in kind order; only kinds the product has entries for
}

// chargePlan is one kind of charge of a product.
type chargePlan struct {
	kind Kind
	// list is the price without commitment (term 0), or the term price when there is no other.
	list *cpq.PriceEntry
	// term is the price for the quote's term when it differs from list; termDelta is term − list.
	term      *cpq.PriceEntry
	termDelta decimal.Decimal
	// unit is the price per unit before tiers: the term price, else the list price.
	unit decimal.Decimal
	// ladder holds the volume tiers of the chosen term, by ascending minimum quantity.
	ladder []*cpq.PriceEntry
	// tierDelta[i] is ladder[i]'s price − unit, what reaching that tier changes per unit.
	tierDelta []decimal.Decimal
	mode      cpq.TierMode
	scope     cpq.TierScope
	// adjustments are the attribute entries that apply at the quote's term.
	adjustments []*cpq.PriceEntry
	// promotions apply to this kind of charge for this customer on this day, by code.
	promotions []*cpq.Promotion
}

// ladder returns the volume tiers of one term, by ascending minimum quantity.
func ladder(es []*cpq.PriceEntry, term int) []*cpq.PriceEntry {
	var out []*cpq.PriceEntry
	for _, e := range es {
		if e.Attribute == "" && e.MinQuantity > 1 && e.TermMonths == term {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].MinQuantity < out[j].MinQuantity })
	return out
}

// newPlan works out a product's charges for a term, a customer and a day.
func newPlan(cat *catalog.Catalog, list *catalog.PriceList, p *cpq.Product, term int, ctx catalog.Context, cur cpq.Currency, s Settings) *plan {
	pl := &plan{product: p, taxCode: p.TaxCode}
	if pl.taxCode == "" {
		pl.taxCode = cpq.TaxStandard
	}
	pl.rate = s.TaxRates[pl.taxCode]
	byKind := map[Kind][]*cpq.PriceEntry{}
	for _, e := range list.Entries(p.ID) {
		byKind[kindOf(e)] = append(byKind[kindOf(e)], e)
	}
	for _, k := range kinds {
		es := byKind[k]
		if len(es) == 0 {
			continue
		}
		cp := chargePlan{kind: k}
		var base0, baseTerm *cpq.PriceEntry
		for _, e := range es {
			switch {
			case e.Attribute != "":
				if e.TermMonths == 0 || e.TermMonths == term {
					cp.adjustments = append(cp.adjustments, e)
				}
			case e.MinQuantity <= 1 && e.TermMonths == 0 && base0 == nil:
				base0 = e
			case e.MinQuantity <= 1 && term != 0 && e.TermMonths == term && baseTerm == nil:
				baseTerm = e
			}
		}
		cp.list = base0
		if cp.list == nil {
			cp.list = baseTerm
		} else if baseTerm != nil {
			cp.term = baseTerm
		}
		chosenTerm := 0
		if cp.term != nil || (base0 == nil && baseTerm != nil) {
			chosenTerm = term
		}
		cp.ladder = ladder(es, chosenTerm)
		// A term price without volume tiers of its own keeps the tiers without commitment, where they are
		// cheaper: a longer commitment never costs more than none.
		borrowed := len(cp.ladder) == 0 && chosenTerm != 0
		if borrowed {
			cp.ladder = ladder(es, 0)
		}
		if cp.list != nil {
			cp.unit = cp.list.Amount
		}
		if cp.term != nil {
			cp.termDelta = cp.term.Amount.Sub(cp.unit)
			cp.unit = cp.term.Amount
		}
		for _, e := range cp.ladder {
			d := e.Amount.Sub(cp.unit)
			if borrowed && d.IsPositive() {
				d = zero
			}
			cp.tierDelta = append(cp.tierDelta, d)
		}
		cp.mode, cp.scope = cpq.TierTiered, cpq.ScopeQuote
		if len(cp.ladder) > 0 {
			cp.mode, cp.scope = cp.ladder[0].TierMode, cp.ladder[0].TierScope
		}
		for _, pr := range cat.Promotions(p.ID) {
			if promotionApplies(pr, k, ctx, cur) {
				cp.promotions = append(cp.promotions, pr)
			}
		}
		sort.SliceStable(cp.promotions, func(i, j int) bool { return cp.promotions[i].Code < cp.promotions[j].Code })
		if cp.list == nil && len(cp.adjustments) == 0 {
			continue
		}
		pl.charges = append(pl.charges, cp)
	}
	return pl
}

// promotionApplies says whether a promotion reduces a kind of charge for this customer on this day.
func promotionApplies(pr *cpq.Promotion, k Kind, ctx catalog.Context, cur cpq.Currency) bool {
	if !pr.ValidOn(ctx.Day) || (pr.Segment != "" && pr.Segment != ctx.Segment) {
		return false
	}
	if (pr.Charge == cpq.ChargeOneTime) != (k == OneTime) {
		return false
	}
	return pr.Kind == cpq.DiscountPercent || pr.Currency == cur.Code
}
