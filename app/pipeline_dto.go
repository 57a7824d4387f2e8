package app

// DTOs of the pipeline: leads, opportunities, approvals and the inbox.

// LeadDTO is a lead as listed and edited.
type LeadDTO struct {
	ID                     string `json:"id"`
	Segment                string `json:"segment"`
	Company                string `json:"company"`
	FirstName              string `json:"firstName"`
	LastName               string `json:"lastName"`
	Name                   string `json:"name"` // the company, else the person
	Email                  string `json:"email"`
	Phone                  string `json:"phone"`
	Region                 string `json:"region"`
	Source                 string `json:"source"`
	Status                 string `json:"status"`
	OwnerID                string `json:"ownerId"`
	OwnerName              string `json:"ownerName"`
	AssignedBy             string `json:"assignedBy"`
	ConvertedAccountID     string `json:"convertedAccountId"`
	ConvertedOpportunityID string `json:"convertedOpportunityId"`
	CreatedAt              string `json:"createdAt"`
}

// LeadQuery is a lead search; Mine keeps the signed-in user's leads.
type LeadQuery struct {
	Query  string `json:"query"`
	Status string `json:"status"`
	Mine   bool   `json:"mine"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}

// LeadPage is one page of leads.
type LeadPage struct {
	Items []LeadDTO `json:"items"`
	Total int       `json:"total"`
}

// LeadInput is what the lead form sends; ID is empty for a new lead, OwnerID empty to let the rules assign.
type LeadInput struct {
	ID        string `json:"id"`
	Segment   string `json:"segment"`
	Company   string `json:"company"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Region    string `json:"region"`
	Source    string `json:"source"`
	OwnerID   string `json:"ownerId"`
	Status    string `json:"status"`
}

// LeadMatchDTO is an account the lead may already be.
type LeadMatchDTO struct {
	Account AccountSummary `json:"account"`
	On      []string       `json:"on"` // name, email, phone
}

// LeadDetail is a lead with the accounts it may duplicate and its history.
type LeadDetail struct {
	Lead    LeadDTO        `json:"lead"`
	Matches []LeadMatchDTO `json:"matches"`
	History []HistoryEntry `json:"history"`
}

// RefusedRowDTO is a row of an imported file that was not saved, and why.
type RefusedRowDTO struct {
	Line     int      `json:"line"`
	Values   []string `json:"values"`
	Problems []string `json:"problems"`
}

// LeadImportDTO is what an import did.
type LeadImportDTO struct {
	Created int             `json:"created"`
	Refused []RefusedRowDTO `json:"refused"`
	Leads   []LeadDTO       `json:"leads"`
}

// ConvertInput is a conversion: link to LinkAccountID, or make an account.
type ConvertInput struct {
	LeadID          string `json:"leadId"`
	LinkAccountID   string `json:"linkAccountId"`
	OpportunityName string `json:"opportunityName"`
	CloseDate       string `json:"closeDate"`
}

// ConvertedDTO says what a conversion made.
type ConvertedDTO struct {
	AccountID     string `json:"accountId"`
	OpportunityID string `json:"opportunityId"`
	Linked        bool   `json:"linked"`
}

// OpportunityDTO is an opportunity on the board.
type OpportunityDTO struct {
	OpportunitySummary
	AccountID      string `json:"accountId"`
	AccountName    string `json:"accountName"`
	OwnerID        string `json:"ownerId"`
	OwnerName      string `json:"ownerName"`
	PrimaryQuoteID string `json:"primaryQuoteId"`
	Weighted       string `json:"weighted"` // amount × probability
}

// PipelineCell is the pipeline's amount in one stage for the month deals close.
type PipelineCell struct {
	Stage    string `json:"stage"`
	Month    string `json:"month"` // YYYY-MM
	Amount   string `json:"amount"`
	Weighted string `json:"weighted"`
	Count    int    `json:"count"`
}

// PipelineDTO is the board and the chart: opportunities by stage, and amounts by stage and close month (JPY).
type PipelineDTO struct {
	Stages        []string         `json:"stages"`
	Opportunities []OpportunityDTO `json:"opportunities"`
	Months        []string         `json:"months"`
	Chart         []PipelineCell   `json:"chart"`
	Currency      CurrencyDTO      `json:"currency"`
}

// OpportunityInput creates an opportunity.
type OpportunityInput struct {
	AccountID string `json:"accountId"`
	Name      string `json:"name"`
	Stage     string `json:"stage"`
	CloseDate string `json:"closeDate"`
}

// OpportunityUpdate edits an opportunity; empty fields (and a negative probability) are left as they are.
type OpportunityUpdate struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Stage       string `json:"stage"`
	CloseDate   string `json:"closeDate"`
	Probability int    `json:"probability"`
}

// OpportunityDetail is an opportunity with its quotes.
type OpportunityDetail struct {
	Opportunity OpportunityDTO   `json:"opportunity"`
	Quotes      []QuoteListItem  `json:"quotes"`
	Stages      []string         `json:"stages"`
	History     []HistoryEntry   `json:"history"`
	Sites       []SiteDTO        `json:"sites"`
	Segment     string           `json:"segment"`
	Others      []OpportunityDTO `json:"others"`
}

// ReasonDTO is why a quote needs approval, in the user's language.
type ReasonDTO struct {
	Text   string `json:"text"`
	Line   int    `json:"line"`
	LineID string `json:"lineId"`
	Level  string `json:"level"`
}

// ApprovalDTO is one approval request.
type ApprovalDTO struct {
	ID            string      `json:"id"`
	QuoteID       string      `json:"quoteId"`
	Level         string      `json:"level"`
	Status        string      `json:"status"`
	Reasons       []ReasonDTO `json:"reasons"`
	RequestedBy   string      `json:"requestedBy"`
	RequestedAt   string      `json:"requestedAt"`
	Note          string      `json:"note"`
	ApproverName  string      `json:"approverName"`
	Comment       string      `json:"comment"`
	DecidedAt     string      `json:"decidedAt"`
	ContentHash   string      `json:"contentHash"`
	CoversCurrent bool        `json:"coversCurrent"` // given for the version's content as it is now
}

// QuoteApprovalDTO is where a quote version stands with the approval policy.
type QuoteApprovalDTO struct {
	Needed    bool          `json:"needed"`
	Level     string        `json:"level"`
	Reasons   []ReasonDTO   `json:"reasons"`
	Approvals []ApprovalDTO `json:"approvals"`
	Valid     bool          `json:"valid"` // an approval covers the content as it is now
	Hash      string        `json:"hash"`
	Problems  int           `json:"problems"`
	Credit    string        `json:"credit"`
	// Actions lists what the signed-in user may do now: submit, present, accept, reject, revise, copy, primary.
	Actions  []string        `json:"actions"`
	Primary  bool            `json:"primary"`
	Versions []QuoteListItem `json:"versions"`
	// PendingID is the request waiting for a decision, if any.
	PendingID string `json:"pendingId"`
}

// InboxApprovalDTO is a request in an approver's inbox, with the figures to decide on.
type InboxApprovalDTO struct {
	Approval    ApprovalDTO `json:"approval"`
	QuoteNumber string      `json:"quoteNumber"`
	Version     int         `json:"version"`
	QuoteName   string      `json:"quoteName"`
	AccountName string      `json:"accountName"`
	Requester   string      `json:"requester"`
	Totals      TotalsDTO   `json:"totals"`
	Currency    CurrencyDTO `json:"currency"`
	TermMonths  int         `json:"termMonths"`
	DiscountPct string      `json:"discountPct"`
	Changed     bool        `json:"changed"` // the quote changed since the request: deciding will void it
}

// NotificationDTO is an inbox entry, in the user's language.
type NotificationDTO struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	Entity    string `json:"entity"`
	EntityID  string `json:"entityId"`
	CreatedAt string `json:"createdAt"`
	Read      bool   `json:"read"`
}

// InboxDTO is the signed-in user's inbox: requests to decide and what they were told.
type InboxDTO struct {
	Approvals     []InboxApprovalDTO `json:"approvals"`
	Notifications []NotificationDTO  `json:"notifications"`
	Unread        int                `json:"unread"`
}

// CompareRowDTO is one line of a comparison of two versions.
type CompareRowDTO struct {
	Change    string  `json:"change"` // added, removed, changed, same
	Site      string  `json:"site"`
	Product   TextDTO `json:"product"`
	Depth     int     `json:"depth"`
	QtyA      int     `json:"qtyA"`
	QtyB      int     `json:"qtyB"`
	OneTimeA  string  `json:"oneTimeA"`
	OneTimeB  string  `json:"oneTimeB"`
	MonthlyA  string  `json:"monthlyA"`
	MonthlyB  string  `json:"monthlyB"`
	DiscountA string  `json:"discountA"`
	DiscountB string  `json:"discountB"`
}

// CompareDTO compares two versions of a quote line by line.
type CompareDTO struct {
	A        QuoteListItem   `json:"a"`
	B        QuoteListItem   `json:"b"`
	Rows     []CompareRowDTO `json:"rows"`
	TotalsA  TotalsDTO       `json:"totalsA"`
	TotalsB  TotalsDTO       `json:"totalsB"`
	Currency CurrencyDTO     `json:"currency"`
}

// AuthorityDTO is what a role may accept without approval.
type AuthorityDTO struct {
	Role           string `json:"role"`
	MaxDiscountPct string `json:"maxDiscountPct"`
	MinMarginPct   string `json:"minMarginPct"`
}

// ApprovalRuleDTO is one rule of the approval policy.
type ApprovalRuleDTO struct {
	Code     string `json:"code"`
	Kind     string `json:"kind"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	Level    string `json:"level"`
	Active   bool   `json:"active"`
}

// ApprovalPolicyDTO is the approval policy.
type ApprovalPolicyDTO struct {
	Authorities []AuthorityDTO    `json:"authorities"`
	Rules       []ApprovalRuleDTO `json:"rules"`
	CanEdit     bool              `json:"canEdit"`
}
