package cpq

import (
	"bytes"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"  // logos and drawn signatures
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ContractStatus is where a contract version is between negotiation and termination.
type ContractStatus string

const (
	ContractDraft           ContractStatus = "draft"
	ContractInNegotiation   ContractStatus = "in_negotiation"
	ContractApproved        ContractStatus = "approved"
	ContractOutForSignature ContractStatus = "out_for_signature"
	ContractSigned          ContractStatus = "signed"
	ContractActivated       ContractStatus = "activated"
	ContractTerminated      ContractStatus = "terminated"
	// ContractSuperseded is a version that a newer one replaced during negotiation; read-only.
	ContractSuperseded ContractStatus = "superseded"
)

// ContractTransitions: negotiation may go back and forth until signatures are collected; a signed contract
// is only activated or terminated. A version still being negotiated is superseded by the next one.
var ContractTransitions = Transitions[ContractStatus]{Entity: "contract", Next: map[ContractStatus][]ContractStatus{
	ContractDraft:           {ContractInNegotiation, ContractApproved, ContractTerminated, ContractSuperseded},
	ContractInNegotiation:   {ContractApproved, ContractTerminated, ContractSuperseded},
	ContractApproved:        {ContractOutForSignature, ContractInNegotiation, ContractTerminated, ContractSuperseded},
	ContractOutForSignature: {ContractSigned, ContractInNegotiation, ContractTerminated, ContractSuperseded},
	ContractSigned:          {ContractActivated, ContractTerminated},
	ContractActivated:       {ContractTerminated},
	ContractTerminated:      {},
	ContractSuperseded:      {},
}}

// Contract is one version of the agreement made from an accepted quote version: clauses plus the commercial
// schedule. Each negotiated change makes a new version with the same Number; the old one is superseded.
type Contract struct {
	ID         string
	Number     string
	Version    int
	AccountID  string
	QuoteID    string // the accepted quote version whose items and prices it carries
	OwnerID    string
	AuthorID   string // who made this version (its changes)
	PreviousID string // the version this one revises
	Note       string // what this version changed, as the person who made it put it
	Status     ContractStatus
	Lang       Lang
	StartDate  time.Time
	TermMonths int
	Clauses    []ContractClause
	// Schedule is the commercial schedule as the customer accepted it: copied from the quote version when
	// the contract is made, so a later catalog change never alters a contract.
	Schedule   Schedule
	Signatures []Signature
	SignedAt   time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ContractClause is one clause of a contract, from the clause library, with its text as negotiated. A clause
// written during negotiation has a Code starting with "CUSTOM".
type ContractClause struct {
	Code     string
	Title    string
	Body     string
	Position int
}

// Schedule is a contract's commercial schedule: the lines and totals of the accepted quote version.
type Schedule struct {
	Currency   string          `json:"currency"`
	TermMonths int             `json:"termMonths"`
	Groups     []ScheduleGroup `json:"groups"`
	// Net amounts by kind, tax by rate, gross amounts and the total contract value, before tax.
	OneTime      decimal.Decimal `json:"oneTime"`
	Monthly      decimal.Decimal `json:"monthly"`
	Taxes        []ScheduleTax   `json:"taxes"`
	OneTimeTax   decimal.Decimal `json:"oneTimeTax"`
	MonthlyTax   decimal.Decimal `json:"monthlyTax"`
	OneTimeGross decimal.Decimal `json:"oneTimeGross"`
	MonthlyGross decimal.Decimal `json:"monthlyGross"`
	TCV          decimal.Decimal `json:"tcv"`
}

// ScheduleGroup is the lines at one site.
type ScheduleGroup struct {
	Name    string          `json:"name"`
	Lines   []ScheduleLine  `json:"lines"`
	OneTime decimal.Decimal `json:"oneTime"`
	Monthly decimal.Decimal `json:"monthly"`
}

// ScheduleLine is one priced line: Depth is its place in the bundle hierarchy (0 for a top line). Amounts
// are net of every discount, for the line's quantity.
type ScheduleLine struct {
	Depth       int             `json:"depth"`
	Product     string          `json:"product"`
	Detail      string          `json:"detail,omitempty"`
	Quantity    int             `json:"quantity"`
	UnitPrice   decimal.Decimal `json:"unitPrice"`
	DiscountPct decimal.Decimal `json:"discountPct"`
	OneTime     decimal.Decimal `json:"oneTime"`
	Monthly     decimal.Decimal `json:"monthly"`
}

// ScheduleTax is the tax on one kind of charge at one rate.
type ScheduleTax struct {
	Kind string          `json:"kind"` // "one_time" or "monthly"
	Rate decimal.Decimal `json:"rate"`
	Base decimal.Decimal `json:"base"`
	Tax  decimal.Decimal `json:"tax"`
}

// Party is a side of a contract.
type Party string

const (
	PartyProvider Party = "provider" // the seller, who issues the contract
	PartyCustomer Party = "customer"
)

// SignMethod is how a person signed: a signature drawn on screen, or their name typed.
type SignMethod string

const (
	SignDrawn SignMethod = "drawn"
	SignTyped SignMethod = "typed"
)

// Signature is one party's signature on a contract version: who signed, as what, when and how.
type Signature struct {
	Party      Party
	Name       string
	Title      string
	Method     SignMethod
	Image      []byte // the drawn signature, PNG
	SignedAt   time.Time
	RecordedBy string // the user who recorded it (the rep, with the customer at the laptop)
}

// MaxSignatureBytes bounds a drawn signature image.
const MaxSignatureBytes = 256 << 10

// Validate checks a signature before it is recorded.
func (s *Signature) Validate() error {
	v := Validation{Key: "signature.invalid"}
	if s.Party != PartyProvider && s.Party != PartyCustomer {
		v.Add("party", "signature.party")
	}
	v.Require("name", s.Name, "signature.name.required")
	switch s.Method {
	case SignDrawn:
		if len(s.Image) == 0 {
			v.Add("image", "signature.image.required")
		} else if len(s.Image) > MaxSignatureBytes {
			v.Add("image", "signature.image.size", "max", "256 KB")
		} else if !readableImage(s.Image, "png") {
			v.Add("image", "signature.image.type")
		}
	case SignTyped:
	default:
		v.Add("method", "signature.method")
	}
	return v.Err()
}

// Signature returns the party's signature, or nil.
func (c *Contract) Signature(p Party) *Signature {
	for i := range c.Signatures {
		if c.Signatures[i].Party == p {
			return &c.Signatures[i]
		}
	}
	return nil
}

// Negotiable reports whether the version's clauses may still change (which makes a new version).
func (c *Contract) Negotiable() bool {
	switch c.Status {
	case ContractDraft, ContractInNegotiation, ContractApproved, ContractOutForSignature:
		return true
	}
	return false
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
	for i, cl := range c.Clauses {
		if strings.TrimSpace(cl.Title) == "" || strings.TrimSpace(cl.Body) == "" {
			v.Add("clauses", "contract.clause.empty", "clause", itoa(i+1))
		}
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

// Revision returns the next version of the contract with clauses as given: the same number, terms and
// schedule, no signatures, pointing back to this version. It is not saved.
func (c *Contract) Revision(clauses []ContractClause, note string) *Contract {
	v := *c
	v.ID, v.Version, v.PreviousID, v.Note = "", c.Version+1, c.ID, note
	v.Status = ContractInNegotiation
	v.Clauses = append([]ContractClause(nil), clauses...)
	for i := range v.Clauses {
		v.Clauses[i].Position = i
	}
	v.Signatures, v.SignedAt = nil, time.Time{}
	v.CreatedAt, v.UpdatedAt = time.Time{}, time.Time{}
	return &v
}

// maxImageSide bounds a signature's or a logo's width and height: a small file can describe a huge image.
const maxImageSide = 4000

// readableImage reports whether data is a whole image of one of the formats, of a sensible size: what is
// saved is what every document can print later.
func readableImage(data []byte, formats ...string) bool {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || !slices.Contains(formats, format) || cfg.Width < 1 || cfg.Height < 1 ||
		cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		return false
	}
	_, _, err = image.Decode(bytes.NewReader(data))
	return err == nil
}
