package pricing

import (
	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// Kind is a charge's kind: one-time (NRC), monthly or yearly recurring.
type Kind string

const (
	OneTime Kind = "one_time"
	Monthly Kind = "monthly"
	Yearly  Kind = "yearly"
)

// kinds lists the kinds in the order lines and totals show them.
var kinds = [...]Kind{OneTime, Monthly, Yearly}

func kindOf(e *cpq.PriceEntry) Kind {
	switch {
	case e.Charge == cpq.ChargeOneTime:
		return OneTime
	case e.Period == cpq.PeriodYear:
		return Yearly
	}
	return Monthly
}

// StepKind names what a waterfall step is.
type StepKind string

const (
	StepList          StepKind = "list"           // the list price times the quantity
	StepTerm          StepKind = "term"           // the price for the quote's commitment term instead
	StepTier          StepKind = "tier"           // a volume tier
	StepAttribute     StepKind = "attribute"      // an adjustment for an attribute value
	StepPromotion     StepKind = "promotion"      // a promotion
	StepLineDiscount  StepKind = "line_discount"  // the rep's discount on the line
	StepQuoteDiscount StepKind = "quote_discount" // the discount on the whole quote
	StepRounding      StepKind = "rounding"       // the residue of rounding to the currency's minor units
)

// Step is one step of a line's price waterfall, on the line's extended amount (unit price × quantity). It
// keeps what produced it (the price entry, the promotion, the discount) rather than words, so that pricing
// stays fast; Label renders it in either language.
type Step struct {
	Kind StepKind
	// Entry is the price entry behind a list, term, tier or attribute step.
	Entry *cpq.PriceEntry
	// Promotion is the promotion behind a promotion step.
	Promotion *cpq.Promotion
	// Percent is the discount rate of a percentage discount step.
	Percent decimal.Decimal
	// PerUnit is the discount per unit of an amount discount step, as the line gives it (the step's Amount
	// may be less: a discount never takes a price below zero).
	PerUnit decimal.Decimal
	// From and To are the units a volume slab covers (slab tiers only).
	From, To int
	// Amount is the change this step makes (for the list step, the list amount itself).
	Amount decimal.Decimal
	// Running is the line's amount after the step.
	Running decimal.Decimal
	// Months limits a promotion to the first months of the term (0: the whole term).
	Months int
}

// Charge is one kind of charge on a line with its waterfall.
type Charge struct {
	Kind Kind
	// UnitList is the list price of one unit, before any step.
	UnitList decimal.Decimal
	Steps    []Step
	// Net is the charge after every step, rounded: for a recurring charge, the amount of each period while
	// its promotions last.
	Net decimal.Decimal
	// NetAfter is the recurring amount once time-limited promotions end; PromotionMonths is how long Net
	// applies before it. Without such promotions NetAfter equals Net and PromotionMonths is 0.
	NetAfter        decimal.Decimal
	PromotionMonths int
	// Cost is the extended cost of one period (or once, for a one-time charge).
	Cost decimal.Decimal
	// Tax is the line's tax on Net when tax is rounded per line; zero when rounded per document.
	Tax decimal.Decimal
	// Value is the charge over the quote's term; CostValue its cost over the term.
	Value     decimal.Decimal
	CostValue decimal.Decimal
}

// Line is one priced quote line.
type Line struct {
	LineID      string
	ProductID   string
	SiteGroupID string
	// Quantity is the line's own; EffectiveQuantity multiplies it by its bundle lines' quantities.
	Quantity          int
	EffectiveQuantity int
	TaxCode           string
	TaxRate           decimal.Decimal
	Charges           []Charge
}

// Charge returns the line's charge of the kind, or nil.
func (l *Line) Charge(k Kind) *Charge {
	for i := range l.Charges {
		if l.Charges[i].Kind == k {
			return &l.Charges[i]
		}
	}
	return nil
}

// TaxLine is the tax of one kind of charge at one rate.
type TaxLine struct {
	Kind    Kind
	TaxCode string
	Rate    decimal.Decimal
	Base    decimal.Decimal // the net amounts taxed at this rate
	Tax     decimal.Decimal
}

// Totals add up lines: net amounts by kind, tax by kind and rate, gross amounts, total contract value, cost
// and margin.
type Totals struct {
	OneTime, Monthly, Yearly decimal.Decimal
	// MonthlyAfterPromotions is the monthly net once every time-limited promotion has ended.
	MonthlyAfterPromotions            decimal.Decimal
	Taxes                             []TaxLine
	OneTimeTax, MonthlyTax, YearlyTax decimal.Decimal
	OneTimeGross, MonthlyGross        decimal.Decimal
	YearlyGross                       decimal.Decimal
	// TCV is the total contract value: every charge over the term, before tax.
	TCV decimal.Decimal
	// Cost is the cost over the term; Margin = TCV − Cost; MarginPct is Margin / TCV in percent, rounded
	// half up to two places (0 when TCV is 0).
	Cost, Margin, MarginPct decimal.Decimal
}

// Group is the totals of one site group.
type Group struct {
	SiteGroupID string
	Name        string
	Totals
}

// Result is a priced quote.
type Result struct {
	Currency   cpq.Currency
	TermMonths int
	// ValueMonths is the number of months the contract value counts: the term, or 1 without commitment.
	ValueMonths int
	Settings    Settings
	Lines       []Line
	Groups      []Group
	Totals      Totals
}
