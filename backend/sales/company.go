package sales

import (
	"context"
	"encoding/json"
	"strings"

	"quotewright/backend/cpq"
)

// SettingCompany holds the company profile (the seller on every document) as JSON.
const SettingCompany = "company.profile"

type companyJSON struct {
	Name               cpq.Text `json:"name"`
	Address            cpq.Text `json:"address"`
	Phone              string   `json:"phone"`
	Email              string   `json:"email"`
	RegistrationNumber string   `json:"registrationNumber"`
	Logo               []byte   `json:"logo,omitempty"` // base64 in the JSON
}

// Company reads the company profile; an empty profile until one is saved.
func (s *Service) Company(ctx context.Context) (c cpq.Company, err error) {
	v, ok, err := s.Setting(ctx, SettingCompany)
	if err != nil || !ok {
		return c, err
	}
	return parseCompany(v)
}

// parseCompany reads the stored form of a company profile.
func parseCompany(v string) (cpq.Company, error) {
	var j companyJSON
	if err := json.Unmarshal([]byte(v), &j); err != nil {
		return cpq.Company{}, cpq.Internal(err)
	}
	return cpq.Company{Name: j.Name, Address: j.Address, Phone: j.Phone, Email: j.Email,
		RegistrationNumber: j.RegistrationNumber, Logo: j.Logo}, nil
}

// SetCompany saves the company profile. It heads every quote and contract issued, so only a director or an
// administrator may change it.
func (s *Service) SetCompany(ctx context.Context, actor Actor, c cpq.Company) error {
	if actor.Role != cpq.RoleDirector && actor.Role != cpq.RoleAdmin {
		return cpq.Errorf(cpq.EUnauthorized, "company.role")
	}
	c.Name = cpq.Text{EN: cpq.CleanText(c.Name.EN), JA: cpq.CleanText(c.Name.JA)}
	c.Address = cpq.Text{EN: strings.TrimSpace(c.Address.EN), JA: strings.TrimSpace(c.Address.JA)}
	c.Phone, c.Email = cpq.CleanText(c.Phone), cpq.CleanText(c.Email)
	c.RegistrationNumber = strings.ToUpper(strings.ReplaceAll(cpq.CleanText(c.RegistrationNumber), "-", ""))
	if err := c.Validate(); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx cpq.Tx) error {
		if err := tx.Settings().Set(ctx, SettingCompany, CompanyJSON(c)); err != nil {
			return err
		}
		return record(ctx, tx, actor, "company.updated", "setting", SettingCompany, map[string]any{"name": c.Name,
			"registrationNumber": c.RegistrationNumber, "logoBytes": len(c.Logo)})
	})
}

// CompanyJSON is the stored form of a company profile.
func CompanyJSON(c cpq.Company) string {
	b, _ := json.Marshal(companyJSON{c.Name, c.Address, c.Phone, c.Email, c.RegistrationNumber, c.Logo})
	return string(b)
}
