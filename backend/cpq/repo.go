package cpq

import (
	"context"
	"time"
)

// Store is where the rep's work is kept. Every use case runs in one transaction: what it changes is saved
// together with its audit entry, or nothing is.
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a write transaction, committed when fn returns nil and rolled back otherwise.
	Update(ctx context.Context, fn func(Tx) error) error
}

// Tx gives the repositories of one transaction.
type Tx interface {
	Users() UserRepository
	Leads() LeadRepository
	Accounts() AccountRepository
	Contacts() ContactRepository
	Sites() SiteRepository
	Opportunities() OpportunityRepository
	Products() ProductRepository
	PriceLists() PriceListRepository
	Promotions() PromotionRepository
	Rules() RuleRepository
	Quotes() QuoteRepository
	Approvals() ApprovalRepository
	Contracts() ContractRepository
	Orders() OrderRepository
	Outbox() OutboxRepository
	Assets() AssetRepository
	Audit() AuditLog
	Settings() SettingsRepository
	Authorities() AuthorityRepository
	ApprovalRules() ApprovalRuleRepository
	AssignmentRules() AssignmentRuleRepository
	Notifications() NotificationRepository
	Clauses() ClauseRepository
	Documents() DocumentRepository
	// NextNumber returns the next number of a human-facing series ("quote", "order", …), starting at 1.
	NextNumber(ctx context.Context, series string) (int64, error)
}

// Page bounds a list: Limit 0 means the repository's default.
type Page struct {
	Offset int
	Limit  int
}

type UserRepository interface {
	Create(ctx context.Context, u *User) error
	Get(ctx context.Context, id string) (*User, error)
	List(ctx context.Context) ([]*User, error)
	Update(ctx context.Context, u *User) error
}

// LeadFilter selects leads; empty fields match everything.
type LeadFilter struct {
	Query   string
	Status  LeadStatus
	OwnerID string
	Page
}

type LeadRepository interface {
	Create(ctx context.Context, l *Lead) error
	Get(ctx context.Context, id string) (*Lead, error)
	List(ctx context.Context, f LeadFilter) ([]*Lead, int, error)
	Update(ctx context.Context, l *Lead) error
}

// AccountFilter selects accounts; Query matches name, reading, number, email and phone.
type AccountFilter struct {
	Query   string
	Segment Segment
	OwnerID string
	Credit  CreditStatus
	Page
}

type AccountRepository interface {
	Create(ctx context.Context, a *Account) error
	Get(ctx context.Context, id string) (*Account, error)
	// List returns one page of the matching accounts and how many match in all.
	List(ctx context.Context, f AccountFilter) ([]*Account, int, error)
	Update(ctx context.Context, a *Account) error
}

type ContactRepository interface {
	Create(ctx context.Context, c *Contact) error
	Get(ctx context.Context, id string) (*Contact, error)
	ListByAccount(ctx context.Context, accountID string) ([]*Contact, error)
	Update(ctx context.Context, c *Contact) error
	Delete(ctx context.Context, id string) error
}

type SiteRepository interface {
	Create(ctx context.Context, s *Site) error
	Get(ctx context.Context, id string) (*Site, error)
	ListByAccount(ctx context.Context, accountID string) ([]*Site, error)
	Update(ctx context.Context, s *Site) error
}

// OpportunityFilter selects opportunities.
type OpportunityFilter struct {
	AccountID string
	OwnerID   string
	Stage     Stage
	Page
}

type OpportunityRepository interface {
	Create(ctx context.Context, o *Opportunity) error
	Get(ctx context.Context, id string) (*Opportunity, error)
	List(ctx context.Context, f OpportunityFilter) ([]*Opportunity, int, error)
	Update(ctx context.Context, o *Opportunity) error
}

// ProductFilter selects catalog products; Query matches code and both languages' names and descriptions.
type ProductFilter struct {
	Query  string
	Family string
	Status ProductStatus
	Page
}

type ProductRepository interface {
	// Create saves a product with its attributes, components and technical attributes.
	Create(ctx context.Context, p *Product) error
	Get(ctx context.Context, id string) (*Product, error)
	GetByCode(ctx context.Context, code string) (*Product, error)
	List(ctx context.Context, f ProductFilter) ([]*Product, int, error)
	// All returns every product whole (attributes, components, technical attributes), by code.
	All(ctx context.Context) ([]*Product, error)
	// BundlesContaining lists the bundles that have the product as a component.
	BundlesContaining(ctx context.Context, productID string) ([]*Product, error)
	// Families lists the product families in use, sorted.
	Families(ctx context.Context) ([]string, error)
	Update(ctx context.Context, p *Product) error
}

type PriceListRepository interface {
	Create(ctx context.Context, l *PriceList) error
	Get(ctx context.Context, id string) (*PriceList, error)
	List(ctx context.Context) ([]*PriceList, error)
	Update(ctx context.Context, l *PriceList) error
	AddEntry(ctx context.Context, e *PriceEntry) error
	// ClearEntries removes every entry of a price list (an import then adds the file's).
	ClearEntries(ctx context.Context, priceListID string) error
	// Entries lists a price list's entries; EntriesForProduct a product's entries across all price lists.
	Entries(ctx context.Context, priceListID string) ([]*PriceEntry, error)
	EntriesForProduct(ctx context.Context, productID string) ([]*PriceEntry, error)
}

type PromotionRepository interface {
	Create(ctx context.Context, p *Promotion) error
	Get(ctx context.Context, id string) (*Promotion, error)
	List(ctx context.Context) ([]*Promotion, error)
	ForProduct(ctx context.Context, productID string) ([]*Promotion, error)
	Update(ctx context.Context, p *Promotion) error
}

// RuleRepository holds the catalog rules.
type RuleRepository interface {
	Create(ctx context.Context, r *Rule) error
	List(ctx context.Context) ([]*Rule, error)
	Update(ctx context.Context, r *Rule) error
	Delete(ctx context.Context, id string) error
}

// QuoteFilter selects quote versions.
type QuoteFilter struct {
	AccountID     string
	OpportunityID string
	Status        QuoteStatus
	Page
}

type QuoteRepository interface {
	// Create saves a quote version with its site groups and lines.
	Create(ctx context.Context, q *Quote) error
	Get(ctx context.Context, id string) (*Quote, error)
	// Header returns the version's own fields and site groups without its lines: what an edit checks first,
	// without reading ten thousand lines to change one.
	Header(ctx context.Context, id string) (*Quote, error)
	List(ctx context.Context, f QuoteFilter) ([]*Quote, int, error)
	// Versions lists every version of the quote numbered number, oldest first.
	Versions(ctx context.Context, number string) ([]*Quote, error)
	// Update saves the quote version, replacing its site groups and lines.
	Update(ctx context.Context, q *Quote) error
	// UpdateHeader saves the version's own fields (name, status, term, discount …) and leaves its lines.
	UpdateHeader(ctx context.Context, q *Quote) error
	// AddSiteGroup, AddLines, UpdateLine and DeleteLines change a version's groups and lines one at a time, so
	// that an edit of a 10,000-line quote writes one row, not ten thousand.
	AddSiteGroup(ctx context.Context, quoteID string, g *SiteGroup) error
	DeleteSiteGroup(ctx context.Context, quoteID, groupID string) error
	AddLines(ctx context.Context, quoteID string, lines []QuoteLine) error
	UpdateLine(ctx context.Context, quoteID string, l *QuoteLine) error
	DeleteLines(ctx context.Context, quoteID string, ids []string) error
	// SetPresentedSchedule keeps the lines and prices a version was presented at; PresentedSchedule reads
	// them back (nil for a version never presented).
	SetPresentedSchedule(ctx context.Context, quoteID string, s *Schedule) error
	PresentedSchedule(ctx context.Context, quoteID string) (*Schedule, error)
}

type ApprovalRepository interface {
	Create(ctx context.Context, a *Approval) error
	Get(ctx context.Context, id string) (*Approval, error)
	ListByQuote(ctx context.Context, quoteID string) ([]*Approval, error)
	// ListPending lists pending approvals that the given roles may decide.
	ListPending(ctx context.Context, levels []Role) ([]*Approval, error)
	// ListRequestedBy lists the approvals a user asked for, newest first.
	ListRequestedBy(ctx context.Context, userID string, limit int) ([]*Approval, error)
	Update(ctx context.Context, a *Approval) error
}

// AuthorityRepository holds what each role may accept without approval.
type AuthorityRepository interface {
	List(ctx context.Context) ([]*RoleAuthority, error)
	Set(ctx context.Context, a *RoleAuthority) error
}

// ApprovalRuleRepository holds the approval policy's rules.
type ApprovalRuleRepository interface {
	// List returns the rules by position.
	List(ctx context.Context) ([]*ApprovalRule, error)
	// Replace makes rules the whole policy.
	Replace(ctx context.Context, rules []*ApprovalRule) error
}

// AssignmentRuleRepository holds the lead routing rules and whose turn it is in each team.
type AssignmentRuleRepository interface {
	// List returns the rules by position.
	List(ctx context.Context) ([]*AssignmentRule, error)
	Create(ctx context.Context, r *AssignmentRule) error
	Update(ctx context.Context, r *AssignmentRule) error
	Delete(ctx context.Context, id string) error
	// Cursors returns, by rule code, the team position last given a lead.
	Cursors(ctx context.Context) (map[string]int, error)
	SetCursor(ctx context.Context, ruleCode string, last int) error
}

// NotificationRepository is the users' inboxes.
type NotificationRepository interface {
	Create(ctx context.Context, n *Notification) error
	// ListFor returns a user's notifications, newest first, and how many are unread.
	ListFor(ctx context.Context, userID string, limit int) ([]*Notification, int, error)
	// MarkRead marks the user's notifications read (all of them when ids is empty).
	MarkRead(ctx context.Context, userID string, ids []string) error
}

// ClauseRepository is the clause library.
type ClauseRepository interface {
	// List returns the clauses by position.
	List(ctx context.Context) ([]*ClauseTemplate, error)
	// Save adds a clause or replaces the one with its code.
	Save(ctx context.Context, c *ClauseTemplate) error
}

// ContractRepository holds contract versions with their clauses, schedules and signatures.
type ContractRepository interface {
	Create(ctx context.Context, c *Contract) error
	Get(ctx context.Context, id string) (*Contract, error)
	// ListByAccount returns the account's contract versions by number and version.
	ListByAccount(ctx context.Context, accountID string) ([]*Contract, error)
	// Versions returns every version of a contract number, oldest first.
	Versions(ctx context.Context, number string) ([]*Contract, error)
	// ListLatest returns the newest version of each contract (of one account, when accountID is not empty),
	// most recently changed first.
	ListLatest(ctx context.Context, accountID string) ([]*Contract, error)
	// ListByQuote returns the contract versions made from a quote version.
	ListByQuote(ctx context.Context, quoteID string) ([]*Contract, error)
	// Update saves the version's status, dates, terms and clauses.
	Update(ctx context.Context, c *Contract) error
	// Sign records one party's signature on a version (replacing an earlier one by the same party).
	Sign(ctx context.Context, contractID string, s *Signature) error
	// ClearSignatures removes a version's signatures.
	ClearSignatures(ctx context.Context, contractID string) error
}

// DocumentRepository records the documents the app issued.
type DocumentRepository interface {
	Create(ctx context.Context, d *Document) error
	// Get returns a document with its content.
	Get(ctx context.Context, id string) (*Document, error)
	// FindBySHA256 returns the document issued with this digest (without content), or ENotFound.
	FindBySHA256(ctx context.Context, sum string) (*Document, error)
	// ListByEntity returns the documents made from a quote or contract version, newest first, without content.
	ListByEntity(ctx context.Context, entityID string) ([]*Document, error)
	// SignedCertificate reports whether any document was signed with the certificate of this fingerprint.
	SignedCertificate(ctx context.Context, fingerprint string) (bool, error)
}

// OrderFilter selects orders.
type OrderFilter struct {
	AccountID string
	Status    OrderStatus
	Sync      SyncState
	Page
}

type OrderRepository interface {
	Create(ctx context.Context, o *Order) error
	// SetSync records what the sync learned, without touching the items.
	SetSync(ctx context.Context, u SyncUpdate) error
	// SetError records a failed attempt: the error, and the sync state unless it is empty. The status and the
	// endpoint's ids stay as they are.
	SetError(ctx context.Context, orderID string, sync SyncState, lastError string) error
	// InFlight returns up to limit orders the endpoint holds that have not reached an outcome, least recently
	// checked first.
	InFlight(ctx context.Context, limit int) ([]*Order, error)
	// ByQuote and ByContract list the orders made from a quote version or a contract.
	ByQuote(ctx context.Context, quoteID string) ([]*Order, error)
	ByContract(ctx context.Context, contractID string) ([]*Order, error)
	// OpenForAsset returns an order not yet at an outcome that changes the asset, or nil.
	OpenForAsset(ctx context.Context, assetID string) (*Order, error)
	Get(ctx context.Context, id string) (*Order, error)
	List(ctx context.Context, f OrderFilter) ([]*Order, int, error)
	Update(ctx context.Context, o *Order) error
}

type AssetRepository interface {
	Create(ctx context.Context, a *Asset) error
	Get(ctx context.Context, id string) (*Asset, error)
	ListByAccount(ctx context.Context, accountID string) ([]*Asset, error)
	Update(ctx context.Context, a *Asset) error
}

// AuditLog is the append-only, hash-chained record of what happened.
type AuditLog interface {
	// Append sets the event's Seq, PrevHash and Hash and stores it after the current last entry.
	Append(ctx context.Context, e *AuditEvent) error
	// ListFor lists the events of one object, oldest first.
	ListFor(ctx context.Context, entity, id string) ([]*AuditEvent, error)
	// Verify recomputes the whole chain.
	Verify(ctx context.Context) (AuditReport, error)
}

// SettingsRepository holds the app's preferences (language, signed-in profile, company details).
type SettingsRepository interface {
	Get(ctx context.Context, key string) (string, bool, error)
	Set(ctx context.Context, key, value string) error
}

// Clock is the time source of the use cases, so tests can fix it.
type Clock func() time.Time

// UTCNow is the real clock, in UTC as everything is stored.
func UTCNow() time.Time { return time.Now().UTC() }
