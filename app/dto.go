package app

import (
	"time"

	"quotewright/backend/cpq"
)

// The DTOs are the frontend's view of the domain. Money travels as decimal strings, calendar dates as
// YYYY-MM-DD and instants as RFC 3339 in UTC; the frontend formats them in the user's locale and time zone.

// TextDTO is a string in both languages.
type TextDTO struct {
	EN string `json:"en"`
	JA string `json:"ja"`
}

func textDTO(t cpq.Text) TextDTO { return TextDTO{EN: t.EN, JA: t.JA} }

// CurrencyDTO is a currency with its minor units, so amounts are shown with the right number of decimals.
type CurrencyDTO struct {
	Code       string `json:"code"`
	MinorUnits int    `json:"minorUnits"`
}

func currencyDTO(code string) CurrencyDTO {
	c, err := cpq.LookupCurrency(code)
	if err != nil {
		return CurrencyDTO{Code: code}
	}
	return CurrencyDTO{Code: c.Code, MinorUnits: int(c.MinorUnits)}
}

func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// UserDTO is a local profile.
type UserDTO struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Role      string `json:"role"`
	Region    string `json:"region"`
	ManagerID string `json:"managerId"`
	Technical bool   `json:"technical"` // fills orders' technical values
}

func userDTO(u *cpq.User) UserDTO {
	return UserDTO{ID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role), Region: u.Region, ManagerID: u.ManagerID,
		Technical: u.Technical}
}

// AccountSummary is an account as listed.
type AccountSummary struct {
	ID           string `json:"id"`
	Number       string `json:"number"`
	Segment      string `json:"segment"`
	Name         string `json:"name"`
	NameKana     string `json:"nameKana"`
	AltName      string `json:"altName"`
	Industry     string `json:"industry"`
	Region       string `json:"region"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	CreditStatus string `json:"creditStatus"`
}

func accountSummary(a *cpq.Account) AccountSummary {
	return AccountSummary{ID: a.ID, Number: a.Number, Segment: string(a.Segment), Name: a.Name, NameKana: a.NameKana,
		AltName: a.AltName, Industry: a.Industry, Region: a.Region, Email: a.Email, Phone: a.Phone,
		CreditStatus: string(a.Credit.Status)}
}

// AccountPage is one page of an account search.
type AccountPage struct {
	Items []AccountSummary `json:"items"`
	Total int              `json:"total"`
}

// AccountQuery is an account search.
type AccountQuery struct {
	Query   string `json:"query"`
	Segment string `json:"segment"`
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"`
}

// AccountDTO is an account whole.
type AccountDTO struct {
	AccountSummary
	Employees          int       `json:"employees"`
	RegistrationNumber string    `json:"registrationNumber"`
	OwnerID            string    `json:"ownerId"`
	Credit             CreditDTO `json:"credit"`
	CreatedAt          string    `json:"createdAt"`
	UpdatedAt          string    `json:"updatedAt"`
}

// CreditDTO is the account's latest credit check.
type CreditDTO struct {
	Status    string      `json:"status"`
	Rating    string      `json:"rating"`
	Limit     string      `json:"limit"`
	Currency  CurrencyDTO `json:"currency"`
	CheckedAt string      `json:"checkedAt"`
	Provider  string      `json:"provider"`
	Reference string      `json:"reference"`
	Error     string      `json:"error"`   // why the last attempt got no answer
	RetryAt   string      `json:"retryAt"` // when a pending check is tried again; empty when a person must retry
	Attempts  int         `json:"attempts"`
}

// AccountInput is what the account form sends; ID is empty for a new account.
type AccountInput struct {
	ID                 string `json:"id"`
	Segment            string `json:"segment"`
	Name               string `json:"name"`
	NameKana           string `json:"nameKana"`
	AltName            string `json:"altName"`
	Industry           string `json:"industry"`
	Employees          int    `json:"employees"`
	Email              string `json:"email"`
	Phone              string `json:"phone"`
	Region             string `json:"region"`
	RegistrationNumber string `json:"registrationNumber"`
}

// ContactDTO is a person at an account.
type ContactDTO struct {
	ID        string `json:"id"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	FullName  string `json:"fullName"`
	Title     string `json:"title"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Primary   bool   `json:"primary"`
}

// ContactInput is what the contact form sends.
type ContactInput struct {
	AccountID string `json:"accountId"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Title     string `json:"title"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Primary   bool   `json:"primary"`
}

// SiteDTO is a service location.
type SiteDTO struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	City       string `json:"city"`
	PostalCode string `json:"postalCode"`
	Region     string `json:"region"`
	Country    string `json:"country"`
}

// SiteInput is what the site form sends.
type SiteInput struct {
	AccountID  string `json:"accountId"`
	Name       string `json:"name"`
	Address    string `json:"address"`
	City       string `json:"city"`
	PostalCode string `json:"postalCode"`
	Region     string `json:"region"`
	Country    string `json:"country"`
}

// OpportunitySummary is a deal as listed on its account.
type OpportunitySummary struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Stage       string      `json:"stage"`
	CloseDate   string      `json:"closeDate"`
	Probability int         `json:"probability"`
	Amount      string      `json:"amount"`
	Currency    CurrencyDTO `json:"currency"`
}

// QuoteSummary is a quote version as listed on its account.
type QuoteSummary struct {
	ID         string      `json:"id"`
	Number     string      `json:"number"`
	Version    int         `json:"version"`
	Name       string      `json:"name"`
	Status     string      `json:"status"`
	Currency   CurrencyDTO `json:"currency"`
	ValidUntil string      `json:"validUntil"`
	UpdatedAt  string      `json:"updatedAt"`
}

// OrderSummary is an order as listed on its account.
type OrderSummary struct {
	ID        string `json:"id"`
	Number    string `json:"number"`
	Status    string `json:"status"`
	Sync      string `json:"sync"`
	LastError string `json:"lastError"`
	Fallout   string `json:"fallout"`
	CreatedAt string `json:"createdAt"`
}

// AssetSummary is a product the customer has.
type AssetSummary struct {
	ID          string  `json:"id"`
	ProductID   string  `json:"productId"`
	ProductName TextDTO `json:"productName"`
	SiteID      string  `json:"siteId"`
	SiteName    string  `json:"siteName"`
	ParentID    string  `json:"parentId"`
	Detail      TextDTO `json:"detail"` // the configuration in words
	// Attributes is the configuration as codes, for a change order to start from.
	Attributes map[string]string `json:"attributes"`
	Status     string            `json:"status"`
	Quantity   int               `json:"quantity"`
	Recurring  string            `json:"recurring"`
	Currency   CurrencyDTO       `json:"currency"`
	StartDate  string            `json:"startDate"`
}

// HistoryEntry is one audit entry of an object.
type HistoryEntry struct {
	Seq       int64  `json:"seq"`
	At        string `json:"at"`
	ActorName string `json:"actorName"`
	Action    string `json:"action"`
	Data      string `json:"data"`
}

// AccountDetail is the account page.
type AccountDetail struct {
	Account       AccountDTO           `json:"account"`
	Owner         *UserDTO             `json:"owner"`
	Contacts      []ContactDTO         `json:"contacts"`
	Sites         []SiteDTO            `json:"sites"`
	Opportunities []OpportunitySummary `json:"opportunities"`
	Quotes        []QuoteSummary       `json:"quotes"`
	Orders        []OrderSummary       `json:"orders"`
	Assets        []AssetSummary       `json:"assets"`
	History       []HistoryEntry       `json:"history"`
}

// ProductQuery is a catalog search.
type ProductQuery struct {
	Query  string `json:"query"`
	Family string `json:"family"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}

// ProductSummary is a product as listed in the catalog.
type ProductSummary struct {
	ID          string  `json:"id"`
	Code        string  `json:"code"`
	Kind        string  `json:"kind"`
	Family      string  `json:"family"`
	Name        TextDTO `json:"name"`
	Description TextDTO `json:"description"`
	Status      string  `json:"status"`
}

func productSummary(p *cpq.Product) ProductSummary {
	return ProductSummary{ID: p.ID, Code: p.Code, Kind: string(p.Kind), Family: p.Family, Name: textDTO(p.Name),
		Description: textDTO(p.Description), Status: string(p.Status)}
}

// ProductPage is one page of a catalog search with the families to filter by.
type ProductPage struct {
	Items    []ProductSummary `json:"items"`
	Total    int              `json:"total"`
	Families []string         `json:"families"`
}

// AttributeDTO is a configurable attribute.
type AttributeDTO struct {
	Code     string              `json:"code"`
	Name     TextDTO             `json:"name"`
	Type     string              `json:"type"`
	Required bool                `json:"required"`
	Default  string              `json:"default"`
	Values   []AttributeValueDTO `json:"values"`
}

// AttributeValueDTO is one allowed value.
type AttributeValueDTO struct {
	Code string  `json:"code"`
	Name TextDTO `json:"name"`
}

// ComponentDTO is a bundle's child product with its cardinality.
type ComponentDTO struct {
	Product ProductSummary `json:"product"`
	Min     int            `json:"min"`
	Max     int            `json:"max"`
	Default int            `json:"default"`
}

// TechnicalAttributeDTO is a value an order for the product needs.
type TechnicalAttributeDTO struct {
	Code    string  `json:"code"`
	Name    TextDTO `json:"name"`
	Pattern string  `json:"pattern"`
}

// PriceDTO is one price of a product in a price list.
type PriceDTO struct {
	Charge         string `json:"charge"`
	Period         string `json:"period"`
	Amount         string `json:"amount"`
	Cost           string `json:"cost"`
	TermMonths     int    `json:"termMonths"`
	Attribute      string `json:"attribute"`
	AttributeValue string `json:"attributeValue"`
	// Condition names the attribute and value in both languages, for adjustments.
	Condition   TextDTO `json:"condition"`
	MinQuantity int     `json:"minQuantity"`
}

// PriceListPrices is a price list with the product's prices in it.
type PriceListPrices struct {
	ID       string      `json:"id"`
	Code     string      `json:"code"`
	Name     TextDTO     `json:"name"`
	Currency CurrencyDTO `json:"currency"`
	Prices   []PriceDTO  `json:"prices"`
}

// PromotionDTO is an offer on the product.
type PromotionDTO struct {
	Code           string      `json:"code"`
	Name           TextDTO     `json:"name"`
	Description    TextDTO     `json:"description"`
	Kind           string      `json:"kind"`
	Value          string      `json:"value"`
	Currency       CurrencyDTO `json:"currency"`
	Charge         string      `json:"charge"`
	DurationMonths int         `json:"durationMonths"`
	ValidFrom      string      `json:"validFrom"`
	ValidTo        string      `json:"validTo"`
	Segment        string      `json:"segment"`
}

// ProductDetail is the catalog's product page.
type ProductDetail struct {
	Product             ProductSummary          `json:"product"`
	EffectiveFrom       string                  `json:"effectiveFrom"`
	EffectiveTo         string                  `json:"effectiveTo"`
	Attributes          []AttributeDTO          `json:"attributes"`
	Components          []ComponentDTO          `json:"components"`
	PartOf              []ProductSummary        `json:"partOf"`
	TechnicalAttributes []TechnicalAttributeDTO `json:"technicalAttributes"`
	PriceLists          []PriceListPrices       `json:"priceLists"`
	Promotions          []PromotionDTO          `json:"promotions"`
}

// SessionInfo is what the frontend needs at start and after a change of language or profile.
type SessionInfo struct {
	Version string    `json:"version"`
	Mode    string    `json:"mode"`
	DBPath  string    `json:"dbPath"`
	Schema  int       `json:"schema"`
	Lang    string    `json:"lang"`
	User    *UserDTO  `json:"user"`
	Users   []UserDTO `json:"users"`
	// Authority is what the signed-in user's role may accept without approval.
	Authority *AuthorityDTO `json:"authority"`
}

// AuditStatus is the result of verifying the audit log.
type AuditStatus struct {
	Intact   bool   `json:"intact"`
	Count    int64  `json:"count"`
	BrokenAt int64  `json:"brokenAt"`
	Problem  string `json:"problem"`
	Head     string `json:"head"`
}
