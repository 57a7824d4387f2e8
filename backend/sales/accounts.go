package sales

import (
	"context"
	"strings"

	"quotewright/backend/cpq"
)

// AccountDetail is an account with what hangs off it.
type AccountDetail struct {
	Account       *cpq.Account
	Contacts      []*cpq.Contact
	Sites         []*cpq.Site
	Opportunities []*cpq.Opportunity
	Quotes        []*cpq.Quote
	Orders        []*cpq.Order
	Assets        []*cpq.Asset
	// AssetProducts holds the product of each asset, by id.
	AssetProducts map[string]*cpq.Product
	Owner         *cpq.User // nil when the account has no owner
}

// ListAccounts returns one page of the accounts matching f and how many match in all.
func (s *Service) ListAccounts(ctx context.Context, f cpq.AccountFilter) (out []*cpq.Account, total int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, total, err = tx.Accounts().List(ctx, f)
		return err
	})
	return out, total, err
}

// Account returns an account with its contacts, sites, opportunities, quotes, orders and assets.
func (s *Service) Account(ctx context.Context, id string) (*AccountDetail, error) {
	var d AccountDetail
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		var err error
		if d.Account, err = tx.Accounts().Get(ctx, id); err != nil {
			return err
		}
		if d.Contacts, err = tx.Contacts().ListByAccount(ctx, id); err != nil {
			return err
		}
		if d.Sites, err = tx.Sites().ListByAccount(ctx, id); err != nil {
			return err
		}
		if d.Opportunities, _, err = tx.Opportunities().List(ctx, cpq.OpportunityFilter{AccountID: id, Page: cpq.Page{Limit: 1000}}); err != nil {
			return err
		}
		if d.Quotes, _, err = tx.Quotes().List(ctx, cpq.QuoteFilter{AccountID: id, Page: cpq.Page{Limit: 1000}}); err != nil {
			return err
		}
		if d.Orders, _, err = tx.Orders().List(ctx, cpq.OrderFilter{AccountID: id, Page: cpq.Page{Limit: 1000}}); err != nil {
			return err
		}
		if d.Assets, err = tx.Assets().ListByAccount(ctx, id); err != nil {
			return err
		}
		d.AssetProducts = map[string]*cpq.Product{}
		for _, a := range d.Assets {
			if d.AssetProducts[a.ProductID] == nil {
				if d.AssetProducts[a.ProductID], err = tx.Products().Get(ctx, a.ProductID); err != nil {
					return err
				}
			}
		}
		if d.Account.OwnerID != "" {
			if d.Owner, err = tx.Users().Get(ctx, d.Account.OwnerID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// CreateAccount saves a new account owned by the actor unless it names another owner. A new account starts
// with its credit unchecked: a check must pass before its first quote or order is presented.
func (s *Service) CreateAccount(ctx context.Context, actor Actor, a *cpq.Account) error {
	trimAccount(a)
	a.ID, a.Number = "", ""
	a.Credit = cpq.CreditCheck{Status: cpq.CreditUnchecked}
	if a.OwnerID == "" {
		a.OwnerID = actor.UserID
	}
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Accounts().Create(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, "account.created", "account", a.ID,
			map[string]any{"number": a.Number, "name": a.Name, "segment": a.Segment})
	})
}

// UpdateAccount saves changes to an account's details. Its number, owner and credit result are not changed
// here: each has its own use case.
func (s *Service) UpdateAccount(ctx context.Context, actor Actor, a *cpq.Account) error {
	trimAccount(a)
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		old, err := tx.Accounts().Get(ctx, a.ID)
		if err != nil {
			return err
		}
		a.Number, a.OwnerID, a.Credit, a.CreatedAt = old.Number, old.OwnerID, old.Credit, old.CreatedAt
		if err := tx.Accounts().Update(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, actor, "account.updated", "account", a.ID, changes(old, a))
	})
}

// changes lists the account fields an update changed, old and new, for the audit entry.
func changes(old, new *cpq.Account) map[string][2]any {
	out := map[string][2]any{}
	add := func(name string, a, b any) {
		if a != b {
			out[name] = [2]any{a, b}
		}
	}
	add("segment", old.Segment, new.Segment)
	add("name", old.Name, new.Name)
	add("nameKana", old.NameKana, new.NameKana)
	add("altName", old.AltName, new.AltName)
	add("industry", old.Industry, new.Industry)
	add("employees", old.Employees, new.Employees)
	add("email", old.Email, new.Email)
	add("phone", old.Phone, new.Phone)
	add("region", old.Region, new.Region)
	add("registrationNumber", old.RegistrationNumber, new.RegistrationNumber)
	return out
}

// trimAccount cleans what was typed: widths normalized, phone dashes made ASCII. A consumer has no industry,
// headcount or company registration: values left over from switching the segment are dropped.
func trimAccount(a *cpq.Account) {
	for _, f := range []*string{&a.Name, &a.NameKana, &a.AltName, &a.Industry, &a.Email, &a.Region} {
		*f = cpq.CleanText(*f)
	}
	a.Phone, a.RegistrationNumber = cpq.CleanCode(a.Phone), cpq.CleanCode(a.RegistrationNumber)
	a.Region = cpq.CanonicalRegion(a.Region)
	if a.Segment == cpq.SegmentConsumer {
		a.Industry, a.Employees, a.RegistrationNumber = "", 0, ""
	}
}

// AddContact saves a new contact on an account. Marking it primary unmarks the account's other contacts.
func (s *Service) AddContact(ctx context.Context, actor Actor, c *cpq.Contact) error {
	for _, f := range []*string{&c.FirstName, &c.LastName, &c.Title, &c.Email} {
		*f = cpq.CleanText(*f)
	}
	c.Phone = cpq.CleanCode(c.Phone)
	c.ID = ""
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if _, err := tx.Accounts().Get(ctx, c.AccountID); err != nil {
			return err
		}
		if c.Primary {
			others, err := tx.Contacts().ListByAccount(ctx, c.AccountID)
			if err != nil {
				return err
			}
			for _, o := range others {
				if o.Primary {
					o.Primary = false
					if err := tx.Contacts().Update(ctx, o); err != nil {
						return err
					}
				}
			}
		}
		if err := tx.Contacts().Create(ctx, c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "contact.created", "account", c.AccountID,
			map[string]any{"contact": c.ID, "name": c.FullName()})
	})
}

// AddSite saves a new service location on an account.
func (s *Service) AddSite(ctx context.Context, actor Actor, site *cpq.Site) error {
	for _, f := range []*string{&site.Name, &site.Address, &site.City, &site.Region, &site.Country} {
		*f = cpq.CleanText(*f)
	}
	site.PostalCode = cpq.CleanCode(site.PostalCode)
	site.Region = cpq.CanonicalRegion(site.Region)
	site.Country = strings.ToUpper(site.Country)
	site.ID = ""
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if _, err := tx.Accounts().Get(ctx, site.AccountID); err != nil {
			return err
		}
		if err := tx.Sites().Create(ctx, site); err != nil {
			return err
		}
		return record(ctx, tx, actor, "site.created", "account", site.AccountID,
			map[string]any{"site": site.ID, "name": site.Name, "postalCode": site.PostalCode})
	})
}

// History lists the audit entries of an object, oldest first.
func (s *Service) History(ctx context.Context, entity, id string) (out []*cpq.AuditEvent, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.Audit().ListFor(ctx, entity, id)
		return err
	})
	return out, err
}

// VerifyAudit recomputes the audit chain.
func (s *Service) VerifyAudit(ctx context.Context) (r cpq.AuditReport, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		r, err = tx.Audit().Verify(ctx)
		return err
	})
	return r, err
}
