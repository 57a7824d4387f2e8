package sales

import (
	"context"
	"encoding/json"

	"github.com/shopspring/decimal"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// SettingPricing holds the pricing settings (rounding, tax rates and rule) as JSON.
const SettingPricing = "pricing.settings"

// CatalogData reads the whole catalog: products, price lists with their entries, promotions and rules.
func (s *Service) CatalogData(ctx context.Context) (d catalog.Data, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		d, err = catalogData(ctx, tx)
		return err
	})
	return d, err
}

func catalogData(ctx context.Context, tx cpq.Tx) (catalog.Data, error) {
	var d catalog.Data
	err := func() error {
		var err error
		if d.Products, err = tx.Products().All(ctx); err != nil {
			return err
		}
		if d.PriceLists, err = tx.PriceLists().List(ctx); err != nil {
			return err
		}
		for _, l := range d.PriceLists {
			es, err := tx.PriceLists().Entries(ctx, l.ID)
			if err != nil {
				return err
			}
			d.Entries = append(d.Entries, es...)
		}
		if d.Promotions, err = tx.Promotions().List(ctx); err != nil {
			return err
		}
		d.Rules, err = tx.Rules().List(ctx)
		return err
	}()
	return d, err
}

// Catalog reads and indexes the whole catalog.
func (s *Service) Catalog(ctx context.Context) (*catalog.Catalog, error) {
	d, err := s.CatalogData(ctx)
	if err != nil {
		return nil, err
	}
	c, err := catalog.New(d)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	return c, nil
}

type settingsJSON struct {
	Rounding    cpq.RoundingMode           `json:"rounding"`
	TaxRounding pricing.TaxRounding        `json:"taxRounding"`
	TaxMode     cpq.RoundingMode           `json:"taxMode"`
	TaxRates    map[string]decimal.Decimal `json:"taxRates"`
}

// PricingSettings reads the pricing settings: Japan's defaults until an administrator changes them.
func (s *Service) PricingSettings(ctx context.Context) (ps pricing.Settings, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		ps, err = pricingSettings(ctx, tx)
		return err
	})
	return ps, err
}

func pricingSettings(ctx context.Context, tx cpq.Tx) (pricing.Settings, error) {
	v, ok, err := tx.Settings().Get(ctx, SettingPricing)
	if err != nil || !ok {
		return pricing.JapanSettings(), err
	}
	var j settingsJSON
	if err := json.Unmarshal([]byte(v), &j); err != nil {
		return pricing.Settings{}, cpq.Internal(err)
	}
	return pricing.Settings{Rounding: j.Rounding, TaxRounding: j.TaxRounding, TaxMode: j.TaxMode, TaxRates: j.TaxRates}, nil
}

// SetPricingSettings saves validated pricing settings. They change every price in the company's quotes, so
// only a director or an administrator may change them.
func (s *Service) SetPricingSettings(ctx context.Context, actor Actor, ps pricing.Settings) error {
	if actor.Role != cpq.RoleDirector && actor.Role != cpq.RoleAdmin {
		return cpq.Errorf(cpq.EUnauthorized, "pricing.settings.role")
	}
	if err := ps.Validate(); err != nil {
		return err
	}
	b, _ := json.Marshal(settingsJSON{ps.Rounding, ps.TaxRounding, ps.TaxMode, ps.TaxRates})
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Settings().Set(ctx, SettingPricing, string(b)); err != nil {
			return err
		}
		return record(ctx, tx, actor, "pricing.settings", "setting", SettingPricing, json.RawMessage(b))
	})
}
