package app

import (
	"strings"

	"quotewright/backend/cpq"
	"quotewright/backend/sales"
)

// AccountService lists, shows and edits accounts with their contacts and sites.
type AccountService struct{ s *Services }

// List searches accounts by name (either script or reading), number, email or phone.
func (svc *AccountService) List(q AccountQuery) (AccountPage, error) {
	items, total, err := svc.s.sales.ListAccounts(svc.s.ctx, cpq.AccountFilter{Query: q.Query,
		Segment: cpq.Segment(q.Segment), Page: cpq.Page{Offset: q.Offset, Limit: q.Limit}})
	if err != nil {
		return AccountPage{}, err
	}
	page := AccountPage{Items: make([]AccountSummary, len(items)), Total: total}
	for i, a := range items {
		page.Items[i] = accountSummary(a)
	}
	return page, nil
}

// Get returns the account page: the account, its contacts, sites, deals, quotes, orders, assets and history.
func (svc *AccountService) Get(id string) (AccountDetail, error) {
	s := svc.s
	d, err := s.sales.Account(s.ctx, id)
	if err != nil {
		return AccountDetail{}, err
	}
	a := d.Account
	out := AccountDetail{
		Account: AccountDTO{AccountSummary: accountSummary(a), Employees: a.Employees,
			RegistrationNumber: a.RegistrationNumber, OwnerID: a.OwnerID, CreatedAt: instant(a.CreatedAt), UpdatedAt: instant(a.UpdatedAt),
			Credit: creditDTO(a.Credit)},
		Contacts: []ContactDTO{}, Sites: []SiteDTO{}, Opportunities: []OpportunitySummary{}, Quotes: []QuoteSummary{},
		Orders: []OrderSummary{}, Assets: []AssetSummary{}, History: []HistoryEntry{},
	}
	if d.Owner != nil {
		u := userDTO(d.Owner)
		out.Owner = &u
	}
	for _, c := range d.Contacts {
		out.Contacts = append(out.Contacts, ContactDTO{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName,
			FullName: c.FullName(), Title: c.Title, Email: c.Email, Phone: c.Phone, Primary: c.Primary})
	}
	for _, x := range d.Sites {
		out.Sites = append(out.Sites, SiteDTO{ID: x.ID, Name: x.Name, Address: x.Address, City: x.City,
			PostalCode: x.PostalCode, Region: x.Region, Country: x.Country})
	}
	for _, o := range d.Opportunities {
		out.Opportunities = append(out.Opportunities, OpportunitySummary{ID: o.ID, Name: o.Name, Stage: string(o.Stage),
			CloseDate: cpq.FormatDate(o.CloseDate), Probability: o.Probability, Amount: o.Amount.String(), Currency: currencyDTO(o.Currency)})
	}
	for _, q := range d.Quotes {
		out.Quotes = append(out.Quotes, QuoteSummary{ID: q.ID, Number: q.Number, Version: q.Version, Name: q.Name,
			Status: string(q.Status), Currency: currencyDTO(q.Currency), ValidUntil: cpq.FormatDate(q.ValidUntil), UpdatedAt: instant(q.UpdatedAt)})
	}
	for _, o := range d.Orders {
		out.Orders = append(out.Orders, OrderSummary{ID: o.ID, Number: o.Number, Status: string(o.Status), Sync: string(o.Sync),
			LastError: o.LastError, Fallout: o.Fallout, CreatedAt: instant(o.CreatedAt)})
	}
	siteNames := map[string]string{}
	for _, x := range d.Sites {
		siteNames[x.ID] = x.Name
	}
	for _, x := range d.Assets {
		p := d.AssetProducts[x.ProductID]
		a := AssetSummary{ID: x.ID, ProductID: x.ProductID, SiteID: x.SiteID, SiteName: siteNames[x.SiteID],
			ParentID: x.ParentID, Attributes: x.Attributes, Status: string(x.Status), Quantity: x.Quantity,
			Recurring: x.Recurring.String(), Currency: currencyDTO(x.Currency), StartDate: cpq.FormatDate(x.StartDate)}
		if p != nil {
			a.ProductName = textDTO(p.Name)
			a.Detail = attributeText(p, x.Attributes)
		}
		out.Assets = append(out.Assets, a)
	}
	if out.History, err = s.history("account", id, s.userNames()); err != nil {
		return AccountDetail{}, err
	}
	return out, nil
}

func accountFromInput(in AccountInput) *cpq.Account {
	return &cpq.Account{ID: in.ID, Segment: cpq.Segment(in.Segment), Name: in.Name, NameKana: in.NameKana,
		AltName: in.AltName, Industry: in.Industry, Employees: in.Employees, Email: in.Email, Phone: in.Phone,
		Region: in.Region, RegistrationNumber: strings.TrimSpace(in.RegistrationNumber)}
}

// change runs a use case as the signed-in user, then tells every window that the account changed and returns
// its page. id is read after the use case ran, so that a new account's id can be used.
func (svc *AccountService) change(id func() string, run func(actor sales.Actor) error) (AccountDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return AccountDetail{}, err
	}
	if err := run(actor); err != nil {
		return AccountDetail{}, err
	}
	svc.s.rt.Emit(EventAccountsChanged, id())
	return svc.Get(id())
}

// Create saves a new account, owned by the signed-in user, and returns its page.
func (svc *AccountService) Create(in AccountInput) (AccountDetail, error) {
	a := accountFromInput(in)
	return svc.change(func() string { return a.ID }, func(actor sales.Actor) error {
		return svc.s.sales.CreateAccount(svc.s.ctx, actor, a)
	})
}

// Update saves changes to an account's details (not its owner) and returns its page.
func (svc *AccountService) Update(in AccountInput) (AccountDetail, error) {
	a := accountFromInput(in)
	return svc.change(func() string { return a.ID }, func(actor sales.Actor) error {
		return svc.s.sales.UpdateAccount(svc.s.ctx, actor, a)
	})
}

// AddContact saves a new contact on the account and returns the account page.
func (svc *AccountService) AddContact(in ContactInput) (AccountDetail, error) {
	c := &cpq.Contact{AccountID: in.AccountID, FirstName: in.FirstName, LastName: in.LastName, Title: in.Title,
		Email: in.Email, Phone: in.Phone, Primary: in.Primary}
	return svc.change(func() string { return in.AccountID }, func(actor sales.Actor) error {
		return svc.s.sales.AddContact(svc.s.ctx, actor, c)
	})
}

// AddSite saves a new service location on the account (in Japan unless another country is given) and returns
// the account page.
func (svc *AccountService) AddSite(in SiteInput) (AccountDetail, error) {
	site := &cpq.Site{AccountID: in.AccountID, Name: in.Name, Address: in.Address, City: in.City,
		PostalCode: in.PostalCode, Region: in.Region, Country: in.Country}
	if site.Country == "" {
		site.Country = "JP"
	}
	return svc.change(func() string { return in.AccountID }, func(actor sales.Actor) error {
		return svc.s.sales.AddSite(svc.s.ctx, actor, site)
	})
}

func creditDTO(c cpq.CreditCheck) CreditDTO {
	return CreditDTO{Status: string(c.Status), Rating: c.Rating, Limit: c.Limit.String(), Currency: currencyDTO(c.Currency),
		CheckedAt: instant(c.CheckedAt), Provider: c.Provider, Reference: c.Reference, Error: c.Error,
		RetryAt: instant(c.RetryAt), Attempts: c.Attempts}
}

// CheckCredit asks the credit provider about the account now and returns the account page. A provider that
// cannot be reached leaves the account pending, with the error and the next try shown.
func (svc *AccountService) CheckCredit(id string) (AccountDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return AccountDetail{}, err
	}
	if _, err := svc.s.sales.CheckCredit(svc.s.ctx, actor, id); err != nil {
		return AccountDetail{}, err
	}
	// Eligibility reads the credit result: quotes kept priced are checked again when next opened.
	svc.s.Quotes.forget()
	svc.s.rt.Emit(EventAccountsChanged, id)
	return svc.Get(id)
}
