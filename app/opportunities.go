package app

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// EventOpportunitiesChanged is emitted with the opportunity id after a change to an opportunity or its amount.
const EventOpportunitiesChanged = "opportunities:changed"

// OpportunityService is the pipeline: the board by stage, the chart by stage and month, and each deal.
type OpportunityService struct{ s *Services }

func stageNames() []string {
	out := []string{}
	for _, st := range []cpq.Stage{cpq.StageProspecting, cpq.StageQualification, cpq.StageProposal, cpq.StageNegotiation,
		cpq.StageClosedWon, cpq.StageClosedLost} {
		out = append(out, string(st))
	}
	return out
}

func opportunityDTO(e sales.PipelineEntry) OpportunityDTO {
	o := e.Opportunity
	cur := currencyDTO(o.Currency)
	weighted := o.Amount.Mul(decimal.NewFromInt(int64(o.Probability))).Shift(-2).Round(int32(cur.MinorUnits))
	dto := OpportunityDTO{OpportunitySummary: OpportunitySummary{ID: o.ID, Name: o.Name, Stage: string(o.Stage),
		CloseDate: cpq.FormatDate(o.CloseDate), Probability: o.Probability, Amount: o.Amount.String(), Currency: cur},
		AccountID: o.AccountID, OwnerID: o.OwnerID, PrimaryQuoteID: o.PrimaryQuoteID, Weighted: weighted.String()}
	if e.Account != nil {
		dto.AccountName = e.Account.Name
	}
	if e.Owner != nil {
		dto.OwnerName = e.Owner.Name
	}
	return dto
}

// Pipeline returns every opportunity (the signed-in user's only, when mine) for the board, and the amounts
// by stage and close month for the chart. The chart adds up amounts in yen; deals in other currencies are on
// the board but not in the chart.
func (svc *OpportunityService) Pipeline(mine bool) (PipelineDTO, error) {
	owner := ""
	if mine {
		actor, err := svc.s.actor()
		if err != nil {
			return PipelineDTO{}, err
		}
		owner = actor.UserID
	}
	list, err := svc.s.sales.Pipeline(svc.s.ctx, owner)
	if err != nil {
		return PipelineDTO{}, err
	}
	out := PipelineDTO{Stages: stageNames(), Opportunities: []OpportunityDTO{}, Months: []string{}, Chart: []PipelineCell{},
		Currency: currencyDTO("JPY")}
	type key struct{ stage, month string }
	cells := map[key]*PipelineCell{}
	months := map[string]bool{}
	for _, e := range list {
		dto := opportunityDTO(e)
		out.Opportunities = append(out.Opportunities, dto)
		if e.Opportunity.Currency != "JPY" && e.Opportunity.Currency != "" {
			continue
		}
		m := cpq.FormatDate(e.Opportunity.CloseDate)[:7]
		months[m] = true
		k := key{dto.Stage, m}
		c := cells[k]
		if c == nil {
			c = &PipelineCell{Stage: dto.Stage, Month: m, Amount: "0", Weighted: "0"}
			cells[k] = c
		}
		c.Amount = decimal.RequireFromString(c.Amount).Add(e.Opportunity.Amount).String()
		c.Weighted = decimal.RequireFromString(c.Weighted).Add(decimal.RequireFromString(dto.Weighted)).String()
		c.Count++
	}
	for m := range months {
		out.Months = append(out.Months, m)
	}
	sort.Strings(out.Months)
	for _, c := range cells {
		out.Chart = append(out.Chart, *c)
	}
	sort.Slice(out.Chart, func(i, j int) bool {
		if out.Chart[i].Month != out.Chart[j].Month {
			return out.Chart[i].Month < out.Chart[j].Month
		}
		return strings.Compare(out.Chart[i].Stage, out.Chart[j].Stage) < 0
	})
	return out, nil
}

// Get returns an opportunity with its quotes (every version) and history.
func (svc *OpportunityService) Get(id string) (OpportunityDetail, error) {
	s := svc.s
	o, err := s.sales.Opportunity(s.ctx, id)
	if err != nil {
		return OpportunityDetail{}, err
	}
	acc, err := s.sales.Account(s.ctx, o.AccountID)
	if err != nil {
		return OpportunityDetail{}, err
	}
	names := s.userNames()
	e := sales.PipelineEntry{Opportunity: o, Account: acc.Account}
	dto := opportunityDTO(e)
	dto.OwnerName = names[o.OwnerID]
	d := OpportunityDetail{Opportunity: dto, Quotes: []QuoteListItem{}, Stages: stageNames(), Sites: []SiteDTO{},
		Segment: string(acc.Account.Segment), Others: []OpportunityDTO{}}
	quotes, _, err := s.sales.ListQuotes(s.ctx, cpq.QuoteFilter{OpportunityID: id, Page: cpq.Page{Limit: 1000}})
	if err != nil {
		return OpportunityDetail{}, err
	}
	for _, x := range quotes {
		d.Quotes = append(d.Quotes, quoteListItem(x, acc.Account.Name))
	}
	for _, x := range acc.Sites {
		d.Sites = append(d.Sites, SiteDTO{ID: x.ID, Name: x.Name, Address: x.Address, City: x.City, PostalCode: x.PostalCode,
			Region: x.Region, Country: x.Country})
	}
	d.History, err = s.history("opportunity", id, names)
	return d, err
}

// Create opens an opportunity on an account.
func (svc *OpportunityService) Create(in OpportunityInput) (OpportunityDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return OpportunityDTO{}, err
	}
	o := &cpq.Opportunity{AccountID: in.AccountID, Name: in.Name, Stage: cpq.Stage(in.Stage)}
	if strings.TrimSpace(in.CloseDate) != "" {
		if o.CloseDate, err = cpq.ParseDate(in.CloseDate); err != nil {
			return OpportunityDTO{}, err
		}
	}
	if err := svc.s.sales.CreateOpportunity(svc.s.ctx, actor, o); err != nil {
		return OpportunityDTO{}, err
	}
	svc.s.rt.Emit(EventOpportunitiesChanged, o.ID)
	svc.s.rt.Emit(EventAccountsChanged, o.AccountID)
	return opportunityDTO(sales.PipelineEntry{Opportunity: o}), nil
}

// Update edits an opportunity's name, stage, close date or probability.
func (svc *OpportunityService) Update(in OpportunityUpdate) (OpportunityDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return OpportunityDTO{}, err
	}
	c := sales.OpportunityChange{ID: in.ID}
	if strings.TrimSpace(in.Name) != "" {
		c.Name = &in.Name
	}
	if in.Stage != "" {
		st := cpq.Stage(in.Stage)
		c.Stage = &st
	}
	if in.Probability >= 0 {
		c.Probability = &in.Probability
	}
	if strings.TrimSpace(in.CloseDate) != "" {
		d, err := cpq.ParseDate(in.CloseDate)
		if err != nil {
			return OpportunityDTO{}, err
		}
		c.CloseDate = &d
	}
	o, err := svc.s.sales.UpdateOpportunity(svc.s.ctx, actor, c)
	if err != nil {
		return OpportunityDTO{}, err
	}
	svc.s.rt.Emit(EventOpportunitiesChanged, o.ID)
	return opportunityDTO(sales.PipelineEntry{Opportunity: o}), nil
}
