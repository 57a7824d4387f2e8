package sales

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/redline"
)

// Terms a new contract's standard clauses are filled with, besides its start date and term. The rep changes a
// clause's text during negotiation when the customer asks for other terms.
var contractDefaults = map[string]string{"notice_days": "30", "payment_days": "30", "availability": "99.9"}

// CreateContract makes version 1 of a contract from an accepted quote version: the library's standard
// clauses filled in with the quote's terms, and the lines and prices the customer accepted as the commercial
// schedule. Accepting checked the approval and the prices, and an accepted version cannot change, so the
// contract is made from what was accepted whatever the catalog or the policy say since. It starts on the
// first day of next month.
func (s *Service) CreateContract(ctx context.Context, actor Actor, quoteID string) (*cpq.Contract, error) {
	var c *cpq.Contract
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		q, err := tx.Quotes().Header(ctx, quoteID)
		if err != nil {
			return err
		}
		if q.Status != cpq.QuoteAccepted {
			return cpq.Errorf(cpq.EConflict, "contract.quote.notAccepted", "quote", q.Number+" v"+strconv.Itoa(q.Version),
				"status", "@quote.status."+string(q.Status))
		}
		sc, err := s.acceptedSchedule(ctx, tx, q)
		if err != nil {
			return err
		}
		existing, err := tx.Contracts().ListByQuote(ctx, q.ID)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if e.Status != cpq.ContractTerminated && e.Status != cpq.ContractSuperseded {
				return cpq.Errorf(cpq.EConflict, "contract.exists", "number", e.Number)
			}
		}
		today := cpq.Today(s.now())
		c = &cpq.Contract{AccountID: q.AccountID, QuoteID: q.ID, OwnerID: actor.UserID, AuthorID: actor.UserID,
			Status: cpq.ContractDraft, Lang: q.Lang, StartDate: time.Date(today.Year(), today.Month()+1, 1, 0, 0, 0, 0, time.UTC),
			TermMonths: max(q.TermMonths, 1), Schedule: *sc}
		if c.Clauses, err = s.standardClauses(ctx, tx, c); err != nil {
			return err
		}
		if err := tx.Contracts().Create(ctx, c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "contract.created", "contract", c.ID, map[string]any{"number": c.Number,
			"quote": q.ID, "quoteHash": q.PresentedHash, "tcv": c.Schedule.TCV.String()})
	})
	return c, err
}

// acceptedSchedule is the schedule an accepted version was presented and accepted at. A version accepted
// before presented schedules were kept is priced now, and used only if its prices are still those accepted.
func (s *Service) acceptedSchedule(ctx context.Context, tx cpq.Tx, q *cpq.Quote) (*cpq.Schedule, error) {
	sc, err := tx.Quotes().PresentedSchedule(ctx, q.ID)
	if err != nil || sc != nil {
		return sc, err
	}
	p, err := s.price(ctx, tx, q.ID)
	if err != nil {
		return nil, err
	}
	if p.Hash != q.PresentedHash {
		return nil, cpq.Errorf(cpq.EConflict, "contract.quote.changed")
	}
	now, err := scheduleOf(p)
	return &now, err
}

// clauseValues are the values a contract fills the library's variables with.
func clauseValues(c *cpq.Contract) map[string]string {
	v := map[string]string{"term_months": strconv.Itoa(c.TermMonths), "start_date": longDate(c.StartDate, c.Lang)}
	for k, x := range contractDefaults {
		v[k] = x
	}
	return v
}

// longDate is a date as a contract writes it: "1 February 2027", "2027年2月1日".
func longDate(t time.Time, lang cpq.Lang) string {
	if t.IsZero() {
		return ""
	}
	if lang == cpq.LangJA {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2 January 2006")
}

// standardClauses renders the active clauses of the library for the contract.
func (s *Service) standardClauses(ctx context.Context, tx cpq.Tx, c *cpq.Contract) ([]cpq.ContractClause, error) {
	lib, err := tx.Clauses().List(ctx)
	if err != nil {
		return nil, err
	}
	values := clauseValues(c)
	var out []cpq.ContractClause
	for _, t := range lib {
		if !t.Active {
			continue
		}
		cl, err := t.Render(c.Lang, values)
		if err != nil {
			return nil, err
		}
		cl.Position = len(out)
		out = append(out, cl)
	}
	return out, nil
}

// ClauseLibrary is the library's active clauses rendered for a contract version, to add during negotiation.
func (s *Service) ClauseLibrary(ctx context.Context, contractID string) (out []cpq.ContractClause, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		c, err := tx.Contracts().Get(ctx, contractID)
		if err != nil {
			return err
		}
		out, err = s.standardClauses(ctx, tx, c)
		return err
	})
	return out, err
}

// ContractView is a contract version with what its page shows beside it.
type ContractView struct {
	Contract *cpq.Contract
	Account  *cpq.Account
	Quote    *cpq.Quote
	Versions []*cpq.Contract
	// NonStandard lists the clauses whose text is not the library's (by position, 1-based): they need a
	// manager's approval.
	NonStandard []int
	// Missing are the titles of the standard clauses the version leaves out.
	Missing   []string
	Documents []*cpq.Document
}

// Contract reads a contract version with its account, quote, versions and documents.
func (s *Service) Contract(ctx context.Context, id string) (*ContractView, error) {
	var v ContractView
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		var err error
		if v.Contract, err = tx.Contracts().Get(ctx, id); err != nil {
			return err
		}
		if v.Account, err = tx.Accounts().Get(ctx, v.Contract.AccountID); err != nil {
			return err
		}
		if v.Quote, err = tx.Quotes().Header(ctx, v.Contract.QuoteID); err != nil {
			return err
		}
		if v.Versions, err = tx.Contracts().Versions(ctx, v.Contract.Number); err != nil {
			return err
		}
		if v.NonStandard, v.Missing, err = s.nonStandard(ctx, tx, v.Contract); err != nil {
			return err
		}
		v.Documents, err = tx.Documents().ListByEntity(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// nonStandard lists the clauses (1-based) whose text differs from the library's for this contract, and the
// titles of the standard clauses it leaves out: either needs a manager's approval.
func (s *Service) nonStandard(ctx context.Context, tx cpq.Tx, c *cpq.Contract) (changed []int, missing []string, err error) {
	std, err := s.standardClauses(ctx, tx, c)
	if err != nil {
		return nil, nil, err
	}
	byCode := map[string]cpq.ContractClause{}
	for _, x := range std {
		byCode[x.Code] = x
	}
	present := map[string]bool{}
	for i, cl := range c.Clauses {
		present[cl.Code] = true
		x, ok := byCode[cl.Code]
		if !ok || x.Title != cl.Title || x.Body != cl.Body {
			changed = append(changed, i+1)
		}
	}
	for _, x := range std {
		if !present[x.Code] {
			missing = append(missing, x.Title)
		}
	}
	return changed, missing, nil
}

// ListContracts returns the latest version of each contract, most recently changed first, optionally of one
// account, with the names of their accounts by id.
func (s *Service) ListContracts(ctx context.Context, accountID string) (out []*cpq.Contract, accounts map[string]string, err error) {
	accounts = map[string]string{}
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		if out, err = tx.Contracts().ListLatest(ctx, accountID); err != nil {
			return err
		}
		for _, c := range out {
			if _, ok := accounts[c.AccountID]; !ok {
				a, err := tx.Accounts().Get(ctx, c.AccountID)
				if err != nil {
					return err
				}
				accounts[a.ID] = a.Name
			}
		}
		return nil
	})
	return out, accounts, err
}

// latest loads a contract version and refuses it unless it is the newest of its number: older versions are
// history.
func latest(ctx context.Context, tx cpq.Tx, id string) (*cpq.Contract, error) {
	c, err := tx.Contracts().Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status == cpq.ContractSuperseded {
		vs, err := tx.Contracts().Versions(ctx, c.Number)
		if err != nil {
			return nil, err
		}
		return nil, cpq.Errorf(cpq.EConflict, "contract.superseded", "version", strconv.Itoa(vs[len(vs)-1].Version))
	}
	return c, nil
}

// ReviseContract records a negotiated change of clauses as the next version; the old version is superseded
// and its signatures, if any, stay with it (the new text must be signed again). Clauses without a code are
// new clauses written in negotiation and get one. A change that changes nothing is refused.
func (s *Service) ReviseContract(ctx context.Context, actor Actor, id string, clauses []cpq.ContractClause, note string) (*cpq.Contract, error) {
	var next *cpq.Contract
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		old, err := latest(ctx, tx, id)
		if err != nil {
			return err
		}
		if !old.Negotiable() {
			return cpq.Errorf(cpq.EConflict, "contract.revise.status", "status", "@contract.status."+string(old.Status))
		}
		versions, err := tx.Contracts().Versions(ctx, old.Number)
		if err != nil {
			return err
		}
		used := map[string]bool{}
		for _, v := range versions {
			full, err := tx.Contracts().Get(ctx, v.ID)
			if err != nil {
				return err
			}
			for _, cl := range full.Clauses {
				used[cl.Code] = true
			}
		}
		clean, err := cleanClauses(clauses, used)
		if err != nil {
			return err
		}
		if !redline.Differs(redline.Compare(old.Clauses, clean)) && !redline.Reordered(old.Clauses, clean) {
			return cpq.Errorf(cpq.EInvalid, "contract.revise.unchanged")
		}
		next = old.Revision(clean, cpq.CleanText(note))
		next.AuthorID = actor.UserID
		if err := old.SetStatus(cpq.ContractSuperseded); err != nil {
			return err
		}
		if err := tx.Contracts().Update(ctx, old); err != nil {
			return err
		}
		if err := tx.Contracts().Create(ctx, next); err != nil {
			return err
		}
		return record(ctx, tx, actor, "contract.revised", "contract", next.ID, map[string]any{"from": old.ID,
			"version": next.Version, "note": next.Note})
	})
	return next, err
}

// cleanClauses trims the clauses, gives new ones a code never used in any version of the contract (so a
// new clause is never compared with a removed one) and refuses empty or repeated ones.
func cleanClauses(in []cpq.ContractClause, used map[string]bool) ([]cpq.ContractClause, error) {
	if len(in) == 0 {
		return nil, cpq.Errorf(cpq.EInvalid, "contract.clauses.none")
	}
	out := make([]cpq.ContractClause, len(in))
	seen := map[string]bool{}
	custom := 0
	codes := make([]string, 0, len(in)+len(used))
	for _, c := range in {
		codes = append(codes, c.Code)
	}
	for c := range used {
		codes = append(codes, c)
	}
	for _, c := range codes {
		if strings.HasPrefix(c, "CUSTOM") {
			if n, err := strconv.Atoi(strings.TrimPrefix(c, "CUSTOM")); err == nil && n > custom {
				custom = n
			}
		}
	}
	v := cpq.Validation{Key: "contract.invalid"}
	for i, c := range in {
		c.Title, c.Body = cpq.CleanText(c.Title), strings.TrimSpace(c.Body)
		if c.Code == "" {
			custom++
			c.Code = "CUSTOM" + strconv.Itoa(custom)
		}
		if seen[c.Code] {
			v.Add("clauses", "contract.clause.repeated", "clause", strconv.Itoa(i+1))
		}
		seen[c.Code] = true
		if c.Title == "" || c.Body == "" {
			v.Add("clauses", "contract.clause.empty", "clause", strconv.Itoa(i+1))
		}
		c.Position = i
		out[i] = c
	}
	return out, v.Err()
}

// CompareContracts compares two versions of the same contract, the older first.
func (s *Service) CompareContracts(ctx context.Context, aID, bID string) (a, b *cpq.Contract, diff []redline.Clause, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		if a, err = tx.Contracts().Get(ctx, aID); err != nil {
			return err
		}
		if b, err = tx.Contracts().Get(ctx, bID); err != nil {
			return err
		}
		if a.Number != b.Number {
			return cpq.Errorf(cpq.EInvalid, "contract.compare.other")
		}
		if a.Version > b.Version {
			a, b = b, a
		}
		diff = redline.Compare(a.Clauses, b.Clauses)
		return nil
	})
	return a, b, diff, err
}

// MoveContract moves the latest version of a contract along its life: into negotiation, approved (a manager
// or above, not its owner, approves clauses that differ from the library's; standard text its owner may
// approve), out for signature, activated or terminated. Signed is reached by signing.
func (s *Service) MoveContract(ctx context.Context, actor Actor, id string, to cpq.ContractStatus) (*cpq.Contract, error) {
	var c *cpq.Contract
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if c, err = latest(ctx, tx, id); err != nil {
			return err
		}
		switch to {
		case cpq.ContractSigned, cpq.ContractSuperseded:
			return cpq.Errorf(cpq.EConflict, "contract.move."+string(to))
		case cpq.ContractTerminated:
			// Ending an agreement both parties signed is a manager's decision.
			if !c.SignedAt.IsZero() && cpq.RoleRank(actor.Role) < cpq.RoleRank(cpq.RoleManager) {
				return cpq.Errorf(cpq.EUnauthorized, "contract.terminate.role")
			}
		case cpq.ContractApproved:
			changed, missing, err := s.nonStandard(ctx, tx, c)
			if err != nil {
				return err
			}
			// Text that is not the company's standard is approved by a manager or above who neither owns the
			// contract nor wrote this version.
			if len(changed)+len(missing) > 0 && (cpq.RoleRank(actor.Role) < cpq.RoleRank(cpq.RoleManager) ||
				actor.UserID == c.OwnerID || actor.UserID == c.AuthorID) {
				if len(changed) > 0 {
					return cpq.Errorf(cpq.EUnauthorized, "contract.approve.nonStandard", "clauses", joinInts(changed))
				}
				return cpq.Errorf(cpq.EUnauthorized, "contract.approve.missing", "clauses", strings.Join(missing, ", "))
			}
		}
		from := c.Status
		if err := c.SetStatus(to); err != nil {
			return err
		}
		if from == cpq.ContractOutForSignature && to == cpq.ContractInNegotiation {
			if err := tx.Contracts().ClearSignatures(ctx, c.ID); err != nil {
				return err
			}
			c.Signatures = nil
		}
		if err := tx.Contracts().Update(ctx, c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "contract."+string(to), "contract", c.ID, map[string]any{"from": from})
	})
	return c, err
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// SignContract records one party's signature on a version out for signature. When both parties have
// signed, the contract is signed: its PDF is issued with both signatures in their blocks, digitally signed
// with the company's certificate, kept, and its SHA-256 goes to the audit chain.
func (s *Service) SignContract(ctx context.Context, actor Actor, id string, sig cpq.Signature) (*cpq.Contract, error) {
	var c *cpq.Contract
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		var err error
		if c, err = latest(ctx, tx, id); err != nil {
			return err
		}
		if c.Status != cpq.ContractOutForSignature {
			return cpq.Errorf(cpq.EConflict, "contract.sign.status", "status", "@contract.status."+string(c.Status))
		}
		sig.Name, sig.Title = cpq.CleanText(sig.Name), cpq.CleanText(sig.Title)
		sig.SignedAt, sig.RecordedBy = s.now(), actor.UserID
		if sig.Method == cpq.SignTyped {
			sig.Image = nil
		}
		if err := tx.Contracts().Sign(ctx, c.ID, &sig); err != nil {
			return err
		}
		if err := record(ctx, tx, actor, "contract.signature", "contract", c.ID, map[string]any{"party": sig.Party,
			"name": sig.Name, "title": sig.Title, "method": sig.Method}); err != nil {
			return err
		}
		if c, err = tx.Contracts().Get(ctx, c.ID); err != nil {
			return err
		}
		if c.Signature(cpq.PartyProvider) == nil || c.Signature(cpq.PartyCustomer) == nil {
			return nil
		}
		if err := c.SetStatus(cpq.ContractSigned); err != nil {
			return err
		}
		c.SignedAt = s.now()
		if err := tx.Contracts().Update(ctx, c); err != nil {
			return err
		}
		doc, err := s.issueSignedContract(ctx, tx, actor, c)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "contract.signed", "contract", c.ID, map[string]any{"document": doc.ID,
			"sha256": doc.SHA256, "certificate": doc.CertFingerprint})
	})
	return c, err
}
