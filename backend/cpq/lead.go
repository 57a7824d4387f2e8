package cpq

import "time"

// LeadStatus is where a lead is in qualification.
type LeadStatus string

const (
	LeadNew          LeadStatus = "new"
	LeadWorking      LeadStatus = "working"
	LeadQualified    LeadStatus = "qualified"
	LeadDisqualified LeadStatus = "disqualified"
	LeadConverted    LeadStatus = "converted"
)

// LeadTransitions: a lead is worked, then qualified or disqualified; a qualified lead is converted once.
// A disqualified lead may be reopened; a converted lead is final (its account carries on).
var LeadTransitions = Transitions[LeadStatus]{Entity: "lead", Next: map[LeadStatus][]LeadStatus{
	LeadNew:          {LeadWorking, LeadQualified, LeadDisqualified},
	LeadWorking:      {LeadQualified, LeadDisqualified},
	LeadQualified:    {LeadWorking, LeadDisqualified, LeadConverted},
	LeadDisqualified: {LeadWorking},
	LeadConverted:    {},
}}

// Segment is who a customer is: a business (B2B, quotes and contracts) or a consumer (B2C, straight to order).
type Segment string

const (
	SegmentBusiness Segment = "business"
	SegmentConsumer Segment = "consumer"
)

func (s Segment) Valid() bool { return s == SegmentBusiness || s == SegmentConsumer }

// Lead is a prospective customer not yet qualified.
type Lead struct {
	ID        string
	Segment   Segment
	Company   string // empty for a consumer
	FirstName string
	LastName  string
	Email     string
	Phone     string
	Region    string
	Source    string // web, referral, event, partner, …
	Status    LeadStatus
	OwnerID   string
	// AssignedBy is the code of the assignment rule that chose the owner; empty when a person chose.
	AssignedBy string
	// ConvertedAccountID, ConvertedContactID and ConvertedOpportunityID are what converting the lead made or
	// linked: the account always, a contact and an opportunity for a business lead.
	ConvertedAccountID     string
	ConvertedContactID     string
	ConvertedOpportunityID string
	CreatedAt              time.Time
	UpdatedAt              time.Time
}

// Validate checks a lead before it is saved.
func (l *Lead) Validate() error {
	v := Validation{Key: "lead.invalid"}
	if !l.Segment.Valid() {
		v.Add("segment", "segment.invalid", "value", string(l.Segment))
	}
	if l.Segment == SegmentBusiness {
		v.Require("company", l.Company, "lead.company.required")
	}
	v.Require("lastName", l.LastName, "lead.lastName.required")
	if l.Email == "" && l.Phone == "" {
		v.Add("email", "lead.contact.required")
	}
	if l.Email != "" && !looksLikeEmail(l.Email) {
		v.Add("email", "email.invalid", "value", l.Email)
	}
	if l.Phone != "" && !looksLikePhone(l.Phone) {
		v.Add("phone", "phone.invalid", "value", l.Phone)
	}
	if !LeadTransitions.Known(l.Status) {
		v.Add("status", "state.unknown", "entity", "@entity.lead", "state", string(l.Status))
	}
	return v.Err()
}

// SetStatus moves the lead to status if its state machine allows it.
func (l *Lead) SetStatus(to LeadStatus) error {
	if err := LeadTransitions.Check(l.Status, to); err != nil {
		return err
	}
	l.Status = to
	return nil
}

// AssignmentRule routes new leads to a sales team: the first active rule (by Position) whose region and
// segment match the lead gives it to the next member of its team in turn (round robin). Rules are data,
// edited by an administrator; an empty Region or Segment matches any.
type AssignmentRule struct {
	ID       string
	Code     string
	Region   string   // a prefecture or area name as cpq.CanonicalRegion gives it; empty for any
	Segment  Segment  // empty for any
	Team     []string // user ids, in turn order
	Position int
	Active   bool
}

// Validate checks an assignment rule before it is saved.
func (r *AssignmentRule) Validate() error {
	v := Validation{Key: "assignment.invalid"}
	v.Require("code", r.Code, "assignment.code.required")
	if r.Segment != "" && !r.Segment.Valid() {
		v.Add("segment", "segment.invalid", "value", string(r.Segment))
	}
	if len(r.Team) == 0 {
		v.Add("team", "assignment.team.required")
	}
	return v.Err()
}
