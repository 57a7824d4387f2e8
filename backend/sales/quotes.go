package sales

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// NewQuote is what a rep chooses to start a quote.
type NewQuote struct {
	AccountID     string
	OpportunityID string // optional
	Name          string
	PriceListID   string // empty: the first active list in JPY, else any
	TermMonths    int
	SiteIDs       []string // the account's sites the quote covers, one site group each
	Lang          cpq.Lang
}

// QuoteValidDays is how long a new quote is valid.
const QuoteValidDays = 30

// CreateQuote starts version 1 of a quote on an account (and its opportunity, when given), with a site group
// for each chosen site.
func (s *Service) CreateQuote(ctx context.Context, actor Actor, nq NewQuote) (*cpq.Quote, error) {
	q := &cpq.Quote{AccountID: nq.AccountID, OpportunityID: nq.OpportunityID, Name: strings.TrimSpace(nq.Name),
		TermMonths: nq.TermMonths, Lang: nq.Lang, OwnerID: actor.UserID, Status: cpq.QuoteDraft,
		ValidUntil: cpq.Today(s.now()).AddDate(0, 0, QuoteValidDays)}
	if q.Lang == "" {
		q.Lang = cpq.LangJA
	}
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		a, err := tx.Accounts().Get(ctx, nq.AccountID)
		if err != nil {
			return err
		}
		if q.OpportunityID != "" {
			o, err := tx.Opportunities().Get(ctx, q.OpportunityID)
			if err != nil {
				return err
			}
			if o.AccountID != a.ID {
				return cpq.Errorf(cpq.EInvalid, "quote.opportunity.account")
			}
			// The opportunity's first quote is its primary one until the rep picks another.
			q.Primary = o.PrimaryQuoteID == ""
		}
		lists, err := tx.PriceLists().List(ctx)
		if err != nil {
			return err
		}
		for _, l := range lists {
			if (nq.PriceListID != "" && l.ID == nq.PriceListID) || (nq.PriceListID == "" && l.Active && l.Currency == "JPY" && q.PriceListID == "") {
				q.PriceListID, q.Currency = l.ID, l.Currency
			}
		}
		if q.PriceListID == "" {
			return cpq.Errorf(cpq.EInvalid, "quote.priceList.required")
		}
		sites, err := tx.Sites().ListByAccount(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, id := range nq.SiteIDs {
			var site *cpq.Site
			for _, x := range sites {
				if x.ID == id {
					site = x
				}
			}
			if site == nil {
				return cpq.Errorf(cpq.EInvalid, "quote.site.account")
			}
			q.SiteGroups = append(q.SiteGroups, cpq.SiteGroup{SiteID: site.ID, Name: site.Name})
		}
		if err := tx.Quotes().Create(ctx, q); err != nil {
			return err
		}
		if q.Primary {
			o, err := tx.Opportunities().Get(ctx, q.OpportunityID)
			if err != nil {
				return err
			}
			o.PrimaryQuoteID = q.ID
			if err := tx.Opportunities().Update(ctx, o); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "quote.created", "quote", q.ID, map[string]any{"number": q.Number, "version": q.Version,
			"account": a.ID, "name": q.Name})
	})
	return q, err
}

// QuoteContext is a quote version with what pricing and configuration read around it.
type QuoteContext struct {
	Quote   *cpq.Quote
	Account *cpq.Account
	// Sites are the quote's sites by site group id, for availability rules.
	Sites   map[string]*catalog.Site
	Context catalog.Context
}

// Quote reads a quote version with its account, sites and the account's assets.
func (s *Service) Quote(ctx context.Context, id string) (*QuoteContext, error) {
	var qc *QuoteContext
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		var err error
		qc, err = s.quoteContext(ctx, tx, id, true)
		return err
	})
	return qc, err
}

// quoteContext reads a quote version (with its lines when lines is true) and what pricing reads around it.
func (s *Service) quoteContext(ctx context.Context, tx cpq.Tx, id string, lines bool) (*QuoteContext, error) {
	var qc QuoteContext
	var err error
	if lines {
		qc.Quote, err = tx.Quotes().Get(ctx, id)
	} else {
		qc.Quote, err = tx.Quotes().Header(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	if qc.Account, err = tx.Accounts().Get(ctx, qc.Quote.AccountID); err != nil {
		return nil, err
	}
	sites, err := tx.Sites().ListByAccount(ctx, qc.Account.ID)
	if err != nil {
		return nil, err
	}
	byID := map[string]*cpq.Site{}
	for _, x := range sites {
		byID[x.ID] = x
	}
	qc.Sites = map[string]*catalog.Site{}
	for _, g := range qc.Quote.SiteGroups {
		if x := byID[g.SiteID]; x != nil {
			qc.Sites[g.ID] = &catalog.Site{ID: x.ID, PostalCode: x.PostalCode, Region: x.Region}
		}
	}
	assets, err := tx.Assets().ListByAccount(ctx, qc.Account.ID)
	if err != nil {
		return nil, err
	}
	a := qc.Account
	qc.Context = catalog.Context{Segment: a.Segment, Region: a.Region, Credit: a.Credit.Status, Rating: a.Credit.Rating,
		Day: cpq.Today(s.now())}
	for _, x := range assets {
		if x.Status == cpq.AssetActive || x.Status == cpq.AssetSuspended {
			qc.Context.Assets = append(qc.Context.Assets, catalog.Asset{ProductID: x.ProductID, SiteID: x.SiteID})
		}
	}
	return &qc, nil
}

// ListQuotes returns one page of quote versions.
func (s *Service) ListQuotes(ctx context.Context, f cpq.QuoteFilter) (out []*cpq.Quote, total int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, total, err = tx.Quotes().List(ctx, f)
		return err
	})
	return out, total, err
}

// editable loads the header and site groups of a quote version that may still be changed. A change to its
// content (lines, prices, discounts, terms) voids the approvals asked for or given on it and sends it back to
// draft, in the same transaction as the change: an approval never covers content it did not see.
func (s *Service) editable(ctx context.Context, tx cpq.Tx, actor Actor, id string, content bool) (*cpq.Quote, error) {
	q, err := tx.Quotes().Header(ctx, id)
	if err != nil {
		return nil, err
	}
	if !q.Editable() {
		return nil, cpq.Errorf(cpq.EConflict, "quote.notEditable", "status", "@quote.status."+string(q.Status))
	}
	if s.expire(q) {
		// Past its validity, a version is not revived by editing it (nor by moving its date): it is revised.
		return nil, cpq.Errorf(cpq.EConflict, "quote.expired", "date", cpq.FormatDate(q.ValidUntil))
	}
	if content && (q.Status == cpq.QuoteNeedsApproval || q.Status == cpq.QuoteApproved) {
		if err := s.voidApprovals(ctx, tx, actor, q, "approval.voided.edited"); err != nil {
			return nil, err
		}
	}
	return q, nil
}

// QuoteChange is a change to a quote version's own fields; nil fields are left as they are.
type QuoteChange struct {
	Name        *string
	TermMonths  *int
	DiscountPct *decimal.Decimal
	PriceListID *string
	Lang        *cpq.Lang
	// ValidUntil moves the date the version is valid until: not before today, at most a year ahead. It is a
	// term of the offer, so it voids an approval like any other term.
	ValidUntil *time.Time
}

// UpdateQuote changes a quote version's own fields.
func (s *Service) UpdateQuote(ctx context.Context, actor Actor, id string, c QuoteChange) (*cpq.Quote, error) {
	var q *cpq.Quote
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		content := c.TermMonths != nil || c.DiscountPct != nil || c.PriceListID != nil || c.ValidUntil != nil
		if q, err = s.editable(ctx, tx, actor, id, content); err != nil {
			return err
		}
		changed := map[string]any{}
		if c.Name != nil {
			q.Name, changed["name"] = strings.TrimSpace(*c.Name), strings.TrimSpace(*c.Name)
		}
		if c.TermMonths != nil {
			q.TermMonths, changed["termMonths"] = *c.TermMonths, *c.TermMonths
		}
		if c.DiscountPct != nil {
			q.DiscountPct, changed["discountPct"] = *c.DiscountPct, c.DiscountPct.String()
		}
		if c.Lang != nil {
			q.Lang, changed["lang"] = *c.Lang, *c.Lang
		}
		if c.ValidUntil != nil {
			today := cpq.Today(s.now())
			if c.ValidUntil.Before(today) || c.ValidUntil.After(today.AddDate(1, 0, 0)) {
				return cpq.Errorf(cpq.EInvalid, "quote.validUntil.range", "date", cpq.FormatDate(*c.ValidUntil))
			}
			q.ValidUntil, changed["validUntil"] = *c.ValidUntil, cpq.FormatDate(*c.ValidUntil)
		}
		if c.PriceListID != nil {
			l, err := tx.PriceLists().Get(ctx, *c.PriceListID)
			if err != nil {
				return err
			}
			if l.Currency != q.Currency {
				// Amounts off per unit are in the quote's currency: ¥50 off is not $50 off.
				full, err := tx.Quotes().Get(ctx, id)
				if err != nil {
					return err
				}
				n := 0
				for _, line := range full.Lines {
					if !line.DiscountAmount.IsZero() {
						n++
					}
				}
				if n > 0 {
					return cpq.Errorf(cpq.EConflict, "quote.currency.amountDiscounts", "count", strconv.Itoa(n),
						"from", q.Currency, "to", l.Currency)
				}
			}
			q.PriceListID, q.Currency, changed["priceList"] = l.ID, l.Currency, l.Code
		}
		if err := tx.Quotes().UpdateHeader(ctx, q); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.updated", "quote", q.ID, changed)
	})
	return q, err
}

// AddLines adds configured lines to a quote version (a bundle's lines after it, pointing to it).
func (s *Service) AddLines(ctx context.Context, actor Actor, quoteID string, lines []cpq.QuoteLine) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		q, err := s.editable(ctx, tx, actor, quoteID, true)
		if err != nil {
			return err
		}
		groups := map[string]bool{}
		for _, g := range q.SiteGroups {
			groups[g.ID] = true
		}
		for _, l := range lines {
			if l.SiteGroupID != "" && !groups[l.SiteGroupID] {
				return cpq.Errorf(cpq.EInvalid, "quote.line.siteGroup", "line", "—")
			}
		}
		if err := tx.Quotes().AddLines(ctx, quoteID, lines); err != nil {
			return err
		}
		products := make([]string, 0, len(lines))
		for _, l := range lines {
			if l.ParentID == "" {
				products = append(products, l.ProductID)
			}
		}
		return record(ctx, tx, actor, "quote.linesAdded", "quote", quoteID, map[string]any{"lines": len(lines), "products": products})
	})
}

// AddSites adds a site group for each of the account's sites given, in order; a site already on the quote is
// refused, as is one of another account.
func (s *Service) AddSites(ctx context.Context, actor Actor, quoteID string, siteIDs []string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		q, err := s.editable(ctx, tx, actor, quoteID, true)
		if err != nil {
			return err
		}
		sites, err := tx.Sites().ListByAccount(ctx, q.AccountID)
		if err != nil {
			return err
		}
		byID := map[string]*cpq.Site{}
		for _, x := range sites {
			byID[x.ID] = x
		}
		on := map[string]bool{}
		for _, g := range q.SiteGroups {
			on[g.SiteID] = true
		}
		for _, id := range siteIDs {
			site := byID[id]
			switch {
			case site == nil:
				return cpq.Errorf(cpq.EInvalid, "quote.site.account")
			case on[id]:
				return cpq.Errorf(cpq.EConflict, "quote.site.twice", "site", site.Name)
			}
			on[id] = true
			if err := tx.Quotes().AddSiteGroup(ctx, quoteID, &cpq.SiteGroup{SiteID: site.ID, Name: site.Name}); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "quote.sitesAdded", "quote", quoteID, map[string]any{"sites": siteIDs})
	})
}

// UpdateLine saves a line's quantity, attributes and discounts, and returns the version's header: an edit of a
// version waiting for or holding an approval sends it back to draft.
func (s *Service) UpdateLine(ctx context.Context, actor Actor, quoteID string, l *cpq.QuoteLine) (*cpq.Quote, error) {
	var q *cpq.Quote
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if q, err = s.editable(ctx, tx, actor, quoteID, true); err != nil {
			return err
		}
		if err := tx.Quotes().UpdateLine(ctx, quoteID, l); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.lineUpdated", "quote", quoteID, map[string]any{"line": l.ID, "quantity": l.Quantity,
			"attributes": l.Attributes, "discountPct": l.DiscountPct.String(), "discountAmount": l.DiscountAmount.String()})
	})
	return q, err
}

// RemoveLines removes lines (with their bundle lines).
func (s *Service) RemoveLines(ctx context.Context, actor Actor, quoteID string, ids []string) error {
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if _, err := s.editable(ctx, tx, actor, quoteID, true); err != nil {
			return err
		}
		if err := tx.Quotes().DeleteLines(ctx, quoteID, ids); err != nil {
			return err
		}
		return record(ctx, tx, actor, "quote.linesRemoved", "quote", quoteID, map[string]any{"lines": ids})
	})
}

// Opportunity returns one opportunity.
func (s *Service) Opportunity(ctx context.Context, id string) (o *cpq.Opportunity, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		o, err = tx.Opportunities().Get(ctx, id)
		return err
	})
	return o, err
}
