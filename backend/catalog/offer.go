package catalog

import (
	"strconv"
	"strings"
	"time"

	"quotewright/backend/cpq"
)

// Context is who is buying, and when: what eligibility rules read.
type Context struct {
	Segment cpq.Segment
	Region  string
	Credit  cpq.CreditStatus
	Rating  string
	// Assets are the products the account already has.
	Assets []Asset
	Day    time.Time
}

// Asset is a product the account has, at a site (or none).
type Asset struct {
	ProductID string
	SiteID    string
}

// Site is where a product would be provided: what availability rules read.
type Site struct {
	ID         string
	PostalCode string
	Region     string
}

// Offer is a product as the picker shows it: available, or hidden with the reasons.
type Offer struct {
	Product   *cpq.Product
	Available bool
	Reasons   []Explanation
}

// Offers lists every product for the context and site (nil for no site), in catalog order, each with
// whether it may be sold there and, if not, why. A product without a price in the price list for the quote's
// term (months; 0 for no commitment) is not offered.
func (c *Catalog) Offers(ctx Context, site *Site, list *PriceList, term int) []Offer {
	out := make([]Offer, 0, len(c.order))
	for _, p := range c.order {
		reasons := c.WhyNot(ctx, site, p)
		if list != nil {
			if e, ok := c.unpriced(list, p, term); ok {
				reasons = append(reasons, e)
			}
		}
		out = append(out, Offer{Product: p, Available: len(reasons) == 0, Reasons: reasons})
	}
	return out
}

// unpriced says why a product cannot be priced in list for a term, if it cannot. A bundle without prices of
// its own answers for the first component it must include that cannot.
func (c *Catalog) unpriced(list *PriceList, p *cpq.Product, term int) (Explanation, bool) {
	if c.priced(list, p, term) {
		return Explanation{}, false
	}
	if len(list.entries[p.ID]) == 0 && p.Kind == cpq.ProductBundle {
		for _, comp := range p.Components {
			if child := c.products[comp.ProductID]; child != nil && comp.Min > 0 {
				if e, ok := c.unpriced(list, child, term); ok {
					return e, true
				}
			}
		}
	}
	switch {
	case len(list.entries[p.ID]) == 0:
		return explain("offer.noPrice", "list", list.Name), true
	case term == 0:
		return explain("offer.noPriceWithoutTerm", "product", p.Name, "list", list.Name), true
	}
	return explain("offer.noTermPrice", "product", p.Name, "list", list.Name, "months", strconv.Itoa(term)), true
}

// priced reports whether the product has a price in list for a quote of term months — entries without
// commitment or for that term — or, for a bundle without prices of its own, whether each component it must
// include has.
func (c *Catalog) priced(list *PriceList, p *cpq.Product, term int) bool {
	es := list.entries[p.ID]
	for _, e := range es {
		if e.TermMonths == 0 || e.TermMonths == term {
			return true
		}
	}
	if len(es) > 0 || p.Kind != cpq.ProductBundle {
		return false
	}
	for _, comp := range p.Components {
		if child := c.products[comp.ProductID]; child != nil && comp.Min > 0 && !c.priced(list, child, term) {
			return false
		}
	}
	return true
}

// WhyNot returns why the product may not be sold in the context at the site (nil when it may): it is not on
// sale that day, or an eligibility or availability rule refuses it.
func (c *Catalog) WhyNot(ctx Context, site *Site, p *cpq.Product) []Explanation {
	var out []Explanation
	if !p.SellableOn(ctx.Day) {
		out = append(out, explain("offer.notSold", "product", p.Name))
	}
	for _, r := range c.rules[p.ID] {
		var e *Explanation
		switch r.Kind {
		case cpq.RuleEligibility:
			e = c.eligible(ctx, r)
		case cpq.RuleAvailability:
			e = available(site, r)
		}
		if e != nil {
			e.Rule = r.Code
			e.Custom = r.Message
			out = append(out, *e)
		}
	}
	return out
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// eligible checks an eligibility rule; nil means the account passes.
func (c *Catalog) eligible(ctx Context, r *cpq.Rule) *Explanation {
	strs := func(s []cpq.Segment) []string {
		out := make([]string, len(s))
		for i, x := range s {
			out[i] = string(x)
		}
		return out
	}
	switch {
	case len(r.Segments) > 0 && !contains(r.Segments, ctx.Segment):
		e := explain("offer.segment", "segments", list(strs(r.Segments), label("segment.")))
		return &e
	case len(r.Regions) > 0 && !contains(r.Regions, ctx.Region):
		e := explain("offer.region", "regions", list(r.Regions, cpq.RegionName), "region", cpq.RegionName(ctx.Region))
		return &e
	case len(r.CreditStatuses) > 0 && !contains(r.CreditStatuses, ctx.Credit):
		e := explain("offer.credit", "status", label("credit.status.")(string(ctx.Credit)))
		return &e
	case len(r.CreditRatings) > 0 && !contains(r.CreditRatings, ctx.Rating):
		rating := ctx.Rating
		if rating == "" {
			rating = "—"
		}
		e := explain("offer.rating", "ratings", list(r.CreditRatings, nil), "rating", rating)
		return &e
	case !r.ValidFrom.IsZero() && ctx.Day.Before(r.ValidFrom), !r.ValidTo.IsZero() && ctx.Day.After(r.ValidTo):
		e := explain("offer.window", "from", cpq.FormatDate(r.ValidFrom), "to", cpq.FormatDate(r.ValidTo))
		return &e
	case len(r.AssetProducts) > 0 && !c.hasAsset(ctx, r.AssetProducts):
		e := explain("offer.assets", "products", list(r.AssetProducts, c.productName))
		return &e
	}
	return nil
}

func (c *Catalog) hasAsset(ctx Context, codes []string) bool {
	for _, a := range ctx.Assets {
		if p := c.products[a.ProductID]; p != nil && contains(codes, p.Code) {
			return true
		}
	}
	return false
}

// productName names a product by code in both languages.
func (c *Catalog) productName(code string) cpq.Text {
	if p := c.byCode[code]; p != nil {
		return p.Name
	}
	return cpq.Text{EN: code, JA: code}
}

// available checks an availability rule at a site; nil means the product can be provided there.
func available(site *Site, r *cpq.Rule) *Explanation {
	if site == nil {
		e := explain("offer.noSite")
		return &e
	}
	code := cpq.PostalDigits(site.PostalCode)
	for _, prefix := range r.PostalPrefixes {
		if strings.HasPrefix(code, cpq.PostalDigits(prefix)) {
			return nil
		}
	}
	if contains(r.Regions, site.Region) {
		return nil
	}
	areas := append(append([]string{}, r.PostalPrefixes...), r.Regions...)
	e := explain("offer.site", "postal", site.PostalCode, "areas", list(areas, cpq.RegionName))
	return &e
}
