package cpq

import (
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// CreditStatus is the outcome of the account's latest credit check.
type CreditStatus string

const (
	CreditUnchecked CreditStatus = "unchecked" // never checked: no order or quote may be presented yet
	CreditPending   CreditStatus = "pending"   // a check is due or the provider could not be reached; retried
	CreditApproved  CreditStatus = "approved"
	CreditReview    CreditStatus = "review" // a person must look before business goes ahead
	CreditDeclined  CreditStatus = "declined"
)

// CreditTransitions: a check always passes through pending (asked, not answered), so a provider that is down
// can never leave an account approved by default.
var CreditTransitions = Transitions[CreditStatus]{Entity: "credit", Next: map[CreditStatus][]CreditStatus{
	CreditUnchecked: {CreditPending},
	CreditPending:   {CreditPending, CreditApproved, CreditReview, CreditDeclined},
	CreditApproved:  {CreditPending},
	CreditReview:    {CreditPending, CreditApproved, CreditDeclined},
	CreditDeclined:  {CreditPending},
}}

// Account is a customer: a company (business) or a person (consumer).
type Account struct {
	ID       string
	Number   string // human-facing, e.g. "A-000123"
	Segment  Segment
	Name     string // company name, or the consumer's full name
	NameKana string // reading (フリガナ), used to sort and find Japanese names
	// AltName is the name in the other script: the English name of a Japanese company, or the reverse.
	AltName   string
	Industry  string
	Employees int
	Email     string
	Phone     string
	Region    string
	// RegistrationNumber is the company's registration (e.g. Japan's corporate number); optional.
	RegistrationNumber string
	OwnerID            string
	Credit             CreditCheck
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// CreditCheck is the latest credit result held on the account.
type CreditCheck struct {
	Status    CreditStatus
	Rating    string          // provider's grade, e.g. "A", "B", "C"
	Limit     decimal.Decimal // credit limit in the account's currency; zero when none
	Currency  string
	CheckedAt time.Time // zero until a provider answered
	Provider  string
	Reference string // the provider's own reference for the check
	// Error is why the last attempt did not get an answer; RetryAt when it is tried again; Attempts how many
	// attempts failed in a row. All three are cleared by an answer.
	Error    string
	RetryAt  time.Time
	Attempts int
}

// Validate checks an account before it is saved.
func (a *Account) Validate() error {
	v := Validation{Key: "account.invalid"}
	if !a.Segment.Valid() {
		v.Add("segment", "segment.invalid", "value", string(a.Segment))
	}
	v.Require("name", a.Name, "account.name.required")
	if len([]rune(a.Name)) > 200 {
		v.Add("name", "field.tooLong", "max", "200")
	}
	if a.Email != "" && !looksLikeEmail(a.Email) {
		v.Add("email", "email.invalid", "value", a.Email)
	}
	if a.Phone != "" && !looksLikePhone(a.Phone) {
		v.Add("phone", "phone.invalid", "value", a.Phone)
	}
	if a.Employees < 0 {
		v.Add("employees", "account.employees.negative")
	}
	if !CreditTransitions.Known(a.Credit.Status) {
		v.Add("credit", "state.unknown", "entity", "@entity.credit", "state", string(a.Credit.Status))
	}
	return v.Err()
}

// Contact is a person at an account.
type Contact struct {
	ID        string
	AccountID string
	FirstName string
	LastName  string
	Title     string
	Email     string
	Phone     string
	Primary   bool
	CreatedAt time.Time
}

// FullName writes a Japanese name family name first ("山田 太郎") and any other given name first.
func (c *Contact) FullName() string {
	if isJapanese(c.LastName) {
		return strings.TrimSpace(c.LastName + " " + c.FirstName)
	}
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

var japaneseScript = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)

func isJapanese(s string) bool { return japaneseScript.MatchString(s) }

// Validate checks a contact before it is saved.
func (c *Contact) Validate() error {
	v := Validation{Key: "contact.invalid"}
	v.Require("accountId", c.AccountID, "contact.account.required")
	v.Require("lastName", c.LastName, "contact.lastName.required")
	if c.Email != "" && !looksLikeEmail(c.Email) {
		v.Add("email", "email.invalid", "value", c.Email)
	}
	if c.Phone != "" && !looksLikePhone(c.Phone) {
		v.Add("phone", "phone.invalid", "value", c.Phone)
	}
	return v.Err()
}

// Site is a service location of an account: where lines are installed and products must be available.
type Site struct {
	ID         string
	AccountID  string
	Name       string
	Address    string
	City       string
	PostalCode string
	Region     string // prefecture or state; availability rules match on it
	Country    string // ISO 3166-1 alpha-2
	CreatedAt  time.Time
}

// jpPostal is Japan's 7-digit postal code, written 123-4567.
var jpPostal = regexp.MustCompile(`^\d{3}-?\d{4}$`)

// NormalizePostalCode writes a Japanese postal code as 123-4567 and leaves other countries' codes trimmed.
func NormalizePostalCode(country, code string) string {
	code = strings.TrimSpace(code)
	if strings.EqualFold(country, "JP") && jpPostal.MatchString(code) {
		digits := strings.ReplaceAll(code, "-", "")
		return digits[:3] + "-" + digits[3:]
	}
	return code
}

// Validate checks a site before it is saved.
func (s *Site) Validate() error {
	v := Validation{Key: "site.invalid"}
	v.Require("accountId", s.AccountID, "site.account.required")
	v.Require("name", s.Name, "site.name.required")
	v.Require("postalCode", s.PostalCode, "site.postalCode.required")
	v.Require("region", s.Region, "site.region.required")
	if !IsCountry(s.Country) {
		v.Add("country", "site.country.invalid", "value", s.Country)
	}
	if s.Country == "JP" && s.Region != "" && !IsPrefecture(s.Region) {
		v.Add("region", "site.region.prefecture", "value", s.Region)
	}
	if strings.EqualFold(s.Country, "JP") && s.PostalCode != "" && !jpPostal.MatchString(strings.TrimSpace(s.PostalCode)) {
		v.Add("postalCode", "site.postalCode.jp", "value", s.PostalCode)
	}
	return v.Err()
}
