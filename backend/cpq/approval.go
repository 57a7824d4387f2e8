package cpq

import (
	"time"

	"github.com/shopspring/decimal"
)

// ApprovalStatus is where a discount approval request is.
type ApprovalStatus string

const (
	ApprovalPending   ApprovalStatus = "pending"
	ApprovalApproved  ApprovalStatus = "approved"
	ApprovalRejected  ApprovalStatus = "rejected"
	ApprovalVoided    ApprovalStatus = "voided"    // the quote changed after the request: the decision no longer applies
	ApprovalWithdrawn ApprovalStatus = "withdrawn" // the requester took it back
)

// ApprovalTransitions: an approval, once given, can only be voided; nothing returns to pending.
var ApprovalTransitions = Transitions[ApprovalStatus]{Entity: "approval", Next: map[ApprovalStatus][]ApprovalStatus{
	ApprovalPending:   {ApprovalApproved, ApprovalRejected, ApprovalVoided, ApprovalWithdrawn},
	ApprovalApproved:  {ApprovalVoided},
	ApprovalRejected:  {},
	ApprovalVoided:    {},
	ApprovalWithdrawn: {},
}}

// Approval is a request for someone with more authority to accept a quote version's discounts and margin.
// It is bound to ContentHash, the hash of the priced content it was asked for: any change voids it.
type Approval struct {
	ID          string
	QuoteID     string
	ContentHash string
	Level       Role             // the lowest role that may decide
	Reasons     []ApprovalReason // why approval is needed, each naming the line and the figure
	RequestedBy string
	ApproverID  string // who decided; empty while pending
	Status      ApprovalStatus
	Comment     string
	RequestedAt time.Time
	DecidedAt   time.Time
}

// Decide records the approver's decision. Nobody decides on their own request.
func (a *Approval) Decide(approver *User, approve bool, comment string, at time.Time) error {
	if approver.ID == a.RequestedBy {
		return Errorf(EUnauthorized, "approval.self")
	}
	if RoleRank(approver.Role) < RoleRank(a.Level) {
		return Errorf(EUnauthorized, "approval.level", "level", "@role."+string(a.Level))
	}
	to := ApprovalRejected
	if approve {
		to = ApprovalApproved
	}
	if err := ApprovalTransitions.Check(a.Status, to); err != nil {
		return err
	}
	a.Status, a.ApproverID, a.Comment, a.DecidedAt = to, approver.ID, comment, at
	return nil
}

// Active reports whether the approval still stands or may still be given: pending or approved.
func (a *Approval) Active() bool { return a.Status == ApprovalPending || a.Status == ApprovalApproved }

// Void cancels a pending or given approval: the quote changed, or was revised.
func (a *Approval) Void(reason string, at time.Time) error {
	if err := ApprovalTransitions.Check(a.Status, ApprovalVoided); err != nil {
		return err
	}
	a.Status, a.Comment, a.DecidedAt = ApprovalVoided, reason, at
	return nil
}

// ApprovalReason is one reason a quote needs approval, as a message key with its figures, so that it reads in
// the approver's language. Line is the line's 1-based position on the quote (0 for the whole quote), LineID
// the line itself.
type ApprovalReason struct {
	Key    string            `json:"key"`
	Args   map[string]string `json:"args,omitempty"`
	Line   int               `json:"line,omitempty"`
	LineID string            `json:"lineId,omitempty"`
	Level  Role              `json:"level"`
}

// Text renders the reason in lang. A product is named in the reader's language: the reason keeps its name in
// both (productEn, productJa), as the product may have left the catalog since.
func (r ApprovalReason) Text(lang Lang) string {
	args := make(map[string]string, len(r.Args)+1)
	for k, v := range r.Args {
		args[k] = v
	}
	if lang == LangJA {
		args["product"] = r.Args["productJa"]
	} else {
		args["product"] = r.Args["productEn"]
	}
	return Message(lang, r.Key, args)
}

// ApprovalRuleKind is what an approval rule looks at.
type ApprovalRuleKind string

const (
	// RuleDiscount compares each line's discount with the authority of the quote owner's role.
	RuleDiscount ApprovalRuleKind = "discount"
	// RuleMargin compares the quote's margin with the authority of the quote owner's role.
	RuleMargin ApprovalRuleKind = "margin"
	// RuleTCV sends a quote whose total contract value reaches Amount (in Currency) to Level.
	RuleTCV ApprovalRuleKind = "tcv"
)

// ApprovalRule is one rule of the approval policy, held as data.
type ApprovalRule struct {
	Code     string
	Kind     ApprovalRuleKind
	Amount   decimal.Decimal
	Currency string
	Level    Role
	Position int
	Active   bool
}

// Validate checks an approval rule before it is saved.
func (r *ApprovalRule) Validate() error {
	v := Validation{Key: "approvalRule.invalid"}
	v.Require("code", r.Code, "approvalRule.code.required")
	switch r.Kind {
	case RuleDiscount, RuleMargin:
	case RuleTCV:
		if !r.Amount.IsPositive() {
			v.Add("amount", "approvalRule.amount.positive")
		}
		if _, err := LookupCurrency(r.Currency); err != nil {
			v.Add("currency", "currency.unknown", "code", r.Currency)
		}
		if !r.Level.Valid() {
			v.Add("level", "user.role.invalid", "value", string(r.Level))
		}
	default:
		v.Add("kind", "approvalRule.kind.invalid", "value", string(r.Kind))
	}
	return v.Err()
}
