package app

import (
	"strings"

	"github.com/shopspring/decimal"

	"quotewright/backend/approval"
	"quotewright/backend/cpq"
)

// ApprovalService is the manager's side: the inbox of requests to decide and of things the user was told, the
// decision itself, and the approval policy.
type ApprovalService struct{ s *Services }

// inboxLimit is how many notifications the inbox shows.
const inboxLimit = 50

// Inbox lists the requests the signed-in user may decide, each with its reasons and the quote's figures priced
// now, and their latest notifications.
func (svc *ApprovalService) Inbox() (InboxDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return InboxDTO{}, err
	}
	out := InboxDTO{Approvals: []InboxApprovalDTO{}, Notifications: []NotificationDTO{}}
	pending, err := s.sales.ApprovalInbox(s.ctx, actor)
	if err != nil {
		return InboxDTO{}, err
	}
	names := s.userNames()
	for _, p := range pending {
		st, err := s.sales.QuoteApproval(s.ctx, p.Quote.ID)
		if err != nil {
			return InboxDTO{}, err
		}
		r := st.Priced.Result
		out.Approvals = append(out.Approvals, InboxApprovalDTO{Approval: s.approvalDTO(p.Approval, st.Priced.Hash, names),
			QuoteNumber: p.Quote.Number, Version: p.Quote.Version, QuoteName: p.Quote.Name, AccountName: p.Account.Name,
			Requester: p.Requester.Name, Totals: totalsDTO(r.Totals, r.Currency.Decimal), Currency: currencyDTO(p.Quote.Currency),
			TermMonths: p.Quote.TermMonths, DiscountPct: p.Quote.DiscountPct.String(), Changed: p.Approval.ContentHash != st.Priced.Hash})
	}
	list, unread, err := s.sales.Inbox(s.ctx, actor, inboxLimit)
	if err != nil {
		return InboxDTO{}, err
	}
	out.Unread = unread
	lang := s.Lang()
	for _, n := range list {
		out.Notifications = append(out.Notifications, NotificationDTO{ID: n.ID, Kind: n.Kind,
			Text: strings.TrimSpace(cpq.Message(lang, n.Kind, n.Args)), Entity: n.Entity, EntityID: n.EntityID,
			CreatedAt: instant(n.CreatedAt), Read: !n.ReadAt.IsZero()})
	}
	return out, nil
}

// Waiting counts what the signed-in user should look at: requests to decide and unread notifications. It
// prices nothing, so the menu can ask it whenever the inbox may have changed.
func (svc *ApprovalService) Waiting() (int, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return 0, err
	}
	pending, err := svc.s.sales.ApprovalInbox(svc.s.ctx, actor)
	if err != nil {
		return 0, err
	}
	_, unread, err := svc.s.sales.Inbox(svc.s.ctx, actor, 0)
	return len(pending) + unread, err
}

// Decide approves or rejects a request with a comment (required to reject).
func (svc *ApprovalService) Decide(approvalID string, approve bool, comment string) (InboxDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return InboxDTO{}, err
	}
	a, err := s.sales.DecideApproval(s.ctx, actor, approvalID, approve, comment)
	if a != nil {
		s.Quotes.forgetOne(a.QuoteID)
		s.rt.Emit(EventQuoteChanged, a.QuoteID)
		s.rt.Emit(EventInboxChanged, a.RequestedBy)
	}
	if err != nil {
		return InboxDTO{}, err
	}
	return svc.Inbox()
}

// MarkRead marks notifications read (all of them when ids is empty).
func (svc *ApprovalService) MarkRead(ids []string) (InboxDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return InboxDTO{}, err
	}
	if err := svc.s.sales.MarkRead(svc.s.ctx, actor, ids); err != nil {
		return InboxDTO{}, err
	}
	svc.s.rt.Emit(EventInboxChanged, actor.UserID)
	return svc.Inbox()
}

// Policy returns the approval policy, and whether the signed-in user may change it.
func (svc *ApprovalService) Policy() (ApprovalPolicyDTO, error) {
	p, err := svc.s.sales.ApprovalPolicy(svc.s.ctx)
	if err != nil {
		return ApprovalPolicyDTO{}, err
	}
	out := ApprovalPolicyDTO{Authorities: []AuthorityDTO{}, Rules: []ApprovalRuleDTO{}}
	if actor, err := svc.s.actor(); err == nil {
		out.CanEdit = actor.Role == cpq.RoleDirector || actor.Role == cpq.RoleAdmin
	}
	for _, a := range p.Authorities {
		out.Authorities = append(out.Authorities, AuthorityDTO{Role: string(a.Role), MaxDiscountPct: a.MaxDiscountPct.String(),
			MinMarginPct: a.MinMarginPct.String()})
	}
	for _, r := range p.Rules {
		out.Rules = append(out.Rules, ApprovalRuleDTO{Code: r.Code, Kind: string(r.Kind), Amount: r.Amount.String(),
			Currency: r.Currency, Level: string(r.Level), Active: r.Active})
	}
	return out, nil
}

// SetAuthorities saves what each role may accept without approval (directors and administrators only).
func (svc *ApprovalService) SetAuthorities(list []AuthorityDTO) (ApprovalPolicyDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return ApprovalPolicyDTO{}, err
	}
	var p approval.Policy
	v := cpq.Validation{Key: "authority.invalid"}
	for _, a := range list {
		maxD, err1 := cpq.ParseAmount(a.MaxDiscountPct)
		minM, err2 := parseSigned(a.MinMarginPct)
		if err1 != nil {
			v.Add(a.Role+".maxDiscountPct", "amount.invalid", "value", a.MaxDiscountPct)
		}
		if err2 != nil {
			v.Add(a.Role+".minMarginPct", "amount.invalid", "value", a.MinMarginPct)
		}
		p.Authorities = append(p.Authorities, &cpq.RoleAuthority{Role: cpq.Role(a.Role), MaxDiscountPct: maxD, MinMarginPct: minM})
	}
	if err := v.Err(); err != nil {
		return ApprovalPolicyDTO{}, err
	}
	if err := svc.s.sales.SetApprovalPolicy(svc.s.ctx, actor, p); err != nil {
		return ApprovalPolicyDTO{}, err
	}
	return svc.Policy()
}

// parseSigned reads a percentage that may be negative (a minimum margin below zero accepts a loss).
func parseSigned(s string) (d decimal.Decimal, err error) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−")
	s = strings.TrimLeft(s, "-−")
	if d, err = cpq.ParseAmount(s); err != nil || !neg {
		return d, err
	}
	return d.Neg(), nil
}
