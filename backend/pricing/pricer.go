package pricing

import (
	"strconv"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

var (
	hundred = decimal.NewFromInt(100)
	zero    = decimal.Zero
	// small holds the decimals 0…1023, shared: decimals are immutable, and quantities and months are small.
	small = func() (out [1024]decimal.Decimal) {
		for i := range out {
			out[i] = decimal.NewFromInt(int64(i))
		}
		return out
	}()
)

// integer returns n as a decimal without allocating for small n.
func integer(n int) decimal.Decimal {
	if n >= 0 && n < len(small) {
		return small[n]
	}
	return decimal.NewFromInt(int64(n))
}

// tierKey identifies the quantity a volume tier counts: one product and kind of charge, on the whole quote or
// in one site group.
type tierKey struct {
	product string
	kind    Kind
	group   string // "" for quote scope
}

// tierGroup is the lines counted together for a tier, in quote order, and their total effective quantity.
type tierGroup struct {
	count   int
	members []int
}

// Pricer prices one quote and keeps it priced as lines change: a change to one line reprices that line, the
// lines of its bundle, and the lines whose volume tier it moves, then adjusts the totals by the difference.
type Pricer struct {
	cat    *catalog.Catalog
	list   *catalog.PriceList
	ctx    catalog.Context
	set    Settings
	q      cpq.Quote // a copy: lines are replaced through SetLine
	cur    cpq.Currency
	months int // months the contract value counts

	plans    map[string]*plan
	index    map[string]int   // line id → position
	children map[string][]int // line id → positions of its child lines
	eq       []int            // effective quantity of each line
	tiers    map[tierKey]*tierGroup
	lines    []Line
	groups   []Group
	groupOf  map[string]int // site group id → index in groups
	sums     []*sums        // per group, then the quote's at the end
}

// New prices the quote. It fails only on input that cannot be priced at all (no price list, another currency,
// a product not in the catalog, a tax code without a rate); configuration problems are catalog.Validate's.
func New(cat *catalog.Catalog, q *cpq.Quote, ctx catalog.Context, s Settings) (*Pricer, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	list := cat.PriceList(q.PriceListID)
	if list == nil {
		return nil, cpq.Errorf(cpq.EInvalid, "pricing.noPriceList")
	}
	cur, err := cpq.LookupCurrency(q.Currency)
	if err != nil {
		return nil, err
	}
	if list.Currency != cur.Code {
		return nil, cpq.Errorf(cpq.EInvalid, "pricing.currency", "quote", cur.Code, "list", list.Currency)
	}
	p := &Pricer{cat: cat, list: list, ctx: ctx, set: s, q: *q, cur: cur, months: max(q.TermMonths, 1)}
	p.q.Lines = append([]cpq.QuoteLine(nil), q.Lines...)
	if err := p.reprice(); err != nil {
		return nil, err
	}
	return p, nil
}

// reprice prices every line from scratch.
func (p *Pricer) reprice() error {
	q := &p.q
	p.plans = map[string]*plan{}
	p.index = make(map[string]int, len(q.Lines))
	p.children = map[string][]int{}
	for i, l := range q.Lines {
		p.index[l.ID] = i
		if l.ParentID != "" {
			p.children[l.ParentID] = append(p.children[l.ParentID], i)
		}
	}
	for i, l := range q.Lines {
		prod := p.cat.Product(l.ProductID)
		if prod == nil {
			return cpq.Errorf(cpq.EInvalid, "pricing.unknownProduct", "line", strconv.Itoa(i+1))
		}
		if p.plans[l.ProductID] == nil {
			pl := newPlan(p.cat, p.list, prod, q.TermMonths, p.ctx, p.cur, p.set)
			if _, ok := p.set.TaxRates[pl.taxCode]; !ok {
				return cpq.Errorf(cpq.EInvalid, "pricing.noTaxRate", "line", strconv.Itoa(i+1), "code", pl.taxCode)
			}
			p.plans[l.ProductID] = pl
		}
	}
	p.eq = make([]int, len(q.Lines))
	for i := range q.Lines {
		p.eq[i] = -1
	}
	for i := range q.Lines {
		p.effective(i)
	}
	p.tiers = map[tierKey]*tierGroup{}
	for i := range q.Lines {
		for _, k := range p.keys(i) {
			g := p.tiers[k]
			if g == nil {
				g = &tierGroup{}
				p.tiers[k] = g
			}
			g.count += p.eq[i]
			g.members = append(g.members, i)
		}
	}
	p.groups = p.groups[:0]
	p.groupOf = map[string]int{}
	for _, g := range q.SiteGroups {
		p.groupOf[g.ID] = len(p.groups)
		p.groups = append(p.groups, Group{SiteGroupID: g.ID, Name: g.Name})
	}
	p.sums = make([]*sums, len(p.groups)+1)
	for i := range p.sums {
		p.sums[i] = newSums()
	}
	p.lines = make([]Line, len(q.Lines))
	for i := range q.Lines {
		p.priceLine(i)
		p.add(i, +1)
	}
	return nil
}

// effective returns the line's quantity times its bundle lines' quantities.
func (p *Pricer) effective(i int) int {
	if p.eq[i] >= 0 {
		return p.eq[i]
	}
	p.eq[i] = 0 // a cycle of parents counts as nothing rather than recursing forever
	n := p.q.Lines[i].Quantity
	if parent, ok := p.index[p.q.Lines[i].ParentID]; ok && parent != i {
		n *= p.effective(parent)
	}
	p.eq[i] = n
	return n
}

// keys lists the tier quantities a line counts towards: one per kind of charge that has a ladder.
func (p *Pricer) keys(i int) []tierKey {
	l := &p.q.Lines[i]
	var out []tierKey
	for _, cp := range p.plans[l.ProductID].charges {
		if len(cp.ladder) == 0 {
			continue
		}
		k := tierKey{product: l.ProductID, kind: cp.kind}
		if cp.scope == cpq.ScopeSite {
			k.group = l.SiteGroupID
		}
		out = append(out, k)
	}
	return out
}

// SetLine replaces the line with the same id and reprices what it affects: the line, its bundle's lines, and
// the lines that share a volume tier with them. It returns the ids of the lines it repriced; nil means all of
// them (a new line, or one moved to another bundle, site or product, reprices everything).
func (p *Pricer) SetLine(l cpq.QuoteLine) ([]string, error) {
	i, ok := p.index[l.ID]
	if !ok || p.q.Lines[i].ParentID != l.ParentID || p.q.Lines[i].SiteGroupID != l.SiteGroupID ||
		p.q.Lines[i].ProductID != l.ProductID {
		return nil, p.replaceAll(l)
	}
	// The line and its descendants change effective quantity together.
	affected := p.subtree(i, nil)
	old := make(map[int]int, len(affected))
	for _, a := range affected {
		old[a] = p.eq[a]
	}
	p.q.Lines[i] = l
	for _, a := range affected {
		p.eq[a] = -1
	}
	for _, a := range affected {
		p.effective(a)
	}
	redo := map[int]bool{}
	moved := map[tierKey]bool{}
	for _, a := range affected {
		redo[a] = true
		if p.eq[a] == old[a] {
			continue
		}
		for _, k := range p.keys(a) {
			g := p.tiers[k]
			before := g.count
			g.count += p.eq[a] - old[a]
			moved[k] = moved[k] || p.tierMoves(k, before, g.count)
		}
	}
	for k, m := range moved {
		if m {
			p.tierMembers(k, old, redo)
		}
	}
	changed := make([]string, 0, len(redo))
	for _, r := range sortedKeys(redo) {
		p.add(r, -1)
		p.priceLine(r)
		p.add(r, +1)
		changed = append(changed, p.q.Lines[r].ID)
	}
	return changed, nil
}

// SetQuote takes new quote-level terms (term, discount, price list) and reprices everything.
func (p *Pricer) SetQuote(q *cpq.Quote) error {
	list := p.cat.PriceList(q.PriceListID)
	if list == nil {
		return cpq.Errorf(cpq.EInvalid, "pricing.noPriceList")
	}
	cur, err := cpq.LookupCurrency(list.Currency)
	if err != nil {
		return err
	}
	lines := p.q.Lines
	p.q = *q
	p.q.Lines = lines
	p.list, p.cur, p.months = list, cur, max(q.TermMonths, 1)
	return p.reprice()
}

// AddLines appends lines and reprices everything.
func (p *Pricer) AddLines(lines []cpq.QuoteLine) error {
	p.q.Lines = append(p.q.Lines, lines...)
	return p.reprice()
}

// tierMembers marks the members of a tier quantity whose price a change of effective quantities (old holds
// the changed lines' previous ones) can move. With tiers, all of them: they share the tier reached. With slabs,
// the members after the first changed one, but only while their units, before or after the change, still
// start below the top slab: beyond it every unit is at the top price whatever the shift.
func (p *Pricer) tierMembers(k tierKey, old map[int]int, redo map[int]bool) {
	g := p.tiers[k]
	var cp *chargePlan
	for i := range p.plans[k.product].charges {
		if p.plans[k.product].charges[i].kind == k.kind {
			cp = &p.plans[k.product].charges[i]
		}
	}
	if cp.mode != cpq.TierSlab {
		for _, m := range g.members {
			redo[m] = true
		}
		return
	}
	top := cp.ladder[len(cp.ladder)-1].MinQuantity
	start, shift := 0, 0 // units before this member now, and how many more than before the change
	changed := false
	for _, m := range g.members {
		if was, ok := old[m]; ok {
			changed = true
			redo[m] = true
			start += p.eq[m]
			shift += p.eq[m] - was
			continue
		}
		if changed && (start < top || start-shift < top) {
			redo[m] = true
		}
		start += p.eq[m]
	}
}

// tierMoves says whether changing a tier quantity from before to after can change the members' prices: always
// for slabs (the units shift), for tiers only when another tier is reached.
func (p *Pricer) tierMoves(k tierKey, before, after int) bool {
	for _, cp := range p.plans[k.product].charges {
		if cp.kind != k.kind {
			continue
		}
		if cp.mode == cpq.TierSlab {
			return true
		}
		return reached(cp.ladder, before) != reached(cp.ladder, after)
	}
	return false
}

// reached returns the index of the highest tier a quantity reaches, or -1.
func reached(ladder []*cpq.PriceEntry, count int) int {
	r := -1
	for i, e := range ladder {
		if count >= e.MinQuantity {
			r = i
		}
	}
	return r
}

func (p *Pricer) subtree(i int, out []int) []int {
	out = append(out, i)
	for _, c := range p.children[p.q.Lines[i].ID] {
		out = p.subtree(c, out)
	}
	return out
}

// replaceAll puts the line in (replacing its namesake, or appending it) and reprices everything.
func (p *Pricer) replaceAll(l cpq.QuoteLine) error {
	if i, ok := p.index[l.ID]; ok {
		p.q.Lines[i] = l
	} else {
		p.q.Lines = append(p.q.Lines, l)
	}
	return p.reprice()
}

// RemoveLine takes a line and its bundle's lines off the quote and reprices everything.
func (p *Pricer) RemoveLine(id string) error {
	i, ok := p.index[id]
	if !ok {
		return nil
	}
	drop := map[int]bool{}
	for _, d := range p.subtree(i, nil) {
		drop[d] = true
	}
	kept := p.q.Lines[:0:0]
	for j, l := range p.q.Lines {
		if !drop[j] {
			kept = append(kept, l)
		}
	}
	p.q.Lines = kept
	return p.reprice()
}

// Quote returns the quote as currently priced (its lines as last set).
func (p *Pricer) Quote() *cpq.Quote { return &p.q }

// Result returns the priced quote. The lines are shared with the pricer until its next change.
func (p *Pricer) Result() *Result {
	r := &Result{Currency: p.cur, TermMonths: p.q.TermMonths, ValueMonths: p.months, Settings: p.set, Lines: p.lines}
	r.Groups = make([]Group, len(p.groups))
	for i, g := range p.groups {
		g.Totals = p.sums[i].totals(p)
		r.Groups[i] = g
	}
	r.Totals = p.sums[len(p.groups)].totals(p)
	return r
}

// QuoteLine returns the quote's line with the given id as currently set, or nil.
func (p *Pricer) QuoteLine(id string) *cpq.QuoteLine {
	if i, ok := p.index[id]; ok {
		return &p.q.Lines[i]
	}
	return nil
}

// Line returns the priced line with the given id, or nil.
func (p *Pricer) Line(id string) *Line {
	if i, ok := p.index[id]; ok {
		return &p.lines[i]
	}
	return nil
}

// priceLine prices line i into p.lines[i].
func (p *Pricer) priceLine(i int) {
	l := &p.q.Lines[i]
	pl := p.plans[l.ProductID]
	out := Line{LineID: l.ID, ProductID: l.ProductID, SiteGroupID: l.SiteGroupID, Quantity: l.Quantity,
		EffectiveQuantity: p.eq[i], TaxCode: pl.taxCode, TaxRate: pl.rate}
	out.Charges = make([]Charge, 0, len(pl.charges))
	// One backing array for all the line's waterfalls: fewer allocations on large quotes.
	steps := make([]Step, 0, 8*len(pl.charges))
	for ci := range pl.charges {
		rest := steps[len(steps):len(steps):cap(steps)]
		c, ok := p.charge(i, &pl.charges[ci], rest)
		if !ok {
			continue
		}
		out.Charges = append(out.Charges, c)
		// A waterfall longer than the room left grew an array of its own; otherwise it used the shared one.
		if len(c.Steps) <= cap(rest) {
			steps = steps[:len(steps)+len(c.Steps)]
		}
	}
	p.lines[i] = out
}

// charge works out one kind of charge of line i: its waterfall, net amounts, cost, tax and value.
func (p *Pricer) charge(i int, cp *chargePlan, steps []Step) (Charge, bool) {
	l := &p.q.Lines[i]
	eq := p.eq[i]
	qty := integer(eq)
	c := Charge{Kind: cp.kind}

	// The cost of a unit: the entry that sets the price carries it; a term or tier entry without a cost of its
	// own keeps the cost of the price it replaces.
	unitCost := zero
	if cp.list != nil {
		c.UnitList = cp.list.Amount
		unitCost = cp.list.Cost
	}
	running := c.UnitList.Mul(qty)
	if cp.list != nil { // a price made only of attribute adjustments (a router's rental or purchase) has none
		steps = append(steps, Step{Kind: StepList, Entry: cp.list, Amount: running, Running: running})
	}
	if cp.term != nil {
		d := cp.termDelta.Mul(qty)
		running = running.Add(d)
		if !cp.term.Cost.IsZero() {
			unitCost = cp.term.Cost
		}
		steps = append(steps, Step{Kind: StepTerm, Entry: cp.term, Amount: d, Running: running})
	}
	cost := unitCost.Mul(qty)
	if len(cp.ladder) > 0 {
		k := tierKey{product: l.ProductID, kind: cp.kind}
		if cp.scope == cpq.ScopeSite {
			k.group = l.SiteGroupID
		}
		g := p.tiers[k]
		if cp.mode == cpq.TierSlab {
			start := 0
			for _, m := range g.members {
				if m == i {
					break
				}
				start += p.eq[m]
			}
			steps, running, cost = slabs(cp, start, eq, steps, running, unitCost, cost)
		} else if t := reached(cp.ladder, g.count); t >= 0 && !cp.tierDelta[t].IsZero() {
			e := cp.ladder[t]
			d := cp.tierDelta[t].Mul(qty)
			running = running.Add(d)
			if !e.Cost.IsZero() {
				cost = e.Cost.Mul(qty)
			}
			steps = append(steps, Step{Kind: StepTier, Entry: e, Amount: d, Running: running})
		}
	}
	applied := false
	for _, a := range cp.adjustments {
		v, set := l.Attributes[a.Attribute]
		if !set || v == "" {
			v = attributeDefault(p.plans[l.ProductID].product, a.Attribute)
		}
		if v != a.AttributeValue {
			continue
		}
		applied = true
		d := a.Amount.Mul(qty)
		running = running.Add(d)
		cost = cost.Add(a.Cost.Mul(qty))
		steps = append(steps, Step{Kind: StepAttribute, Entry: a, Amount: d, Running: running})
	}
	if cp.list == nil && !applied {
		return Charge{}, false
	}
	gross := running

	// Promotions, then the rep's discounts, then rounding. Time-limited promotions make a second amount for
	// the months after they end.
	var limited []int // how many periods (months, or years of a yearly charge) each time-limited promotion lasts
	for _, pr := range cp.promotions {
		months := p.promotionMonths(pr, cp.kind)
		d := promotionAmount(pr, running, qty)
		running = running.Add(d)
		steps = append(steps, Step{Kind: StepPromotion, Promotion: pr, Amount: d, Running: running, Months: months})
		if months > 0 {
			limited = append(limited, periodsOf(months, cp.kind))
		}
	}
	running, steps = p.discounts(l, running, qty, steps)
	c.Net = running
	if running.Exponent() < -p.cur.MinorUnits { // more places than the currency has: round, showing the residue
		c.Net = p.set.Rounding.Round(running, p.cur.MinorUnits)
		if r := c.Net.Sub(running); !r.IsZero() {
			steps = append(steps, Step{Kind: StepRounding, Amount: r, Running: c.Net})
		}
	}
	c.Steps = steps
	c.Cost = cost
	c.NetAfter = c.Net

	switch cp.kind {
	case OneTime:
		c.Value, c.CostValue = c.Net, cost
	case Monthly:
		c.Value, c.PromotionMonths, c.NetAfter = p.recurringValue(l, cp, gross, qty, c.Net, limited, p.months)
		c.CostValue = cost.Mul(integer(p.months))
	case Yearly:
		years := (p.months + 11) / 12
		var lasts int
		c.Value, lasts, c.NetAfter = p.recurringValue(l, cp, gross, qty, c.Net, limited, years)
		c.PromotionMonths = 12 * lasts
		c.CostValue = cost.Mul(integer(years))
	}
	if p.set.TaxRounding == TaxPerLine {
		c.Tax = p.set.TaxMode.Round(c.Net.Mul(p.plans[l.ProductID].rate).Shift(-2), p.cur.MinorUnits)
	}
	return c, true
}

// slabs prices a line's units slab by slab: units start+1 … start+eq of the tier quantity, each at the price of
// the tier its position reaches, and at that tier's cost when it has one.
func slabs(cp *chargePlan, start, eq int, steps []Step, running, unitCost, cost decimal.Decimal) ([]Step, decimal.Decimal, decimal.Decimal) {
	from := start + 1
	to := start + eq
	for t, e := range cp.ladder {
		lo := e.MinQuantity
		hi := to
		if t+1 < len(cp.ladder) {
			hi = min(hi, cp.ladder[t+1].MinQuantity-1)
		}
		lo = max(lo, from)
		if lo > hi || cp.tierDelta[t].IsZero() {
			continue
		}
		units := integer(hi - lo + 1)
		d := cp.tierDelta[t].Mul(units)
		running = running.Add(d)
		if !e.Cost.IsZero() {
			cost = cost.Add(e.Cost.Sub(unitCost).Mul(units))
		}
		steps = append(steps, Step{Kind: StepTier, Entry: e, Amount: d, Running: running, From: lo, To: hi})
	}
	return steps, running, cost
}

func attributeDefault(p *cpq.Product, code string) string {
	for _, a := range p.Attributes {
		if a.Code == code {
			return a.Default
		}
	}
	return ""
}

// promotionAmount is a promotion's (negative) change to an amount: a percentage of it, or an amount per unit,
// never taking it below zero.
func promotionAmount(pr *cpq.Promotion, running, qty decimal.Decimal) decimal.Decimal {
	var d decimal.Decimal
	if pr.Kind == cpq.DiscountPercent {
		d = running.Mul(pr.Value).Shift(-2)
	} else {
		d = pr.Value.Mul(qty)
	}
	if d.GreaterThan(running) {
		d = running
	}
	if d.IsNegative() {
		return zero
	}
	return d.Neg()
}

// discounts applies the line's manual discounts (percent, then amount per unit) and the quote's discount.
func (p *Pricer) discounts(l *cpq.QuoteLine, running, qty decimal.Decimal, steps []Step) (decimal.Decimal, []Step) {
	// A discount lowers a price; it never raises a negative one (attribute adjustments can go below zero).
	if l.DiscountPct.IsPositive() && running.IsPositive() {
		d := running.Mul(l.DiscountPct).Shift(-2).Neg()
		running = running.Add(d)
		if steps != nil {
			steps = append(steps, Step{Kind: StepLineDiscount, Percent: l.DiscountPct, Amount: d, Running: running})
		}
	}
	if l.DiscountAmount.IsPositive() && running.IsPositive() {
		d := l.DiscountAmount.Mul(qty)
		if d.GreaterThan(running) {
			d = running
		}
		d = d.Neg()
		running = running.Add(d)
		if steps != nil {
			steps = append(steps, Step{Kind: StepLineDiscount, PerUnit: l.DiscountAmount, Amount: d, Running: running})
		}
	}
	if p.q.DiscountPct.IsPositive() && running.IsPositive() {
		d := running.Mul(p.q.DiscountPct).Shift(-2).Neg()
		running = running.Add(d)
		if steps != nil {
			steps = append(steps, Step{Kind: StepQuoteDiscount, Percent: p.q.DiscountPct, Amount: d, Running: running})
		}
	}
	return running, steps
}

// recurringValue is a monthly charge over the term. With promotions limited to the first months, the term
// falls into phases: each phase's monthly amount is the gross with the promotions still running, discounted
// and rounded like the first month's.
func (p *Pricer) recurringValue(l *cpq.QuoteLine, cp *chargePlan, gross, qty, first decimal.Decimal, limited []int, periods int) (value decimal.Decimal, lasts int, after decimal.Decimal) {
	if len(limited) == 0 {
		return first.Mul(integer(periods)), 0, first
	}
	ends := append([]int(nil), limited...)
	sortInts(ends)
	lasts = ends[len(ends)-1]
	value = zero
	start := 0
	amount := first
	// Through the term, and on past its end when a promotion outlasts it (a quote without commitment is valued
	// over its first month), to find the amount once every promotion has ended.
	for _, end := range append(ends, max(periods, lasts)) {
		if end <= start {
			continue
		}
		if start < periods {
			value = value.Add(amount.Mul(integer(min(end, periods) - start)))
		}
		start = end
		// The amount once the promotions ending here are over.
		running := gross
		for _, pr := range cp.promotions {
			m := p.promotionMonths(pr, cp.kind)
			if m == 0 || periodsOf(m, cp.kind) > start {
				running = running.Add(promotionAmount(pr, running, qty))
			}
		}
		running, _ = p.discounts(l, running, qty, nil)
		amount = p.set.Rounding.Round(running, p.cur.MinorUnits)
	}
	return value, lasts, amount
}

// promotionMonths is how many months a promotion lowers a charge: 0 when it lasts the whole term (or is on a
// one-time charge). Without a commitment a promotion still lasts only its months.
func (p *Pricer) promotionMonths(pr *cpq.Promotion, k Kind) int {
	m := pr.DurationMonths
	if k == OneTime || (p.q.TermMonths > 0 && m >= p.q.TermMonths) {
		return 0
	}
	return m
}

// periodsOf is how many billing periods of a kind of charge some months touch: months, or years begun.
func periodsOf(months int, k Kind) int {
	if k == Yearly {
		return (months + 11) / 12
	}
	return months
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortInts(out)
	return out
}

// add adds (sign +1) or removes (-1) line i's amounts to its group's sums and the quote's.
func (p *Pricer) add(i, sign int) {
	l := &p.lines[i]
	if g, ok := p.groupOf[l.SiteGroupID]; ok {
		p.sums[g].add(l, sign, p.cur.MinorUnits)
	}
	p.sums[len(p.groups)].add(l, sign, p.cur.MinorUnits)
}
