package app

import (
	"context"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
)

// The quote's life after it is built: approval, presenting, the customer's answer, versions and history.

func reasonDTOs(rs []cpq.ApprovalReason, lang cpq.Lang) []ReasonDTO {
	out := []ReasonDTO{}
	for _, r := range rs {
		out = append(out, ReasonDTO{Text: r.Text(lang), Line: r.Line, LineID: r.LineID, Level: string(r.Level)})
	}
	return out
}

func (s *Services) approvalDTO(a *cpq.Approval, hash string, names map[string]string) ApprovalDTO {
	lang := s.Lang()
	dto := ApprovalDTO{ID: a.ID, QuoteID: a.QuoteID, Level: string(a.Level), Status: string(a.Status),
		Reasons: reasonDTOs(a.Reasons, lang), RequestedBy: names[a.RequestedBy], RequestedAt: instant(a.RequestedAt),
		ApproverName: names[a.ApproverID], DecidedAt: instant(a.DecidedAt), ContentHash: a.ContentHash,
		CoversCurrent: a.ContentHash == hash}
	switch a.Status {
	case cpq.ApprovalPending:
		dto.Note = a.Comment // the requester's note until someone decides
	case cpq.ApprovalVoided:
		dto.Comment = cpq.Message(lang, a.Comment, nil) // why it was voided, a message key
	default:
		dto.Comment = a.Comment
	}
	return dto
}

// Approval says what approval the quote version needs now, what it has, and what the user may do with it.
func (svc *QuoteService) Approval(quoteID string) (QuoteApprovalDTO, error) {
	s := svc.s
	st, err := s.sales.QuoteApproval(s.ctx, quoteID)
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	p, q := st.Priced, st.Priced.Quote
	names := s.userNames()
	out := QuoteApprovalDTO{Needed: p.Decision.Needed(), Level: string(p.Decision.Level),
		Reasons: reasonDTOs(p.Decision.Reasons, s.Lang()), Approvals: []ApprovalDTO{}, Valid: st.Valid != nil, Hash: p.Hash,
		Problems: len(p.Problems), Credit: string(p.Account.Credit.Status), Actions: []string{}, Primary: q.Primary,
		Versions: []QuoteListItem{}}
	for i := len(st.Approvals) - 1; i >= 0; i-- {
		out.Approvals = append(out.Approvals, s.approvalDTO(st.Approvals[i], p.Hash, names))
		if st.Approvals[i].Status == cpq.ApprovalPending {
			out.PendingID = st.Approvals[i].ID
		}
	}
	versions, err := s.sales.QuoteVersions(s.ctx, q.Number)
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	for _, v := range versions {
		out.Versions = append(out.Versions, quoteListItem(v, p.Account.Name))
	}
	latest := versions[len(versions)-1].ID == q.ID
	can := func(to cpq.QuoteStatus) bool { return cpq.QuoteTransitions.Allowed(q.Status, to) }
	// Submit is offered to a draft that needs approval, and to a version whose approval, or request, no longer
	// covers it (prices or policy moved under it): submitting again voids the old one.
	stalePending := false
	for _, a := range st.Approvals {
		if a.Status == cpq.ApprovalPending && a.ContentHash != p.Hash {
			stalePending = true
		}
	}
	if out.Needed && !out.Valid && (q.Status == cpq.QuoteDraft || q.Status == cpq.QuoteApproved ||
		(q.Status == cpq.QuoteNeedsApproval && stalePending)) {
		out.Actions = append(out.Actions, "submit")
	}
	if can(cpq.QuotePresented) && (!out.Needed || out.Valid) {
		out.Actions = append(out.Actions, "present")
	}
	if can(cpq.QuoteAccepted) {
		out.Actions = append(out.Actions, "accept", "reject")
	}
	if can(cpq.QuoteSuperseded) && latest {
		out.Actions = append(out.Actions, "revise")
	}
	out.Actions = append(out.Actions, "copy")
	if q.OpportunityID != "" && !q.Primary && q.Status != cpq.QuoteSuperseded {
		out.Actions = append(out.Actions, "primary")
	}
	return out, nil
}

// afterMove tells every window about a quote whose status moved and returns its new approval state.
func (svc *QuoteService) afterMove(q *cpq.Quote) (QuoteApprovalDTO, error) {
	svc.forgetOne(q.ID) // its header changed: price it afresh when next opened
	svc.s.rt.Emit(EventQuoteChanged, q.ID)
	svc.s.rt.Emit(EventInboxChanged, "")
	if q.OpportunityID != "" {
		svc.s.rt.Emit(EventOpportunitiesChanged, q.OpportunityID)
	}
	return svc.Approval(q.ID)
}

// Submit asks for the approval the policy requires, with a note for the approver.
func (svc *QuoteService) Submit(quoteID, note string) (QuoteApprovalDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	if _, err := svc.s.sales.SubmitForApproval(svc.s.ctx, actor, quoteID, cpq.CleanText(note)); err != nil {
		return QuoteApprovalDTO{}, err
	}
	return svc.afterMove(&cpq.Quote{ID: quoteID})
}

// Present marks the version presented to the customer. An account never checked is checked first.
func (svc *QuoteService) Present(quoteID string) (QuoteApprovalDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	qc, err := svc.s.sales.Quote(svc.s.ctx, quoteID)
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	if qc.Account.Credit.Status == cpq.CreditUnchecked {
		if _, err := svc.s.sales.CheckCredit(svc.s.ctx, actor, qc.Account.ID); err != nil {
			return QuoteApprovalDTO{}, err
		}
		svc.s.rt.Emit(EventAccountsChanged, qc.Account.ID)
	}
	return svc.move(quoteID, svc.s.sales.PresentQuote)
}

// Accept records the customer's acceptance.
func (svc *QuoteService) Accept(quoteID string) (QuoteApprovalDTO, error) {
	return svc.move(quoteID, svc.s.sales.AcceptQuote)
}

// Reject records that the customer turned the version down.
func (svc *QuoteService) Reject(quoteID string) (QuoteApprovalDTO, error) {
	return svc.move(quoteID, svc.s.sales.RejectQuote)
}

func (svc *QuoteService) move(quoteID string, fn func(ctx context.Context, actor sales.Actor, id string) (*cpq.Quote, error)) (QuoteApprovalDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	q, err := fn(svc.s.ctx, actor, quoteID)
	if q != nil {
		// A refusal may still have changed the quote (an approval voided, the quote expired): show it.
		svc.afterMove(q)
	}
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	return svc.Approval(q.ID)
}

// Revise makes the next version and returns its builder.
func (svc *QuoteService) Revise(quoteID string) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	q, err := svc.s.sales.ReviseQuote(svc.s.ctx, actor, quoteID)
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.afterMove(&cpq.Quote{ID: quoteID, OpportunityID: q.OpportunityID})
	svc.s.rt.Emit(EventAccountsChanged, q.AccountID)
	return svc.Get(q.ID)
}

// Copy starts a new quote with the version's lines, and returns its builder.
func (svc *QuoteService) Copy(quoteID string) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	q, err := svc.s.sales.CopyQuote(svc.s.ctx, actor, quoteID)
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.s.rt.Emit(EventAccountsChanged, q.AccountID)
	return svc.Get(q.ID)
}

// SetPrimary makes the version its opportunity's primary quote.
func (svc *QuoteService) SetPrimary(quoteID string) (QuoteApprovalDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	if err := svc.s.sales.SetPrimaryQuote(svc.s.ctx, actor, quoteID); err != nil {
		return QuoteApprovalDTO{}, err
	}
	qc, err := svc.s.sales.Quote(svc.s.ctx, quoteID)
	if err != nil {
		return QuoteApprovalDTO{}, err
	}
	return svc.afterMove(qc.Quote)
}

// History lists what happened to every version of the quote, oldest first.
func (svc *QuoteService) History(quoteID string) ([]QuoteEventDTO, error) {
	events, err := svc.s.sales.QuoteHistory(svc.s.ctx, quoteID)
	if err != nil {
		return nil, err
	}
	out := []QuoteEventDTO{}
	for _, e := range events {
		dto := QuoteEventDTO{Seq: e.Event.Seq, At: instant(e.Event.At), Action: e.Event.Action, Version: e.Version,
			Data: string(e.Event.Data)}
		if e.Actor != nil {
			dto.ActorName = e.Actor.Name
		}
		out = append(out, dto)
	}
	return out, nil
}

// QuoteEventDTO is one entry of a quote's history.
type QuoteEventDTO struct {
	Seq       int64  `json:"seq"`
	At        string `json:"at"`
	Action    string `json:"action"`
	Version   int    `json:"version"`
	ActorName string `json:"actorName"`
	Data      string `json:"data"`
}

// Compare compares two versions (or any two quotes) line by line: added, removed, changed.
func (svc *QuoteService) Compare(aID, bID string) (CompareDTO, error) {
	s := svc.s
	a, err := s.sales.QuoteApproval(s.ctx, aID)
	if err != nil {
		return CompareDTO{}, err
	}
	b, err := s.sales.QuoteApproval(s.ctx, bID)
	if err != nil {
		return CompareDTO{}, err
	}
	version := func(p *sales.Priced) pricing.Version {
		sites := map[string]string{}
		for _, g := range p.Quote.SiteGroups {
			sites[g.ID] = g.SiteID + "|" + g.Name
		}
		v := pricing.Version{Res: p.Result}
		for _, l := range p.Quote.Lines {
			v.Lines = append(v.Lines, pricing.VersionLine{ID: l.ID, ParentID: l.ParentID, Site: sites[l.SiteGroupID],
				ProductID: l.ProductID, Quantity: l.Quantity, Attributes: l.Attributes,
				Discount: l.DiscountPct.String() + "%/" + l.DiscountAmount.String()})
		}
		return v
	}
	money := b.Priced.Result.Currency.Decimal
	moneyA := a.Priced.Result.Currency.Decimal
	out := CompareDTO{A: quoteListItem(a.Priced.Quote, a.Priced.Account.Name), B: quoteListItem(b.Priced.Quote, b.Priced.Account.Name),
		Rows: []CompareRowDTO{}, TotalsA: totalsDTO(a.Priced.Result.Totals, moneyA), TotalsB: totalsDTO(b.Priced.Result.Totals, money),
		Currency: currencyDTO(b.Priced.Quote.Currency)}
	groups := map[string]string{}
	lines := map[string]cpq.QuoteLine{}
	for _, p := range []*sales.Priced{a.Priced, b.Priced} {
		for _, g := range p.Quote.SiteGroups {
			groups[g.ID] = g.Name
		}
		for _, l := range p.Quote.Lines {
			lines[l.ID] = l
		}
	}
	cat := b.Priced.Catalog
	for _, d := range pricing.Compare(version(a.Priced), version(b.Priced)) {
		row := CompareRowDTO{Change: string(d.Change), Depth: d.Depth}
		fill := func(l *pricing.Line, m func(decimal.Decimal) string, qty *int, one, mon, disc *string) {
			if l == nil {
				return
			}
			row.Site = groups[l.SiteGroupID]
			if p := cat.Product(l.ProductID); p != nil {
				row.Product = textDTO(p.Name)
			}
			ql := lines[l.LineID]
			*qty = ql.Quantity
			if !ql.DiscountPct.IsZero() {
				*disc = ql.DiscountPct.String() + "%"
			}
			for _, c := range l.Charges {
				switch c.Kind {
				case pricing.OneTime:
					*one = m(c.Net)
				case pricing.Monthly:
					*mon = m(c.Net)
				}
			}
		}
		fill(d.A, moneyA, &row.QtyA, &row.OneTimeA, &row.MonthlyA, &row.DiscountA)
		fill(d.B, money, &row.QtyB, &row.OneTimeB, &row.MonthlyB, &row.DiscountB)
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
