package document

// The view models. Every amount, date and quantity is a string the caller has already formatted for the
// document's language and currency; the renderer prints them as they are.

// Party is the company issuing the document.
type Party struct {
	Name    string
	Address string // may hold several lines separated by "\n"
	Phone   string
	Email   string
	// RegistrationNumber is the qualified-invoice registration number, "T" followed by 13 digits. Thirteen
	// digits alone are printed with the "T" added.
	RegistrationNumber string
	Logo               []byte // PNG or JPEG; nil for none
}

// Customer is the company or person a document is addressed to.
type Customer struct {
	Name    string
	Address string // may hold several lines separated by "\n"
	Contact string // the person to the attention of; may be empty
	// Business addresses the customer as a company: "御中" after the name in Japanese. A consumer gets "様".
	Business bool
}

// Line is one row of the line-item table.
type Line struct {
	Depth       int    // 0 for a line of its own, 1 for a bundle's component, 2 for a component's, ...
	Description string // the product's name
	Detail      string // its configuration; may be long, wraps, "\n" starts a new line
	Quantity    string
	UnitPrice   string
	Discount    string // e.g. "-10%"; empty for none
	OneTime     string
	Monthly     string
}

// Group is the lines of one site (or any other grouping), with their subtotals.
type Group struct {
	Name    string
	Lines   []Line
	OneTime string
	Monthly string
}

// TaxLine is the tax at one rate on one kind of charge.
type TaxLine struct {
	Label string // the rate, e.g. "10%"
	Kind  string // "one-time" or "monthly" (printed in the document's language), or any text printed as is
	Base  string // the amount the rate applies to
	Tax   string
}

// Totals are a document's sums: net, tax by rate, gross, for one-time and monthly charges.
type Totals struct {
	OneTimeNet, MonthlyNet     string
	Taxes                      []TaxLine
	OneTimeTax, MonthlyTax     string
	OneTimeGross, MonthlyGross string
	// ContractValue is the total over the term, before tax; empty to leave it out.
	ContractValue string
}

// Quote is a quotation ("御見積書" in Japanese).
type Quote struct {
	Lang       string // "en" or "ja"
	Seller     Party
	Customer   Customer
	Number     string
	Version    int
	Title      string // the subject, e.g. "Head office and branch network"; may be empty
	Date       string
	ValidUntil string
	TermMonths int // 0 leaves the term out
	Currency   string
	Groups     []Group
	Totals     Totals
	Terms      []string // printed as a numbered list (a bulleted one in Japanese, under 備考)
	Notes      string
}

// Contract is an agreement between the seller and the customer, with its commercial schedule and the two
// parties' signature blocks.
type Contract struct {
	Lang       string // "en" or "ja"
	Title      string // empty for the default ("Service Agreement", "サービス利用契約書")
	Seller     Party
	Customer   Customer
	Number     string
	Version    int
	Date       string
	StartDate  string
	TermMonths int
	Status     string // printed as given, e.g. "Draft", "Signed"
	// Draft marks every page with a light "DRAFT" ("草案") watermark and says so in the running header.
	Draft             bool
	Clauses           []Clause // numbered in order: "1. Title", "第1条（Title）"
	Schedule          []Group  // the commercial schedule: the same table as a quote's
	Totals            Totals
	SellerSignature   Signature
	CustomerSignature Signature
}

// Clause is one article of a contract. Its Body may hold several paragraphs separated by "\n".
type Clause struct {
	Title string
	Body  string
}

// Signature is one party's signature block. It counts as signed when it has an Image or a Typed signature;
// an unsigned block prints blank lines for the signer's name, title and date.
type Signature struct {
	// Party is the block's label; empty for the default: "Provider" and "Customer", and in Japanese 乙 and 甲,
	// as the contract's preamble names them (the customer, 甲, signs on the left).
	Party   string
	Company string // empty for the party's name from the contract
	Name    string
	Title   string
	Date    string
	Image   []byte // the drawn signature, PNG (transparency kept) or JPEG; nil for none
	Typed   string // a typed signature; printed when there is no Image
}

// Redline compares two versions of a contract clause by clause.
type Redline struct {
	Lang    string // "en" or "ja"
	Number  string // the contract's number
	From    int    // the older version
	To      int    // the newer version
	Date    string
	Clauses []ClauseDiff
}

// Diff kinds of a clause, and operations of a segment.
const (
	ClauseAdded   = "added"
	ClauseRemoved = "removed"
	ClauseChanged = "changed"
	ClauseSame    = "same"

	OpEqual  = "equal"
	OpInsert = "insert"
	OpDelete = "delete"
)

// ClauseDiff is one clause of a redline: how it changed, and its text as a sequence of segments. An added
// clause's segments are all inserted, a removed clause's all deleted, an unchanged clause's all equal.
type ClauseDiff struct {
	Kind     string // ClauseAdded, ClauseRemoved, ClauseChanged or ClauseSame
	Title    string
	Segments []Segment
}

// Segment is a run of a clause's text: kept (OpEqual), inserted (OpInsert) or deleted (OpDelete).
type Segment struct {
	Op   string
	Text string
}
