package sales

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// ListOpportunities returns one page of opportunities.
func (s *Service) ListOpportunities(ctx context.Context, f cpq.OpportunityFilter) (out []*cpq.Opportunity, total int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, total, err = tx.Opportunities().List(ctx, f)
		return err
	})
	return out, total, err
}

// CreateOpportunity opens an opportunity on an account, owned by the actor, at its stage's probability.
func (s *Service) CreateOpportunity(ctx context.Context, actor Actor, o *cpq.Opportunity) error {
	o.Name = cpq.CleanText(o.Name)
	if o.Stage == "" {
		o.Stage = cpq.StageProspecting
	}
	o.Probability, o.OwnerID, o.Amount, o.PrimaryQuoteID = cpq.StageProbability[o.Stage], actor.UserID, decimal.Zero, ""
	if o.Currency == "" {
		o.Currency = "JPY"
	}
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if _, err := tx.Accounts().Get(ctx, o.AccountID); err != nil {
			return err
		}
		if err := tx.Opportunities().Create(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "opportunity.created", "opportunity", o.ID, map[string]any{"name": o.Name, "stage": o.Stage})
	})
}

// OpportunityChange is an edit of an opportunity; nil fields are left as they are. A stage change sets the
// stage's probability unless a probability is given too.
type OpportunityChange struct {
	ID          string
	Name        *string
	Stage       *cpq.Stage
	CloseDate   *time.Time
	Probability *int
}

// UpdateOpportunity saves an edit of an opportunity. Its amount is not edited: it follows the primary quote.
func (s *Service) UpdateOpportunity(ctx context.Context, actor Actor, c OpportunityChange) (*cpq.Opportunity, error) {
	var o *cpq.Opportunity
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if o, err = tx.Opportunities().Get(ctx, c.ID); err != nil {
			return err
		}
		changed := map[string]any{}
		if c.Name != nil {
			o.Name, changed["name"] = cpq.CleanText(*c.Name), cpq.CleanText(*c.Name)
		}
		if c.Stage != nil && *c.Stage != o.Stage {
			if err := o.SetStage(*c.Stage); err != nil {
				return err
			}
			changed["stage"] = o.Stage
		}
		if c.Probability != nil {
			o.Probability, changed["probability"] = *c.Probability, *c.Probability
		}
		if c.CloseDate != nil {
			o.CloseDate, changed["closeDate"] = *c.CloseDate, cpq.FormatDate(*c.CloseDate)
		}
		if err := tx.Opportunities().Update(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "opportunity.updated", "opportunity", o.ID, changed)
	})
	return o, err
}

// PipelineEntry is an open or closed opportunity with its account, for the board and the chart.
type PipelineEntry struct {
	Opportunity *cpq.Opportunity
	Account     *cpq.Account
	Owner       *cpq.User
}

// Pipeline lists every opportunity (of one owner when ownerID is given) with its account.
func (s *Service) Pipeline(ctx context.Context, ownerID string) (out []PipelineEntry, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		list, _, err := tx.Opportunities().List(ctx, cpq.OpportunityFilter{OwnerID: ownerID, Page: cpq.Page{Limit: 100000}})
		if err != nil {
			return err
		}
		accounts := map[string]*cpq.Account{}
		users := map[string]*cpq.User{}
		for _, o := range list {
			e := PipelineEntry{Opportunity: o}
			if e.Account = accounts[o.AccountID]; e.Account == nil {
				if e.Account, err = tx.Accounts().Get(ctx, o.AccountID); err != nil {
					return err
				}
				accounts[o.AccountID] = e.Account
			}
			if o.OwnerID != "" {
				if e.Owner = users[o.OwnerID]; e.Owner == nil {
					if e.Owner, err = tx.Users().Get(ctx, o.OwnerID); err != nil {
						return err
					}
					users[o.OwnerID] = e.Owner
				}
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
