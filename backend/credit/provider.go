package credit

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// Result is a provider's answer. Status is only ever cpq.CreditApproved, cpq.CreditReview or
// cpq.CreditDeclined: pending and unchecked are the account's states, never an answer.
type Result struct {
	Status    cpq.CreditStatus
	Rating    string          // the provider's grade, e.g. "A"
	Limit     decimal.Decimal // credit limit; zero when declined. On review, what a person may grant.
	Currency  string          // ISO 4217, e.g. "JPY"
	CheckedAt time.Time       // when the provider answered, UTC
	Provider  string          // the provider's Name
	Reference string          // the provider's identifier of this check, to quote when asking about it
	Score     int             // 0–100; 0 when the provider gives no score
}

// Provider makes credit checks.
type Provider interface {
	Name() string
	Check(ctx context.Context, a Applicant) (Result, error)
}
