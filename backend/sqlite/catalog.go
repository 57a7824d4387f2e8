package sqlite

import (
	"context"
	"strings"

	"quotewright/backend/cpq"
)

type products struct{ t *tx }

const productCols = `id, code, kind, family, name_en, name_ja, description_en, description_ja, status,
	effective_from, effective_to, tax_code, updated_at`

func scanProduct(s scanner) (*cpq.Product, error) {
	rd := &reader{}
	var p cpq.Product
	var from, to, updated string
	if err := s.Scan(&p.ID, &p.Code, &p.Kind, &p.Family, &p.Name.EN, &p.Name.JA, &p.Description.EN,
		&p.Description.JA, &p.Status, &from, &to, &p.TaxCode, &updated); err != nil {
		return nil, err
	}
	p.EffectiveFrom, p.EffectiveTo, p.UpdatedAt = rd.date(from), rd.date(to), rd.time(updated)
	return &p, rd.err
}

// Create saves a product with its attributes, components and technical attributes.
func (r products) Create(ctx context.Context, p *cpq.Product) error {
	if p.ID == "" {
		p.ID = cpq.NewID("prd")
	}
	p.Code = cpq.NormalizeCode(p.Code)
	if p.TaxCode == "" {
		p.TaxCode = cpq.TaxStandard
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = r.t.now()
	if err := dbErr(r.t.exec(ctx, `INSERT INTO products (`+plain(productCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Code, p.Kind, p.Family, p.Name.EN, p.Name.JA, p.Description.EN, p.Description.JA, p.Status,
		fmtDate(p.EffectiveFrom), fmtDate(p.EffectiveTo), p.TaxCode, fmtTime(p.UpdatedAt)), "product"); err != nil {
		return err
	}
	return r.saveParts(ctx, p)
}

// saveParts writes the product's attributes, components and technical attributes.
func (r products) saveParts(ctx context.Context, p *cpq.Product) error {
	for i, a := range p.Attributes {
		if err := r.t.exec(ctx, `INSERT INTO product_attributes (product_id, code, position, name_en, name_ja, type,
			required, default_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, a.Code, i, a.Name.EN, a.Name.JA, a.Type, boolInt(a.Required), a.Default); err != nil {
			return dbErr(err, "product")
		}
		for j, v := range a.Values {
			if err := r.t.exec(ctx, `INSERT INTO product_attribute_values (product_id, attribute_code, code, position,
				name_en, name_ja) VALUES (?, ?, ?, ?, ?, ?)`, p.ID, a.Code, v.Code, j, v.Name.EN, v.Name.JA); err != nil {
				return dbErr(err, "product")
			}
		}
	}
	for i, c := range p.Components {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO bundle_components (bundle_id, product_id, position, min_qty, max_qty,
			default_qty) VALUES (?, ?, ?, ?, ?, ?)`, p.ID, c.ProductID, i, c.Min, c.Max, c.Default), "product"); err != nil {
			return err
		}
	}
	for i, ta := range p.TechnicalAttributes {
		if err := r.t.exec(ctx, `INSERT INTO technical_attributes (product_id, code, position, name_en, name_ja, pattern)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, ta.Code, i, ta.Name.EN, ta.Name.JA, ta.Pattern); err != nil {
			return dbErr(err, "product")
		}
	}
	return nil
}

// loadParts reads the product's attributes, components and technical attributes.
func (r products) loadParts(ctx context.Context, p *cpq.Product) error {
	attrs, err := getAll(ctx, r.t, func(s scanner) (*cpq.Attribute, error) {
		var a cpq.Attribute
		var req int
		err := s.Scan(&a.Code, &a.Name.EN, &a.Name.JA, &a.Type, &req, &a.Default)
		a.Required = req == 1
		return &a, err
	}, `SELECT code, name_en, name_ja, type, required, default_value FROM product_attributes
		WHERE product_id = ? ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	type value struct {
		attr string
		cpq.AttributeValue
	}
	values, err := getAll(ctx, r.t, func(s scanner) (*value, error) {
		var v value
		err := s.Scan(&v.attr, &v.Code, &v.Name.EN, &v.Name.JA)
		return &v, err
	}, `SELECT attribute_code, code, name_en, name_ja FROM product_attribute_values WHERE product_id = ?
		ORDER BY attribute_code, position`, p.ID)
	if err != nil {
		return err
	}
	p.Attributes = make([]cpq.Attribute, 0, len(attrs))
	for _, a := range attrs {
		for _, v := range values {
			if v.attr == a.Code {
				a.Values = append(a.Values, v.AttributeValue)
			}
		}
		p.Attributes = append(p.Attributes, *a)
	}
	comps, err := getAll(ctx, r.t, func(s scanner) (*cpq.BundleComponent, error) {
		var c cpq.BundleComponent
		err := s.Scan(&c.ProductID, &c.Min, &c.Max, &c.Default)
		return &c, err
	}, `SELECT product_id, min_qty, max_qty, default_qty FROM bundle_components WHERE bundle_id = ? ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	p.Components = nil
	for _, c := range comps {
		p.Components = append(p.Components, *c)
	}
	techs, err := getAll(ctx, r.t, func(s scanner) (*cpq.TechnicalAttribute, error) {
		var ta cpq.TechnicalAttribute
		err := s.Scan(&ta.Code, &ta.Name.EN, &ta.Name.JA, &ta.Pattern)
		return &ta, err
	}, `SELECT code, name_en, name_ja, pattern FROM technical_attributes WHERE product_id = ? ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	p.TechnicalAttributes = nil
	for _, ta := range techs {
		p.TechnicalAttributes = append(p.TechnicalAttributes, *ta)
	}
	return nil
}

// Get returns the product whole: attributes, components and technical attributes included.
func (r products) Get(ctx context.Context, id string) (*cpq.Product, error) {
	p, err := getOne(ctx, r.t, "product", id, scanProduct, `SELECT `+productCols+` FROM products WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return p, r.loadParts(ctx, p)
}

func (r products) GetByCode(ctx context.Context, code string) (*cpq.Product, error) {
	code = cpq.NormalizeCode(code)
	p, err := getOne(ctx, r.t, "product", code, scanProduct, `SELECT `+productCols+` FROM products WHERE code = ?`, code)
	if err != nil {
		return nil, err
	}
	return p, r.loadParts(ctx, p)
}

// List returns one page of matching products, without their attributes, components and technical attributes
// (Get has them), and how many match in all.
func (r products) List(ctx context.Context, f cpq.ProductFilter) ([]*cpq.Product, int, error) {
	var w where
	for _, word := range strings.Fields(f.Query) {
		p := likePattern(word)
		w.add(`(code LIKE ? ESCAPE '\' OR name_en LIKE ? ESCAPE '\' OR name_ja LIKE ? ESCAPE '\'
			OR description_en LIKE ? ESCAPE '\' OR description_ja LIKE ? ESCAPE '\')`, p, p, p, p, p)
	}
	if f.Family != "" {
		w.add("family = ?", f.Family)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM products`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	out, err := getAll(ctx, r.t, scanProduct, `SELECT `+productCols+` FROM products`+w.String()+
		` ORDER BY family, code LIMIT ? OFFSET ?`, append(w.args, l, o)...)
	return out, total, err
}

// All loads the whole catalog's products in five queries, however many there are.
func (r products) All(ctx context.Context) ([]*cpq.Product, error) {
	ps, err := getAll(ctx, r.t, scanProduct, `SELECT `+productCols+` FROM products ORDER BY code`)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*cpq.Product, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	type attr struct {
		product string
		cpq.Attribute
	}
	attrs, err := getAll(ctx, r.t, func(s scanner) (*attr, error) {
		var a attr
		var req int
		err := s.Scan(&a.product, &a.Code, &a.Name.EN, &a.Name.JA, &a.Type, &req, &a.Default)
		a.Required = req == 1
		return &a, err
	}, `SELECT product_id, code, name_en, name_ja, type, required, default_value FROM product_attributes ORDER BY product_id, position`)
	if err != nil {
		return nil, err
	}
	type value struct {
		product, attr string
		cpq.AttributeValue
	}
	values, err := getAll(ctx, r.t, func(s scanner) (*value, error) {
		var v value
		return &v, s.Scan(&v.product, &v.attr, &v.Code, &v.Name.EN, &v.Name.JA)
	}, `SELECT product_id, attribute_code, code, name_en, name_ja FROM product_attribute_values ORDER BY product_id, attribute_code, position`)
	if err != nil {
		return nil, err
	}
	valuesOf := map[[2]string][]cpq.AttributeValue{}
	for _, v := range values {
		k := [2]string{v.product, v.attr}
		valuesOf[k] = append(valuesOf[k], v.AttributeValue)
	}
	for _, a := range attrs {
		a.Values = valuesOf[[2]string{a.product, a.Code}]
		if p := byID[a.product]; p != nil {
			p.Attributes = append(p.Attributes, a.Attribute)
		}
	}
	type comp struct {
		bundle string
		cpq.BundleComponent
	}
	comps, err := getAll(ctx, r.t, func(s scanner) (*comp, error) {
		var c comp
		return &c, s.Scan(&c.bundle, &c.ProductID, &c.Min, &c.Max, &c.Default)
	}, `SELECT bundle_id, product_id, min_qty, max_qty, default_qty FROM bundle_components ORDER BY bundle_id, position`)
	if err != nil {
		return nil, err
	}
	for _, c := range comps {
		if p := byID[c.bundle]; p != nil {
			p.Components = append(p.Components, c.BundleComponent)
		}
	}
	type tech struct {
		product string
		cpq.TechnicalAttribute
	}
	techs, err := getAll(ctx, r.t, func(s scanner) (*tech, error) {
		var t tech
		return &t, s.Scan(&t.product, &t.Code, &t.Name.EN, &t.Name.JA, &t.Pattern)
	}, `SELECT product_id, code, name_en, name_ja, pattern FROM technical_attributes ORDER BY product_id, position`)
	if err != nil {
		return nil, err
	}
	for _, t := range techs {
		if p := byID[t.product]; p != nil {
			p.TechnicalAttributes = append(p.TechnicalAttributes, t.TechnicalAttribute)
		}
	}
	return ps, nil
}

func (r products) BundlesContaining(ctx context.Context, productID string) ([]*cpq.Product, error) {
	return getAll(ctx, r.t, scanProduct, `SELECT `+productCols+` FROM products
		WHERE id IN (SELECT bundle_id FROM bundle_components WHERE product_id = ?) ORDER BY code`, productID)
}

func (r products) Families(ctx context.Context) ([]string, error) {
	rows, err := getAll(ctx, r.t, func(s scanner) (*string, error) {
		var f string
		return &f, s.Scan(&f)
	}, `SELECT DISTINCT family FROM products WHERE family <> '' ORDER BY family`)
	out := make([]string, len(rows))
	for i, f := range rows {
		out[i] = *f
	}
	return out, err
}

// Update saves the product and replaces its attributes, components and technical attributes.
func (r products) Update(ctx context.Context, p *cpq.Product) error {
	p.Code = cpq.NormalizeCode(p.Code)
	if p.TaxCode == "" {
		p.TaxCode = cpq.TaxStandard
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = r.t.now()
	if err := r.t.execOne(ctx, "product", p.ID, `UPDATE products SET code = ?, kind = ?, family = ?, name_en = ?,
		name_ja = ?, description_en = ?, description_ja = ?, status = ?, effective_from = ?, effective_to = ?,
		tax_code = ?, updated_at = ? WHERE id = ?`, p.Code, p.Kind, p.Family, p.Name.EN, p.Name.JA, p.Description.EN,
		p.Description.JA, p.Status, fmtDate(p.EffectiveFrom), fmtDate(p.EffectiveTo), p.TaxCode, fmtTime(p.UpdatedAt), p.ID); err != nil {
		return err
	}
	for _, table := range []string{"product_attribute_values", "product_attributes", "technical_attributes"} {
		if err := r.t.exec(ctx, `DELETE FROM `+table+` WHERE product_id = ?`, p.ID); err != nil {
			return dbErr(err, "product")
		}
	}
	if err := r.t.exec(ctx, `DELETE FROM bundle_components WHERE bundle_id = ?`, p.ID); err != nil {
		return dbErr(err, "product")
	}
	return r.saveParts(ctx, p)
}

type priceLists struct{ t *tx }

const priceListCols = `id, code, name_en, name_ja, currency, valid_from, valid_to, active`

func scanPriceList(s scanner) (*cpq.PriceList, error) {
	rd := &reader{}
	var l cpq.PriceList
	var from, to string
	var active int
	if err := s.Scan(&l.ID, &l.Code, &l.Name.EN, &l.Name.JA, &l.Currency, &from, &to, &active); err != nil {
		return nil, err
	}
	l.ValidFrom, l.ValidTo, l.Active = rd.date(from), rd.date(to), active == 1
	return &l, rd.err
}

func (r priceLists) Create(ctx context.Context, l *cpq.PriceList) error {
	if l.ID == "" {
		l.ID = cpq.NewID("pl")
	}
	l.Code = cpq.NormalizeCode(l.Code)
	if err := l.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO price_lists (`+plain(priceListCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.Code, l.Name.EN, l.Name.JA, l.Currency, fmtDate(l.ValidFrom), fmtDate(l.ValidTo), boolInt(l.Active)), "pricelist")
}

func (r priceLists) Get(ctx context.Context, id string) (*cpq.PriceList, error) {
	return getOne(ctx, r.t, "pricelist", id, scanPriceList, `SELECT `+priceListCols+` FROM price_lists WHERE id = ?`, id)
}

func (r priceLists) List(ctx context.Context) ([]*cpq.PriceList, error) {
	return getAll(ctx, r.t, scanPriceList, `SELECT `+priceListCols+` FROM price_lists ORDER BY code`)
}

func (r priceLists) Update(ctx context.Context, l *cpq.PriceList) error {
	l.Code = cpq.NormalizeCode(l.Code)
	if err := l.Validate(); err != nil {
		return err
	}
	return r.t.execOne(ctx, "pricelist", l.ID, `UPDATE price_lists SET code = ?, name_en = ?, name_ja = ?, currency = ?,
		valid_from = ?, valid_to = ?, active = ? WHERE id = ?`, l.Code, l.Name.EN, l.Name.JA, l.Currency,
		fmtDate(l.ValidFrom), fmtDate(l.ValidTo), boolInt(l.Active), l.ID)
}

func (r priceLists) ClearEntries(ctx context.Context, priceListID string) error {
	return dbErr(r.t.exec(ctx, `DELETE FROM price_entries WHERE price_list_id = ?`, priceListID), "pricelist")
}

const priceEntryCols = `id, price_list_id, product_id, charge, period, amount, cost, term_months, attribute,
	attribute_value, min_quantity, tier_mode, tier_scope`

func scanPriceEntry(s scanner) (*cpq.PriceEntry, error) {
	rd := &reader{}
	var e cpq.PriceEntry
	var amount, cost string
	if err := s.Scan(&e.ID, &e.PriceListID, &e.ProductID, &e.Charge, &e.Period, &amount, &cost, &e.TermMonths,
		&e.Attribute, &e.AttributeValue, &e.MinQuantity, &e.TierMode, &e.TierScope); err != nil {
		return nil, err
	}
	e.Amount, e.Cost = rd.dec(amount), rd.dec(cost)
	return &e, rd.err
}

// AddEntry appends a price to a price list; entries keep the order they were added in.
func (r priceLists) AddEntry(ctx context.Context, e *cpq.PriceEntry) error {
	if e.ID == "" {
		e.ID = cpq.NewID("pe")
	}
	if e.MinQuantity == 0 {
		e.MinQuantity = 1
	}
	if e.TierMode == "" {
		e.TierMode = cpq.TierTiered
	}
	if e.TierScope == "" {
		e.TierScope = cpq.ScopeQuote
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return dbErr(r.t.exec(ctx, `INSERT INTO price_entries (`+plain(priceEntryCols)+`, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(max(position), 0) + 1 FROM price_entries WHERE price_list_id = ?))`,
		e.ID, e.PriceListID, e.ProductID, e.Charge, e.Period, fmtDec(e.Amount), fmtDec(e.Cost), e.TermMonths,
		e.Attribute, e.AttributeValue, e.MinQuantity, e.TierMode, e.TierScope, e.PriceListID), "price")
}

func (r priceLists) Entries(ctx context.Context, priceListID string) ([]*cpq.PriceEntry, error) {
	return getAll(ctx, r.t, scanPriceEntry, `SELECT `+priceEntryCols+` FROM price_entries WHERE price_list_id = ?
		ORDER BY position`, priceListID)
}

func (r priceLists) EntriesForProduct(ctx context.Context, productID string) ([]*cpq.PriceEntry, error) {
	return getAll(ctx, r.t, scanPriceEntry, `SELECT `+priceEntryCols+` FROM price_entries WHERE product_id = ?
		ORDER BY price_list_id, position`, productID)
}

type promotions struct{ t *tx }

const promotionCols = `id, code, name_en, name_ja, description_en, description_ja, kind, value, currency, charge,
	duration_months, valid_from, valid_to, segment, active`

func (r promotions) scan() func(s scanner) (*cpq.Promotion, error) {
	return func(s scanner) (*cpq.Promotion, error) {
		rd := &reader{}
		var p cpq.Promotion
		var value, from, to string
		var active int
		if err := s.Scan(&p.ID, &p.Code, &p.Name.EN, &p.Name.JA, &p.Description.EN, &p.Description.JA, &p.Kind, &value,
			&p.Currency, &p.Charge, &p.DurationMonths, &from, &to, &p.Segment, &active); err != nil {
			return nil, err
		}
		p.Value, p.ValidFrom, p.ValidTo, p.Active = rd.dec(value), rd.date(from), rd.date(to), active == 1
		return &p, rd.err
	}
}

func (r promotions) withProducts(ctx context.Context, ps []*cpq.Promotion) ([]*cpq.Promotion, error) {
	for _, p := range ps {
		ids, err := getAll(ctx, r.t, func(s scanner) (*string, error) {
			var id string
			return &id, s.Scan(&id)
		}, `SELECT pp.product_id FROM promotion_products pp JOIN products p ON p.id = pp.product_id
			WHERE pp.promotion_id = ? ORDER BY p.code`, p.ID)
		if err != nil {
			return nil, err
		}
		p.ProductIDs = make([]string, len(ids))
		for i, id := range ids {
			p.ProductIDs[i] = *id
		}
	}
	return ps, nil
}

func (r promotions) Create(ctx context.Context, p *cpq.Promotion) error {
	if p.ID == "" {
		p.ID = cpq.NewID("promo")
	}
	p.Code = cpq.NormalizeCode(p.Code)
	if err := p.Validate(); err != nil {
		return err
	}
	if err := dbErr(r.t.exec(ctx, `INSERT INTO promotions (`+plain(promotionCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Code, p.Name.EN, p.Name.JA, p.Description.EN, p.Description.JA, p.Kind, fmtDec(p.Value), p.Currency,
		p.Charge, p.DurationMonths, fmtDate(p.ValidFrom), fmtDate(p.ValidTo), p.Segment, boolInt(p.Active)), "promotion"); err != nil {
		return err
	}
	return r.saveProducts(ctx, p)
}

func (r promotions) saveProducts(ctx context.Context, p *cpq.Promotion) error {
	if err := r.t.exec(ctx, `DELETE FROM promotion_products WHERE promotion_id = ?`, p.ID); err != nil {
		return dbErr(err, "promotion")
	}
	for _, id := range p.ProductIDs {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO promotion_products (promotion_id, product_id) VALUES (?, ?)`, p.ID, id), "promotion"); err != nil {
			return err
		}
	}
	return nil
}

func (r promotions) Get(ctx context.Context, id string) (*cpq.Promotion, error) {
	p, err := getOne(ctx, r.t, "promotion", id, r.scan(), `SELECT `+promotionCols+` FROM promotions WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	_, err = r.withProducts(ctx, []*cpq.Promotion{p})
	return p, err
}

func (r promotions) List(ctx context.Context) ([]*cpq.Promotion, error) {
	ps, err := getAll(ctx, r.t, r.scan(), `SELECT `+promotionCols+` FROM promotions ORDER BY code`)
	if err != nil {
		return nil, err
	}
	return r.withProducts(ctx, ps)
}

func (r promotions) ForProduct(ctx context.Context, productID string) ([]*cpq.Promotion, error) {
	ps, err := getAll(ctx, r.t, r.scan(), `SELECT `+promotionCols+` FROM promotions
		WHERE id IN (SELECT promotion_id FROM promotion_products WHERE product_id = ?) ORDER BY code`, productID)
	if err != nil {
		return nil, err
	}
	return r.withProducts(ctx, ps)
}

func (r promotions) Update(ctx context.Context, p *cpq.Promotion) error {
	p.Code = cpq.NormalizeCode(p.Code)
	if err := p.Validate(); err != nil {
		return err
	}
	if err := r.t.execOne(ctx, "promotion", p.ID, `UPDATE promotions SET code = ?, name_en = ?, name_ja = ?,
		description_en = ?, description_ja = ?, kind = ?, value = ?, currency = ?, charge = ?, duration_months = ?,
		valid_from = ?, valid_to = ?, segment = ?, active = ? WHERE id = ?`,
		p.Code, p.Name.EN, p.Name.JA, p.Description.EN, p.Description.JA, p.Kind, fmtDec(p.Value), p.Currency, p.Charge,
		p.DurationMonths, fmtDate(p.ValidFrom), fmtDate(p.ValidTo), p.Segment, boolInt(p.Active), p.ID); err != nil {
		return err
	}
	return r.saveProducts(ctx, p)
}
