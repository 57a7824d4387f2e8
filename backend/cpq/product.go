package cpq

import (
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ProductKind tells a simple product from a bundle of child products.
type ProductKind string

const (
	ProductSimple ProductKind = "simple"
	ProductBundle ProductKind = "bundle"
)

// ProductStatus is a product's life in the catalog.
type ProductStatus string

const (
	ProductDraft   ProductStatus = "draft"   // being defined; not sold
	ProductActive  ProductStatus = "active"  // sold
	ProductRetired ProductStatus = "retired" // no longer sold; assets of it live on
)

var ProductTransitions = Transitions[ProductStatus]{Entity: "product", Next: map[ProductStatus][]ProductStatus{
	ProductDraft:   {ProductActive, ProductRetired},
	ProductActive:  {ProductRetired},
	ProductRetired: {ProductActive},
}}

// AttributeType is the kind of value a configurable attribute takes.
type AttributeType string

const (
	AttrChoice  AttributeType = "choice"  // one of Values
	AttrText    AttributeType = "text"    // free text
	AttrNumber  AttributeType = "number"  // a decimal number
	AttrBoolean AttributeType = "boolean" // "true" or "false"
)

// Product is an offering in the catalog: a simple product or a bundle of components.
type Product struct {
	ID          string
	Code        string // stable business key, e.g. "FIBRE-HOME"
	Kind        ProductKind
	Family      string // fibre, router, tv, voice, mobile-device, mobile-plan, wifi, …
	Name        Text
	Description Text
	Status      ProductStatus
	// EffectiveFrom and EffectiveTo bound when the product may be sold; zero means open-ended.
	EffectiveFrom time.Time
	EffectiveTo   time.Time
	Attributes    []Attribute
	Components    []BundleComponent // for bundles: the child products and how many of each
	// TechnicalAttributes must be filled by a technical user before an order with this product is submitted.
	TechnicalAttributes []TechnicalAttribute
	// TaxCode chooses the product's tax rate from the settings' rate table ("standard" when empty).
	TaxCode   string
	UpdatedAt time.Time
}

// Tax codes of the rate table. Japan: standard 10%, reduced 8% (軽減税率).
const (
	TaxStandard = "standard"
	TaxReduced  = "reduced"
	TaxExempt   = "exempt"
)

// Attribute is a configurable characteristic of a product (speed, colour, storage).
type Attribute struct {
	Code     string
	Name     Text
	Type     AttributeType
	Required bool
	Default  string
	Values   []AttributeValue // for AttrChoice
}

// AttributeValue is one allowed value of a choice attribute.
type AttributeValue struct {
	Code string
	Name Text
}

// BundleComponent is a child product in a bundle with its cardinality.
type BundleComponent struct {
	ProductID string
	Min       int // 0 makes the component optional
	Max       int
	Default   int // how many are added when the bundle is added
}

// TechnicalAttribute is a resource value an order needs (SIM ICCID, IP block, port number).
type TechnicalAttribute struct {
	Code    string
	Name    Text
	Pattern string // a regular expression the value must match; empty accepts any non-blank value
}

var productCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_.-]{1,63}$`)

// Validate checks a product definition before it is saved.
func (p *Product) Validate() error {
	v := Validation{Key: "product.invalid"}
	if !productCode.MatchString(p.Code) {
		v.Add("code", "product.code.invalid", "value", p.Code)
	}
	if p.Kind != ProductSimple && p.Kind != ProductBundle {
		v.Add("kind", "product.kind.invalid", "value", string(p.Kind))
	}
	if p.Name.IsZero() {
		v.Add("name", "product.name.required")
	}
	if !ProductTransitions.Known(p.Status) {
		v.Add("status", "state.unknown", "entity", "@entity.product", "state", string(p.Status))
	}
	if !p.EffectiveTo.IsZero() && p.EffectiveTo.Before(p.EffectiveFrom) {
		v.Add("effectiveTo", "product.effective.order")
	}
	seen := map[string]bool{}
	for _, a := range p.Attributes {
		if a.Code == "" || seen[a.Code] {
			v.Add("attributes", "product.attribute.code", "code", a.Code)
		}
		seen[a.Code] = true
		switch a.Type {
		case AttrChoice:
			if len(a.Values) == 0 {
				v.Add("attributes", "product.attribute.noValues", "code", a.Code)
			}
			if a.Default != "" && !a.Allows(a.Default) {
				v.Add("attributes", "product.attribute.badDefault", "code", a.Code, "value", a.Default)
			}
		case AttrText, AttrNumber, AttrBoolean:
		default:
			v.Add("attributes", "product.attribute.type", "code", a.Code, "value", string(a.Type))
		}
	}
	switch p.TaxCode {
	case "", TaxStandard, TaxReduced, TaxExempt:
	default:
		v.Add("taxCode", "product.taxCode.invalid", "value", p.TaxCode)
	}
	if p.Kind == ProductSimple && len(p.Components) > 0 {
		v.Add("components", "product.components.simple")
	}
	for _, c := range p.Components {
		if c.ProductID == p.ID && p.ID != "" {
			v.Add("components", "product.components.self")
		}
		if c.Min < 0 || c.Max < c.Min || c.Max == 0 || c.Default < c.Min || c.Default > c.Max {
			v.Add("components", "product.components.cardinality", "product", c.ProductID)
		}
	}
	for _, t := range p.TechnicalAttributes {
		if t.Pattern != "" {
			if _, err := regexp.Compile(t.Pattern); err != nil {
				v.Add("technicalAttributes", "product.technical.pattern", "code", t.Code)
			}
		}
	}
	return v.Err()
}

// Allows reports whether value is allowed for a choice attribute.
func (a Attribute) Allows(value string) bool {
	for _, x := range a.Values {
		if x.Code == value {
			return true
		}
	}
	return false
}

// SellableOn reports whether the product may be sold on day (active and inside its effective dates).
// HasComponent reports whether the bundle can hold the product as one of its components.
func (p *Product) HasComponent(productID string) bool {
	for _, c := range p.Components {
		if c.ProductID == productID {
			return true
		}
	}
	return false
}

func (p *Product) SellableOn(day time.Time) bool {
	if p.Status != ProductActive {
		return false
	}
	if !p.EffectiveFrom.IsZero() && day.Before(p.EffectiveFrom) {
		return false
	}
	if !p.EffectiveTo.IsZero() && day.After(p.EffectiveTo) {
		return false
	}
	return true
}

// ChargeType tells a one-time charge (NRC, 初期費用) from a recurring one (MRC, 月額料金).
type ChargeType string

const (
	ChargeOneTime   ChargeType = "one_time"
	ChargeRecurring ChargeType = "recurring"
)

// Period is the billing period of a recurring charge.
type Period string

const (
	PeriodMonth Period = "month"
	PeriodYear  Period = "year"
)

// PriceList is a set of prices in one currency.
type PriceList struct {
	ID        string
	Code      string
	Name      Text
	Currency  string
	ValidFrom time.Time
	ValidTo   time.Time
	Active    bool
}

// ValidOn reports whether quotes may be priced from the list on a calendar day.
func (l *PriceList) ValidOn(day time.Time) bool {
	if !l.Active || (!l.ValidFrom.IsZero() && day.Before(l.ValidFrom)) {
		return false
	}
	return l.ValidTo.IsZero() || !day.After(l.ValidTo)
}

// Validate checks a price list before it is saved.
func (l *PriceList) Validate() error {
	v := Validation{Key: "pricelist.invalid"}
	v.Require("code", l.Code, "pricelist.code.required")
	if l.Name.IsZero() {
		v.Add("name", "pricelist.name.required")
	}
	if _, err := LookupCurrency(l.Currency); err != nil {
		v.Add("currency", "currency.unknown", "code", l.Currency)
	}
	return v.Err()
}

// TierMode says how a product's volume tiers price a quantity.
type TierMode string

const (
	// TierTiered prices every unit at the tier the whole quantity reaches: 250 phones with a tier from 200
	// are all at the 200+ price.
	TierTiered TierMode = "tiered"
	// TierSlab prices each slab of units at its own tier: of 250 phones, units 1–49 at the base price, 50–199
	// at the 50+ price and 200–250 at the 200+ price.
	TierSlab TierMode = "slab"
)

// TierScope says which quantity reaches a tier.
type TierScope string

const (
	ScopeSite  TierScope = "site"  // the quantity of the product at one site group
	ScopeQuote TierScope = "quote" // the quantity of the product across the whole quote
)

// PriceEntry is one price of a product in a price list. An entry with Attribute set is an adjustment added to
// the base price when the line's attribute has AttributeValue (a faster speed, more storage); an entry with
// MinQuantity above 1 is a volume tier, combined with the others of its ladder as TierMode and TierScope say;
// one with TermMonths applies to that commitment only.
type PriceEntry struct {
	ID             string
	PriceListID    string
	ProductID      string
	Charge         ChargeType
	Period         Period // recurring charges only
	Amount         decimal.Decimal
	Cost           decimal.Decimal // unit cost, for margin
	TermMonths     int             // 0: any term
	Attribute      string
	AttributeValue string
	MinQuantity    int // 1 for the base price
	TierMode       TierMode
	TierScope      TierScope
}

// Validate checks a price entry before it is saved.
func (e *PriceEntry) Validate() error {
	v := Validation{Key: "price.invalid"}
	v.Require("productId", e.ProductID, "price.product.required")
	switch e.Charge {
	case ChargeOneTime:
		if e.Period != "" {
			v.Add("period", "price.period.oneTime")
		}
	case ChargeRecurring:
		if e.Period != PeriodMonth && e.Period != PeriodYear {
			v.Add("period", "price.period.required")
		}
	default:
		v.Add("charge", "price.charge.invalid", "value", string(e.Charge))
	}
	if e.Attribute == "" && e.Amount.IsNegative() {
		v.Add("amount", "price.amount.negative")
	}
	if e.Cost.IsNegative() {
		v.Add("cost", "price.cost.negative")
	}
	if e.MinQuantity < 1 {
		v.Add("minQuantity", "price.minQuantity.range")
	}
	if e.TermMonths < 0 {
		v.Add("termMonths", "price.term.range")
	}
	if (e.Attribute == "") != (e.AttributeValue == "") {
		v.Add("attribute", "price.attribute.pair")
	}
	if e.Attribute != "" && e.MinQuantity > 1 {
		v.Add("minQuantity", "price.tier.attribute")
	}
	switch e.TierMode {
	case "", TierTiered, TierSlab:
	default:
		v.Add("tierMode", "price.tierMode.invalid", "value", string(e.TierMode))
	}
	switch e.TierScope {
	case "", ScopeSite, ScopeQuote:
	default:
		v.Add("tierScope", "price.tierScope.invalid", "value", string(e.TierScope))
	}
	return v.Err()
}

// DiscountKind is how a promotion or discount is expressed.
type DiscountKind string

const (
	DiscountPercent DiscountKind = "percent"
	DiscountAmount  DiscountKind = "amount"
)

// Promotion is a time-limited offer on some products.
type Promotion struct {
	ID          string
	Code        string
	Name        Text
	Description Text
	Kind        DiscountKind
	Value       decimal.Decimal // percent (0–100) or amount per unit in Currency
	Currency    string          // for DiscountAmount
	Charge      ChargeType      // which charge it reduces
	// DurationMonths limits a recurring discount to the first N months; 0 means the whole term.
	DurationMonths int
	ValidFrom      time.Time
	ValidTo        time.Time
	Segment        Segment // empty: every segment
	ProductIDs     []string
	Active         bool
}

// Validate checks a promotion before it is saved.
func (p *Promotion) Validate() error {
	v := Validation{Key: "promotion.invalid"}
	v.Require("code", p.Code, "promotion.code.required")
	if p.Name.IsZero() {
		v.Add("name", "promotion.name.required")
	}
	switch p.Kind {
	case DiscountPercent:
		if p.Value.LessThanOrEqual(decimal.Zero) || p.Value.GreaterThan(decimal.NewFromInt(100)) {
			v.Add("value", "promotion.percent.range")
		}
	case DiscountAmount:
		if p.Value.LessThanOrEqual(decimal.Zero) {
			v.Add("value", "promotion.amount.positive")
		}
		if _, err := LookupCurrency(p.Currency); err != nil {
			v.Add("currency", "currency.unknown", "code", p.Currency)
		}
	default:
		v.Add("kind", "promotion.kind.invalid", "value", string(p.Kind))
	}
	if p.Charge != ChargeOneTime && p.Charge != ChargeRecurring {
		v.Add("charge", "price.charge.invalid", "value", string(p.Charge))
	}
	if p.DurationMonths < 0 {
		v.Add("durationMonths", "promotion.duration.range")
	}
	if !p.ValidTo.IsZero() && p.ValidTo.Before(p.ValidFrom) {
		v.Add("validTo", "promotion.valid.order")
	}
	if p.Segment != "" && !p.Segment.Valid() {
		v.Add("segment", "segment.invalid", "value", string(p.Segment))
	}
	if len(p.ProductIDs) == 0 {
		v.Add("productIds", "promotion.products.required")
	}
	return v.Err()
}

// ValidOn reports whether the promotion may be applied on day.
func (p *Promotion) ValidOn(day time.Time) bool {
	if !p.Active {
		return false
	}
	if !p.ValidFrom.IsZero() && day.Before(p.ValidFrom) {
		return false
	}
	return p.ValidTo.IsZero() || !day.After(p.ValidTo)
}

// NormalizeCode upper-cases a business code and trims it.
func NormalizeCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
