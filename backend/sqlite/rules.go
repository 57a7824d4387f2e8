package sqlite

import (
	"context"
	"encoding/json"

	"quotewright/backend/cpq"
)

type rules struct{ t *tx }

// ruleConditions is how a rule's conditions are stored: the fields its kind uses, as JSON.
type ruleConditions struct {
	Segments       []cpq.Segment      `json:"segments,omitempty"`
	Regions        []string           `json:"regions,omitempty"`
	CreditStatuses []cpq.CreditStatus `json:"creditStatuses,omitempty"`
	CreditRatings  []string           `json:"creditRatings,omitempty"`
	AssetProducts  []string           `json:"assetProducts,omitempty"`
	ValidFrom      string             `json:"validFrom,omitempty"`
	ValidTo        string             `json:"validTo,omitempty"`
	PostalPrefixes []string           `json:"postalPrefixes,omitempty"`
	Targets        []string           `json:"targets,omitempty"`
	Scope          cpq.TierScope      `json:"scope,omitempty"`
	WithAssets     bool               `json:"withAssets,omitempty"`
}

func conditionsOf(r *cpq.Rule) ruleConditions {
	return ruleConditions{Segments: r.Segments, Regions: r.Regions, CreditStatuses: r.CreditStatuses,
		CreditRatings: r.CreditRatings, AssetProducts: r.AssetProducts, ValidFrom: fmtDate(r.ValidFrom),
		ValidTo: fmtDate(r.ValidTo), PostalPrefixes: r.PostalPrefixes, Targets: r.Targets, Scope: r.Scope,
		WithAssets: r.WithAssets}
}

func scanRule(s scanner) (*cpq.Rule, error) {
	rd := &reader{}
	var r cpq.Rule
	var products, conds string
	var active int
	if err := s.Scan(&r.ID, &r.Code, &r.Kind, &products, &conds, &r.Message.EN, &r.Message.JA, &active); err != nil {
		return nil, err
	}
	var c ruleConditions
	if err := json.Unmarshal([]byte(products), &r.Products); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(conds), &c); err != nil {
		return nil, err
	}
	r.Segments, r.Regions, r.CreditStatuses, r.CreditRatings = c.Segments, c.Regions, c.CreditStatuses, c.CreditRatings
	r.AssetProducts, r.PostalPrefixes, r.Targets, r.Scope, r.WithAssets = c.AssetProducts, c.PostalPrefixes, c.Targets, c.Scope, c.WithAssets
	r.ValidFrom, r.ValidTo, r.Active = rd.date(c.ValidFrom), rd.date(c.ValidTo), active == 1
	return &r, rd.err
}

func (x rules) Create(ctx context.Context, r *cpq.Rule) error {
	if r.ID == "" {
		r.ID = cpq.NewID("rule")
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return dbErr(x.t.exec(ctx, `INSERT INTO catalog_rules (id, code, kind, products, conditions, message_en, message_ja,
		active, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(max(position), 0) + 1 FROM catalog_rules))`,
		r.ID, r.Code, r.Kind, fmtJSON(r.Products), fmtJSON(conditionsOf(r)), r.Message.EN, r.Message.JA, boolInt(r.Active)), "rule")
}

func (x rules) List(ctx context.Context) ([]*cpq.Rule, error) {
	return getAll(ctx, x.t, scanRule, `SELECT id, code, kind, products, conditions, message_en, message_ja, active
		FROM catalog_rules ORDER BY position`)
}

func (x rules) Update(ctx context.Context, r *cpq.Rule) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return x.t.execOne(ctx, "rule", r.ID, `UPDATE catalog_rules SET code = ?, kind = ?, products = ?, conditions = ?,
		message_en = ?, message_ja = ?, active = ? WHERE id = ?`, r.Code, r.Kind, fmtJSON(r.Products),
		fmtJSON(conditionsOf(r)), r.Message.EN, r.Message.JA, boolInt(r.Active), r.ID)
}

func (x rules) Delete(ctx context.Context, id string) error {
	return x.t.execOne(ctx, "rule", id, `DELETE FROM catalog_rules WHERE id = ?`, id)
}
