package cpq

import (
	"strings"
	"time"
)

// RuleKind is what a catalog rule decides.
type RuleKind string

const (
	// RuleEligibility: who may buy the products (segment, the account's region, credit, assets it has, dates).
	RuleEligibility RuleKind = "eligibility"
	// RuleAvailability: where the products can be provided (the site's postal code or region).
	RuleAvailability RuleKind = "availability"
	// RuleRequires: the products need one of Targets on the quote (or among the account's assets).
	RuleRequires RuleKind = "requires"
	// RuleExcludes: the products cannot be combined with any of Targets.
	RuleExcludes RuleKind = "excludes"
)

// Rule is a catalog rule, held as data: it is stored, imported and exported, never written as code. A product
// must pass every active rule that names it. Products and Targets are product codes.
type Rule struct {
	ID       string
	Code     string
	Kind     RuleKind
	Products []string

	// Eligibility: each non-empty list must contain the account's value.
	Segments       []Segment
	Regions        []string // the account's region (eligibility) or the site's (availability)
	CreditStatuses []CreditStatus
	CreditRatings  []string
	// AssetProducts: the account must already have one of these products.
	AssetProducts []string
	ValidFrom     time.Time
	ValidTo       time.Time

	// Availability: the site's postal code starts with one of these ("160-", "105") or its region is in Regions.
	PostalPrefixes []string

	// Compatibility.
	Targets []string
	// Scope is where Targets are looked for: "site" (the same site group) or "quote" (anywhere on the quote).
	Scope TierScope
	// WithAssets counts the account's assets (at the same site, for site scope) as if they were on the quote.
	WithAssets bool

	// Message replaces the generated explanation when set.
	Message Text
	Active  bool
}

// Validate checks a rule before it is saved.
func (r *Rule) Validate() error {
	v := Validation{Key: "rule.invalid"}
	v.Require("code", r.Code, "rule.code.required")
	if len(r.Products) == 0 {
		v.Add("products", "rule.products.required")
	}
	switch r.Kind {
	case RuleEligibility:
		if len(r.Segments)+len(r.Regions)+len(r.CreditStatuses)+len(r.CreditRatings)+len(r.AssetProducts) == 0 &&
			r.ValidFrom.IsZero() && r.ValidTo.IsZero() {
			v.Add("kind", "rule.eligibility.empty")
		}
		for _, s := range r.Segments {
			if !s.Valid() {
				v.Add("segments", "segment.invalid", "value", string(s))
			}
		}
		for _, c := range r.CreditStatuses {
			if !CreditTransitions.Known(c) {
				v.Add("creditStatuses", "state.unknown", "entity", "@entity.credit", "state", string(c))
			}
		}
		if !r.ValidTo.IsZero() && r.ValidTo.Before(r.ValidFrom) {
			v.Add("validTo", "rule.valid.order")
		}
	case RuleAvailability:
		if len(r.PostalPrefixes)+len(r.Regions) == 0 {
			v.Add("postalPrefixes", "rule.availability.empty")
		}
	case RuleRequires, RuleExcludes:
		if len(r.Targets) == 0 {
			v.Add("targets", "rule.targets.required")
		}
		if r.Scope != ScopeSite && r.Scope != ScopeQuote {
			v.Add("scope", "rule.scope.invalid", "value", string(r.Scope))
		}
	default:
		v.Add("kind", "rule.kind.invalid", "value", string(r.Kind))
	}
	return v.Err()
}

// Normalize upper-cases the product codes and trims the lists.
func (r *Rule) Normalize() {
	r.Code = NormalizeCode(r.Code)
	for _, l := range []*[]string{&r.Products, &r.AssetProducts, &r.Targets} {
		for i := range *l {
			(*l)[i] = NormalizeCode((*l)[i])
		}
	}
	for i := range r.PostalPrefixes {
		r.PostalPrefixes[i] = strings.TrimSpace(r.PostalPrefixes[i])
	}
	// Regions are matched as accounts and sites store them: "東京都" and "tokyo" are both Tokyo.
	for i := range r.Regions {
		r.Regions[i] = CanonicalRegion(r.Regions[i])
	}
}
