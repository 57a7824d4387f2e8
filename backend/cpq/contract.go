package cpq

import "time"

// ContractStatus is where a contract is between negotiation and termination.
type ContractStatus string

const (
	ContractDraft           ContractStatus = "draft"
	ContractInNegotiation   ContractStatus = "in_negotiation"
	ContractApproved        ContractStatus = "approved"
	ContractOutForSignature ContractStatus = "out_for_signature"
	ContractSigned          ContractStatus = "signed"
	ContractActivated       ContractStatus = "activated"
	ContractTerminated      ContractStatus = "terminated"
)

// ContractTransitions: negotiation may go back and forth until signatures are collected; a signed contract
// is only activated or terminated.
var ContractTransitions = Transitions[ContractStatus]{Entity: "contract", Next: map[ContractStatus][]ContractStatus{
	ContractDraft:           {ContractInNegotiation, ContractApproved, ContractTerminated},
	ContractInNegotiation:   {ContractApproved, ContractTerminated},
	ContractApproved:        {ContractOutForSignature, ContractInNegotiation, ContractTerminated},
	ContractOutForSignature: {ContractSigned, ContractInNegotiation, ContractTerminated},
	ContractSigned:          {ContractActivated, ContractTerminated},
	ContractActivated:       {ContractTerminated},
	ContractTerminated:      {},
}}

// Contract is the agreement made from an accepted quote version: clauses plus the commercial schedule.
type Contract struct {
	ID         string
	Number     string
	Version    int
	AccountID  string
	QuoteID    string // the accepted quote version whose items and prices it carries
	Status     ContractStatus
	Lang       Lang
	StartDate  time.Time
	TermMonths int
	Clauses    []ContractClause
	SignedAt   time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ContractClause is one clause of a contract, from the clause library, with its text as negotiated.
type ContractClause struct {
	Code     string
	Title    string
	Body     string
	Position int
}

// Validate checks a contract before it is saved.
func (c *Contract) Validate() error {
	v := Validation{Key: "contract.invalid"}
	v.Require("accountId", c.AccountID, "contract.account.required")
	v.Require("quoteId", c.QuoteID, "contract.quote.required")
	if !ContractTransitions.Known(c.Status) {
		v.Add("status", "state.unknown", "entity", "@entity.contract", "state", string(c.Status))
	}
	if c.Version < 1 {
		v.Add("version", "contract.version.range")
	}
	return v.Err()
}

// SetStatus moves the contract to status if its state machine allows it.
func (c *Contract) SetStatus(to ContractStatus) error {
	if err := ContractTransitions.Check(c.Status, to); err != nil {
		return err
	}
	c.Status = to
	return nil
}
