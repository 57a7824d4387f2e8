package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// FormatCatalog names the catalog file format (docs/formats.md, docs/schemas/catalog.schema.json).
const FormatCatalog = "quotewright.catalog/v1"

// The catalog file refers to everything by code; ids are the store's business. Read gives records ids made
// from their codes ("prd:FIBRE-HOME"), so that a catalog read from a file prices the same way every time.

type fileText struct {
	EN string `json:"en"`
	JA string `json:"ja"`
}

type fileCatalog struct {
	Format     string          `json:"format"`
	Products   []fileProduct   `json:"products"`
	PriceLists []filePriceList `json:"priceLists"`
	Promotions []filePromotion `json:"promotions,omitempty"`
	Rules      []fileRule      `json:"rules,omitempty"`
}

type fileProduct struct {
	Code                string          `json:"code"`
	Kind                string          `json:"kind"`
	Family              string          `json:"family,omitempty"`
	Name                fileText        `json:"name"`
	Description         fileText        `json:"description"`
	Status              string          `json:"status"`
	TaxCode             string          `json:"taxCode,omitempty"`
	EffectiveFrom       string          `json:"effectiveFrom,omitempty"`
	EffectiveTo         string          `json:"effectiveTo,omitempty"`
	Attributes          []fileAttribute `json:"attributes,omitempty"`
	Components          []fileComponent `json:"components,omitempty"`
	TechnicalAttributes []fileTechnical `json:"technicalAttributes,omitempty"`
}

type fileAttribute struct {
	Code     string      `json:"code"`
	Name     fileText    `json:"name"`
	Type     string      `json:"type"`
	Required bool        `json:"required,omitempty"`
	Default  string      `json:"default,omitempty"`
	Values   []fileValue `json:"values,omitempty"`
}

type fileValue struct {
	Code string   `json:"code"`
	Name fileText `json:"name"`
}

type fileComponent struct {
	Product string `json:"product"`
	Min     int    `json:"min"`
	Max     int    `json:"max"`
	Default int    `json:"default"`
}

type fileTechnical struct {
	Code    string   `json:"code"`
	Name    fileText `json:"name"`
	Pattern string   `json:"pattern,omitempty"`
}

type filePriceList struct {
	Code      string      `json:"code"`
	Name      fileText    `json:"name"`
	Currency  string      `json:"currency"`
	ValidFrom string      `json:"validFrom,omitempty"`
	ValidTo   string      `json:"validTo,omitempty"`
	Active    bool        `json:"active"`
	Prices    []filePrice `json:"prices"`
}

type filePrice struct {
	Product     string `json:"product"`
	Charge      string `json:"charge"`
	Period      string `json:"period,omitempty"`
	Amount      string `json:"amount"`
	Cost        string `json:"cost,omitempty"`
	TermMonths  int    `json:"termMonths,omitempty"`
	Attribute   string `json:"attribute,omitempty"`
	Value       string `json:"value,omitempty"`
	MinQuantity int    `json:"minQuantity,omitempty"`
	TierMode    string `json:"tierMode,omitempty"`
	TierScope   string `json:"tierScope,omitempty"`
}

type filePromotion struct {
	Code           string   `json:"code"`
	Name           fileText `json:"name"`
	Description    fileText `json:"description"`
	Kind           string   `json:"kind"`
	Value          string   `json:"value"`
	Currency       string   `json:"currency,omitempty"`
	Charge         string   `json:"charge"`
	DurationMonths int      `json:"durationMonths,omitempty"`
	ValidFrom      string   `json:"validFrom,omitempty"`
	ValidTo        string   `json:"validTo,omitempty"`
	Segment        string   `json:"segment,omitempty"`
	Products       []string `json:"products"`
	Active         bool     `json:"active"`
}

type fileRule struct {
	Code           string   `json:"code"`
	Kind           string   `json:"kind"`
	Products       []string `json:"products"`
	Segments       []string `json:"segments,omitempty"`
	Regions        []string `json:"regions,omitempty"`
	CreditStatuses []string `json:"creditStatuses,omitempty"`
	CreditRatings  []string `json:"creditRatings,omitempty"`
	AssetProducts  []string `json:"assetProducts,omitempty"`
	ValidFrom      string   `json:"validFrom,omitempty"`
	ValidTo        string   `json:"validTo,omitempty"`
	PostalPrefixes []string `json:"postalPrefixes,omitempty"`
	Targets        []string `json:"targets,omitempty"`
	Scope          string   `json:"scope,omitempty"`
	WithAssets     bool     `json:"withAssets,omitempty"`
	Message        fileText `json:"message"`
	Active         bool     `json:"active"`
}

// FieldError is a problem in an input file, at a path such as "products[3].attributes[0].default".
type FieldError struct {
	Path    string
	Message string
}

// InputError lists the problems found in an input file; every one names the field and what is wrong.
type InputError struct {
	File     string
	Problems []FieldError
}

func (e *InputError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not valid:", e.File)
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  %s: %s", p.Path, p.Message)
	}
	return b.String()
}

// decodeStrict decodes JSON refusing unknown fields and trailing data, with errors that name the field.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return &FieldError{Path: "(end)", Message: "unexpected data after the JSON document"}
	}
	return nil
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Message }

// JSONProblem names the field of a JSON syntax or type error, for the readers of every file format.
func JSONProblem(err error) *FieldError { return jsonError(err) }

// jsonError names the field of a JSON syntax or type error.
func jsonError(err error) *FieldError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &FieldError{Path: "(offset " + strconv.FormatInt(se.Offset, 10) + ")", Message: "not valid JSON: " + se.Error()}
	case errors.As(err, &te):
		path := te.Field
		if path == "" {
			path = "(document)"
		}
		return &FieldError{Path: path, Message: fmt.Sprintf("expected %s, found %s", typeName(te.Type), te.Value)}
	case errors.Is(err, io.EOF):
		return &FieldError{Path: "(document)", Message: "the file is empty"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &FieldError{Path: "(document)", Message: "not valid JSON: the file ends in the middle of the document"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return &FieldError{Path: strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), Message: "unknown field (check its spelling against docs/formats.md)"}
	}
	return &FieldError{Path: "(document)", Message: err.Error()}
}

// typeName says in words what JSON a Go type reads.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Pointer:
		return typeName(t.Elem())
	}
	return t.String()
}

// collector gathers field problems while converting a file.
type collector struct{ probs []FieldError }

func (c *collector) add(path, format string, args ...any) {
	c.probs = append(c.probs, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (c *collector) date(path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(cpq.DateLayout, s)
	if err != nil {
		c.add(path, "%q is not a date (expected YYYY-MM-DD)", s)
	}
	return t
}

func (c *collector) amount(path, s string, required bool) decimal.Decimal {
	if s == "" {
		if required {
			c.add(path, "missing: give the amount as a string of digits, for example \"5720\" or \"37.99\"")
		}
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		c.add(path, "%q is not a decimal amount (digits, an optional sign and decimal point)", s)
		return decimal.Zero
	}
	return d
}

// validation turns a record's own validation error into field problems under path.
func (c *collector) validation(path string, err error) {
	if err == nil {
		return
	}
	var e *cpq.Error
	if !errors.As(err, &e) {
		c.add(path, "%s", err.Error())
		return
	}
	if len(e.Fields) == 0 {
		c.add(path, "%s", e.Message(cpq.LangEN))
	}
	for _, f := range e.Fields {
		c.add(path+"."+f.Field, "%s", cpq.Message(cpq.LangEN, f.Key, f.Args))
	}
}

func text(t fileText) cpq.Text { return cpq.Text{EN: t.EN, JA: t.JA} }

// ReadJSON reads a catalog file into catalog data. name is used in error messages. Every problem is reported
// with its path; nothing is returned unless the whole file is valid and consistent.
func ReadJSON(r io.Reader, name string) (Data, error) {
	return readJSON(r, name, nil)
}

// ReadJSONOver reads a catalog file that adds to or changes a catalog already there: it may name products
// that only existing has (by code), and it is checked as a whole only once merged with it (the importer does
// that). Products it names from existing keep existing's ids.
func ReadJSONOver(r io.Reader, name string, existing *Catalog) (Data, error) {
	return readJSON(r, name, existing)
}

func readJSON(r io.Reader, name string, existing *Catalog) (Data, error) {
	var f fileCatalog
	if err := decodeStrict(r, &f); err != nil {
		var fe *FieldError
		errors.As(err, &fe)
		return Data{}, &InputError{File: name, Problems: []FieldError{*fe}}
	}
	c := &collector{}
	if f.Format != FormatCatalog {
		c.add("format", "expected %q, found %q", FormatCatalog, f.Format)
	}
	var d Data
	ids := map[string]string{}
	for _, fp := range f.Products {
		code := cpq.NormalizeCode(fp.Code)
		ids[code] = "prd:" + code
	}
	known := func(code string) (string, bool) {
		if id, ok := ids[code]; ok {
			return id, true
		}
		if existing != nil {
			if p := existing.ProductByCode(code); p != nil {
				return p.ID, true
			}
		}
		return "", false
	}
	productID := func(path, code string) string {
		id, ok := known(cpq.NormalizeCode(code))
		if !ok {
			if existing != nil {
				c.add(path, "no product with code %q in this file or in the catalog", code)
			} else {
				c.add(path, "no product with code %q in this catalog", code)
			}
			return "unknown:" + code // reported once, here, not again as a missing id
		}
		return id
	}
	// A code twice in the file would be imported twice (a price list's prices doubled): refused.
	seen := map[string]string{}
	twice := func(path, kind, code string) {
		key := kind + ":" + cpq.NormalizeCode(code)
		if first, ok := seen[key]; ok {
			c.add(path, "%s %s appears twice (also %s)", kind, cpq.NormalizeCode(code), first)
		}
		seen[key] = path
	}
	for i, fp := range f.Products {
		twice(fmt.Sprintf("products[%d].code", i), "product", fp.Code)
	}
	for i, fl := range f.PriceLists {
		twice(fmt.Sprintf("priceLists[%d].code", i), "price list", fl.Code)
	}
	for i, fp := range f.Promotions {
		twice(fmt.Sprintf("promotions[%d].code", i), "promotion", fp.Code)
	}
	for i, fr := range f.Rules {
		twice(fmt.Sprintf("rules[%d].code", i), "rule", fr.Code)
	}
	for i, fp := range f.Products {
		path := fmt.Sprintf("products[%d]", i)
		p := &cpq.Product{ID: ids[cpq.NormalizeCode(fp.Code)], Code: cpq.NormalizeCode(fp.Code), Kind: cpq.ProductKind(fp.Kind),
			Family: fp.Family, Name: text(fp.Name), Description: text(fp.Description), Status: cpq.ProductStatus(fp.Status),
			TaxCode: fp.TaxCode, EffectiveFrom: c.date(path+".effectiveFrom", fp.EffectiveFrom),
			EffectiveTo: c.date(path+".effectiveTo", fp.EffectiveTo)}
		if p.TaxCode == "" {
			p.TaxCode = cpq.TaxStandard
		}
		for _, a := range fp.Attributes {
			attr := cpq.Attribute{Code: a.Code, Name: text(a.Name), Type: cpq.AttributeType(a.Type), Required: a.Required, Default: a.Default}
			for _, v := range a.Values {
				attr.Values = append(attr.Values, cpq.AttributeValue{Code: v.Code, Name: text(v.Name)})
			}
			p.Attributes = append(p.Attributes, attr)
		}
		for j, comp := range fp.Components {
			p.Components = append(p.Components, cpq.BundleComponent{ProductID: productID(fmt.Sprintf("%s.components[%d].product", path, j), comp.Product),
				Min: comp.Min, Max: comp.Max, Default: comp.Default})
		}
		for _, t := range fp.TechnicalAttributes {
			p.TechnicalAttributes = append(p.TechnicalAttributes, cpq.TechnicalAttribute{Code: t.Code, Name: text(t.Name), Pattern: t.Pattern})
		}
		c.validation(path, p.Validate())
		d.Products = append(d.Products, p)
	}
	for i, fl := range f.PriceLists {
		path := fmt.Sprintf("priceLists[%d]", i)
		code := cpq.NormalizeCode(fl.Code)
		l := &cpq.PriceList{ID: "pl:" + code, Code: code, Name: text(fl.Name), Currency: strings.ToUpper(fl.Currency),
			ValidFrom: c.date(path+".validFrom", fl.ValidFrom), ValidTo: c.date(path+".validTo", fl.ValidTo), Active: fl.Active}
		c.validation(path, l.Validate())
		d.PriceLists = append(d.PriceLists, l)
		for j, fe := range fl.Prices {
			ep := fmt.Sprintf("%s.prices[%d]", path, j)
			e := &cpq.PriceEntry{ID: fmt.Sprintf("pe:%s:%d", code, j+1), PriceListID: l.ID,
				ProductID: productID(ep+".product", fe.Product), Charge: cpq.ChargeType(fe.Charge), Period: cpq.Period(fe.Period),
				Amount: c.amount(ep+".amount", fe.Amount, true), Cost: c.amount(ep+".cost", fe.Cost, false),
				TermMonths: fe.TermMonths, Attribute: fe.Attribute, AttributeValue: fe.Value, MinQuantity: max(fe.MinQuantity, 1),
				TierMode: cpq.TierMode(fe.TierMode), TierScope: cpq.TierScope(fe.TierScope)}
			if e.TierMode == "" {
				e.TierMode = cpq.TierTiered
			}
			if e.TierScope == "" {
				e.TierScope = cpq.ScopeQuote
			}
			c.validation(ep, e.Validate())
			d.Entries = append(d.Entries, e)
		}
	}
	for i, fp := range f.Promotions {
		path := fmt.Sprintf("promotions[%d]", i)
		pr := &cpq.Promotion{ID: "promo:" + cpq.NormalizeCode(fp.Code), Code: cpq.NormalizeCode(fp.Code), Name: text(fp.Name),
			Description: text(fp.Description), Kind: cpq.DiscountKind(fp.Kind), Value: c.amount(path+".value", fp.Value, true),
			Currency: strings.ToUpper(fp.Currency), Charge: cpq.ChargeType(fp.Charge), DurationMonths: fp.DurationMonths,
			ValidFrom: c.date(path+".validFrom", fp.ValidFrom), ValidTo: c.date(path+".validTo", fp.ValidTo),
			Segment: cpq.Segment(fp.Segment), Active: fp.Active}
		for j, code := range fp.Products {
			pr.ProductIDs = append(pr.ProductIDs, productID(fmt.Sprintf("%s.products[%d]", path, j), code))
		}
		c.validation(path, pr.Validate())
		d.Promotions = append(d.Promotions, pr)
	}
	for i, fr := range f.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		r := &cpq.Rule{ID: "rule:" + cpq.NormalizeCode(fr.Code), Code: fr.Code, Kind: cpq.RuleKind(fr.Kind), Products: fr.Products,
			Regions: fr.Regions, CreditRatings: fr.CreditRatings, AssetProducts: fr.AssetProducts,
			ValidFrom: c.date(path+".validFrom", fr.ValidFrom), ValidTo: c.date(path+".validTo", fr.ValidTo),
			PostalPrefixes: fr.PostalPrefixes, Targets: fr.Targets, Scope: cpq.TierScope(fr.Scope), WithAssets: fr.WithAssets,
			Message: text(fr.Message), Active: fr.Active}
		for _, s := range fr.Segments {
			r.Segments = append(r.Segments, cpq.Segment(s))
		}
		for _, s := range fr.CreditStatuses {
			r.CreditStatuses = append(r.CreditStatuses, cpq.CreditStatus(s))
		}
		r.Normalize()
		for _, f := range []struct {
			field string
			codes []string
		}{{"products", r.Products}, {"targets", r.Targets}, {"assetProducts", r.AssetProducts}} {
			for j, code := range f.codes {
				if _, ok := known(code); !ok {
					c.add(fmt.Sprintf("%s.%s[%d]", path, f.field, j), "no product with code %q in this catalog", code)
				}
			}
		}
		c.validation(path, r.Validate())
		d.Rules = append(d.Rules, r)
	}
	if len(c.probs) > 0 {
		return Data{}, &InputError{File: name, Problems: c.probs}
	}
	if existing != nil {
		return d, nil
	}
	if _, err := New(d); err != nil {
		var de *DataError
		if errors.As(err, &de) {
			ie := &InputError{File: name}
			for _, p := range de.Problems {
				ie.Problems = append(ie.Problems, FieldError{Path: p.Path, Message: p.Message})
			}
			return Data{}, ie
		}
		return Data{}, err
	}
	return d, nil
}

// WriteJSON writes catalog data as a catalog file, products and lists by code, indented, in a stable order.
func WriteJSON(w io.Writer, d Data) error {
	codes := map[string]string{}
	for _, p := range d.Products {
		codes[p.ID] = p.Code
	}
	f := fileCatalog{Format: FormatCatalog, Products: []fileProduct{}, PriceLists: []filePriceList{}}
	ft := func(t cpq.Text) fileText { return fileText{EN: t.EN, JA: t.JA} }
	for _, p := range d.Products {
		fp := fileProduct{Code: p.Code, Kind: string(p.Kind), Family: p.Family, Name: ft(p.Name), Description: ft(p.Description),
			Status: string(p.Status), TaxCode: p.TaxCode, EffectiveFrom: cpq.FormatDate(p.EffectiveFrom), EffectiveTo: cpq.FormatDate(p.EffectiveTo)}
		for _, a := range p.Attributes {
			fa := fileAttribute{Code: a.Code, Name: ft(a.Name), Type: string(a.Type), Required: a.Required, Default: a.Default}
			for _, v := range a.Values {
				fa.Values = append(fa.Values, fileValue{Code: v.Code, Name: ft(v.Name)})
			}
			fp.Attributes = append(fp.Attributes, fa)
		}
		for _, comp := range p.Components {
			fp.Components = append(fp.Components, fileComponent{Product: codes[comp.ProductID], Min: comp.Min, Max: comp.Max, Default: comp.Default})
		}
		for _, t := range p.TechnicalAttributes {
			fp.TechnicalAttributes = append(fp.TechnicalAttributes, fileTechnical{Code: t.Code, Name: ft(t.Name), Pattern: t.Pattern})
		}
		f.Products = append(f.Products, fp)
	}
	for _, l := range d.PriceLists {
		fl := filePriceList{Code: l.Code, Name: ft(l.Name), Currency: l.Currency, ValidFrom: cpq.FormatDate(l.ValidFrom),
			ValidTo: cpq.FormatDate(l.ValidTo), Active: l.Active, Prices: []filePrice{}}
		for _, e := range d.Entries {
			if e.PriceListID != l.ID {
				continue
			}
			fe := filePrice{Product: codes[e.ProductID], Charge: string(e.Charge), Period: string(e.Period), Amount: e.Amount.String(),
				TermMonths: e.TermMonths, Attribute: e.Attribute, Value: e.AttributeValue}
			if !e.Cost.IsZero() {
				fe.Cost = e.Cost.String()
			}
			if e.MinQuantity > 1 {
				fe.MinQuantity = e.MinQuantity
			}
			if e.TierMode != cpq.TierTiered {
				fe.TierMode = string(e.TierMode)
			}
			if e.TierScope != cpq.ScopeQuote {
				fe.TierScope = string(e.TierScope)
			}
			fl.Prices = append(fl.Prices, fe)
		}
		f.PriceLists = append(f.PriceLists, fl)
	}
	for _, pr := range d.Promotions {
		fp := filePromotion{Code: pr.Code, Name: ft(pr.Name), Description: ft(pr.Description), Kind: string(pr.Kind),
			Value: pr.Value.String(), Currency: pr.Currency, Charge: string(pr.Charge), DurationMonths: pr.DurationMonths,
			ValidFrom: cpq.FormatDate(pr.ValidFrom), ValidTo: cpq.FormatDate(pr.ValidTo), Segment: string(pr.Segment), Active: pr.Active}
		for _, id := range pr.ProductIDs {
			fp.Products = append(fp.Products, codes[id])
		}
		f.Promotions = append(f.Promotions, fp)
	}
	for _, r := range d.Rules {
		fr := fileRule{Code: r.Code, Kind: string(r.Kind), Products: r.Products, Regions: r.Regions, CreditRatings: r.CreditRatings,
			AssetProducts: r.AssetProducts, ValidFrom: cpq.FormatDate(r.ValidFrom), ValidTo: cpq.FormatDate(r.ValidTo),
			PostalPrefixes: r.PostalPrefixes, Targets: r.Targets, Scope: string(r.Scope), WithAssets: r.WithAssets,
			Message: ft(r.Message), Active: r.Active}
		for _, s := range r.Segments {
			fr.Segments = append(fr.Segments, string(s))
		}
		for _, s := range r.CreditStatuses {
			fr.CreditStatuses = append(fr.CreditStatuses, string(s))
		}
		f.Rules = append(f.Rules, fr)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
