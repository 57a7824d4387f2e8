package sales

import (
	"context"
	"io"
	"strings"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/leads"
)

// ListLeads returns one page of leads.
func (s *Service) ListLeads(ctx context.Context, f cpq.LeadFilter) (out []*cpq.Lead, total int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, total, err = tx.Leads().List(ctx, f)
		return err
	})
	return out, total, err
}

// Lead returns one lead.
func (s *Service) Lead(ctx context.Context, id string) (l *cpq.Lead, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		l, err = tx.Leads().Get(ctx, id)
		return err
	})
	return l, err
}

func cleanLead(l *cpq.Lead) {
	l.Company, l.FirstName, l.LastName = cpq.CleanText(l.Company), cpq.CleanText(l.FirstName), cpq.CleanText(l.LastName)
	l.Email, l.Phone, l.Source = cpq.CleanText(l.Email), cpq.CleanText(l.Phone), cpq.CleanText(l.Source)
	l.Region = cpq.CanonicalRegion(l.Region)
	if l.Segment == cpq.SegmentConsumer {
		l.Company = ""
	}
}

// CreateLead saves a new lead. Without an owner chosen, the assignment rules give it one, who is told in
// their inbox.
func (s *Service) CreateLead(ctx context.Context, actor Actor, l *cpq.Lead) error {
	cleanLead(l)
	l.Status = cpq.LeadNew
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		r, err := newRouter(ctx, tx)
		if err != nil {
			return err
		}
		return r.create(ctx, tx, actor, l, "lead.created")
	})
}

// router assigns leads inside one transaction, keeping whose turn it is between leads of one import.
type router struct {
	rules   []*cpq.AssignmentRule
	active  map[string]bool
	cursors map[string]int
}

func newRouter(ctx context.Context, tx cpq.Tx) (*router, error) {
	rules, err := tx.AssignmentRules().List(ctx)
	if err != nil {
		return nil, err
	}
	users, err := tx.Users().List(ctx)
	if err != nil {
		return nil, err
	}
	cursors, err := tx.AssignmentRules().Cursors(ctx)
	if err != nil {
		return nil, err
	}
	r := &router{rules: rules, active: map[string]bool{}, cursors: cursors}
	for _, u := range users {
		r.active[u.ID] = u.Active
	}
	return r, nil
}

// create saves the lead, assigning it first when it has no owner, and notifies an owner other than the actor.
func (r *router) create(ctx context.Context, tx cpq.Tx, actor Actor, l *cpq.Lead, action string) error {
	if l.OwnerID == "" {
		if a, ok := leads.Assign(r.rules, l, func(id string) bool { return r.active[id] }, r.cursors); ok {
			l.OwnerID, l.AssignedBy = a.OwnerID, a.Rule
			r.cursors[a.Rule] = a.Cursor
			if err := tx.AssignmentRules().SetCursor(ctx, a.Rule, a.Cursor); err != nil {
				return err
			}
		} else {
			l.OwnerID = actor.UserID
		}
	}
	if err := tx.Leads().Create(ctx, l); err != nil {
		return err
	}
	if l.OwnerID != actor.UserID {
		if err := tx.Notifications().Create(ctx, &cpq.Notification{UserID: l.OwnerID, Kind: "inbox.leadAssigned",
			Entity: "lead", EntityID: l.ID, Args: map[string]string{"name": leadName(l), "source": l.Source}}); err != nil {
			return err
		}
	}
	return record(ctx, tx, actor, action, "lead", l.ID, map[string]any{"owner": l.OwnerID, "rule": l.AssignedBy,
		"name": leadName(l)})
}

// leadName is how a lead is named in lists and messages: the company, else the person.
func leadName(l *cpq.Lead) string {
	person := strings.TrimSpace(l.LastName + " " + l.FirstName)
	if l.Company != "" {
		return l.Company + " (" + person + ")"
	}
	return person
}

// LeadChange is an edit of a lead's details, status or owner.
type LeadChange struct {
	Lead   cpq.Lead // the details; status, owner and conversion fields are taken from the fields below
	Status cpq.LeadStatus
}

// UpdateLead saves a lead's details and moves its status (converting has its own use case).
func (s *Service) UpdateLead(ctx context.Context, actor Actor, c LeadChange) (*cpq.Lead, error) {
	var l *cpq.Lead
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if l, err = tx.Leads().Get(ctx, c.Lead.ID); err != nil {
			return err
		}
		if l.Status == cpq.LeadConverted {
			return cpq.Errorf(cpq.EConflict, "lead.converted")
		}
		n := c.Lead
		cleanLead(&n)
		l.Segment, l.Company, l.FirstName, l.LastName = n.Segment, n.Company, n.FirstName, n.LastName
		l.Email, l.Phone, l.Region, l.Source = n.Email, n.Phone, n.Region, n.Source
		if n.OwnerID != "" && n.OwnerID != l.OwnerID {
			if _, err := tx.Users().Get(ctx, n.OwnerID); err != nil {
				return err
			}
			l.OwnerID, l.AssignedBy = n.OwnerID, ""
			if n.OwnerID != actor.UserID {
				if err := tx.Notifications().Create(ctx, &cpq.Notification{UserID: n.OwnerID, Kind: "inbox.leadAssigned",
					Entity: "lead", EntityID: l.ID, Args: map[string]string{"name": leadName(l), "source": l.Source}}); err != nil {
					return err
				}
			}
		}
		if c.Status != "" && c.Status != l.Status {
			if c.Status == cpq.LeadConverted {
				return cpq.Errorf(cpq.EConflict, "lead.convert.useConvert")
			}
			if err := l.SetStatus(c.Status); err != nil {
				return err
			}
		}
		if err := tx.Leads().Update(ctx, l); err != nil {
			return err
		}
		return record(ctx, tx, actor, "lead.updated", "lead", l.ID, map[string]any{"status": l.Status, "owner": l.OwnerID})
	})
	return l, err
}

// LeadImport is what an import of a lead file did: the leads saved and the rows refused, with why.
type LeadImport struct {
	Created []*cpq.Lead
	Refused []leads.Refusal
}

// ImportLeads reads a CSV file of leads; the good rows are saved (and assigned) together, the refused rows
// are reported with their reasons. A file that cannot be read at all saves nothing.
func (s *Service) ImportLeads(ctx context.Context, actor Actor, r io.Reader, source string) (*LeadImport, error) {
	in, err := leads.ReadCSV(r)
	if err != nil {
		return nil, err
	}
	out := &LeadImport{Refused: in.Refused}
	err = s.store.Update(ctx, func(tx cpq.Tx) error {
		rt, err := newRouter(ctx, tx)
		if err != nil {
			return err
		}
		for _, row := range in.Leads {
			l := row.Lead
			if l.Source == "" {
				l.Source = source
			}
			if err := rt.create(ctx, tx, actor, l, "lead.imported"); err != nil {
				return err
			}
			out.Created = append(out.Created, l)
		}
		return record(ctx, tx, actor, "lead.import", "lead", "import", map[string]any{"created": len(out.Created),
			"refused": len(out.Refused)})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LeadMatch is an account that a lead may already be, and on what it matches.
type LeadMatch struct {
	Account *cpq.Account
	On      []string
}

// LeadMatches lists the accounts a lead is likely to be already: same name, email or phone.
func (s *Service) LeadMatches(ctx context.Context, id string) (out []LeadMatch, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		l, err := tx.Leads().Get(ctx, id)
		if err != nil {
			return err
		}
		accounts, _, err := tx.Accounts().List(ctx, cpq.AccountFilter{Segment: l.Segment, Page: cpq.Page{Limit: 100000}})
		if err != nil {
			return err
		}
		contacts := map[string][]*cpq.Contact{}
		byID := map[string]*cpq.Account{}
		for _, a := range accounts {
			byID[a.ID] = a
			if a.Segment == cpq.SegmentBusiness {
				if contacts[a.ID], err = tx.Contacts().ListByAccount(ctx, a.ID); err != nil {
					return err
				}
			}
		}
		for _, m := range leads.Matches(l, accounts, contacts) {
			out = append(out, LeadMatch{Account: byID[m.AccountID], On: m.On})
		}
		return nil
	})
	return out, err
}

// Conversion is what converting a lead should do: link to an existing account (LinkAccountID) or make one;
// for a business, add the person as a contact and open an opportunity.
type Conversion struct {
	LeadID          string
	LinkAccountID   string
	OpportunityName string
	CloseDate       time.Time
}

// Converted is what a conversion made or linked.
type Converted struct {
	Lead        *cpq.Lead
	Account     *cpq.Account
	Contact     *cpq.Contact     // nil for a consumer
	Opportunity *cpq.Opportunity // nil for a consumer
	Linked      bool
}

// ConvertLead turns a qualified lead into a customer: a business lead becomes an account (or joins the one
// linked), a contact and an opportunity; a consumer lead becomes a consumer account (or is linked to one).
// All of it is saved together, or nothing is.
func (s *Service) ConvertLead(ctx context.Context, actor Actor, c Conversion) (*Converted, error) {
	var out Converted
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		l, err := tx.Leads().Get(ctx, c.LeadID)
		if err != nil {
			return err
		}
		if l.Status != cpq.LeadQualified {
			if l.Status == cpq.LeadConverted {
				return cpq.Errorf(cpq.EConflict, "lead.converted")
			}
			return cpq.Errorf(cpq.EConflict, "lead.convert.qualify", "status", "@lead.status."+string(l.Status))
		}
		out.Lead = l
		if c.LinkAccountID != "" {
			if out.Account, err = tx.Accounts().Get(ctx, c.LinkAccountID); err != nil {
				return err
			}
			if out.Account.Segment != l.Segment {
				return cpq.Errorf(cpq.EInvalid, "lead.convert.segment", "segment", "@segment."+string(out.Account.Segment))
			}
			out.Linked = true
		} else {
			a := &cpq.Account{Segment: l.Segment, Name: l.Company, Email: l.Email, Phone: l.Phone, Region: l.Region,
				OwnerID: l.OwnerID}
			if l.Segment == cpq.SegmentConsumer {
				a.Name = strings.TrimSpace(l.LastName + " " + l.FirstName)
			} else {
				a.Email = "" // the person's address goes on the contact; the phone is usually the company's
			}
			trimAccount(a)
			if err := tx.Accounts().Create(ctx, a); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "account.created", "account", a.ID, map[string]any{"name": a.Name, "fromLead": l.ID}); err != nil {
				return err
			}
			out.Account = a
		}
		if l.Segment == cpq.SegmentBusiness {
			ct := &cpq.Contact{AccountID: out.Account.ID, FirstName: l.FirstName, LastName: l.LastName, Email: l.Email,
				Phone: l.Phone, Primary: !out.Linked}
			if err := tx.Contacts().Create(ctx, ct); err != nil {
				return err
			}
			name := cpq.CleanText(c.OpportunityName)
			if name == "" {
				name = out.Account.Name
			}
			close := c.CloseDate
			if close.IsZero() {
				close = cpq.Today(s.now()).AddDate(0, 3, 0)
			}
			o := &cpq.Opportunity{AccountID: out.Account.ID, Name: name, Stage: cpq.StageQualification, CloseDate: close,
				Probability: cpq.StageProbability[cpq.StageQualification], Currency: "JPY", OwnerID: l.OwnerID}
			if err := tx.Opportunities().Create(ctx, o); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "opportunity.created", "opportunity", o.ID, map[string]any{"name": o.Name,
				"stage": o.Stage, "fromLead": l.ID}); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "contact.created", "account", out.Account.ID, map[string]any{"contact": ct.ID,
				"name": ct.FullName(), "fromLead": l.ID}); err != nil {
				return err
			}
			out.Contact, out.Opportunity = ct, o
			l.ConvertedContactID, l.ConvertedOpportunityID = ct.ID, o.ID
		}
		l.ConvertedAccountID = out.Account.ID
		if err := l.SetStatus(cpq.LeadConverted); err != nil {
			return err
		}
		if err := tx.Leads().Update(ctx, l); err != nil {
			return err
		}
		return record(ctx, tx, actor, "lead.converted", "lead", l.ID, map[string]any{"account": out.Account.ID,
			"linked": out.Linked, "opportunity": l.ConvertedOpportunityID, "contact": l.ConvertedContactID})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// AssignmentRules lists the lead routing rules by position.
func (s *Service) AssignmentRules(ctx context.Context) (out []*cpq.AssignmentRule, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.AssignmentRules().List(ctx)
		return err
	})
	return out, err
}

// SaveAssignmentRule adds a routing rule (no ID) or changes one. Routing decides who works every new lead, so
// only a manager, a director or an administrator may change it; every team member must be an active user.
func (s *Service) SaveAssignmentRule(ctx context.Context, actor Actor, r *cpq.AssignmentRule) error {
	if cpq.RoleRank(actor.Role) < cpq.RoleRank(cpq.RoleManager) {
		return cpq.Errorf(cpq.EUnauthorized, "assignment.role")
	}
	r.Region = cpq.CanonicalRegion(r.Region)
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		for _, id := range r.Team {
			u, err := tx.Users().Get(ctx, id)
			if err != nil {
				return err
			}
			if !u.Active {
				return cpq.Errorf(cpq.EInvalid, "user.inactive", "name", u.Name)
			}
		}
		action := "assignment.updated"
		if r.ID == "" {
			action = "assignment.created"
			rules, err := tx.AssignmentRules().List(ctx)
			if err != nil {
				return err
			}
			r.Position = 1
			for _, x := range rules {
				r.Position = max(r.Position, x.Position+1)
			}
			if err := tx.AssignmentRules().Create(ctx, r); err != nil {
				return err
			}
		} else if err := tx.AssignmentRules().Update(ctx, r); err != nil {
			return err
		}
		return record(ctx, tx, actor, action, "assignmentRule", r.ID, map[string]any{"code": r.Code, "region": r.Region,
			"segment": r.Segment, "team": r.Team, "active": r.Active})
	})
}

// DeleteAssignmentRule removes a routing rule.
func (s *Service) DeleteAssignmentRule(ctx context.Context, actor Actor, id string) error {
	if cpq.RoleRank(actor.Role) < cpq.RoleRank(cpq.RoleManager) {
		return cpq.Errorf(cpq.EUnauthorized, "assignment.role")
	}
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.AssignmentRules().Delete(ctx, id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "assignment.deleted", "assignmentRule", id, map[string]any{})
	})
}
