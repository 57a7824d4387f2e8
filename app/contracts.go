package app

import (
	"encoding/base64"
	"strings"

	"quotewright/backend/cpq"
	"quotewright/backend/redline"
)

// EventContractChanged is emitted when a contract version is created, changed or signed; data: its id.
const EventContractChanged = "contract:changed"

// ContractService is the contracts' side: made from accepted quotes, negotiated in versions, compared as a
// redline, approved, signed by both parties.
type ContractService struct{ s *Services }

// ContractRowDTO is a contract as listed: its latest version.
type ContractRowDTO struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Version     int    `json:"version"`
	AccountID   string `json:"accountId"`
	AccountName string `json:"accountName"`
	QuoteID     string `json:"quoteId"`
	Status      string `json:"status"`
	StartDate   string `json:"startDate"`
	TermMonths  int    `json:"termMonths"`
	Currency    string `json:"currency"`
	TCV         string `json:"tcv"`
	SignedAt    string `json:"signedAt"`
	UpdatedAt   string `json:"updatedAt"`
}

// ClauseDTO is one clause of a contract.
type ClauseDTO struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// ScheduleLineDTO is a line of the commercial schedule; amounts are decimal strings.
type ScheduleLineDTO struct {
	Depth       int    `json:"depth"`
	Product     string `json:"product"`
	Detail      string `json:"detail"`
	Quantity    int    `json:"quantity"`
	UnitPrice   string `json:"unitPrice"`
	DiscountPct string `json:"discountPct"`
	OneTime     string `json:"oneTime"`
	Monthly     string `json:"monthly"`
}

// ScheduleGroupDTO is the schedule's lines at one site.
type ScheduleGroupDTO struct {
	Name    string            `json:"name"`
	Lines   []ScheduleLineDTO `json:"lines"`
	OneTime string            `json:"oneTime"`
	Monthly string            `json:"monthly"`
}

// ScheduleTaxDTO is the tax of one kind at one rate.
type ScheduleTaxDTO struct {
	Kind string `json:"kind"`
	Rate string `json:"rate"`
	Base string `json:"base"`
	Tax  string `json:"tax"`
}

// ScheduleDTO is a contract's commercial schedule.
type ScheduleDTO struct {
	Currency     CurrencyDTO        `json:"currency"`
	TermMonths   int                `json:"termMonths"`
	Groups       []ScheduleGroupDTO `json:"groups"`
	OneTime      string             `json:"oneTime"`
	Monthly      string             `json:"monthly"`
	Taxes        []ScheduleTaxDTO   `json:"taxes"`
	OneTimeGross string             `json:"oneTimeGross"`
	MonthlyGross string             `json:"monthlyGross"`
	TCV          string             `json:"tcv"`
}

// SignatureDTO is one party's signature; Image is a data: URL of the drawn signature.
type SignatureDTO struct {
	Party      string `json:"party"`
	Name       string `json:"name"`
	Title      string `json:"title"`
	Method     string `json:"method"`
	Image      string `json:"image"`
	SignedAt   string `json:"signedAt"`
	RecordedBy string `json:"recordedBy"`
}

// ContractVersionDTO is one version in a contract's history.
type ContractVersionDTO struct {
	ID        string `json:"id"`
	Version   int    `json:"version"`
	Status    string `json:"status"`
	Note      string `json:"note"`
	CreatedAt string `json:"createdAt"`
}

// DocumentDTO is a document issued from a quote or contract version.
type DocumentDTO struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Number      string `json:"number"`
	Version     int    `json:"version"`
	SHA256      string `json:"sha256"`
	Size        int    `json:"size"`
	Signed      bool   `json:"signed"`
	Certificate string `json:"certificate"`
	CreatedBy   string `json:"createdBy"`
	CreatedAt   string `json:"createdAt"`
}

// ContractDTO is a contract version with everything its page shows.
type ContractDTO struct {
	ContractRowDTO
	QuoteNumber   string               `json:"quoteNumber"`
	QuoteVersion  int                  `json:"quoteVersion"`
	Lang          string               `json:"lang"`
	OwnerID       string               `json:"ownerId"`
	OwnerName     string               `json:"ownerName"`
	Note          string               `json:"note"`
	Latest        bool                 `json:"latest"`
	Negotiable    bool                 `json:"negotiable"`
	Clauses       []ClauseDTO          `json:"clauses"`
	NonStandard   []int                `json:"nonStandard"`
	Missing       []string             `json:"missingStandard"` // standard clauses the version leaves out
	Schedule      ScheduleDTO          `json:"schedule"`
	Signatures    []SignatureDTO       `json:"signatures"`
	Versions      []ContractVersionDTO `json:"versions"`
	Documents     []DocumentDTO        `json:"documents"`
	Next          []string             `json:"next"` // the statuses the version may be moved to by hand
	History       []HistoryEntry       `json:"history"`
	CreatedAt     string               `json:"createdAt"`
	AccountNumber string               `json:"accountNumber"`
}

// SignInput is a signature as the signature dialog sends it; Image is a data: URL (PNG) for a drawn one.
type SignInput struct {
	Party  string `json:"party"`
	Name   string `json:"name"`
	Title  string `json:"title"`
	Method string `json:"method"`
	Image  string `json:"image"`
}

// RedlineDTO compares two versions of a contract.
type RedlineDTO struct {
	Number  string           `json:"number"`
	From    ContractRowDTO   `json:"from"`
	To      ContractRowDTO   `json:"to"`
	Clauses []redline.Clause `json:"clauses"`
	Changed bool             `json:"changed"`
}

// CreateFromQuote makes a contract from an accepted quote version.
func (svc *ContractService) CreateFromQuote(quoteID string) (ContractDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return ContractDTO{}, err
	}
	c, err := s.sales.CreateContract(s.ctx, actor, quoteID)
	if err != nil {
		return ContractDTO{}, err
	}
	s.rt.Emit(EventContractChanged, c.ID)
	return svc.Get(c.ID)
}

// List returns the latest version of each contract, of one account when accountID is set.
func (svc *ContractService) List(accountID string) ([]ContractRowDTO, error) {
	s := svc.s
	list, names, err := s.sales.ListContracts(s.ctx, accountID)
	if err != nil {
		return nil, err
	}
	out := []ContractRowDTO{}
	for _, c := range list {
		out = append(out, contractRow(c, names[c.AccountID]))
	}
	return out, nil
}

func contractRow(c *cpq.Contract, account string) ContractRowDTO {
	return ContractRowDTO{ID: c.ID, Number: c.Number, Version: c.Version, AccountID: c.AccountID, AccountName: account,
		QuoteID: c.QuoteID,
		Status:  string(c.Status), StartDate: cpq.FormatDate(c.StartDate), TermMonths: c.TermMonths,
		Currency: c.Schedule.Currency, TCV: c.Schedule.TCV.String(), SignedAt: instant(c.SignedAt), UpdatedAt: instant(c.UpdatedAt)}
}

// Get reads a contract version.
func (svc *ContractService) Get(id string) (ContractDTO, error) {
	s := svc.s
	v, err := s.sales.Contract(s.ctx, id)
	if err != nil {
		return ContractDTO{}, err
	}
	c := v.Contract
	names := s.userNames()
	out := ContractDTO{ContractRowDTO: contractRow(c, v.Account.Name), QuoteNumber: v.Quote.Number,
		QuoteVersion: v.Quote.Version, Lang: string(c.Lang), OwnerID: c.OwnerID, OwnerName: names[c.OwnerID], Note: c.Note,
		Negotiable: c.Negotiable(), Clauses: []ClauseDTO{}, NonStandard: append([]int{}, v.NonStandard...),
		Missing:  append([]string{}, v.Missing...),
		Schedule: scheduleDTO(c.Schedule), Signatures: []SignatureDTO{}, Versions: []ContractVersionDTO{},
		Documents: []DocumentDTO{}, Next: []string{}, CreatedAt: instant(c.CreatedAt), AccountNumber: v.Account.Number}
	out.Latest = len(v.Versions) > 0 && v.Versions[len(v.Versions)-1].ID == c.ID
	for _, cl := range c.Clauses {
		out.Clauses = append(out.Clauses, ClauseDTO{Code: cl.Code, Title: cl.Title, Body: cl.Body})
	}
	for _, g := range c.Signatures {
		d := SignatureDTO{Party: string(g.Party), Name: g.Name, Title: g.Title, Method: string(g.Method),
			SignedAt: instant(g.SignedAt), RecordedBy: names[g.RecordedBy]}
		if len(g.Image) > 0 {
			d.Image = "data:image/png;base64," + base64.StdEncoding.EncodeToString(g.Image)
		}
		out.Signatures = append(out.Signatures, d)
	}
	for _, x := range v.Versions {
		out.Versions = append(out.Versions, ContractVersionDTO{ID: x.ID, Version: x.Version, Status: string(x.Status),
			Note: x.Note, CreatedAt: instant(x.CreatedAt)})
	}
	for _, d := range v.Documents {
		out.Documents = append(out.Documents, documentDTO(d, names))
	}
	if out.Latest {
		for _, to := range cpq.ContractTransitions.Next[c.Status] {
			if to != cpq.ContractSigned && to != cpq.ContractSuperseded {
				out.Next = append(out.Next, string(to))
			}
		}
	}
	if out.History, err = s.history("contract", c.ID, names); err != nil {
		return ContractDTO{}, err
	}
	return out, nil
}

func documentDTO(d *cpq.Document, names map[string]string) DocumentDTO {
	return DocumentDTO{ID: d.ID, Kind: string(d.Kind), Number: d.Number, Version: d.Version, SHA256: d.SHA256,
		Size: d.Size, Signed: d.Signed, Certificate: d.CertFingerprint, CreatedBy: names[d.CreatedBy], CreatedAt: instant(d.CreatedAt)}
}

func scheduleDTO(sc cpq.Schedule) ScheduleDTO {
	out := ScheduleDTO{Currency: currencyDTO(sc.Currency), TermMonths: sc.TermMonths, Groups: []ScheduleGroupDTO{},
		OneTime: sc.OneTime.String(), Monthly: sc.Monthly.String(), Taxes: []ScheduleTaxDTO{},
		OneTimeGross: sc.OneTimeGross.String(), MonthlyGross: sc.MonthlyGross.String(), TCV: sc.TCV.String()}
	for _, g := range sc.Groups {
		dg := ScheduleGroupDTO{Name: g.Name, Lines: []ScheduleLineDTO{}, OneTime: g.OneTime.String(), Monthly: g.Monthly.String()}
		for _, l := range g.Lines {
			dg.Lines = append(dg.Lines, ScheduleLineDTO{Depth: l.Depth, Product: l.Product, Detail: l.Detail, Quantity: l.Quantity,
				UnitPrice: l.UnitPrice.String(), DiscountPct: l.DiscountPct.String(), OneTime: l.OneTime.String(), Monthly: l.Monthly.String()})
		}
		out.Groups = append(out.Groups, dg)
	}
	for _, t := range sc.Taxes {
		out.Taxes = append(out.Taxes, ScheduleTaxDTO{Kind: t.Kind, Rate: t.Rate.String(), Base: t.Base.String(), Tax: t.Tax.String()})
	}
	return out
}

// Library lists the standard clauses filled in for a contract, to add one back during negotiation.
func (svc *ContractService) Library(id string) ([]ClauseDTO, error) {
	s := svc.s
	list, err := s.sales.ClauseLibrary(s.ctx, id)
	if err != nil {
		return nil, err
	}
	out := []ClauseDTO{}
	for _, c := range list {
		out = append(out, ClauseDTO{Code: c.Code, Title: c.Title, Body: c.Body})
	}
	return out, nil
}

// Revise saves the clauses as edited as the next version of the contract.
func (svc *ContractService) Revise(id string, clauses []ClauseDTO, note string) (ContractDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return ContractDTO{}, err
	}
	in := make([]cpq.ContractClause, len(clauses))
	for i, c := range clauses {
		in[i] = cpq.ContractClause{Code: c.Code, Title: c.Title, Body: c.Body}
	}
	next, err := s.sales.ReviseContract(s.ctx, actor, id, in, note)
	if err != nil {
		return ContractDTO{}, err
	}
	s.rt.Emit(EventContractChanged, next.ID)
	return svc.Get(next.ID)
}

// Move moves the contract to another status (in negotiation, approved, out for signature, activated,
// terminated).
func (svc *ContractService) Move(id, to string) (ContractDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return ContractDTO{}, err
	}
	c, err := s.sales.MoveContract(s.ctx, actor, id, cpq.ContractStatus(to))
	if err != nil {
		return ContractDTO{}, err
	}
	s.rt.Emit(EventContractChanged, c.ID)
	return svc.Get(c.ID)
}

// Sign records one party's signature; the second one signs the contract.
func (svc *ContractService) Sign(id string, in SignInput) (ContractDTO, error) {
	s := svc.s
	actor, err := s.actor()
	if err != nil {
		return ContractDTO{}, err
	}
	sig := cpq.Signature{Party: cpq.Party(in.Party), Name: in.Name, Title: in.Title, Method: cpq.SignMethod(in.Method)}
	if in.Method == string(cpq.SignDrawn) && in.Image != "" {
		raw, ok := strings.CutPrefix(in.Image, "data:image/png;base64,")
		if !ok {
			return ContractDTO{}, cpq.Errorf(cpq.EInvalid, "signature.image.type")
		}
		if sig.Image, err = base64.StdEncoding.DecodeString(raw); err != nil {
			return ContractDTO{}, cpq.Errorf(cpq.EInvalid, "signature.image.type")
		}
	}
	c, err := s.sales.SignContract(s.ctx, actor, id, sig)
	if err != nil {
		return ContractDTO{}, err
	}
	s.rt.Emit(EventContractChanged, c.ID)
	return svc.Get(c.ID)
}

// Compare compares two versions of a contract as a redline.
func (svc *ContractService) Compare(aID, bID string) (RedlineDTO, error) {
	s := svc.s
	a, b, diff, err := s.sales.CompareContracts(s.ctx, aID, bID)
	if err != nil {
		return RedlineDTO{}, err
	}
	return RedlineDTO{Number: b.Number, From: contractRow(a, ""), To: contractRow(b, ""), Clauses: diff,
		Changed: redline.Differs(diff)}, nil
}
