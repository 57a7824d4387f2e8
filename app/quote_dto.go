package app

// QuoteQuery lists quote versions: all, or one account's.
type QuoteQuery struct {
	AccountID string `json:"accountId"`
	Status    string `json:"status"`
	Offset    int    `json:"offset"`
	Limit     int    `json:"limit"`
}

// QuoteListItem is a quote version as listed.
type QuoteListItem struct {
	ID          string      `json:"id"`
	Number      string      `json:"number"`
	Version     int         `json:"version"`
	Name        string      `json:"name"`
	Status      string      `json:"status"`
	AccountID   string      `json:"accountId"`
	AccountName string      `json:"accountName"`
	Currency    CurrencyDTO `json:"currency"`
	ValidUntil  string      `json:"validUntil"`
	UpdatedAt   string      `json:"updatedAt"`
	Primary     bool        `json:"primary"`
}

// QuotePage is one page of quote versions.
type QuotePage struct {
	Items []QuoteListItem `json:"items"`
	Total int             `json:"total"`
}

// NewQuoteInput starts a quote.
type NewQuoteInput struct {
	AccountID     string   `json:"accountId"`
	OpportunityID string   `json:"opportunityId"`
	Name          string   `json:"name"`
	PriceListID   string   `json:"priceListId"`
	TermMonths    int      `json:"termMonths"`
	SiteIDs       []string `json:"siteIds"`
}

// QuoteHeader is a quote version's own fields.
type QuoteHeader struct {
	ID              string      `json:"id"`
	Number          string      `json:"number"`
	Version         int         `json:"version"`
	Name            string      `json:"name"`
	Status          string      `json:"status"`
	AccountID       string      `json:"accountId"`
	AccountName     string      `json:"accountName"`
	Segment         string      `json:"segment"`
	OpportunityID   string      `json:"opportunityId"`
	OpportunityName string      `json:"opportunityName"`
	PriceListID     string      `json:"priceListId"`
	Currency        CurrencyDTO `json:"currency"`
	TermMonths      int         `json:"termMonths"`
	ValidUntil      string      `json:"validUntil"`
	DiscountPct     string      `json:"discountPct"`
	Editable        bool        `json:"editable"`
	UpdatedAt       string      `json:"updatedAt"`
	Primary         bool        `json:"primary"`
	OwnerID         string      `json:"ownerId"`
}

// SiteGroupDTO is one site of a quote.
type SiteGroupDTO struct {
	ID         string `json:"id"`
	SiteID     string `json:"siteId"`
	Name       string `json:"name"`
	PostalCode string `json:"postalCode"`
	Region     string `json:"region"`
}

// QuoteLineDTO is one line of the builder's grid. A quote may have ten thousand of them, all sent when it
// opens, so a line carries only what is its own: its product's code and names are in the detail's Products,
// and what is empty or zero is left out (no parent, no discount, no such charge, no promotion, no problem).
type QuoteLineDTO struct {
	ID                string            `json:"id"`
	ParentID          string            `json:"parentId,omitempty"`
	SiteGroupID       string            `json:"siteGroupId"`
	ProductID         string            `json:"productId"`
	Depth             int               `json:"depth,omitempty"`
	Quantity          int               `json:"quantity"`
	EffectiveQuantity int               `json:"effectiveQuantity"`
	Attributes        map[string]string `json:"attributes,omitempty"`
	AttributeText     *TextDTO          `json:"attributeText,omitempty"`
	DiscountPct       string            `json:"discountPct,omitempty"`
	DiscountAmount    string            `json:"discountAmount,omitempty"`
	OneTime           string            `json:"oneTime,omitempty"`
	Monthly           string            `json:"monthly,omitempty"`
	// MonthlyAfter is the monthly amount once a promotion ends, after PromotionMonths; both only while one lasts.
	MonthlyAfter    string `json:"monthlyAfter,omitempty"`
	PromotionMonths int    `json:"promotionMonths,omitempty"`
	Yearly          string `json:"yearly,omitempty"`
	Value           string `json:"value"`
	Problems        int    `json:"problems,omitempty"`
}

// LineProductDTO is what a line shows of its product.
type LineProductDTO struct {
	Code string  `json:"code"`
	Name TextDTO `json:"name"`
	Kind string  `json:"kind"`
	// Configurable says the line has something to configure: attributes, or a bundle's components.
	Configurable bool `json:"configurable"`
}

// TaxDTO is the tax of one kind of charge at one rate.
type TaxDTO struct {
	Kind    string `json:"kind"`
	TaxCode string `json:"taxCode"`
	Rate    string `json:"rate"`
	Base    string `json:"base"`
	Tax     string `json:"tax"`
}

// TotalsDTO adds up a quote or a site.
type TotalsDTO struct {
	OneTime                string   `json:"oneTime"`
	Monthly                string   `json:"monthly"`
	Yearly                 string   `json:"yearly"`
	MonthlyAfterPromotions string   `json:"monthlyAfterPromotions"`
	Taxes                  []TaxDTO `json:"taxes"`
	OneTimeTax             string   `json:"oneTimeTax"`
	MonthlyTax             string   `json:"monthlyTax"`
	YearlyTax              string   `json:"yearlyTax"`
	OneTimeGross           string   `json:"oneTimeGross"`
	MonthlyGross           string   `json:"monthlyGross"`
	YearlyGross            string   `json:"yearlyGross"`
	TCV                    string   `json:"tcv"`
	Cost                   string   `json:"cost"`
	Margin                 string   `json:"margin"`
	MarginPct              string   `json:"marginPct"`
}

// GroupTotalsDTO is one site's totals.
type GroupTotalsDTO struct {
	SiteGroupID string    `json:"siteGroupId"`
	Totals      TotalsDTO `json:"totals"`
}

// ProblemDTO is a configuration problem on a line, in the user's language.
type ProblemDTO struct {
	LineID  string `json:"lineId"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// PriceListOption is a price list a quote can use.
type PriceListOption struct {
	ID       string      `json:"id"`
	Code     string      `json:"code"`
	Name     TextDTO     `json:"name"`
	Currency CurrencyDTO `json:"currency"`
}

// QuoteDetail is the quote builder's whole state.
type QuoteDetail struct {
	Quote      QuoteHeader    `json:"quote"`
	SiteGroups []SiteGroupDTO `json:"siteGroups"`
	Lines      []QuoteLineDTO `json:"lines"`
	// Products are the lines' products, by id.
	Products    map[string]LineProductDTO `json:"products"`
	Totals      TotalsDTO                 `json:"totals"`
	GroupTotals []GroupTotalsDTO          `json:"groupTotals"`
	Problems    []ProblemDTO              `json:"problems"`
	PriceLists  []PriceListOption         `json:"priceLists"`
	TaxRounding string                    `json:"taxRounding"`
}

// QuoteDelta is what one edit changed: the repriced lines (all of them when Full), totals and problems.
type QuoteDelta struct {
	Full  bool           `json:"full"`
	Lines []QuoteLineDTO `json:"lines"`
	// Products are the products of the lines sent, by id.
	Products    map[string]LineProductDTO `json:"products"`
	Totals      TotalsDTO                 `json:"totals"`
	GroupTotals []GroupTotalsDTO          `json:"groupTotals"`
	Problems    []ProblemDTO              `json:"problems"`
	UpdatedAt   string                    `json:"updatedAt"`
	// Status is the version's status after the edit: an edit sends an approved version back to draft.
	Status string `json:"status"`
}

// LineUpdate is an edit of one line.
type LineUpdate struct {
	QuoteID        string            `json:"quoteId"`
	LineID         string            `json:"lineId"`
	Quantity       int               `json:"quantity"`
	Attributes     map[string]string `json:"attributes"`
	DiscountPct    string            `json:"discountPct"`
	DiscountAmount string            `json:"discountAmount"`
}

// QuoteUpdate changes a quote version's own fields; empty fields are left as they are.
type QuoteUpdate struct {
	QuoteID     string `json:"quoteId"`
	Name        string `json:"name"`
	TermMonths  *int   `json:"termMonths"`
	DiscountPct string `json:"discountPct"`
	PriceListID string `json:"priceListId"`
	// ValidUntil is the new validity date (YYYY-MM-DD); empty leaves it.
	ValidUntil string `json:"validUntil"`
}

// ComponentChoice is one component line of a bundle being added.
type ComponentChoice struct {
	ProductID  string            `json:"productId"`
	Quantity   int               `json:"quantity"`
	Attributes map[string]string `json:"attributes"`
}

// AddProductInput adds one configured product (a bundle with its chosen components) to one or more sites.
type AddProductInput struct {
	QuoteID      string   `json:"quoteId"`
	ProductID    string   `json:"productId"`
	SiteGroupIDs []string `json:"siteGroupIds"`
	// ParentLineID, when set, adds the product to that bundle line (at its site) as one of its components.
	ParentLineID string            `json:"parentLineId"`
	Quantity     int               `json:"quantity"`
	Attributes   map[string]string `json:"attributes"`
	Components   []ComponentChoice `json:"components"`
}

// OfferDTO is a product in the quote's product picker: available at the site for this customer, or not and
// why.
type OfferDTO struct {
	Product   ProductSummary `json:"product"`
	Available bool           `json:"available"`
	Reasons   []string       `json:"reasons"`
}

// StepDTO is one waterfall step, labelled in the user's language.
type StepDTO struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Source  string `json:"source"`
	Amount  string `json:"amount"`
	Running string `json:"running"`
	Months  int    `json:"months"`
}

// ChargeWaterfall is one charge of a line with its steps.
type ChargeWaterfall struct {
	Kind            string    `json:"kind"`
	UnitList        string    `json:"unitList"`
	Net             string    `json:"net"`
	NetAfter        string    `json:"netAfter"`
	PromotionMonths int       `json:"promotionMonths"`
	Tax             string    `json:"tax"`
	Value           string    `json:"value"`
	Steps           []StepDTO `json:"steps"`
}

// WaterfallDTO explains a line's price.
type WaterfallDTO struct {
	Line    QuoteLineDTO      `json:"line"`
	Product LineProductDTO    `json:"product"`
	Charges []ChargeWaterfall `json:"charges"`
}
