package credit

import (
	"time"

	"quotewright/backend/cpq"
)

// Applicant is what a bureau is told about an account. It is a copy, not the account, so that a provider
// cannot change the account and the data sent can be logged or compared as it was.
type Applicant struct {
	AccountID          string
	Segment            cpq.Segment
	Name               string
	NameKana           string
	RegistrationNumber string // Japan's 13-digit corporate number for a business; empty when unknown
	Employees          int    // 0 when unknown
	Industry           string
	Region             string // prefecture as stored on the account, e.g. "Tokyo"
	Email              string
	Phone              string
	AccountCreated     time.Time // when the account was opened with us
}

// FromAccount takes from an account what a credit check needs. A nil account gives an empty applicant,
// which every provider rejects.
func FromAccount(a *cpq.Account) Applicant {
	if a == nil {
		return Applicant{}
	}
	return Applicant{
		AccountID:          a.ID,
		Segment:            a.Segment,
		Name:               a.Name,
		NameKana:           a.NameKana,
		RegistrationNumber: a.RegistrationNumber,
		Employees:          a.Employees,
		Industry:           a.Industry,
		Region:             a.Region,
		Email:              a.Email,
		Phone:              a.Phone,
		AccountCreated:     a.CreatedAt,
	}
}

// validate refuses an applicant no provider could judge, before anything is scored or sent.
func (a Applicant) validate() error {
	if !a.Segment.Valid() {
		return &FieldError{Err: ErrRejected, Field: "segment", Problem: "must be business or consumer, not " + quote(string(a.Segment))}
	}
	if cpq.CleanText(a.Name) == "" {
		return &FieldError{Err: ErrRejected, Field: "name", Problem: "is required"}
	}
	return nil
}
