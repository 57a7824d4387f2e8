// Package catalog is the catalog as the configurator sees it: products, price lists, promotions and rules,
// indexed for lookups, and the engine that decides what a customer may buy at a site, and whether a quote's
// configuration is valid, saying why in the user's language. It does no I/O.
package catalog

import (
	"fmt"
	"sort"
	"strings"

	"quotewright/backend/cpq"
)

// Catalog is an immutable, indexed view of the catalog. Build it with New; share it freely between
// goroutines.
type Catalog struct {
	products   map[string]*cpq.Product // by id
	byCode     map[string]*cpq.Product
	order      []*cpq.Product // by family, then code
	lists      map[string]*PriceList
	listByCode map[string]*PriceList
	promotions map[string][]*cpq.Promotion // by product id
	allPromos  []*cpq.Promotion
	rules      map[string][]*cpq.Rule // active rules by product id
	allRules   []*cpq.Rule
}

// PriceList is a price list with its entries indexed by product.
type PriceList struct {
	*cpq.PriceList
	entries map[string][]*cpq.PriceEntry // by product id, in list order
	all     []*cpq.PriceEntry            // in list order
}

// All returns every entry of the list, in list order.
func (l *PriceList) All() []*cpq.PriceEntry { return l.all }

// Entries returns the entries of one product in this list, in list order.
func (l *PriceList) Entries(productID string) []*cpq.PriceEntry { return l.entries[productID] }

// Data is everything a catalog is built from.
type Data struct {
	Products   []*cpq.Product
	PriceLists []*cpq.PriceList
	Entries    []*cpq.PriceEntry
	Promotions []*cpq.Promotion
	Rules      []*cpq.Rule
}

// Problem is something wrong in catalog data, with where it is ("products[3].components[0]").
type Problem struct {
	Path    string
	Message string
}

// DataError lists every problem found in catalog data.
type DataError struct{ Problems []Problem }

func (e *DataError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Path + ": " + p.Message
	}
	return "the catalog is not consistent: " + strings.Join(parts, "; ")
}

// New indexes the data and checks that it holds together: every reference resolves, bundles do not contain
// themselves, tier ladders agree on how they combine, and every record passes its own validation.
func New(d Data) (*Catalog, error) {
	c := &Catalog{
		products: map[string]*cpq.Product{}, byCode: map[string]*cpq.Product{},
		lists: map[string]*PriceList{}, listByCode: map[string]*PriceList{},
		promotions: map[string][]*cpq.Promotion{}, rules: map[string][]*cpq.Rule{},
	}
	var probs []Problem
	add := func(path, format string, args ...any) {
		probs = append(probs, Problem{path, fmt.Sprintf(format, args...)})
	}
	for i, p := range d.Products {
		path := fmt.Sprintf("products[%d]", i)
		if err := p.Validate(); err != nil {
			add(path, "%s", err.Error())
		}
		if c.products[p.ID] != nil || c.byCode[p.Code] != nil {
			add(path, "product %s appears twice", p.Code)
			continue
		}
		c.products[p.ID], c.byCode[p.Code] = p, p
		c.order = append(c.order, p)
	}
	for i, p := range d.Products {
		for j, comp := range p.Components {
			if c.products[comp.ProductID] == nil {
				add(fmt.Sprintf("products[%d].components[%d]", i, j), "no product %s", comp.ProductID)
			}
		}
	}
	for _, p := range d.Products {
		if cycle := c.cycle(p, nil); cycle != "" {
			add("products", "bundle %s contains itself: %s", p.Code, cycle)
			break
		}
	}
	sort.SliceStable(c.order, func(i, j int) bool {
		a, b := c.order[i], c.order[j]
		if a.Family != b.Family {
			return a.Family < b.Family
		}
		return a.Code < b.Code
	})
	for i, l := range d.PriceLists {
		if err := l.Validate(); err != nil {
			add(fmt.Sprintf("priceLists[%d]", i), "%s", err.Error())
		}
		if c.lists[l.ID] != nil || c.listByCode[l.Code] != nil {
			add(fmt.Sprintf("priceLists[%d]", i), "price list %s appears twice", l.Code)
			continue
		}
		pl := &PriceList{PriceList: l, entries: map[string][]*cpq.PriceEntry{}}
		c.lists[l.ID], c.listByCode[l.Code] = pl, pl
	}
	for i, e := range d.Entries {
		path := fmt.Sprintf("prices[%d]", i)
		if err := e.Validate(); err != nil {
			add(path, "%s", err.Error())
		}
		l, p := c.lists[e.PriceListID], c.products[e.ProductID]
		if l == nil {
			add(path, "no price list %s", e.PriceListID)
			continue
		}
		if p == nil {
			add(path, "no product %s", e.ProductID)
			continue
		}
		if e.Attribute != "" && !hasAttribute(p, e.Attribute) {
			add(path, "product %s has no attribute %s", p.Code, e.Attribute)
		}
		l.entries[e.ProductID] = append(l.entries[e.ProductID], e)
		l.all = append(l.all, e)
	}
	for _, l := range c.lists {
		for pid, es := range l.entries {
			if msg := ladderConflict(es); msg != "" {
				add("prices", "%s in %s: %s", c.products[pid].Code, l.Code, msg)
			}
		}
	}
	promoCodes, ruleCodes := map[string]bool{}, map[string]bool{}
	for i, pr := range d.Promotions {
		if err := pr.Validate(); err != nil {
			add(fmt.Sprintf("promotions[%d]", i), "%s", err.Error())
		}
		if promoCodes[pr.Code] {
			add(fmt.Sprintf("promotions[%d]", i), "promotion %s appears twice", pr.Code)
			continue
		}
		promoCodes[pr.Code] = true
		for _, id := range pr.ProductIDs {
			if c.products[id] == nil {
				add(fmt.Sprintf("promotions[%d]", i), "no product %s", id)
				continue
			}
			c.promotions[id] = append(c.promotions[id], pr)
		}
		c.allPromos = append(c.allPromos, pr)
	}
	for i, r := range d.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		if err := r.Validate(); err != nil {
			add(path, "%s", err.Error())
		}
		if ruleCodes[r.Code] {
			add(path, "rule %s appears twice", r.Code)
			continue
		}
		ruleCodes[r.Code] = true
		for _, code := range append(append(append([]string{}, r.Products...), r.Targets...), r.AssetProducts...) {
			if c.byCode[code] == nil {
				add(path, "rule %s names product %s, which is not in the catalog", r.Code, code)
			}
		}
		c.allRules = append(c.allRules, r)
		if !r.Active {
			continue
		}
		for _, code := range r.Products {
			if p := c.byCode[code]; p != nil {
				c.rules[p.ID] = append(c.rules[p.ID], r)
			}
		}
	}
	if len(probs) > 0 {
		return nil, &DataError{Problems: probs}
	}
	return c, nil
}

// cycle returns the path of a bundle that contains itself through its components, or "".
func (c *Catalog) cycle(p *cpq.Product, path []string) string {
	for _, code := range path {
		if code == p.Code {
			return strings.Join(append(path, p.Code), " → ")
		}
	}
	path = append(path, p.Code)
	for _, comp := range p.Components {
		if child := c.products[comp.ProductID]; child != nil {
			if s := c.cycle(child, path); s != "" {
				return s
			}
		}
	}
	return ""
}

// ladderConflict reports tier entries of one ladder (charge, period and term) that disagree on how they
// combine.
func ladderConflict(es []*cpq.PriceEntry) string {
	type key struct {
		charge cpq.ChargeType
		period cpq.Period
		term   int
	}
	seen := map[key]*cpq.PriceEntry{}
	for _, e := range es {
		if e.Attribute != "" {
			continue
		}
		k := key{e.Charge, e.Period, e.TermMonths}
		if first, ok := seen[k]; ok {
			if first.TierMode != e.TierMode || first.TierScope != e.TierScope {
				return "the tiers of one ladder must share one tier mode and scope"
			}
			continue
		}
		seen[k] = e
	}
	return ""
}

func hasAttribute(p *cpq.Product, code string) bool {
	for _, a := range p.Attributes {
		if a.Code == code {
			return true
		}
	}
	return false
}

// Product returns the product with the given id, or nil.
func (c *Catalog) Product(id string) *cpq.Product { return c.products[id] }

// ProductByCode returns the product with the given code, or nil.
func (c *Catalog) ProductByCode(code string) *cpq.Product { return c.byCode[cpq.NormalizeCode(code)] }

// Products lists the products by family, then code.
func (c *Catalog) Products() []*cpq.Product { return c.order }

// PriceList returns the price list with the given id, or nil.
func (c *Catalog) PriceList(id string) *PriceList { return c.lists[id] }

// PriceListByCode returns the price list with the given code, or nil.
func (c *Catalog) PriceListByCode(code string) *PriceList {
	return c.listByCode[cpq.NormalizeCode(code)]
}

// PriceLists lists the price lists by code.
func (c *Catalog) PriceLists() []*PriceList {
	out := make([]*PriceList, 0, len(c.lists))
	for _, l := range c.lists {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Promotions returns the promotions that name the product.
func (c *Catalog) Promotions(productID string) []*cpq.Promotion { return c.promotions[productID] }

// AllPromotions lists every promotion, as given.
func (c *Catalog) AllPromotions() []*cpq.Promotion { return c.allPromos }

// Rules lists every rule, as given.
func (c *Catalog) Rules() []*cpq.Rule { return c.allRules }
