package sales

import (
	"context"
	"errors"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/credit"
)

// creditTimeout bounds one call to the credit provider: a rep waits for it.
const creditTimeout = 15 * time.Second

// creditBackoff is how long a pending check waits after its n-th failed attempt: a minute, doubling, at most
// an hour.
func creditBackoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// CheckCredit asks the credit provider about an account. The account is pending while it asks (saved first, so
// a crash or a provider that never answers leaves it pending, never approved); the answer then replaces the
// result. When the provider cannot be reached, or answers wrongly, the account stays pending with the error and
// the time of the next try: the returned account says so, and the error is nil. Only a failure to read or save
// the account is an error.
func (s *Service) CheckCredit(ctx context.Context, actor Actor, accountID string) (*cpq.Account, error) {
	var a *cpq.Account
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if a, err = tx.Accounts().Get(ctx, accountID); err != nil {
			return err
		}
		if err := cpq.CreditTransitions.Check(a.Credit.Status, cpq.CreditPending); err != nil {
			return err
		}
		// Due for a retry already: if the app stops before the provider answers, the background retry asks again.
		a.Credit.Status, a.Credit.RetryAt = cpq.CreditPending, s.now().Add(creditBackoff(a.Credit.Attempts+1))
		if err := tx.Accounts().Update(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, "credit.requested", "account", a.ID, map[string]any{"provider": s.credit.Name()})
	})
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, creditTimeout)
	res, checkErr := s.credit.Check(cctx, credit.FromAccount(a))
	cancel()
	err = s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if a, err = tx.Accounts().Get(ctx, accountID); err != nil {
			return err
		}
		if a.Credit.Status != cpq.CreditPending {
			return nil // another check answered meanwhile
		}
		if checkErr != nil {
			a.Credit.Attempts++
			a.Credit.Error = checkErr.Error()
			a.Credit.RetryAt = s.now().Add(creditBackoff(a.Credit.Attempts))
			if !credit.Retryable(checkErr) {
				// A refusal or a malformed answer will not mend itself by waiting: a person retries it.
				a.Credit.RetryAt = time.Time{}
			}
			if err := tx.Accounts().Update(ctx, a); err != nil {
				return err
			}
			return record(ctx, tx, actor, "credit.failed", "account", a.ID, map[string]any{"provider": s.credit.Name(),
				"error": a.Credit.Error, "attempts": a.Credit.Attempts, "retryable": credit.Retryable(checkErr)})
		}
		if err := cpq.CreditTransitions.Check(a.Credit.Status, res.Status); err != nil {
			return err
		}
		a.Credit = cpq.CreditCheck{Status: res.Status, Rating: res.Rating, Limit: res.Limit, Currency: res.Currency,
			CheckedAt: res.CheckedAt.UTC(), Provider: res.Provider, Reference: res.Reference}
		if err := tx.Accounts().Update(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, "credit.checked", "account", a.ID, map[string]any{"provider": res.Provider,
			"status": res.Status, "rating": res.Rating, "limit": res.Limit.String(), "score": res.Score, "reference": res.Reference})
	})
	return a, err
}

// RetryCredit checks again every pending account whose retry time has come, and returns how many it asked
// about. The app runs it in the background.
func (s *Service) RetryCredit(ctx context.Context) (int, error) {
	var due []string
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		list, _, err := tx.Accounts().List(ctx, cpq.AccountFilter{Credit: cpq.CreditPending, Page: cpq.Page{Limit: 100000}})
		for _, a := range list {
			if !a.Credit.RetryAt.IsZero() && !a.Credit.RetryAt.After(s.now()) {
				due = append(due, a.ID)
			}
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	// One account that cannot be saved does not hold up the others; the first such error is returned.
	var first error
	for _, id := range due {
		if ctx.Err() != nil {
			break
		}
		if _, err := s.CheckCredit(ctx, Actor{}, id); err != nil && !errors.Is(err, context.Canceled) && first == nil {
			first = err
		}
	}
	return len(due), first
}
