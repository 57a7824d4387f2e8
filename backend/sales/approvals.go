package sales

import (
	"context"
	"strconv"

	"quotewright/backend/approval"
	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// Priced is a quote version priced inside a transaction with the catalog, settings and policy as they are
// now: what the lifecycle of a quote decides on.
type Priced struct {
	*QuoteContext
	Catalog  *catalog.Catalog
	Result   *pricing.Result
	Problems []catalog.LineProblem
	// Hash is the fingerprint of the priced content (approval.ContentHash).
	Hash string
	// Decision is what the approval policy asks of the version, for its owner's role.
	Decision approval.Decision
}

// price prices a quote version in tx and applies the approval policy for the role of the quote's owner.
func (s *Service) price(ctx context.Context, tx cpq.Tx, id string) (*Priced, error) {
	qc, err := s.quoteContext(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	d, err := catalogData(ctx, tx)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.New(d)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	set, err := pricingSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	r, err := pricing.Price(cat, qc.Quote, qc.Context, set)
	if err != nil {
		return nil, err
	}
	p := &Priced{QuoteContext: qc, Catalog: cat, Result: r, Problems: cat.Validate(qc.Context, qc.Quote, qc.Sites),
		Hash: approval.ContentHash(qc.Quote, r)}
	policy, err := loadPolicy(ctx, tx)
	if err != nil {
		return nil, err
	}
	owner := cpq.RoleRep
	if qc.Quote.OwnerID != "" {
		u, err := tx.Users().Get(ctx, qc.Quote.OwnerID)
		if err != nil {
			return nil, err
		}
		owner = u.Role
	}
	p.Decision = approval.Decide(policy, owner, cat, qc.Quote, r)
	return p, nil
}

func loadPolicy(ctx context.Context, tx cpq.Tx) (approval.Policy, error) {
	var p approval.Policy
	var err error
	if p.Authorities, err = tx.Authorities().List(ctx); err != nil {
		return p, err
	}
	p.Rules, err = tx.ApprovalRules().List(ctx)
	return p, err
}

// ApprovalState is where a quote version stands with the policy: what it needs now, and its requests.
type ApprovalState struct {
	Priced    *Priced
	Approvals []*cpq.Approval
	// Valid is the approval that covers the version as it is now; nil when there is none.
	Valid *cpq.Approval
}

// QuoteApproval prices a quote version and says what approval it needs and has.
func (s *Service) QuoteApproval(ctx context.Context, id string) (*ApprovalState, error) {
	var st ApprovalState
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		var err error
		if st.Priced, err = s.price(ctx, tx, id); err != nil {
			return err
		}
		if st.Approvals, err = tx.Approvals().ListByQuote(ctx, id); err != nil {
			return err
		}
		st.Valid = validApproval(st.Approvals, st.Priced)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// validApproval returns the approval given for exactly this content, at the level the policy asks for now
// (an authority lowered since the decision is not side-stepped by an older, lower approval), if any.
func validApproval(list []*cpq.Approval, p *Priced) *cpq.Approval {
	for _, a := range list {
		if a.Status == cpq.ApprovalApproved && a.ContentHash == p.Hash && cpq.RoleRank(a.Level) >= cpq.RoleRank(p.Decision.Level) {
			return a
		}
	}
	return nil
}

// SubmitForApproval asks for the approval the policy requires of the quote version: it records the request
// bound to the version's priced content, and the version waits for a decision. A version with configuration
// problems, or that needs no approval, is refused with the reason.
func (s *Service) SubmitForApproval(ctx context.Context, actor Actor, id, note string) (*cpq.Approval, error) {
	var a *cpq.Approval
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		p, err := s.price(ctx, tx, id)
		if err != nil {
			return err
		}
		q := p.Quote
		if err := s.checkCurrent(ctx, tx, actor, q); err != nil {
			return err
		}
		if len(p.Problems) > 0 {
			return cpq.Errorf(cpq.EConflict, "quote.problems", "count", strconv.Itoa(len(p.Problems)))
		}
		if !p.Decision.Needed() {
			return cpq.Errorf(cpq.EConflict, "approval.notNeeded")
		}
		// A version waiting for or holding an approval that no longer covers it (the catalog's prices or the
		// policy moved under it) is asked again: the old request is voided first.
		existing, err := tx.Approvals().ListByQuote(ctx, q.ID)
		if err != nil {
			return err
		}
		stale := q.Status == cpq.QuoteApproved && validApproval(existing, p) == nil
		for _, a := range existing {
			if q.Status == cpq.QuoteNeedsApproval && a.Status == cpq.ApprovalPending && a.ContentHash != p.Hash {
				stale = true
			}
		}
		if stale {
			if err := s.voidApprovals(ctx, tx, actor, q, "approval.voided.changed"); err != nil {
				return err
			}
		}
		if q.Status != cpq.QuoteDraft {
			return cpq.Errorf(cpq.EConflict, "approval.submit.status", "status", "@quote.status."+string(q.Status))
		}
		a = &cpq.Approval{QuoteID: q.ID, ContentHash: p.Hash, Level: p.Decision.Level, Reasons: p.Decision.Reasons,
			RequestedBy: actor.UserID, Comment: note, RequestedAt: s.now()}
		if err := tx.Approvals().Create(ctx, a); err != nil {
			return err
		}
		if err := q.SetStatus(cpq.QuoteNeedsApproval); err != nil {
			return err
		}
		if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
			return err
		}
		if err := s.followPrimary(ctx, tx, q, p.Result); err != nil {
			return err
		}
		return record(ctx, tx, actor, "approval.requested", "quote", q.ID, map[string]any{"approval": a.ID,
			"level": a.Level, "hash": a.ContentHash, "reasons": len(a.Reasons), "note": note})
	})
	return a, err
}

// DecideApproval records an approver's decision. Nobody decides on their own quote, only someone of the
// required level or above decides, and a request whose quote changed since is voided, not decided.
func (s *Service) DecideApproval(ctx context.Context, actor Actor, approvalID string, approve bool, comment string) (*cpq.Approval, error) {
	var a *cpq.Approval
	var voided error
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if a, err = tx.Approvals().Get(ctx, approvalID); err != nil {
			return err
		}
		p, err := s.price(ctx, tx, a.QuoteID)
		if err != nil {
			return err
		}
		q := p.Quote
		if q.OwnerID == actor.UserID || a.RequestedBy == actor.UserID {
			return cpq.Errorf(cpq.EUnauthorized, "approval.self")
		}
		if !approve && cpq.CleanText(comment) == "" {
			return cpq.Errorf(cpq.EInvalid, "approval.reject.comment")
		}
		if a.Status == cpq.ApprovalPending && a.ContentHash != p.Hash {
			// The quote changed (or its prices did) since the request: the decision would be about something
			// else. Void it, keep that, and say so.
			if err := s.voidApprovals(ctx, tx, actor, q, "approval.voided.changed"); err != nil {
				return err
			}
			voided = cpq.Errorf(cpq.EConflict, "approval.changed")
			return nil
		}
		approver, err := tx.Users().Get(ctx, actor.UserID)
		if err != nil {
			return err
		}
		// The level asked for may have risen since the request (an authority lowered): the decider needs both.
		if approve && cpq.RoleRank(approver.Role) < cpq.RoleRank(p.Decision.Level) {
			return cpq.Errorf(cpq.EUnauthorized, "approval.level", "level", "@role."+string(p.Decision.Level))
		}
		if approve && cpq.RoleRank(p.Decision.Level) > cpq.RoleRank(a.Level) {
			a.Level = p.Decision.Level
		}
		if err := a.Decide(approver, approve, cpq.CleanText(comment), s.now()); err != nil {
			return err
		}
		if err := tx.Approvals().Update(ctx, a); err != nil {
			return err
		}
		to, action, kind := cpq.QuoteApproved, "approval.approved", "inbox.approvalApproved"
		if !approve {
			to, action, kind = cpq.QuoteDraft, "approval.rejected", "inbox.approvalRejected"
		}
		if err := q.SetStatus(to); err != nil {
			return err
		}
		if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
			return err
		}
		if err := tx.Notifications().Create(ctx, &cpq.Notification{UserID: a.RequestedBy, Kind: kind, Entity: "quote",
			EntityID: q.ID, Args: map[string]string{"quote": q.Number + " v" + strconv.Itoa(q.Version), "name": q.Name,
				"approver": approver.Name, "comment": a.Comment}}); err != nil {
			return err
		}
		return record(ctx, tx, actor, action, "quote", q.ID, map[string]any{"approval": a.ID, "hash": a.ContentHash,
			"comment": a.Comment})
	})
	if err == nil && voided != nil {
		return a, voided
	}
	return a, err
}

// voidApprovals voids the version's pending and given approvals, each recorded with why, and sends a version
// that waited for or had an approval back to draft.
func (s *Service) voidApprovals(ctx context.Context, tx cpq.Tx, actor Actor, q *cpq.Quote, why string) error {
	list, err := tx.Approvals().ListByQuote(ctx, q.ID)
	if err != nil {
		return err
	}
	for _, a := range list {
		if !a.Active() {
			continue
		}
		if err := a.Void(why, s.now()); err != nil {
			return err
		}
		if err := tx.Approvals().Update(ctx, a); err != nil {
			return err
		}
		if err := record(ctx, tx, actor, "approval.voided", "quote", q.ID, map[string]any{"approval": a.ID,
			"reason": why, "hash": a.ContentHash}); err != nil {
			return err
		}
	}
	if q.Status == cpq.QuoteNeedsApproval || q.Status == cpq.QuoteApproved {
		if err := q.SetStatus(cpq.QuoteDraft); err != nil {
			return err
		}
		return tx.Quotes().UpdateHeader(ctx, q)
	}
	return nil
}

// requireApproval refuses a version that the policy says needs approval and that has no approval for its
// content as it is now. A stale approval found here (the catalog's prices changed under it) is voided; the
// caller commits that and reports the returned error.
func (s *Service) requireApproval(ctx context.Context, tx cpq.Tx, actor Actor, p *Priced) (voided, err error) {
	if !p.Decision.Needed() {
		return nil, nil
	}
	list, err := tx.Approvals().ListByQuote(ctx, p.Quote.ID)
	if err != nil {
		return nil, err
	}
	if validApproval(list, p) != nil {
		return nil, nil
	}
	for _, a := range list {
		if a.Status == cpq.ApprovalApproved {
			if err := s.voidApprovals(ctx, tx, actor, p.Quote, "approval.voided.changed"); err != nil {
				return nil, err
			}
			return cpq.Errorf(cpq.EConflict, "approval.changed"), nil
		}
	}
	if p.Quote.Status == cpq.QuoteNeedsApproval {
		return nil, cpq.Errorf(cpq.EConflict, "approval.pending")
	}
	return nil, cpq.Errorf(cpq.EConflict, "approval.required", "level", "@role."+string(p.Decision.Level))
}

// PendingApproval is a request waiting for a decision, with its quote priced now.
type PendingApproval struct {
	Approval  *cpq.Approval
	Quote     *cpq.Quote
	Account   *cpq.Account
	Requester *cpq.User
}

// ApprovalInbox lists the requests the actor may decide: pending, at or below their level, not their own.
func (s *Service) ApprovalInbox(ctx context.Context, actor Actor) (out []PendingApproval, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		levels := []cpq.Role{}
		for _, r := range cpq.Roles {
			if cpq.RoleRank(r) <= cpq.RoleRank(actor.Role) {
				levels = append(levels, r)
			}
		}
		list, err := tx.Approvals().ListPending(ctx, levels)
		if err != nil {
			return err
		}
		for _, a := range list {
			if a.RequestedBy == actor.UserID {
				continue
			}
			pa := PendingApproval{Approval: a}
			if pa.Quote, err = tx.Quotes().Header(ctx, a.QuoteID); err != nil {
				return err
			}
			if pa.Quote.OwnerID == actor.UserID {
				continue
			}
			if pa.Account, err = tx.Accounts().Get(ctx, pa.Quote.AccountID); err != nil {
				return err
			}
			if pa.Requester, err = tx.Users().Get(ctx, a.RequestedBy); err != nil {
				return err
			}
			out = append(out, pa)
		}
		return nil
	})
	return out, err
}

// QuoteVersions lists every version of the quote numbered number, oldest first.
func (s *Service) QuoteVersions(ctx context.Context, number string) (out []*cpq.Quote, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.Quotes().Versions(ctx, number)
		return err
	})
	return out, err
}

// ApprovalPolicy reads the role authorities and the approval rules.
func (s *Service) ApprovalPolicy(ctx context.Context) (p approval.Policy, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		p, err = loadPolicy(ctx, tx)
		return err
	})
	return p, err
}

// SetApprovalPolicy saves role authorities and approval rules. They decide who must approve every quote, so
// only a director or an administrator may change them; quotes already approved keep their approvals until
// they change.
func (s *Service) SetApprovalPolicy(ctx context.Context, actor Actor, p approval.Policy) error {
	if actor.Role != cpq.RoleDirector && actor.Role != cpq.RoleAdmin {
		return cpq.Errorf(cpq.EUnauthorized, "approvalPolicy.role")
	}
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		for _, a := range p.Authorities {
			if err := tx.Authorities().Set(ctx, a); err != nil {
				return err
			}
		}
		// Authority grows with the role: a higher role may give at least as much discount and accept at least as
		// thin a margin as the one below it, or asking "the lowest role that may approve" has no answer.
		all, err := tx.Authorities().List(ctx)
		if err != nil {
			return err
		}
		for i := 1; i < len(all); i++ {
			lo, hi := all[i-1], all[i]
			if hi.MaxDiscountPct.LessThan(lo.MaxDiscountPct) || hi.MinMarginPct.GreaterThan(lo.MinMarginPct) {
				return cpq.Errorf(cpq.EInvalid, "authority.order", "higher", "@role."+string(hi.Role), "lower", "@role."+string(lo.Role))
			}
		}
		if p.Rules != nil {
			if err := tx.ApprovalRules().Replace(ctx, p.Rules); err != nil {
				return err
			}
		}
		auth := map[string]any{}
		for _, a := range p.Authorities {
			auth[string(a.Role)] = map[string]string{"maxDiscountPct": a.MaxDiscountPct.String(), "minMarginPct": a.MinMarginPct.String()}
		}
		return record(ctx, tx, actor, "approval.policy", "setting", "approval.policy", map[string]any{"authorities": auth,
			"rules": len(p.Rules)})
	})
}
