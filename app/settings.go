package app

import (
	"encoding/base64"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// EventPricingChanged is emitted after the pricing settings change: every price shown is to be read again.
const EventPricingChanged = "pricing:changed"

// SettingsService holds the company-wide settings: how prices and tax are rounded, and the tax rates.
type SettingsService struct{ s *Services }

// PricingSettingsDTO is the pricing settings as the settings screen shows and edits them.
type PricingSettingsDTO struct {
	// Rounding brings line amounts to the currency's minor units: half_up, half_even, down or up.
	Rounding string `json:"rounding"`
	// TaxRounding is "line" (each line's tax rounded) or "document" (once per rate per quote: Japan's
	// qualified-invoice rule); TaxMode is how tax is rounded.
	TaxRounding string       `json:"taxRounding"`
	TaxMode     string       `json:"taxMode"`
	TaxRates    []TaxRateDTO `json:"taxRates"`
	// CanEdit says whether the signed-in profile may change them.
	CanEdit bool `json:"canEdit"`
}

// TaxRateDTO is one tax code's rate in percent, as a decimal string.
type TaxRateDTO struct {
	Code string `json:"code"`
	Rate string `json:"rate"`
}

// Pricing returns the pricing settings.
func (svc *SettingsService) Pricing() (PricingSettingsDTO, error) {
	set, err := svc.s.sales.PricingSettings(svc.s.ctx)
	if err != nil {
		return PricingSettingsDTO{}, err
	}
	d := PricingSettingsDTO{Rounding: string(set.Rounding), TaxRounding: string(set.TaxRounding), TaxMode: string(set.TaxMode),
		TaxRates: []TaxRateDTO{}}
	for code, rate := range set.TaxRates {
		d.TaxRates = append(d.TaxRates, TaxRateDTO{Code: code, Rate: rate.String()})
	}
	// The catalog's own order: standard, reduced, exempt, then any others by code.
	order := map[string]int{cpq.TaxStandard: 0, cpq.TaxReduced: 1, cpq.TaxExempt: 2}
	sort.Slice(d.TaxRates, func(i, j int) bool {
		a, b := d.TaxRates[i].Code, d.TaxRates[j].Code
		oa, ka := order[a]
		ob, kb := order[b]
		if ka != kb {
			return ka
		}
		if oa != ob {
			return oa < ob
		}
		return a < b
	})
	if actor, err := svc.s.actor(); err == nil {
		d.CanEdit = actor.Role == cpq.RoleDirector || actor.Role == cpq.RoleAdmin
	}
	return d, nil
}

// SetPricing saves new pricing settings; quotes open in the builder are priced again with them.
func (svc *SettingsService) SetPricing(in PricingSettingsDTO) (PricingSettingsDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return PricingSettingsDTO{}, err
	}
	set := pricing.Settings{Rounding: cpq.RoundingMode(in.Rounding), TaxRounding: pricing.TaxRounding(in.TaxRounding),
		TaxMode: cpq.RoundingMode(in.TaxMode), TaxRates: map[string]decimal.Decimal{}}
	v := cpq.Validation{Key: "pricing.settings.invalid"}
	for _, r := range in.TaxRates {
		rate, err := decimal.NewFromString(strings.TrimSpace(r.Rate))
		if err != nil {
			v.Add("taxRates."+r.Code, "pricing.taxRate.number", "code", r.Code, "value", r.Rate)
			continue
		}
		set.TaxRates[r.Code] = rate
	}
	if err := v.Err(); err != nil {
		return PricingSettingsDTO{}, err
	}
	if err := svc.s.sales.SetPricingSettings(svc.s.ctx, actor, set); err != nil {
		return PricingSettingsDTO{}, err
	}
	svc.s.Quotes.forget()
	svc.s.rt.Emit(EventPricingChanged)
	return svc.Pricing()
}

// CompanyDTO is the seller's profile as the settings screen edits it; the logo travels as a data URL.
type CompanyDTO struct {
	NameEN             string `json:"nameEn"`
	NameJA             string `json:"nameJa"`
	AddressEN          string `json:"addressEn"`
	AddressJA          string `json:"addressJa"`
	Phone              string `json:"phone"`
	Email              string `json:"email"`
	RegistrationNumber string `json:"registrationNumber"`
	Logo               string `json:"logo"` // data:image/png;base64,… or empty
	CanEdit            bool   `json:"canEdit"`
}

// Company returns the company profile printed on quotes and contracts.
func (svc *SettingsService) Company() (CompanyDTO, error) {
	c, err := svc.s.sales.Company(svc.s.ctx)
	if err != nil {
		return CompanyDTO{}, err
	}
	d := CompanyDTO{NameEN: c.Name.EN, NameJA: c.Name.JA, AddressEN: c.Address.EN, AddressJA: c.Address.JA, Phone: c.Phone,
		Email: c.Email, RegistrationNumber: c.RegistrationNumber}
	if t := c.LogoType(); t != "" {
		d.Logo = "data:" + t + ";base64," + base64.StdEncoding.EncodeToString(c.Logo)
	}
	if actor, err := svc.s.actor(); err == nil {
		d.CanEdit = actor.Role == cpq.RoleDirector || actor.Role == cpq.RoleAdmin
	}
	return d, nil
}

// SetCompany saves the company profile (directors and administrators).
func (svc *SettingsService) SetCompany(d CompanyDTO) (CompanyDTO, error) {
	actor, err := svc.s.actor()
	if err != nil {
		return CompanyDTO{}, err
	}
	c := cpq.Company{Name: cpq.Text{EN: d.NameEN, JA: d.NameJA}, Address: cpq.Text{EN: d.AddressEN, JA: d.AddressJA},
		Phone: d.Phone, Email: d.Email, RegistrationNumber: d.RegistrationNumber}
	if d.Logo != "" {
		_, data, ok := strings.Cut(d.Logo, ";base64,")
		if !ok {
			return CompanyDTO{}, cpq.Errorf(cpq.EInvalid, "company.logo.type")
		}
		if c.Logo, err = base64.StdEncoding.DecodeString(data); err != nil {
			return CompanyDTO{}, cpq.Errorf(cpq.EInvalid, "company.logo.type")
		}
	}
	if err := svc.s.sales.SetCompany(svc.s.ctx, actor, c); err != nil {
		return CompanyDTO{}, err
	}
	return svc.Company()
}
