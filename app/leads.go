package app

import (
	"strings"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// EventLeadsChanged is emitted with the lead id (or "import") after any change to leads; EventInboxChanged
// when someone's inbox got an entry.
const (
	EventLeadsChanged = "leads:changed"
	EventInboxChanged = "inbox:changed"
)

// LeadService is the leads list: create, edit, import, qualify and convert leads.
type LeadService struct{ s *Services }

func leadDTO(l *cpq.Lead, names map[string]string) LeadDTO {
	name := strings.TrimSpace(l.LastName + " " + l.FirstName)
	if l.Company != "" {
		name = l.Company
	}
	return LeadDTO{ID: l.ID, Segment: string(l.Segment), Company: l.Company, FirstName: l.FirstName, LastName: l.LastName,
		Name: name, Email: l.Email, Phone: l.Phone, Region: l.Region, Source: l.Source, Status: string(l.Status),
		OwnerID: l.OwnerID, OwnerName: names[l.OwnerID], AssignedBy: l.AssignedBy, ConvertedAccountID: l.ConvertedAccountID,
		ConvertedOpportunityID: l.ConvertedOpportunityID, CreatedAt: instant(l.CreatedAt)}
}

// List lists leads, newest first.
func (svc *LeadService) List(q LeadQuery) (LeadPage, error) {
	f := cpq.LeadFilter{Query: q.Query, Status: cpq.LeadStatus(q.Status), Page: cpq.Page{Offset: q.Offset, Limit: q.Limit}}
	if q.Mine {
		actor, err := svc.s.actor()
		if err != nil {
			return LeadPage{}, err
		}
		f.OwnerID = actor.UserID
	}
	items, total, err := svc.s.sales.ListLeads(svc.s.ctx, f)
	if err != nil {
		return LeadPage{}, err
	}
	names := svc.s.userNames()
	page := LeadPage{Items: []LeadDTO{}, Total: total}
	for _, l := range items {
		page.Items = append(page.Items, leadDTO(l, names))
	}
	return page, nil
}

// Get returns a lead with the accounts it may already be and its history.
func (svc *LeadService) Get(id string) (LeadDetail, error) {
	s := svc.s
	l, err := s.sales.Lead(s.ctx, id)
	if err != nil {
		return LeadDetail{}, err
	}
	names := svc.s.userNames()
	d := LeadDetail{Lead: leadDTO(l, names), Matches: []LeadMatchDTO{}, History: []HistoryEntry{}}
	if l.Status != cpq.LeadConverted {
		matches, err := s.sales.LeadMatches(s.ctx, id)
		if err != nil {
			return LeadDetail{}, err
		}
		for _, m := range matches {
			d.Matches = append(d.Matches, LeadMatchDTO{Account: accountSummary(m.Account), On: m.On})
		}
	}
	d.History, err = svc.s.history("lead", id, names)
	return d, err
}

func (in LeadInput) lead() cpq.Lead {
	return cpq.Lead{ID: in.ID, Segment: cpq.Segment(in.Segment), Company: in.Company, FirstName: in.FirstName,
		LastName: in.LastName, Email: in.Email, Phone: in.Phone, Region: in.Region, Source: in.Source, OwnerID: in.OwnerID}
}

// Create saves a new lead; without an owner chosen the assignment rules pick one.
func (svc *LeadService) Create(in LeadInput) (LeadDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return LeadDTO{}, err
	}
	l := in.lead()
	if err := svc.s.sales.CreateLead(svc.s.ctx, actor, &l); err != nil {
		return LeadDTO{}, err
	}
	svc.s.rt.Emit(EventLeadsChanged, l.ID)
	svc.s.rt.Emit(EventInboxChanged, l.OwnerID)
	return leadDTO(&l, svc.s.userNames()), nil
}

// Update saves a lead's details, owner and status.
func (svc *LeadService) Update(in LeadInput) (LeadDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return LeadDTO{}, err
	}
	l, err := svc.s.sales.UpdateLead(svc.s.ctx, actor, sales.LeadChange{Lead: in.lead(), Status: cpq.LeadStatus(in.Status)})
	if err != nil {
		return LeadDTO{}, err
	}
	svc.s.rt.Emit(EventLeadsChanged, l.ID)
	svc.s.rt.Emit(EventInboxChanged, l.OwnerID)
	return leadDTO(l, svc.s.userNames()), nil
}

// Import reads a CSV file of leads (its text, as the file picker or a drop gives it): the good rows are saved
// and assigned, the refused ones come back with their reasons.
func (svc *LeadService) Import(csv, source string) (LeadImportDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return LeadImportDTO{}, err
	}
	r, err := svc.s.sales.ImportLeads(svc.s.ctx, actor, strings.NewReader(csv), cpq.CleanText(source))
	if err != nil {
		return LeadImportDTO{}, err
	}
	lang := svc.s.Lang()
	out := LeadImportDTO{Created: len(r.Created), Refused: []RefusedRowDTO{}, Leads: []LeadDTO{}}
	names := svc.s.userNames()
	for _, l := range r.Created {
		out.Leads = append(out.Leads, leadDTO(l, names))
	}
	for _, x := range r.Refused {
		row := RefusedRowDTO{Line: x.Line, Values: x.Values, Problems: []string{}}
		if row.Values == nil {
			row.Values = []string{}
		}
		for _, p := range x.Problems {
			row.Problems = append(row.Problems, cpq.Message(lang, p.Key, p.Args))
		}
		out.Refused = append(out.Refused, row)
	}
	svc.s.rt.Emit(EventLeadsChanged, "import")
	svc.s.rt.Emit(EventInboxChanged, "")
	return out, nil
}

// Convert turns a qualified lead into an account (or links it to one), with a contact and an opportunity for a
// business.
func (svc *LeadService) Convert(in ConvertInput) (ConvertedDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return ConvertedDTO{}, err
	}
	c := sales.Conversion{LeadID: in.LeadID, LinkAccountID: in.LinkAccountID, OpportunityName: in.OpportunityName}
	if strings.TrimSpace(in.CloseDate) != "" {
		if c.CloseDate, err = cpq.ParseDate(in.CloseDate); err != nil {
			return ConvertedDTO{}, err
		}
	}
	r, err := svc.s.sales.ConvertLead(svc.s.ctx, actor, c)
	if err != nil {
		return ConvertedDTO{}, err
	}
	out := ConvertedDTO{AccountID: r.Account.ID, Linked: r.Linked}
	if r.Opportunity != nil {
		out.OpportunityID = r.Opportunity.ID
	}
	svc.s.rt.Emit(EventLeadsChanged, in.LeadID)
	svc.s.rt.Emit(EventAccountsChanged, r.Account.ID)
	svc.s.rt.Emit(EventOpportunitiesChanged, out.OpportunityID)
	return out, nil
}

// AssignmentRuleDTO is a lead routing rule.
type AssignmentRuleDTO struct {
	ID      string   `json:"id"`
	Code    string   `json:"code"`
	Region  string   `json:"region"`
	Segment string   `json:"segment"`
	Team    []string `json:"team"`
	Active  bool     `json:"active"`
}

// AssignmentRulesDTO is the routing rules, and whether the signed-in user may change them.
type AssignmentRulesDTO struct {
	Rules   []AssignmentRuleDTO `json:"rules"`
	CanEdit bool                `json:"canEdit"`
}

// AssignmentRules lists how new leads are routed.
func (svc *LeadService) AssignmentRules() (AssignmentRulesDTO, error) {
	rules, err := svc.s.sales.AssignmentRules(svc.s.ctx)
	if err != nil {
		return AssignmentRulesDTO{}, err
	}
	out := AssignmentRulesDTO{Rules: []AssignmentRuleDTO{}}
	if actor, err := svc.s.actor(); err == nil {
		out.CanEdit = cpq.RoleRank(actor.Role) >= cpq.RoleRank(cpq.RoleManager)
	}
	for _, r := range rules {
		team := r.Team
		if team == nil {
			team = []string{}
		}
		out.Rules = append(out.Rules, AssignmentRuleDTO{ID: r.ID, Code: r.Code, Region: r.Region, Segment: string(r.Segment),
			Team: team, Active: r.Active})
	}
	return out, nil
}

// SaveAssignmentRule adds (no id) or changes a routing rule.
func (svc *LeadService) SaveAssignmentRule(in AssignmentRuleDTO) (AssignmentRulesDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return AssignmentRulesDTO{}, err
	}
	r := &cpq.AssignmentRule{ID: in.ID, Code: in.Code, Region: in.Region, Segment: cpq.Segment(in.Segment), Team: in.Team,
		Active: in.Active}
	if in.ID != "" {
		rules, err := svc.s.sales.AssignmentRules(svc.s.ctx)
		if err != nil {
			return AssignmentRulesDTO{}, err
		}
		for _, x := range rules {
			if x.ID == in.ID {
				r.Position = x.Position
			}
		}
	}
	if err := svc.s.sales.SaveAssignmentRule(svc.s.ctx, actor, r); err != nil {
		return AssignmentRulesDTO{}, err
	}
	return svc.AssignmentRules()
}

// DeleteAssignmentRule removes a routing rule.
func (svc *LeadService) DeleteAssignmentRule(id string) (AssignmentRulesDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return AssignmentRulesDTO{}, err
	}
	if err := svc.s.sales.DeleteAssignmentRule(svc.s.ctx, actor, id); err != nil {
		return AssignmentRulesDTO{}, err
	}
	return svc.AssignmentRules()
}
