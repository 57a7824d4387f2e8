package pricing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// File formats, documented in docs/formats.md with JSON Schemas in docs/schemas/.
const (
	FormatQuote       = "quotewright.quote/v1"
	FormatPricedQuote = "quotewright.priced-quote/v1"
)

type fileQuote struct {
	Format      string        `json:"format"`
	PriceList   string        `json:"priceList"`
	Currency    string        `json:"currency,omitempty"`
	TermMonths  int           `json:"termMonths"`
	Date        string        `json:"date,omitempty"`
	DiscountPct string        `json:"discountPct,omitempty"`
	Customer    fileCustomer  `json:"customer"`
	Sites       []fileSite    `json:"sites,omitempty"`
	Lines       []fileLine    `json:"lines"`
	Settings    *fileSettings `json:"settings,omitempty"`
}

type fileCustomer struct {
	Segment string      `json:"segment"`
	Region  string      `json:"region,omitempty"`
	Credit  string      `json:"credit,omitempty"`
	Rating  string      `json:"rating,omitempty"`
	Assets  []fileAsset `json:"assets,omitempty"`
}

type fileAsset struct {
	Product string `json:"product"`
	Site    string `json:"site,omitempty"`
}

type fileSite struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	PostalCode string `json:"postalCode,omitempty"`
	Region     string `json:"region,omitempty"`
}

type fileLine struct {
	ID             string            `json:"id,omitempty"`
	Site           string            `json:"site,omitempty"`
	Product        string            `json:"product"`
	Quantity       *int              `json:"quantity,omitempty"`
	Attributes     map[string]string `json:"attributes,omitempty"`
	DiscountPct    string            `json:"discountPct,omitempty"`
	DiscountAmount string            `json:"discountAmount,omitempty"`
	Lines          []fileLine        `json:"lines,omitempty"`
}

type fileSettings struct {
	Rounding    string            `json:"rounding,omitempty"`
	TaxRounding string            `json:"taxRounding,omitempty"`
	TaxMode     string            `json:"taxMode,omitempty"`
	TaxRates    map[string]string `json:"taxRates,omitempty"`
}

// Input is a quote file read against a catalog: everything Price and catalog.Validate need.
type Input struct {
	Quote    *cpq.Quote
	Context  catalog.Context
	Sites    map[string]*catalog.Site // by site group id
	Settings Settings
}

// FieldError and InputError are the catalog package's: problems named by their path in the file.
type (
	FieldError = catalog.FieldError
	InputError = catalog.InputError
)

type problems struct{ list []FieldError }

func (p *problems) add(path, format string, args ...any) {
	p.list = append(p.list, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) amount(path, s string) decimal.Decimal {
	if s == "" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		p.add(path, "%q is not a decimal number (digits, an optional sign and decimal point)", s)
		return decimal.Zero
	}
	return d
}

func (p *problems) percent(path, s string) decimal.Decimal {
	d := p.amount(path, s)
	if d.IsNegative() || d.GreaterThan(hundred) {
		p.add(path, "%s is not a percentage between 0 and 100", s)
	}
	return d
}

// ReadQuote reads a quote file against cat. defaults are the settings used where the file gives none; today
// is the pricing date where it gives none. Every problem is reported with its path in the file.
func ReadQuote(r io.Reader, name string, cat *catalog.Catalog, defaults Settings, today time.Time) (*Input, error) {
	var f fileQuote
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, &InputError{File: name, Problems: []FieldError{*catalog.JSONProblem(err)}}
	}
	if dec.More() {
		return nil, &InputError{File: name, Problems: []FieldError{{Path: "(end)", Message: "unexpected data after the JSON document"}}}
	}
	p := &problems{}
	if f.Format != FormatQuote {
		p.add("format", "expected %q, found %q", FormatQuote, f.Format)
	}
	in := &Input{Sites: map[string]*catalog.Site{}, Settings: defaults}
	q := &cpq.Quote{ID: "quote", Number: "FILE", Version: 1, AccountID: "customer", Name: name, Status: cpq.QuoteDraft,
		TermMonths: f.TermMonths, DiscountPct: p.percent("discountPct", f.DiscountPct)}
	in.Quote = q

	list := cat.PriceListByCode(f.PriceList)
	if list == nil {
		var codes []string
		for _, l := range cat.PriceLists() {
			codes = append(codes, l.Code)
		}
		p.add("priceList", "no price list %q in the catalog (it has %s)", f.PriceList, strings.Join(codes, ", "))
	} else {
		q.PriceListID, q.Currency = list.ID, list.Currency
		if f.Currency != "" && !strings.EqualFold(f.Currency, list.Currency) {
			p.add("currency", "the quote is in %s but price list %s is in %s", f.Currency, list.Code, list.Currency)
		}
	}
	switch q.TermMonths {
	case 0, 1, 12, 24, 36, 48, 60:
	default:
		p.add("termMonths", "%d is not a term: use 12, 24, 36, 48 or 60 months, or 0 for no commitment", q.TermMonths)
	}
	day := today
	if f.Date != "" {
		d, err := time.Parse(cpq.DateLayout, f.Date)
		if err != nil {
			p.add("date", "%q is not a date (expected YYYY-MM-DD)", f.Date)
		}
		day = d
	}

	c := catalog.Context{Segment: cpq.Segment(f.Customer.Segment), Region: cpq.CanonicalRegion(f.Customer.Region),
		Credit: cpq.CreditStatus(f.Customer.Credit), Rating: f.Customer.Rating, Day: day}
	if !c.Segment.Valid() {
		p.add("customer.segment", "%q is not a segment: use business or consumer", f.Customer.Segment)
	}
	if c.Credit == "" {
		c.Credit = cpq.CreditApproved
	} else if !cpq.CreditTransitions.Known(c.Credit) {
		p.add("customer.credit", "%q is not a credit status: use unchecked, pending, approved, review or declined", f.Customer.Credit)
	}
	sites := map[string]*catalog.Site{}
	for i, s := range f.Sites {
		path := fmt.Sprintf("sites[%d]", i)
		if s.ID == "" {
			p.add(path+".id", "missing: give each site an id that lines refer to")
			continue
		}
		if sites[s.ID] != nil {
			p.add(path+".id", "site %q appears twice", s.ID)
			continue
		}
		site := &catalog.Site{ID: s.ID, PostalCode: cpq.CleanCode(s.PostalCode), Region: cpq.CanonicalRegion(s.Region)}
		sites[s.ID] = site
		name := s.Name
		if name == "" {
			name = s.ID
		}
		q.SiteGroups = append(q.SiteGroups, cpq.SiteGroup{ID: "site:" + s.ID, SiteID: s.ID, Name: name, Position: i})
		in.Sites["site:"+s.ID] = site
	}
	for i, a := range f.Customer.Assets {
		path := fmt.Sprintf("customer.assets[%d]", i)
		prod := cat.ProductByCode(a.Product)
		if prod == nil {
			p.add(path+".product", "no product %q in the catalog", a.Product)
			continue
		}
		if a.Site != "" && sites[a.Site] == nil {
			p.add(path+".site", "no site %q among the quote's sites", a.Site)
		}
		c.Assets = append(c.Assets, catalog.Asset{ProductID: prod.ID, SiteID: a.Site})
	}
	in.Context = c

	ids := map[string]bool{}
	var walk func(lines []fileLine, parentID, site, prefix, pathPrefix string)
	walk = func(lines []fileLine, parentID, site, prefix, pathPrefix string) {
		for i, fl := range lines {
			path := fmt.Sprintf("%s[%d]", pathPrefix, i)
			id := fl.ID
			if id == "" {
				id = prefix + strconv.Itoa(i+1)
			}
			if ids[id] {
				p.add(path+".id", "line id %q appears twice", id)
			}
			ids[id] = true
			lineSite := site
			if fl.Site != "" {
				if parentID != "" && fl.Site != site {
					p.add(path+".site", "a bundle's lines are at the bundle's site (%q)", site)
				}
				lineSite = fl.Site
			}
			if lineSite != "" && sites[lineSite] == nil {
				p.add(path+".site", "no site %q among the quote's sites", lineSite)
			}
			l := cpq.QuoteLine{ID: id, ParentID: parentID, Attributes: fl.Attributes, Position: len(q.Lines),
				DiscountPct: p.percent(path+".discountPct", fl.DiscountPct), DiscountAmount: p.amount(path+".discountAmount", fl.DiscountAmount)}
			if l.DiscountAmount.IsNegative() {
				p.add(path+".discountAmount", "a discount cannot be negative")
			}
			if lineSite != "" {
				l.SiteGroupID = "site:" + lineSite
			}
			if prod := cat.ProductByCode(fl.Product); prod == nil {
				p.add(path+".product", "no product %q in the catalog", fl.Product)
			} else {
				l.ProductID = prod.ID
			}
			l.Quantity = 1
			if fl.Quantity != nil {
				l.Quantity = *fl.Quantity
				if l.Quantity < 1 || l.Quantity > cpq.MaxQuantity {
					p.add(path+".quantity", "%d is not a quantity: use 1 to %d", l.Quantity, cpq.MaxQuantity)
				}
			}
			q.Lines = append(q.Lines, l)
			walk(fl.Lines, id, lineSite, id+".", path+".lines")
		}
	}
	walk(f.Lines, "", "", "", "lines")
	if len(q.Lines) == 0 {
		p.add("lines", "the quote has no lines")
	}

	if f.Settings != nil {
		s := &in.Settings
		if f.Settings.Rounding != "" {
			s.Rounding = cpq.RoundingMode(f.Settings.Rounding)
		}
		if f.Settings.TaxRounding != "" {
			s.TaxRounding = TaxRounding(f.Settings.TaxRounding)
		}
		if f.Settings.TaxMode != "" {
			s.TaxMode = cpq.RoundingMode(f.Settings.TaxMode)
		}
		if f.Settings.TaxRates != nil {
			s.TaxRates = map[string]decimal.Decimal{}
			for code, rate := range f.Settings.TaxRates {
				s.TaxRates[code] = p.amount("settings.taxRates."+code, rate)
			}
		}
		var e *cpq.Error
		if err := s.Validate(); errors.As(err, &e) {
			for _, fe := range e.Fields {
				p.add("settings."+fe.Field, "%s", cpq.Message(cpq.LangEN, fe.Key, fe.Args))
			}
		}
	}
	if len(p.list) > 0 {
		return nil, &InputError{File: name, Problems: p.list}
	}
	return in, nil
}

// The priced quote file.

type outText struct {
	EN string `json:"en"`
	JA string `json:"ja"`
}

type outStep struct {
	Step   StepKind `json:"step"`
	Source string   `json:"source"`
	Label  outText  `json:"label"`
	Amount string   `json:"amount"`
	Run    string   `json:"running"`
	Months int      `json:"months,omitempty"`
}

type outCharge struct {
	Kind            Kind      `json:"kind"`
	UnitList        string    `json:"unitList"`
	Net             string    `json:"net"`
	NetAfter        string    `json:"netAfterPromotions"`
	PromotionMonths int       `json:"promotionMonths"`
	Cost            string    `json:"cost"`
	Tax             string    `json:"tax"`
	Value           string    `json:"value"`
	Waterfall       []outStep `json:"waterfall"`
}

type outLine struct {
	ID                string      `json:"id"`
	Parent            string      `json:"parent,omitempty"`
	Site              string      `json:"site,omitempty"`
	Product           string      `json:"product"`
	Name              outText     `json:"name"`
	Quantity          int         `json:"quantity"`
	EffectiveQuantity int         `json:"effectiveQuantity"`
	TaxCode           string      `json:"taxCode"`
	TaxRate           string      `json:"taxRate"`
	Charges           []outCharge `json:"charges"`
}

type outTax struct {
	Kind    Kind   `json:"kind"`
	TaxCode string `json:"taxCode"`
	Rate    string `json:"rate"`
	Base    string `json:"base"`
	Tax     string `json:"tax"`
}

type outTotals struct {
	OneTime                string   `json:"oneTime"`
	Monthly                string   `json:"monthly"`
	Yearly                 string   `json:"yearly"`
	MonthlyAfterPromotions string   `json:"monthlyAfterPromotions"`
	Taxes                  []outTax `json:"taxes"`
	OneTimeTax             string   `json:"oneTimeTax"`
	MonthlyTax             string   `json:"monthlyTax"`
	YearlyTax              string   `json:"yearlyTax"`
	OneTimeGross           string   `json:"oneTimeGross"`
	MonthlyGross           string   `json:"monthlyGross"`
	YearlyGross            string   `json:"yearlyGross"`
	TCV                    string   `json:"tcv"`
	Cost                   string   `json:"cost"`
	Margin                 string   `json:"margin"`
	MarginPct              string   `json:"marginPct"`
}

type outSite struct {
	Site   string    `json:"site"`
	Name   string    `json:"name"`
	Totals outTotals `json:"totals"`
}

type outProblem struct {
	Line    int     `json:"line"`
	LineID  string  `json:"lineId"`
	Rule    string  `json:"rule,omitempty"`
	Message outText `json:"message"`
}

type outQuote struct {
	Format      string       `json:"format"`
	Currency    string       `json:"currency"`
	MinorUnits  int32        `json:"minorUnits"`
	TermMonths  int          `json:"termMonths"`
	ValueMonths int          `json:"valueMonths"`
	Date        string       `json:"date"`
	Settings    fileSettings `json:"settings"`
	Lines       []outLine    `json:"lines"`
	Sites       []outSite    `json:"sites"`
	Totals      outTotals    `json:"totals"`
	Problems    []outProblem `json:"problems"`
}

// WriteResult writes a priced quote file: lines with their waterfalls, site and quote totals, and the
// configuration's problems. Money is written as decimal strings (totals and nets with the currency's minor
// units), in a fixed order, so the same input gives the same bytes.
func WriteResult(w io.Writer, cat *catalog.Catalog, in *Input, r *Result, probs []catalog.LineProblem) error {
	money := r.Currency.Decimal
	site := func(groupID string) string { return strings.TrimPrefix(groupID, "site:") }
	out := outQuote{Format: FormatPricedQuote, Currency: r.Currency.Code, MinorUnits: r.Currency.MinorUnits,
		TermMonths: r.TermMonths, ValueMonths: r.ValueMonths, Date: cpq.FormatDate(in.Context.Day),
		Settings: settingsFile(r.Settings), Lines: []outLine{}, Sites: []outSite{}, Problems: []outProblem{}}
	sources := EntrySources(cat)
	for i, l := range r.Lines {
		ql := in.Quote.Lines[i]
		prod := cat.Product(l.ProductID)
		ol := outLine{ID: l.LineID, Parent: ql.ParentID, Site: site(l.SiteGroupID), Product: prod.Code,
			Name: outText{prod.Name.EN, prod.Name.JA}, Quantity: l.Quantity, EffectiveQuantity: l.EffectiveQuantity,
			TaxCode: l.TaxCode, TaxRate: l.TaxRate.String(), Charges: []outCharge{}}
		for _, c := range l.Charges {
			oc := outCharge{Kind: c.Kind, UnitList: money(c.UnitList), Net: money(c.Net), NetAfter: money(c.NetAfter),
				PromotionMonths: c.PromotionMonths, Cost: money(c.Cost), Tax: money(c.Tax), Value: money(c.Value), Waterfall: []outStep{}}
			for _, st := range c.Steps {
				label := st.Label(prod, r.Currency, l.EffectiveQuantity)
				os := outStep{Step: st.Kind, Label: outText{label.EN, label.JA}, Amount: money(st.Amount), Run: money(st.Running), Months: st.Months}
				switch {
				case st.Entry != nil:
					os.Source = sources[st.Entry]
				case st.Promotion != nil:
					os.Source = "promotion:" + st.Promotion.Code
				case st.Kind == StepLineDiscount:
					os.Source = "line"
				case st.Kind == StepQuoteDiscount:
					os.Source = "quote"
				case st.Kind == StepRounding:
					os.Source = "rounding:" + string(r.Settings.Rounding)
				}
				oc.Waterfall = append(oc.Waterfall, os)
			}
			ol.Charges = append(ol.Charges, oc)
		}
		out.Lines = append(out.Lines, ol)
	}
	totals := func(t Totals) outTotals {
		o := outTotals{OneTime: money(t.OneTime), Monthly: money(t.Monthly), Yearly: money(t.Yearly),
			MonthlyAfterPromotions: money(t.MonthlyAfterPromotions), Taxes: []outTax{}, OneTimeTax: money(t.OneTimeTax),
			MonthlyTax: money(t.MonthlyTax), YearlyTax: money(t.YearlyTax), OneTimeGross: money(t.OneTimeGross),
			MonthlyGross: money(t.MonthlyGross), YearlyGross: money(t.YearlyGross), TCV: money(t.TCV), Cost: money(t.Cost),
			Margin: money(t.Margin), MarginPct: t.MarginPct.StringFixed(2)}
		for _, x := range t.Taxes {
			o.Taxes = append(o.Taxes, outTax{Kind: x.Kind, TaxCode: x.TaxCode, Rate: x.Rate.String(), Base: money(x.Base), Tax: money(x.Tax)})
		}
		return o
	}
	for _, g := range r.Groups {
		out.Sites = append(out.Sites, outSite{Site: site(g.SiteGroupID), Name: g.Name, Totals: totals(g.Totals)})
	}
	out.Totals = totals(r.Totals)
	for _, pr := range probs {
		out.Problems = append(out.Problems, outProblem{Line: pr.Line, LineID: pr.LineID, Rule: pr.Rule,
			Message: outText{pr.Text(cpq.LangEN), pr.Text(cpq.LangJA)}})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// EntrySources names each price entry by its list's code and its position there ("JP-STANDARD#12"): stable
// whether the catalog came from a file or the database, where ids differ.
func EntrySources(cat *catalog.Catalog) map[*cpq.PriceEntry]string {
	out := map[*cpq.PriceEntry]string{}
	for _, l := range cat.PriceLists() {
		for i, e := range l.All() {
			out[e] = l.Code + "#" + strconv.Itoa(i+1)
		}
	}
	return out
}

func settingsFile(s Settings) fileSettings {
	f := fileSettings{Rounding: string(s.Rounding), TaxRounding: string(s.TaxRounding), TaxMode: string(s.TaxMode),
		TaxRates: map[string]string{}}
	codes := make([]string, 0, len(s.TaxRates))
	for c := range s.TaxRates {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		f.TaxRates[c] = s.TaxRates[c].String()
	}
	return f
}
