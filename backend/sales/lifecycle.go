package sales

import (
	"context"
	"sort"
	"strconv"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// The life of a quote version after it is built: presented to the customer, accepted or rejected, revised
// into a new version, copied, made the opportunity's primary quote, expired.

// checkCurrent expires a version whose validity date has passed (saving that) and refuses it; a version that
// is still valid passes.
func (s *Service) checkCurrent(ctx context.Context, tx cpq.Tx, actor Actor, q *cpq.Quote) error {
	if !s.expire(q) {
		return nil
	}
	return cpq.Errorf(cpq.EConflict, "quote.expired", "date", cpq.FormatDate(q.ValidUntil))
}

// expire reports whether the version is past its validity date in a state that can expire.
func (s *Service) expire(q *cpq.Quote) bool {
	if q.ValidUntil.IsZero() || !cpq.Today(s.now()).After(q.ValidUntil) {
		return false
	}
	return cpq.QuoteTransitions.Allowed(q.Status, cpq.QuoteExpired)
}

// ExpireQuotes marks every version past its validity date expired (voiding its approvals), and returns how
// many it marked. The app runs it at start and daily.
func (s *Service) ExpireQuotes(ctx context.Context) (n int, err error) {
	err = s.store.Update(ctx, func(tx cpq.Tx) error {
		for _, st := range []cpq.QuoteStatus{cpq.QuoteDraft, cpq.QuoteNeedsApproval, cpq.QuoteApproved, cpq.QuotePresented} {
			list, _, err := tx.Quotes().List(ctx, cpq.QuoteFilter{Status: st, Page: cpq.Page{Limit: 100000}})
			if err != nil {
				return err
			}
			for _, q := range list {
				if !s.expire(q) {
					continue
				}
				if err := s.markExpired(ctx, tx, q); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

func (s *Service) markExpired(ctx context.Context, tx cpq.Tx, q *cpq.Quote) error {
	system := Actor{}
	if err := s.voidApprovals(ctx, tx, system, q, "approval.voided.expired"); err != nil {
		return err
	}
	if err := q.SetStatus(cpq.QuoteExpired); err != nil {
		return err
	}
	if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
		return err
	}
	return record(ctx, tx, system, "quote.expired", "quote", q.ID, map[string]any{"validUntil": cpq.FormatDate(q.ValidUntil)})
}

// PresentQuote marks a version presented to the customer. The account's credit must have been checked, the
// version must be valid, without configuration problems, and approved when the policy says so — with an
// approval of exactly its content as it is now.
func (s *Service) PresentQuote(ctx context.Context, actor Actor, id string) (*cpq.Quote, error) {
	return s.moveQuote(ctx, actor, id, cpq.QuotePresented, "quote.presented")
}

// AcceptQuote records the customer's acceptance of a presented version; the approval must still hold.
func (s *Service) AcceptQuote(ctx context.Context, actor Actor, id string) (*cpq.Quote, error) {
	return s.moveQuote(ctx, actor, id, cpq.QuoteAccepted, "quote.accepted")
}

// RejectQuote records that the customer turned a presented version down.
func (s *Service) RejectQuote(ctx context.Context, actor Actor, id string) (*cpq.Quote, error) {
	return s.moveQuote(ctx, actor, id, cpq.QuoteRejected, "quote.rejected")
}

func (s *Service) moveQuote(ctx context.Context, actor Actor, id string, to cpq.QuoteStatus, action string) (*cpq.Quote, error) {
	var q *cpq.Quote
	var refused error
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		p, err := s.price(ctx, tx, id)
		if err != nil {
			return err
		}
		q = p.Quote
		if s.expire(q) {
			if err := s.markExpired(ctx, tx, q); err != nil {
				return err
			}
			refused = cpq.Errorf(cpq.EConflict, "quote.expired", "date", cpq.FormatDate(q.ValidUntil))
			return nil
		}
		if !cpq.QuoteTransitions.Allowed(q.Status, to) {
			if to == cpq.QuotePresented && q.Status == cpq.QuoteNeedsApproval {
				return cpq.Errorf(cpq.EConflict, "approval.pending")
			}
			return cpq.QuoteTransitions.Check(q.Status, to)
		}
		if to == cpq.QuoteAccepted && q.PresentedHash != "" && q.PresentedHash != p.Hash {
			// The customer accepts what they were shown: prices that moved since are a new offer.
			return cpq.Errorf(cpq.EConflict, "quote.presentedChanged")
		}
		if to != cpq.QuoteRejected {
			if len(p.Problems) > 0 {
				return cpq.Errorf(cpq.EConflict, "quote.problems", "count", strconv.Itoa(len(p.Problems)))
			}
			switch p.Account.Credit.Status {
			case cpq.CreditUnchecked, cpq.CreditPending:
				return cpq.Errorf(cpq.EConflict, "quote.credit.unchecked", "status", "@credit.status."+string(p.Account.Credit.Status))
			}
			voided, err := s.requireApproval(ctx, tx, actor, p)
			if err != nil {
				if q.Status == cpq.QuotePresented {
					return cpq.Errorf(cpq.EConflict, "quote.accept.revise")
				}
				return err
			}
			if voided != nil {
				refused = voided
				return nil
			}
		}
		if to == cpq.QuotePresented {
			// What the customer is shown is kept: the version's PDF and its contract print exactly this.
			// (A quote with yearly charges, which the documents cannot print yet, is presented without it.)
			if sc, err := scheduleOf(p); err == nil {
				if err := tx.Quotes().SetPresentedSchedule(ctx, q.ID, &sc); err != nil {
					return err
				}
			}
			q.PresentedHash = p.Hash
		}
		if err := q.SetStatus(to); err != nil {
			return err
		}
		if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
			return err
		}
		if err := s.followPrimary(ctx, tx, q, p.Result); err != nil {
			return err
		}
		return record(ctx, tx, actor, action, "quote", q.ID, map[string]any{"hash": p.Hash, "tcv": p.Result.Totals.TCV.String()})
	})
	if err == nil && refused != nil {
		return q, refused
	}
	return q, err
}

// ReviseQuote makes the next version of a quote: a draft with the same lines, valid for QuoteValidDays from
// today, the opportunity's primary quote if the old one was. The old version is superseded and read-only, and
// its approvals are void.
func (s *Service) ReviseQuote(ctx context.Context, actor Actor, id string) (*cpq.Quote, error) {
	var next *cpq.Quote
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		old, err := tx.Quotes().Get(ctx, id)
		if err != nil {
			return err
		}
		if !cpq.QuoteTransitions.Allowed(old.Status, cpq.QuoteSuperseded) {
			return cpq.Errorf(cpq.EConflict, "quote.revise.status", "status", "@quote.status."+string(old.Status))
		}
		versions, err := tx.Quotes().Versions(ctx, old.Number)
		if err != nil {
			return err
		}
		if last := versions[len(versions)-1]; last.ID != old.ID {
			return cpq.Errorf(cpq.EConflict, "quote.revise.notLatest", "version", strconv.Itoa(last.Version))
		}
		if err := s.voidApprovals(ctx, tx, actor, old, "approval.voided.revised"); err != nil {
			return err
		}
		next = old.Revision()
		next.Primary, next.OwnerID = old.Primary, actor.UserID
		next.ValidUntil = cpq.Today(s.now()).AddDate(0, 0, QuoteValidDays)
		if err := old.SetStatus(cpq.QuoteSuperseded); err != nil {
			return err
		}
		old.Primary = false
		if err := tx.Quotes().UpdateHeader(ctx, old); err != nil {
			return err
		}
		if err := tx.Quotes().Create(ctx, next); err != nil {
			return err
		}
		if next.Primary && next.OpportunityID != "" {
			o, err := tx.Opportunities().Get(ctx, next.OpportunityID)
			if err != nil {
				return err
			}
			o.PrimaryQuoteID = next.ID
			if err := tx.Opportunities().Update(ctx, o); err != nil {
				return err
			}
		}
		if err := record(ctx, tx, actor, "quote.superseded", "quote", old.ID, map[string]any{"by": next.ID, "version": next.Version}); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.revised", "quote", next.ID, map[string]any{"from": old.ID, "version": next.Version})
	})
	return next, err
}

// CopyQuote starts a new quote (a new number, version 1, a draft) with the lines of another. It carries no
// approval: an approval belongs to the version it was given for.
func (s *Service) CopyQuote(ctx context.Context, actor Actor, id string) (*cpq.Quote, error) {
	var c *cpq.Quote
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		src, err := tx.Quotes().Get(ctx, id)
		if err != nil {
			return err
		}
		c = src.Revision()
		c.Number, c.Version, c.PreviousID, c.Primary, c.OwnerID = "", 1, "", false, actor.UserID
		c.Name = cpq.Message(src.Lang, "quote.copyName", map[string]string{"name": src.Name})
		c.ValidUntil = cpq.Today(s.now()).AddDate(0, 0, QuoteValidDays)
		if err := tx.Quotes().Create(ctx, c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.copied", "quote", c.ID, map[string]any{"from": src.ID, "fromNumber": src.Number,
			"fromVersion": src.Version})
	})
	return c, err
}

// SetPrimaryQuote makes a quote version its opportunity's primary quote: the opportunity's amount follows its
// total contract value.
func (s *Service) SetPrimaryQuote(ctx context.Context, actor Actor, id string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		p, err := s.price(ctx, tx, id)
		if err != nil {
			return err
		}
		q := p.Quote
		if q.OpportunityID == "" {
			return cpq.Errorf(cpq.EInvalid, "quote.primary.noOpportunity")
		}
		if q.Status == cpq.QuoteSuperseded {
			return cpq.Errorf(cpq.EConflict, "quote.notEditable", "status", "@quote.status."+string(q.Status))
		}
		others, _, err := tx.Quotes().List(ctx, cpq.QuoteFilter{OpportunityID: q.OpportunityID, Page: cpq.Page{Limit: 100000}})
		if err != nil {
			return err
		}
		for _, o := range others {
			if o.Primary && o.ID != q.ID {
				o.Primary = false
				if err := tx.Quotes().UpdateHeader(ctx, o); err != nil {
					return err
				}
			}
		}
		q.Primary = true
		if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
			return err
		}
		if err := s.followPrimary(ctx, tx, q, p.Result); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.primary", "quote", q.ID, map[string]any{"opportunity": q.OpportunityID})
	})
}

// followPrimary keeps the opportunity's amount at its primary quote's total contract value.
func (s *Service) followPrimary(ctx context.Context, tx cpq.Tx, q *cpq.Quote, r *pricing.Result) error {
	if !q.Primary || q.OpportunityID == "" {
		return nil
	}
	o, err := tx.Opportunities().Get(ctx, q.OpportunityID)
	if err != nil {
		return err
	}
	if o.PrimaryQuoteID == q.ID && o.Amount.Equal(r.Totals.TCV) && o.Currency == q.Currency {
		return nil
	}
	o.PrimaryQuoteID, o.Amount, o.Currency = q.ID, r.Totals.TCV, q.Currency
	return tx.Opportunities().Update(ctx, o)
}

// FollowPrimary is followPrimary for the builder, which prices as the rep edits: it saves the opportunity's
// amount when the edited version is the primary quote and its total contract value moved.
func (s *Service) FollowPrimary(ctx context.Context, quoteID string, r *pricing.Result) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		q, err := tx.Quotes().Header(ctx, quoteID)
		if err != nil {
			return err
		}
		return s.followPrimary(ctx, tx, q, r)
	})
}

// QuoteEvent is one entry of a quote's history.
type QuoteEvent struct {
	Event   *cpq.AuditEvent
	Version int
	Actor   *cpq.User // nil for the app itself
}

// QuoteHistory lists what happened to every version of a quote, oldest first.
func (s *Service) QuoteHistory(ctx context.Context, id string) (out []QuoteEvent, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		q, err := tx.Quotes().Header(ctx, id)
		if err != nil {
			return err
		}
		versions, err := tx.Quotes().Versions(ctx, q.Number)
		if err != nil {
			return err
		}
		users := map[string]*cpq.User{}
		for _, v := range versions {
			events, err := tx.Audit().ListFor(ctx, "quote", v.ID)
			if err != nil {
				return err
			}
			for _, e := range events {
				qe := QuoteEvent{Event: e, Version: v.Version}
				if e.ActorID != "" {
					if users[e.ActorID] == nil {
						if users[e.ActorID], err = tx.Users().Get(ctx, e.ActorID); err != nil {
							return err
						}
					}
					qe.Actor = users[e.ActorID]
				}
				out = append(out, qe)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Event.Seq < out[j].Event.Seq })
		return nil
	})
	return out, err
}
