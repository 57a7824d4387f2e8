package cpq

import (
	"time"

	"github.com/shopspring/decimal"
)

// QuoteStatus is where one version of a quote is in its life.
type QuoteStatus string

const (
	QuoteDraft         QuoteStatus = "draft"
	QuoteNeedsApproval QuoteStatus = "needs_approval"
	QuoteApproved      QuoteStatus = "approved"
	QuotePresented     QuoteStatus = "presented"
	QuoteAccepted      QuoteStatus = "accepted"
	QuoteRejected      QuoteStatus = "rejected"
	QuoteExpired       QuoteStatus = "expired"
	QuoteSuperseded    QuoteStatus = "superseded" // a newer version replaced it; read-only
)

// QuoteTransitions: a draft is presented directly when no approval is needed, else it waits for one;
// editing an approved quote sends it back to draft (voiding the approval). Revising creates a new version and
// supersedes this one, from any state but accepted.
var QuoteTransitions = Transitions[QuoteStatus]{Entity: "quote", Next: map[QuoteStatus][]QuoteStatus{
	QuoteDraft:         {QuoteNeedsApproval, QuotePresented, QuoteSuperseded, QuoteExpired},
	QuoteNeedsApproval: {QuoteApproved, QuoteDraft, QuoteSuperseded, QuoteExpired},
	QuoteApproved:      {QuotePresented, QuoteDraft, QuoteSuperseded, QuoteExpired},
	QuotePresented:     {QuoteAccepted, QuoteRejected, QuoteExpired, QuoteSuperseded},
	QuoteAccepted:      {},
	QuoteRejected:      {QuoteSuperseded},
	QuoteExpired:       {QuoteSuperseded},
	QuoteSuperseded:    {},
}}

// Quote is one version of a quote. Revising a quote creates a new Quote with the same Number and the next
// Version; the old one is superseded.
type Quote struct {
	ID            string
	Number        string // shared by all versions, e.g. "Q-2026-000042"
	Version       int
	AccountID     string
	OpportunityID string // empty for a quote without an opportunity
	Name          string
	Status        QuoteStatus
	Primary       bool // the opportunity's primary quote: its total contract value is the opportunity's amount
	PriceListID   string
	Currency      string
	TermMonths    int
	ValidUntil    time.Time // a calendar date
	Lang          Lang      // the language the quote is presented in
	// DiscountPct is a discount on the whole quote, applied after line discounts.
	DiscountPct decimal.Decimal
	OwnerID     string
	// PreviousID is the version this one revises.
	PreviousID string
	// PresentedHash fingerprints the priced content the customer was shown (set when presented): accepting
	// the version at other prices is refused.
	PresentedHash string
	SiteGroups    []SiteGroup
	Lines         []QuoteLine
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// SiteGroup gathers the lines installed at one site (or, without a site, a named group).
type SiteGroup struct {
	ID       string
	SiteID   string
	Name     string
	Position int
}

// QuoteLine is one configured product on a quote. A bundle's components are lines whose ParentID is the
// bundle's line.
type QuoteLine struct {
	ID          string
	SiteGroupID string
	ParentID    string
	ProductID   string
	Quantity    int
	Attributes  map[string]string
	// DiscountPct and DiscountAmount are the rep's manual discount on this line (per unit, for DiscountAmount).
	DiscountPct    decimal.Decimal
	DiscountAmount decimal.Decimal
	Position       int
}

// MaxQuantity is the largest quantity of one line: enough for any real order, and small enough that the
// quantities of nested bundle lines multiply without overflow.
const MaxQuantity = 100000

// Editable reports whether the version may still be changed. Superseded, accepted and presented versions
// are fixed: a change to them is a revision.
func (q *Quote) Editable() bool {
	switch q.Status {
	case QuoteDraft, QuoteNeedsApproval, QuoteApproved:
		return true
	}
	return false
}

// Validate checks a quote version before it is saved.
func (q *Quote) Validate() error {
	v := Validation{Key: "quote.invalid"}
	v.Require("accountId", q.AccountID, "quote.account.required")
	v.Require("name", q.Name, "quote.name.required")
	if q.Version < 1 {
		v.Add("version", "quote.version.range")
	}
	if !QuoteTransitions.Known(q.Status) {
		v.Add("status", "state.unknown", "entity", "@entity.quote", "state", string(q.Status))
	}
	if _, err := LookupCurrency(q.Currency); err != nil {
		v.Add("currency", "currency.unknown", "code", q.Currency)
	}
	switch q.TermMonths {
	case 0, 1, 12, 24, 36, 48, 60:
	default:
		v.Add("termMonths", "quote.term.invalid", "value", itoa(q.TermMonths))
	}
	if q.DiscountPct.IsNegative() || q.DiscountPct.GreaterThan(decimal.NewFromInt(100)) {
		v.Add("discountPct", "discount.percent.range")
	}
	groups := map[string]bool{}
	for _, g := range q.SiteGroups {
		groups[g.ID] = true
		if g.Name == "" {
			v.Add("siteGroups", "quote.siteGroup.name")
		}
	}
	lines := map[string]bool{}
	for _, l := range q.Lines {
		lines[l.ID] = true
	}
	for i, l := range q.Lines {
		l.check(&v, i+1)
		if l.SiteGroupID != "" && !groups[l.SiteGroupID] {
			v.Add("lines", "quote.line.siteGroup", "line", itoa(i+1))
		}
		if l.ParentID != "" && (!lines[l.ParentID] || l.ParentID == l.ID) {
			v.Add("lines", "quote.line.parent", "line", itoa(i+1))
		}
	}
	return v.Err()
}

// ValidateLine checks one line on its own (the rest of the quote is not looked at); line is its 1-based
// position, for the message.
func (l *QuoteLine) ValidateLine(line int) error {
	v := Validation{Key: "quote.invalid"}
	l.check(&v, line)
	return v.Err()
}

func (l *QuoteLine) check(v *Validation, line int) {
	n := itoa(line)
	if l.ProductID == "" {
		v.Add("lines", "quote.line.product", "line", n)
	}
	if l.Quantity < 1 || l.Quantity > MaxQuantity {
		v.Add("lines", "quote.line.quantity", "line", n)
	}
	if l.DiscountPct.IsNegative() || l.DiscountPct.GreaterThan(decimal.NewFromInt(100)) {
		v.Add("lines", "quote.line.discountPct", "line", n)
	}
	if l.DiscountAmount.IsNegative() {
		v.Add("lines", "quote.line.discountAmount", "line", n)
	}
}

// SetStatus moves the quote version to status if its state machine allows it.
func (q *Quote) SetStatus(to QuoteStatus) error {
	if err := QuoteTransitions.Check(q.Status, to); err != nil {
		return err
	}
	q.Status = to
	return nil
}

// Revision returns the next version of the quote: the same number, terms, site groups and lines, with fresh
// ids that keep how lines refer to their bundle and site group, a draft again, pointing back to this version.
// It is not saved.
func (q *Quote) Revision() *Quote {
	v := *q
	v.ID, v.Version, v.PreviousID, v.Status, v.Primary, v.PresentedHash = "", q.Version+1, q.ID, QuoteDraft, false, ""
	v.CreatedAt, v.UpdatedAt = time.Time{}, time.Time{}
	groups := make(map[string]string, len(q.SiteGroups))
	v.SiteGroups = make([]SiteGroup, len(q.SiteGroups))
	for i, g := range q.SiteGroups {
		old := g.ID
		g.ID = NewID("sg")
		groups[old] = g.ID
		v.SiteGroups[i] = g
	}
	lines := make(map[string]string, len(q.Lines))
	for _, l := range q.Lines {
		lines[l.ID] = NewID("ql")
	}
	v.Lines = make([]QuoteLine, len(q.Lines))
	for i, l := range q.Lines {
		l.ID, l.SiteGroupID = lines[l.ID], groups[l.SiteGroupID]
		if l.ParentID != "" {
			l.ParentID = lines[l.ParentID]
		}
		if l.Attributes != nil {
			attrs := make(map[string]string, len(l.Attributes))
			for k, x := range l.Attributes {
				attrs[k] = x
			}
			l.Attributes = attrs
		}
		v.Lines[i] = l
	}
	return &v
}
