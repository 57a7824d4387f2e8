package cpq

import (
	"time"

	"github.com/shopspring/decimal"
)

// Stage is where an opportunity is in the sales process.
type Stage string

const (
	StageProspecting   Stage = "prospecting"
	StageQualification Stage = "qualification"
	StageProposal      Stage = "proposal"
	StageNegotiation   Stage = "negotiation"
	StageClosedWon     Stage = "closed_won"
	StageClosedLost    Stage = "closed_lost"
)

// StageProbability is the default win probability (percent) of each stage.
var StageProbability = map[Stage]int{
	StageProspecting: 10, StageQualification: 25, StageProposal: 50, StageNegotiation: 75,
	StageClosedWon: 100, StageClosedLost: 0,
}

var openStages = []Stage{StageProspecting, StageQualification, StageProposal, StageNegotiation}

// StageTransitions: open stages move freely (deals go backwards too) and may close; a lost deal may be
// reopened into negotiation, a won one is final: its contract and orders carry on.
var StageTransitions = Transitions[Stage]{Entity: "opportunity", Next: map[Stage][]Stage{
	StageProspecting:   append([]Stage{StageClosedWon, StageClosedLost}, openStages...),
	StageQualification: append([]Stage{StageClosedWon, StageClosedLost}, openStages...),
	StageProposal:      append([]Stage{StageClosedWon, StageClosedLost}, openStages...),
	StageNegotiation:   append([]Stage{StageClosedWon, StageClosedLost}, openStages...),
	StageClosedWon:     {},
	StageClosedLost:    {StageNegotiation},
}}

// Opportunity is a deal being worked with an account.
type Opportunity struct {
	ID          string
	AccountID   string
	Name        string
	Stage       Stage
	CloseDate   time.Time // a calendar date
	Probability int       // percent
	// Amount follows the primary quote's total contract value; empty until there is one.
	Amount         decimal.Decimal
	Currency       string
	PrimaryQuoteID string
	OwnerID        string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Validate checks an opportunity before it is saved.
func (o *Opportunity) Validate() error {
	v := Validation{Key: "opportunity.invalid"}
	v.Require("accountId", o.AccountID, "opportunity.account.required")
	v.Require("name", o.Name, "opportunity.name.required")
	if !StageTransitions.Known(o.Stage) {
		v.Add("stage", "state.unknown", "entity", "@entity.opportunity", "state", string(o.Stage))
	}
	if o.CloseDate.IsZero() {
		v.Add("closeDate", "opportunity.closeDate.required")
	}
	if o.Probability < 0 || o.Probability > 100 {
		v.Add("probability", "opportunity.probability.range")
	}
	return v.Err()
}

// SetStage moves the opportunity to stage and sets the stage's default probability.
func (o *Opportunity) SetStage(to Stage) error {
	if err := StageTransitions.Check(o.Stage, to); err != nil {
		return err
	}
	o.Stage = to
	o.Probability = StageProbability[to]
	return nil
}
