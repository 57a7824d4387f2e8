package app

import (
	"quotewright/backend/cpq"
)

// CatalogService browses the product catalog.
type CatalogService struct{ s *Services }

// Search finds products by code, or name or description in either language; every word must match.
func (svc *CatalogService) Search(q ProductQuery) (ProductPage, error) {
	s := svc.s
	items, total, err := s.sales.SearchProducts(s.ctx, cpq.ProductFilter{Query: q.Query, Family: q.Family,
		Page: cpq.Page{Offset: q.Offset, Limit: q.Limit}})
	if err != nil {
		return ProductPage{}, err
	}
	fams, err := s.sales.ProductFamilies(s.ctx)
	if err != nil {
		return ProductPage{}, err
	}
	page := ProductPage{Items: make([]ProductSummary, len(items)), Total: total, Families: fams}
	for i, p := range items {
		page.Items[i] = productSummary(p)
	}
	return page, nil
}

// Get returns a product with its attributes, components, technical attributes, prices and promotions.
func (svc *CatalogService) Get(id string) (ProductDetail, error) {
	s := svc.s
	d, err := s.sales.Product(s.ctx, id)
	if err != nil {
		return ProductDetail{}, err
	}
	p := d.Product
	out := ProductDetail{Product: productSummary(p), EffectiveFrom: cpq.FormatDate(p.EffectiveFrom),
		EffectiveTo: cpq.FormatDate(p.EffectiveTo), Attributes: []AttributeDTO{}, Components: []ComponentDTO{},
		PartOf: []ProductSummary{}, TechnicalAttributes: []TechnicalAttributeDTO{}, PriceLists: []PriceListPrices{},
		Promotions: []PromotionDTO{}}
	for _, a := range p.Attributes {
		dto := AttributeDTO{Code: a.Code, Name: textDTO(a.Name), Type: string(a.Type), Required: a.Required,
			Default: a.Default, Values: []AttributeValueDTO{}}
		for _, v := range a.Values {
			dto.Values = append(dto.Values, AttributeValueDTO{Code: v.Code, Name: textDTO(v.Name)})
		}
		out.Attributes = append(out.Attributes, dto)
	}
	for i, c := range p.Components {
		out.Components = append(out.Components, ComponentDTO{Product: productSummary(d.Components[i]), Min: c.Min, Max: c.Max, Default: c.Default})
	}
	for _, b := range d.PartOf {
		out.PartOf = append(out.PartOf, productSummary(b))
	}
	for _, t := range p.TechnicalAttributes {
		out.TechnicalAttributes = append(out.TechnicalAttributes, TechnicalAttributeDTO{Code: t.Code, Name: textDTO(t.Name), Pattern: t.Pattern})
	}
	for _, l := range d.PriceLists {
		pl := PriceListPrices{ID: l.ID, Code: l.Code, Name: textDTO(l.Name), Currency: currencyDTO(l.Currency), Prices: []PriceDTO{}}
		for _, e := range d.Prices {
			if e.PriceListID != l.ID {
				continue
			}
			pl.Prices = append(pl.Prices, PriceDTO{Charge: string(e.Charge), Period: string(e.Period), Amount: e.Amount.String(),
				Cost: e.Cost.String(), TermMonths: e.TermMonths, Attribute: e.Attribute, AttributeValue: e.AttributeValue,
				Condition: condition(p, e), MinQuantity: e.MinQuantity})
		}
		if len(pl.Prices) > 0 {
			out.PriceLists = append(out.PriceLists, pl)
		}
	}
	for _, pr := range d.Promotions {
		out.Promotions = append(out.Promotions, PromotionDTO{Code: pr.Code, Name: textDTO(pr.Name), Description: textDTO(pr.Description),
			Kind: string(pr.Kind), Value: pr.Value.String(), Currency: currencyDTO(pr.Currency), Charge: string(pr.Charge),
			DurationMonths: pr.DurationMonths, ValidFrom: cpq.FormatDate(pr.ValidFrom), ValidTo: cpq.FormatDate(pr.ValidTo),
			Segment: string(pr.Segment)})
	}
	return out, nil
}

// condition names an adjustment's attribute and value in both languages ("Speed: 2 Gbps").
func condition(p *cpq.Product, e *cpq.PriceEntry) TextDTO {
	if e.Attribute == "" {
		return TextDTO{}
	}
	for _, a := range p.Attributes {
		if a.Code != e.Attribute {
			continue
		}
		v := cpq.Text{EN: e.AttributeValue, JA: e.AttributeValue}
		for _, x := range a.Values {
			if x.Code == e.AttributeValue {
				v = x.Name
			}
		}
		if a.Type == cpq.AttrBoolean {
			v = cpq.Text{EN: map[string]string{"true": "yes", "false": "no"}[e.AttributeValue],
				JA: map[string]string{"true": "あり", "false": "なし"}[e.AttributeValue]}
		}
		return TextDTO{EN: a.Name.In(cpq.LangEN) + ": " + v.In(cpq.LangEN), JA: a.Name.In(cpq.LangJA) + "：" + v.In(cpq.LangJA)}
	}
	return TextDTO{EN: e.Attribute + ": " + e.AttributeValue, JA: e.Attribute + "：" + e.AttributeValue}
}
