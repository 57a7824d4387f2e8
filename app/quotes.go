package app

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
	"quotewright/backend/sales"
)

// EventQuoteChanged is emitted with the quote id after any change to a quote.
const EventQuoteChanged = "quote:changed"

// QuoteService is the quote builder: quotes on accounts, configured lines per site, priced as they are edited.
type QuoteService struct {
	s *Services

	mu   sync.Mutex
	cat  *catalog.Catalog
	open map[string]*openQuote // quotes being edited, priced: the few most recently used
	tick uint64
}

// maxOpen is how many quotes stay priced in memory between edits. A 10,000-line quote holds some tens of
// megabytes; a rep works on one or two at a time, and one closed is priced again in a few hundred ms.
const maxOpen = 4

// openQuote is a quote being edited: its context and a pricer that reprices only what an edit affects.
type openQuote struct {
	qc       *sales.QuoteContext
	pricer   *pricing.Pricer
	settings pricing.Settings
	used     uint64 // when it was last used, in ticks of the service
	// followed is the total contract value last written to the opportunity, when this is its primary quote.
	followed decimal.Decimal
}

// catalog returns the catalog, read once.
func (svc *QuoteService) catalog() (*catalog.Catalog, error) {
	if svc.cat == nil {
		c, err := svc.s.sales.Catalog(svc.s.ctx)
		if err != nil {
			return nil, err
		}
		svc.cat = c
	}
	return svc.cat, nil
}

// load reads a quote, prices it and keeps it open for edits.
func (svc *QuoteService) load(id string) (*openQuote, error) {
	cat, err := svc.catalog()
	if err != nil {
		return nil, err
	}
	qc, err := svc.s.sales.Quote(svc.s.ctx, id)
	if err != nil {
		return nil, err
	}
	set, err := svc.s.sales.PricingSettings(svc.s.ctx)
	if err != nil {
		return nil, err
	}
	p, err := pricing.New(cat, qc.Quote, qc.Context, set)
	if err != nil {
		return nil, err
	}
	svc.tick++
	oq := &openQuote{qc: qc, pricer: p, settings: set, used: svc.tick, followed: p.Result().Totals.TCV}
	if svc.open == nil {
		svc.open = map[string]*openQuote{}
	}
	svc.open[id] = oq
	for len(svc.open) > maxOpen {
		oldest := id
		for k, o := range svc.open {
			if o.used < svc.open[oldest].used {
				oldest = k
			}
		}
		delete(svc.open, oldest)
	}
	return oq, nil
}

// reload prices a quote afresh from the database after a change to its lines or sites, tells every window, and
// returns the builder's state. The caller holds svc.mu.
func (svc *QuoteService) reload(quoteID string) (QuoteDetail, error) {
	var before cpq.QuoteStatus
	if oq := svc.open[quoteID]; oq != nil {
		before = oq.pricer.Quote().Status
	}
	oq, err := svc.load(quoteID)
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.s.rt.Emit(EventQuoteChanged, quoteID)
	svc.statusMoved(before, oq.pricer.Quote().Status)
	svc.follow(oq, true)
	return svc.detail(oq)
}

// statusMoved tells the inboxes when an edit moved the version's status: an edit voids an approval asked for
// or given, and the approver's count changes with it.
func (svc *QuoteService) statusMoved(before, after cpq.QuoteStatus) {
	if before != "" && before != after {
		svc.s.rt.Emit(EventInboxChanged, "")
	}
}

// follow keeps the opportunity's amount at its primary quote's total contract value as the rep edits: it is
// written when the value moved (always after a reload, which may follow a change made elsewhere). A failure
// is logged, not shown: the edit itself was saved.
func (svc *QuoteService) follow(oq *openQuote, always bool) {
	q := oq.pricer.Quote()
	tcv := oq.pricer.Result().Totals.TCV
	if !q.Primary || q.OpportunityID == "" || (!always && tcv.Equal(oq.followed)) {
		return
	}
	if err := svc.s.sales.FollowPrimary(svc.s.ctx, q.ID, oq.pricer.Result()); err != nil {
		svc.s.log.Warn("opportunity amount not updated", "quote", q.ID, "err", err)
		return
	}
	oq.followed = tcv
	svc.s.rt.Emit(EventOpportunitiesChanged, q.OpportunityID)
}

// opened returns the open quote, loading it when it is not.
func (svc *QuoteService) opened(id string) (*openQuote, error) {
	if oq := svc.open[id]; oq != nil {
		svc.tick++
		oq.used = svc.tick
		return oq, nil
	}
	return svc.load(id)
}

// forgetOne drops one quote kept priced, after a change made outside the builder (a decision on it).
func (svc *QuoteService) forgetOne(id string) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	delete(svc.open, id)
}

// forget drops the quotes kept priced, after a change that moves every price (the pricing settings).
func (svc *QuoteService) forget() {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	svc.open = nil
}

// List lists quote versions, newest first.
func (svc *QuoteService) List(q QuoteQuery) (QuotePage, error) {
	s := svc.s
	items, total, err := s.sales.ListQuotes(s.ctx, cpq.QuoteFilter{AccountID: q.AccountID, Status: cpq.QuoteStatus(q.Status),
		Page: cpq.Page{Offset: q.Offset, Limit: q.Limit}})
	if err != nil {
		return QuotePage{}, err
	}
	page := QuotePage{Items: []QuoteListItem{}, Total: total}
	names := map[string]string{}
	for _, x := range items {
		if _, ok := names[x.AccountID]; !ok {
			if d, err := s.sales.Account(s.ctx, x.AccountID); err == nil {
				names[x.AccountID] = d.Account.Name
			}
		}
		page.Items = append(page.Items, quoteListItem(x, names[x.AccountID]))
	}
	return page, nil
}

func quoteListItem(x *cpq.Quote, account string) QuoteListItem {
	return QuoteListItem{ID: x.ID, Number: x.Number, Version: x.Version, Name: x.Name, Status: string(x.Status),
		AccountID: x.AccountID, AccountName: account, Currency: currencyDTO(x.Currency), ValidUntil: cpq.FormatDate(x.ValidUntil),
		UpdatedAt: instant(x.UpdatedAt), Primary: x.Primary}
}

// Create starts a quote and returns its builder.
func (svc *QuoteService) Create(in NewQuoteInput) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	q, err := svc.s.sales.CreateQuote(svc.s.ctx, actor, sales.NewQuote{AccountID: in.AccountID, OpportunityID: in.OpportunityID,
		Name: in.Name, PriceListID: in.PriceListID, TermMonths: in.TermMonths, SiteIDs: in.SiteIDs, Lang: svc.s.Lang()})
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.s.rt.Emit(EventAccountsChanged, in.AccountID)
	return svc.Get(q.ID)
}

// Get returns the quote builder's state, priced afresh.
func (svc *QuoteService) Get(id string) (QuoteDetail, error) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	oq, err := svc.load(id)
	if err != nil {
		return QuoteDetail{}, err
	}
	return svc.detail(oq)
}

// Update changes the quote's name, term, discount or price list, and reprices it.
func (svc *QuoteService) Update(u QuoteUpdate) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	var c sales.QuoteChange
	if u.Name != "" {
		c.Name = &u.Name
	}
	c.TermMonths = u.TermMonths
	if u.DiscountPct != "" {
		d, err := cpq.ParseAmount(u.DiscountPct)
		if err != nil {
			return QuoteDetail{}, err
		}
		c.DiscountPct = &d
	}
	if u.PriceListID != "" {
		c.PriceListID = &u.PriceListID
	}
	if strings.TrimSpace(u.ValidUntil) != "" {
		d, err := cpq.ParseDate(u.ValidUntil)
		if err != nil {
			return QuoteDetail{}, err
		}
		c.ValidUntil = &d
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	q, err := svc.s.sales.UpdateQuote(svc.s.ctx, actor, u.QuoteID, c)
	if err != nil {
		return QuoteDetail{}, err
	}
	oq, err := svc.opened(u.QuoteID)
	if err != nil {
		return QuoteDetail{}, err
	}
	before := oq.pricer.Quote().Status
	if err := oq.pricer.SetQuote(q); err != nil {
		return QuoteDetail{}, err
	}
	oq.qc.Quote = oq.pricer.Quote()
	svc.statusMoved(before, q.Status)
	svc.s.rt.Emit(EventQuoteChanged, u.QuoteID)
	svc.follow(oq, false)
	return svc.detail(oq)
}

// AddProduct adds a product, configured, to each chosen site: a bundle with its components (the chosen ones, or
// the bundle's defaults), attributes at their defaults unless chosen.
func (svc *QuoteService) AddProduct(in AddProductInput) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	cat, err := svc.catalog()
	if err != nil {
		return QuoteDetail{}, err
	}
	p := cat.Product(in.ProductID)
	if p == nil {
		return QuoteDetail{}, cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.product", "id", in.ProductID)
	}
	var lines []cpq.QuoteLine
	if in.ParentLineID != "" {
		oq, err := svc.opened(in.QuoteID)
		if err != nil {
			return QuoteDetail{}, err
		}
		parent := oq.pricer.QuoteLine(in.ParentLineID)
		if parent == nil {
			return QuoteDetail{}, cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.quote", "id", in.ParentLineID)
		}
		bundle := cat.Product(parent.ProductID)
		if !bundle.HasComponent(p.ID) {
			return QuoteDetail{}, cpq.Errorf(cpq.EInvalid, "quote.component.notPart", "product", p.Name.In(svc.s.Lang()),
				"bundle", bundle.Name.In(svc.s.Lang()))
		}
		lines = configure(cat, p, parent.SiteGroupID, parent.ID, max(in.Quantity, 1), in.Attributes, in.Components)
	} else {
		groups := in.SiteGroupIDs
		if len(groups) == 0 {
			groups = []string{""}
		}
		for _, g := range groups {
			lines = append(lines, configure(cat, p, g, "", max(in.Quantity, 1), in.Attributes, in.Components)...)
		}
	}
	if err := svc.s.sales.AddLines(svc.s.ctx, actor, in.QuoteID, lines); err != nil {
		return QuoteDetail{}, err
	}
	return svc.reload(in.QuoteID)
}

// configure makes the lines of one product at one site group: the product's line with its attributes (defaults
// filled in), then, for a bundle, its components' lines.
func configure(cat *catalog.Catalog, p *cpq.Product, group, parent string, qty int, attrs map[string]string, comps []ComponentChoice) []cpq.QuoteLine {
	l := cpq.QuoteLine{ID: cpq.NewID("ql"), SiteGroupID: group, ParentID: parent, ProductID: p.ID, Quantity: qty,
		Attributes: withDefaults(p, attrs)}
	out := []cpq.QuoteLine{l}
	if p.Kind != cpq.ProductBundle {
		return out
	}
	if comps == nil {
		for _, c := range p.Components {
			if c.Default > 0 {
				comps = append(comps, ComponentChoice{ProductID: c.ProductID, Quantity: c.Default})
			}
		}
	}
	for _, c := range comps {
		child := cat.Product(c.ProductID)
		if child == nil || c.Quantity < 1 {
			continue
		}
		out = append(out, configure(cat, child, group, l.ID, c.Quantity, c.Attributes, nil)...)
	}
	return out
}

func withDefaults(p *cpq.Product, attrs map[string]string) map[string]string {
	out := map[string]string{}
	for _, a := range p.Attributes {
		if a.Default != "" {
			out[a.Code] = a.Default
		}
	}
	for k, v := range attrs {
		out[k] = v
	}
	return out
}

// AddSites puts more of the account's sites on the quote, each a site group of its own, and returns the
// builder's state.
func (svc *QuoteService) AddSites(quoteID string, siteIDs []string) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if err := svc.s.sales.AddSites(svc.s.ctx, actor, quoteID, siteIDs); err != nil {
		return QuoteDetail{}, err
	}
	return svc.reload(quoteID)
}

// UpdateLine saves an edit of one line and returns what it changed: the repriced lines, totals and problems.
func (svc *QuoteService) UpdateLine(u LineUpdate) (QuoteDelta, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDelta{}, err
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	oq, err := svc.opened(u.QuoteID)
	if err != nil {
		return QuoteDelta{}, err
	}
	current := oq.pricer.QuoteLine(u.LineID)
	if current == nil {
		return QuoteDelta{}, cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.quote", "id", u.LineID)
	}
	l := *current
	line := &l
	line.Quantity = u.Quantity
	if u.Attributes != nil {
		line.Attributes = u.Attributes
	}
	pct, amount := decimal.Zero, decimal.Zero
	if strings.TrimSpace(u.DiscountPct) != "" {
		if pct, err = cpq.ParseAmount(u.DiscountPct); err != nil {
			return QuoteDelta{}, err
		}
	}
	if strings.TrimSpace(u.DiscountAmount) != "" {
		if amount, err = cpq.ParseAmount(u.DiscountAmount); err != nil {
			return QuoteDelta{}, err
		}
	}
	line.DiscountPct, line.DiscountAmount = pct, amount
	h, err := svc.s.sales.UpdateLine(svc.s.ctx, actor, u.QuoteID, line)
	if err != nil {
		return QuoteDelta{}, err
	}
	// The edit may have voided an approval and sent the version back to draft.
	svc.statusMoved(oq.pricer.Quote().Status, h.Status)
	oq.pricer.Quote().Status = h.Status
	changed, err := oq.pricer.SetLine(*line)
	if err != nil {
		return QuoteDelta{}, err
	}
	svc.s.rt.Emit(EventQuoteChanged, u.QuoteID)
	svc.follow(oq, false)
	return svc.delta(oq, changed)
}

// RemoveLines removes lines (a bundle with its components) and returns the repriced quote.
func (svc *QuoteService) RemoveLines(quoteID string, lineIDs []string) (QuoteDetail, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return QuoteDetail{}, err
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if err := svc.s.sales.RemoveLines(svc.s.ctx, actor, quoteID, lineIDs); err != nil {
		return QuoteDetail{}, err
	}
	return svc.reload(quoteID)
}

// Offers lists the catalog for the product picker at the chosen sites of the quote: every product, available
// or not, with the reasons in the user's language. A product is available when it is at every chosen site;
// a reason that holds at some of them names them. query filters by code or name.
func (svc *QuoteService) Offers(quoteID string, siteGroupIDs []string, query string) ([]OfferDTO, error) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	oq, err := svc.opened(quoteID)
	if err != nil {
		return nil, err
	}
	cat, _ := svc.catalog()
	lang := svc.s.Lang()
	if len(siteGroupIDs) == 0 {
		siteGroupIDs = []string{""}
	}
	names := map[string]string{}
	for _, g := range oq.pricer.Quote().SiteGroups {
		names[g.ID] = g.Name
	}
	list, term := cat.PriceList(oq.pricer.Quote().PriceListID), oq.pricer.Quote().TermMonths
	// For each product, each reason with the sites it holds at, in the order first seen.
	type reason struct {
		text  string
		sites []string
	}
	reasons := map[string][]*reason{}
	var order []*cpq.Product
	for i, g := range siteGroupIDs {
		for _, o := range cat.Offers(oq.qc.Context, oq.qc.Sites[g], list, term) {
			if i == 0 {
				order = append(order, o.Product)
			}
		next:
			for _, r := range o.Reasons {
				text := r.Text(lang)
				for _, seen := range reasons[o.Product.ID] {
					if seen.text == text {
						seen.sites = append(seen.sites, names[g])
						continue next
					}
				}
				reasons[o.Product.ID] = append(reasons[o.Product.ID], &reason{text, []string{names[g]}})
			}
		}
	}
	q := strings.ToLower(cpq.CleanText(query))
	out := []OfferDTO{}
	for _, p := range order {
		if p.Status == cpq.ProductDraft {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(p.Code+" "+p.Name.EN+" "+p.Name.JA+" "+p.Family), q) {
			continue
		}
		dto := OfferDTO{Product: productSummary(p), Available: len(reasons[p.ID]) == 0, Reasons: []string{}}
		for _, r := range reasons[p.ID] {
			if len(r.sites) == len(siteGroupIDs) {
				dto.Reasons = append(dto.Reasons, r.text)
			} else {
				dto.Reasons = append(dto.Reasons, cpq.Message(lang, "offer.atSites", map[string]string{"sites": siteNames(r.sites, lang), "reason": r.text}))
			}
		}
		out = append(out, dto)
	}
	// Bundles first, then what can be sold here, then the rest: the picker shows what to reach for.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Available != out[j].Available {
			return out[i].Available
		}
		return out[i].Product.Kind == "bundle" && out[j].Product.Kind != "bundle"
	})
	return out, nil
}

// siteNames names up to three sites, then how many more.
func siteNames(names []string, lang cpq.Lang) string {
	if len(names) <= 3 {
		return strings.Join(names, cpq.Message(lang, "list.separator", nil))
	}
	return cpq.Message(lang, "sites.andMore", map[string]string{"items": strings.Join(names[:3], cpq.Message(lang, "list.separator", nil)),
		"count": strconv.Itoa(len(names) - 3)})
}

// Waterfall explains one line's price, step by step, in the user's language.
func (svc *QuoteService) Waterfall(quoteID, lineID string) (WaterfallDTO, error) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	oq, err := svc.opened(quoteID)
	if err != nil {
		return WaterfallDTO{}, err
	}
	l := oq.pricer.Line(lineID)
	if l == nil {
		return WaterfallDTO{}, cpq.Errorf(cpq.ENotFound, "not_found", "entity", "@entity.quote", "id", lineID)
	}
	cat, _ := svc.catalog()
	r := oq.pricer.Result()
	lang := svc.s.Lang()
	money := r.Currency.Decimal
	out := WaterfallDTO{Line: svc.lineDTO(oq, cat, r, l, lineMarks{}), Charges: []ChargeWaterfall{}}
	prod := cat.Product(l.ProductID)
	out.Product = lineProduct(prod)
	sources := pricing.EntrySources(cat)
	for _, c := range l.Charges {
		cw := ChargeWaterfall{Kind: string(c.Kind), UnitList: money(c.UnitList), Net: money(c.Net), NetAfter: money(c.NetAfter),
			PromotionMonths: c.PromotionMonths, Tax: money(c.Tax), Value: money(c.Value), Steps: []StepDTO{}}
		for _, st := range c.Steps {
			label := st.Label(prod, r.Currency, l.EffectiveQuantity)
			src := ""
			switch {
			case st.Entry != nil:
				src = sources[st.Entry]
			case st.Promotion != nil:
				src = st.Promotion.Code
			}
			cw.Steps = append(cw.Steps, StepDTO{Kind: string(st.Kind), Label: label.In(lang), Source: src,
				Amount: money(st.Amount), Running: money(st.Running), Months: st.Months})
		}
		out.Charges = append(out.Charges, cw)
	}
	return out, nil
}

// detail builds the builder's whole state from an open quote.
func (svc *QuoteService) detail(oq *openQuote) (QuoteDetail, error) {
	cat, _ := svc.catalog()
	q := oq.pricer.Quote()
	a := oq.qc.Account
	d := QuoteDetail{
		Quote: QuoteHeader{ID: q.ID, Number: q.Number, Version: q.Version, Name: q.Name, Status: string(q.Status),
			AccountID: a.ID, AccountName: a.Name, Segment: string(a.Segment), OpportunityID: q.OpportunityID,
			PriceListID: q.PriceListID, Currency: currencyDTO(q.Currency), TermMonths: q.TermMonths,
			ValidUntil: cpq.FormatDate(q.ValidUntil), DiscountPct: q.DiscountPct.String(), Editable: q.Editable(),
			UpdatedAt: instant(q.UpdatedAt), Primary: q.Primary, OwnerID: q.OwnerID},
		SiteGroups: []SiteGroupDTO{}, PriceLists: []PriceListOption{}, TaxRounding: string(oq.settings.TaxRounding),
	}
	if q.OpportunityID != "" {
		if o, err := svc.s.sales.Opportunity(svc.s.ctx, q.OpportunityID); err == nil {
			d.Quote.OpportunityName = o.Name
		}
	}
	for _, g := range q.SiteGroups {
		dto := SiteGroupDTO{ID: g.ID, SiteID: g.SiteID, Name: g.Name}
		if s := oq.qc.Sites[g.ID]; s != nil {
			dto.PostalCode, dto.Region = s.PostalCode, s.Region
		}
		d.SiteGroups = append(d.SiteGroups, dto)
	}
	for _, l := range cat.PriceLists() {
		if l.Active {
			d.PriceLists = append(d.PriceLists, PriceListOption{ID: l.ID, Code: l.Code, Name: textDTO(l.Name), Currency: currencyDTO(l.Currency)})
		}
	}
	delta, err := svc.delta(oq, nil)
	if err != nil {
		return QuoteDetail{}, err
	}
	d.Lines, d.Products, d.Totals, d.GroupTotals, d.Problems = delta.Lines, delta.Products, delta.Totals, delta.GroupTotals, delta.Problems
	return d, nil
}

// delta builds the lines with the given ids (all when ids is nil), totals and problems.
func (svc *QuoteService) delta(oq *openQuote, ids []string) (QuoteDelta, error) {
	cat, _ := svc.catalog()
	q := oq.pricer.Quote()
	r := oq.pricer.Result()
	lang := svc.s.Lang()
	probs := cat.Validate(oq.qc.Context, q, oq.qc.Sites)
	count := map[string]int{}
	out := QuoteDelta{Full: ids == nil, Lines: []QuoteLineDTO{}, Problems: []ProblemDTO{}, GroupTotals: []GroupTotalsDTO{},
		UpdatedAt: instant(q.UpdatedAt), Status: string(q.Status)}
	for _, p := range probs {
		count[p.LineID]++
		out.Problems = append(out.Problems, ProblemDTO{LineID: p.LineID, Line: p.Line, Message: p.Text(lang)})
	}
	depth := map[string]int{}
	for _, l := range q.Lines {
		if l.ParentID != "" {
			depth[l.ID] = depth[l.ParentID] + 1
		}
	}
	marks := lineMarks{depth: depth, problems: count}
	if ids == nil {
		for i := range r.Lines {
			out.Lines = append(out.Lines, svc.lineDTO(oq, cat, r, &r.Lines[i], marks))
		}
	} else {
		for _, id := range ids {
			if l := oq.pricer.Line(id); l != nil {
				out.Lines = append(out.Lines, svc.lineDTO(oq, cat, r, l, marks))
			}
		}
	}
	out.Products = lineProducts(cat, out.Lines)
	money := r.Currency.Decimal
	out.Totals = totalsDTO(r.Totals, money)
	for _, g := range r.Groups {
		out.GroupTotals = append(out.GroupTotals, GroupTotalsDTO{SiteGroupID: g.SiteGroupID, Totals: totalsDTO(g.Totals, money)})
	}
	return out, nil
}

// lineMarks are what a line shows beside its prices: how deep under bundles it is, how many problems it has.
type lineMarks struct {
	depth, problems map[string]int
}

func (svc *QuoteService) lineDTO(oq *openQuote, cat *catalog.Catalog, r *pricing.Result, l *pricing.Line, marks lineMarks) QuoteLineDTO {
	money := r.Currency.Decimal
	ql := oq.pricer.QuoteLine(l.LineID)
	p := cat.Product(l.ProductID)
	dto := QuoteLineDTO{ID: l.LineID, ParentID: ql.ParentID, SiteGroupID: l.SiteGroupID, ProductID: p.ID,
		Quantity: l.Quantity, EffectiveQuantity: l.EffectiveQuantity, Depth: marks.depth[l.LineID], Problems: marks.problems[l.LineID]}
	if len(ql.Attributes) > 0 {
		dto.Attributes = ql.Attributes
		if text := attributeText(p, ql.Attributes); text.EN != "" || text.JA != "" {
			dto.AttributeText = &text
		}
	}
	if !ql.DiscountPct.IsZero() {
		dto.DiscountPct = ql.DiscountPct.String()
	}
	if !ql.DiscountAmount.IsZero() {
		dto.DiscountAmount = ql.DiscountAmount.String()
	}
	value := decimal.Zero
	for _, c := range l.Charges {
		value = value.Add(c.Value)
		switch c.Kind {
		case pricing.OneTime:
			dto.OneTime = money(c.Net)
		case pricing.Monthly:
			dto.Monthly = money(c.Net)
			if c.PromotionMonths > 0 {
				dto.MonthlyAfter, dto.PromotionMonths = money(c.NetAfter), c.PromotionMonths
			}
		case pricing.Yearly:
			dto.Yearly = money(c.Net)
		}
	}
	dto.Value = money(value)
	return dto
}

func lineProduct(p *cpq.Product) LineProductDTO {
	return LineProductDTO{Code: p.Code, Name: textDTO(p.Name), Kind: string(p.Kind),
		Configurable: len(p.Attributes) > 0 || p.Kind == cpq.ProductBundle}
}

// lineProducts lists the products of the lines, for the lines to name.
func lineProducts(cat *catalog.Catalog, lines []QuoteLineDTO) map[string]LineProductDTO {
	out := map[string]LineProductDTO{}
	for _, l := range lines {
		if _, ok := out[l.ProductID]; !ok {
			out[l.ProductID] = lineProduct(cat.Product(l.ProductID))
		}
	}
	return out
}

// attributeText summarizes a line's configuration in both languages: "Speed: 10 Gbps, Dwelling: House".
func attributeText(p *cpq.Product, attrs map[string]string) TextDTO {
	var en, ja []string
	for _, a := range p.Attributes {
		v, ok := attrs[a.Code]
		if !ok || v == "" {
			continue
		}
		val := cpq.Text{EN: v, JA: v}
		if a.Type == cpq.AttrBoolean {
			val = map[string]cpq.Text{"true": {EN: "yes", JA: "あり"}, "false": {EN: "no", JA: "なし"}}[v]
		}
		for _, x := range a.Values {
			if x.Code == v {
				val = x.Name
			}
		}
		en = append(en, a.Name.In(cpq.LangEN)+": "+val.In(cpq.LangEN))
		ja = append(ja, a.Name.In(cpq.LangJA)+"："+val.In(cpq.LangJA))
	}
	return TextDTO{EN: strings.Join(en, ", "), JA: strings.Join(ja, "、")}
}

func totalsDTO(t pricing.Totals, money func(decimal.Decimal) string) TotalsDTO {
	out := TotalsDTO{OneTime: money(t.OneTime), Monthly: money(t.Monthly), Yearly: money(t.Yearly),
		MonthlyAfterPromotions: money(t.MonthlyAfterPromotions), Taxes: []TaxDTO{}, OneTimeTax: money(t.OneTimeTax),
		MonthlyTax: money(t.MonthlyTax), YearlyTax: money(t.YearlyTax), OneTimeGross: money(t.OneTimeGross),
		MonthlyGross: money(t.MonthlyGross), YearlyGross: money(t.YearlyGross), TCV: money(t.TCV), Cost: money(t.Cost),
		Margin: money(t.Margin), MarginPct: t.MarginPct.StringFixed(2)}
	for _, x := range t.Taxes {
		out.Taxes = append(out.Taxes, TaxDTO{Kind: string(x.Kind), TaxCode: x.TaxCode, Rate: x.Rate.String(), Base: money(x.Base), Tax: money(x.Tax)})
	}
	return out
}
