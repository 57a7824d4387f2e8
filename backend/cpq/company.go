package cpq

import (
	"net/http"
	"regexp"
)

// Company is the seller: who quotes and contracts are issued by. Its name and address are in both languages
// (documents are printed in the quote's), its registration number is Japan's qualified-invoice registration
// number (T and 13 digits), and its logo heads every document.
type Company struct {
	Name               Text
	Address            Text
	Phone              string
	Email              string
	RegistrationNumber string // "T" + 13 digits; empty until registered
	Logo               []byte // PNG or JPEG
}

// MaxLogoBytes bounds the logo: it is embedded in every document issued.
const MaxLogoBytes = 512 << 10

var invoiceNumber = regexp.MustCompile(`^T[0-9]{13}$`)

// LogoType is the logo's MIME type, "image/png" or "image/jpeg"; empty without a logo.
func (c *Company) LogoType() string {
	if len(c.Logo) == 0 {
		return ""
	}
	return http.DetectContentType(c.Logo)
}

// Validate checks the company profile before it is saved.
func (c *Company) Validate() error {
	v := Validation{Key: "company.invalid"}
	if c.Name.IsZero() {
		v.Add("name", "company.name.required")
	}
	if c.RegistrationNumber != "" && !invoiceNumber.MatchString(c.RegistrationNumber) {
		v.Add("registrationNumber", "company.registration.format", "value", c.RegistrationNumber)
	}
	if c.Email != "" && !looksLikeEmail(c.Email) {
		v.Add("email", "email.invalid", "value", c.Email)
	}
	if c.Phone != "" && !looksLikePhone(c.Phone) {
		v.Add("phone", "phone.invalid", "value", c.Phone)
	}
	if len(c.Logo) > MaxLogoBytes {
		v.Add("logo", "company.logo.size", "max", "512 KB")
	} else if t := c.LogoType(); t != "" && (t != "image/png" && t != "image/jpeg" || !readableImage(c.Logo, "png", "jpeg")) {
		v.Add("logo", "company.logo.type")
	}
	return v.Err()
}
