package cpq

import "time"

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
	Level       Role     // the lowest role that may decide
	Reasons     []string // why approval is needed, each naming the line and the figure
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
	if roleRank(approver.Role) < roleRank(a.Level) {
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

func roleRank(r Role) int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}
