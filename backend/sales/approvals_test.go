package sales_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/demo"
	"quotewright/backend/sales"
	"quotewright/backend/sqlite"
)

// pipeline is the demo company with a clock the test moves.
type pipeline struct {
	s     *sales.Service
	db    *sqlite.DB
	now   time.Time
	users map[string]sales.Actor // by name
}

func openPipeline(t *testing.T) *pipeline {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &pipeline{db: db, now: time.Date(2026, 11, 28, 3, 0, 0, 0, time.UTC), users: map[string]sales.Actor{}}
	if err := demo.Seed(ctx, db, p.now); err != nil {
		t.Fatal(err)
	}
	p.s = sales.New(db, func() time.Time { return p.now })
	users, _ := p.s.Users(ctx)
	for _, u := range users {
		p.users[u.Name] = sales.Actor{UserID: u.ID, Role: u.Role}
	}
	return p
}

const (
	repName      = "佐藤 健"
	otherRepName = "伊藤 翼"
	managerName  = "鈴木 美咲"
	directorName = "高橋 誠"
)

// discountedQuote makes a quote on Global Media's opportunity with one business fibre line at its first store,
// discounted by pct.
func (p *pipeline) discountedQuote(t *testing.T, pct string) (*cpq.Quote, string) {
	t.Helper()
	ctx := context.Background()
	rep := p.users[repName]
	accounts, _, _ := p.s.ListAccounts(ctx, cpq.AccountFilter{Query: "Global Media"})
	d, err := p.s.Account(ctx, accounts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	q, err := p.s.CreateQuote(ctx, rep, sales.NewQuote{AccountID: d.Account.ID, OpportunityID: d.Opportunities[0].ID,
		Name: "Stores", TermMonths: 24, SiteIDs: []string{d.Sites[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := p.s.Catalog(ctx)
	line := cpq.QuoteLine{ID: cpq.NewID("ql"), SiteGroupID: q.SiteGroups[0].ID, ProductID: cat.ProductByCode("FIBRE-BIZ").ID,
		Quantity: 1, Attributes: map[string]string{"bandwidth": "1G-BE", "static_ip": "none"},
		DiscountPct: decimal.RequireFromString(pct)}
	if err := p.s.AddLines(ctx, rep, q.ID, []cpq.QuoteLine{line}); err != nil {
		t.Fatal(err)
	}
	return q, line.ID
}

func errKey(err error) string {
	if e, ok := err.(*cpq.Error); ok {
		return e.Key
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func (p *pipeline) status(t *testing.T, id string) cpq.QuoteStatus {
	t.Helper()
	qc, err := p.s.Quote(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return qc.Quote.Status
}

func TestApprovalFlowAndItsBypasses(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q, lineID := p.discountedQuote(t, "30")

	// Present without approval: refused, and says what to do.
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); errKey(err) != "approval.required" {
		t.Fatalf("present without approval: %v", err)
	}
	st, err := p.s.QuoteApproval(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Priced.Decision.Level, cpq.RoleManager; got != want {
		t.Fatalf("level = %q, want %q (reasons %+v)", got, want, st.Priced.Decision.Reasons)
	}
	r := st.Priced.Decision.Reasons[0]
	if r.Line != 1 || r.LineID != lineID || r.Args["discount"] != "30" {
		t.Errorf("reason = %+v", r)
	}
	if got := r.Text(cpq.LangEN); got != "Line 1 (Business fibre, 新宿店 / Shinjuku store (new)): discount 30% is above the 10% an Account executive may give: needs a Manager." {
		t.Errorf("reason text = %q", got)
	}

	a, err := p.s.SubmitForApproval(ctx, rep, q.ID, "New stores, competitive bid")
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != cpq.ApprovalPending || a.Level != cpq.RoleManager || a.ContentHash != st.Priced.Hash {
		t.Errorf("approval = %+v", a)
	}
	if got := p.status(t, q.ID); got != cpq.QuoteNeedsApproval {
		t.Errorf("status after submit = %q", got)
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); errKey(err) != "approval.pending" {
		t.Errorf("present while pending: %v", err)
	}
	// Nobody approves their own quote; a rep cannot approve at a manager's level.
	if _, err := p.s.DecideApproval(ctx, rep, a.ID, true, ""); errKey(err) != "approval.self" {
		t.Errorf("self-approval: %v", err)
	}
	if _, err := p.s.DecideApproval(ctx, p.users[otherRepName], a.ID, true, ""); errKey(err) != "approval.level" {
		t.Errorf("approval by another rep: %v", err)
	}
	inbox, _ := p.s.ApprovalInbox(ctx, manager)
	if len(inbox) != 1 || inbox[0].Approval.ID != a.ID {
		t.Errorf("manager's inbox = %+v", inbox)
	}
	if inbox, _ := p.s.ApprovalInbox(ctx, rep); len(inbox) != 0 {
		t.Errorf("rep's inbox = %+v", inbox)
	}
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, "OK for the two stores"); err != nil {
		t.Fatal(err)
	}
	if got := p.status(t, q.ID); got != cpq.QuoteApproved {
		t.Errorf("status after approval = %q", got)
	}

	// A copy carries no approval: presenting it is refused.
	c, err := p.s.CopyQuote(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Number == q.Number || c.Status != cpq.QuoteDraft {
		t.Errorf("copy = %s v%d %s", c.Number, c.Version, c.Status)
	}
	if _, err := p.s.PresentQuote(ctx, rep, c.ID); errKey(err) != "approval.required" {
		t.Errorf("present the copy: %v", err)
	}

	// Editing after approval voids it and sends the quote back to draft, in the same transaction.
	cat, _ := p.s.Catalog(ctx)
	line := cpq.QuoteLine{ID: lineID, SiteGroupID: q.SiteGroups[0].ID, ProductID: cat.ProductByCode("FIBRE-BIZ").ID, Quantity: 2,
		Attributes: map[string]string{"bandwidth": "1G-BE", "static_ip": "none"}, DiscountPct: decimal.RequireFromString("30")}
	h, err := p.s.UpdateLine(ctx, rep, q.ID, &line)
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != cpq.QuoteDraft {
		t.Errorf("header status after edit = %q", h.Status)
	}
	st, _ = p.s.QuoteApproval(ctx, q.ID)
	if st.Valid != nil || st.Approvals[0].Status != cpq.ApprovalVoided || st.Approvals[0].Comment != "approval.voided.edited" {
		t.Errorf("after edit: valid %v approvals %+v", st.Valid, st.Approvals[0])
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); errKey(err) != "approval.required" {
		t.Errorf("present after edit: %v", err)
	}

	// Submit again, approve, present: now it goes through; the history holds every step.
	a2, err := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.DecideApproval(ctx, manager, a2.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.AcceptQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	hist, _ := p.s.QuoteHistory(ctx, q.ID)
	var actions []string
	for _, e := range hist {
		actions = append(actions, e.Event.Action)
	}
	want := []string{"quote.created", "quote.linesAdded", "approval.requested", "approval.approved", "approval.voided",
		"quote.lineUpdated", "approval.requested", "approval.approved", "quote.presented", "quote.accepted"}
	if len(actions) != len(want) {
		t.Fatalf("history = %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("history[%d] = %s, want %s (all: %v)", i, actions[i], want[i], actions)
		}
	}
	if rep, _ := p.s.VerifyAudit(ctx); !rep.Intact {
		t.Errorf("audit chain broken: %+v", rep)
	}
}

func TestRejectionNeedsAReasonAndTellsTheRep(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, director := p.users[repName], p.users[directorName]
	q, _ := p.discountedQuote(t, "45")
	a, err := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Level != cpq.RoleDirector {
		t.Errorf("45%% needs %q, want director", a.Level)
	}
	if _, err := p.s.DecideApproval(ctx, p.users[managerName], a.ID, true, ""); errKey(err) != "approval.level" {
		t.Errorf("a manager approving a director's level: %v", err)
	}
	if _, err := p.s.DecideApproval(ctx, director, a.ID, false, "  "); errKey(err) != "approval.reject.comment" {
		t.Errorf("reject without comment: %v", err)
	}
	if _, err := p.s.DecideApproval(ctx, director, a.ID, false, "Too deep: 35% at most"); err != nil {
		t.Fatal(err)
	}
	if got := p.status(t, q.ID); got != cpq.QuoteDraft {
		t.Errorf("status after rejection = %q", got)
	}
	inbox, unread, err := p.s.Inbox(ctx, rep, 10)
	if err != nil {
		t.Fatal(err)
	}
	if unread != 1 || inbox[0].Kind != "inbox.approvalRejected" || inbox[0].Args["comment"] != "Too deep: 35% at most" {
		t.Errorf("rep's inbox = %d %+v", unread, inbox)
	}
}

func TestApprovalVoidedWhenPricesChangeUnderIt(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q, _ := p.discountedQuote(t, "20")
	a, _ := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	// The list price moves after the approval: the approved content is no longer the quote's.
	p.movePrice(t, "12800", "13800")
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); errKey(err) != "approval.changed" {
		t.Fatalf("present after a price change: %v", err)
	}
	st, _ := p.s.QuoteApproval(ctx, q.ID)
	if st.Approvals[0].Status != cpq.ApprovalVoided || st.Priced.Quote.Status != cpq.QuoteDraft {
		t.Errorf("the void was not kept: %+v, quote %s", st.Approvals[0], st.Priced.Quote.Status)
	}
}

func TestReviseSupersedesAndKeepsPrimary(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q, lineID := p.discountedQuote(t, "5")
	if !q.Primary {
		t.Fatal("the opportunity's first quote is not its primary one")
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatalf("a 5%% discount needs no approval: %v", err)
	}
	opp, _ := p.s.Opportunity(ctx, q.OpportunityID)
	st, _ := p.s.QuoteApproval(ctx, q.ID)
	// 12,800 a month × 0.95 × 24 months, and the installation once: 291,840 + 31,350.
	if tcv := st.Priced.Result.Totals.TCV; opp.PrimaryQuoteID != q.ID || !opp.Amount.Equal(tcv) || !tcv.Equal(decimal.RequireFromString("323190")) {
		t.Errorf("opportunity amount = %s (primary %s), want the quote's TCV %s = 323,190", opp.Amount, opp.PrimaryQuoteID, tcv)
	}
	v2, err := p.s.ReviseQuote(ctx, rep, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Number != q.Number || v2.Version != 2 || !v2.Primary || v2.Status != cpq.QuoteDraft {
		t.Errorf("v2 = %s v%d primary %v %s", v2.Number, v2.Version, v2.Primary, v2.Status)
	}
	if got := p.status(t, q.ID); got != cpq.QuoteSuperseded {
		t.Errorf("v1 = %q", got)
	}
	line := cpq.QuoteLine{ID: lineID, Quantity: 3}
	if _, err := p.s.UpdateLine(ctx, rep, q.ID, &line); errKey(err) != "quote.notEditable" {
		t.Errorf("edit the superseded version: %v", err)
	}
	if _, err := p.s.ReviseQuote(ctx, rep, q.ID); errKey(err) != "quote.revise.status" {
		t.Errorf("revise the superseded version again: %v", err)
	}
	opp, _ = p.s.Opportunity(ctx, q.OpportunityID)
	if opp.PrimaryQuoteID != v2.ID {
		t.Errorf("primary = %s, want v2", opp.PrimaryQuoteID)
	}
}

func TestExpiredQuoteCannotBePresented(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	q, _ := p.discountedQuote(t, "0")
	p.now = p.now.AddDate(0, 0, sales.QuoteValidDays+1)
	if _, err := p.s.PresentQuote(ctx, p.users[repName], q.ID); errKey(err) != "quote.expired" {
		t.Fatalf("present after validity: %v", err)
	}
	if got := p.status(t, q.ID); got != cpq.QuoteExpired {
		t.Errorf("status = %q, want expired (kept)", got)
	}
}

func TestValidityIsATermAndALapsedQuoteIsNotRevived(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q, _ := p.discountedQuote(t, "20")
	a, _ := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	past := p.now.AddDate(0, 0, -1)
	if _, err := p.s.UpdateQuote(ctx, rep, q.ID, sales.QuoteChange{ValidUntil: &past}); errKey(err) != "quote.validUntil.range" {
		t.Errorf("a validity in the past: %v", err)
	}
	// Extending the offer is a change of its terms: the approval given for the old date no longer stands.
	later := cpq.Today(p.now).AddDate(0, 0, 60)
	got, err := p.s.UpdateQuote(ctx, rep, q.ID, sales.QuoteChange{ValidUntil: &later})
	if err != nil {
		t.Fatal(err)
	}
	if !got.ValidUntil.Equal(later) || got.Status != cpq.QuoteDraft {
		t.Errorf("after moving the validity: %s %s", cpq.FormatDate(got.ValidUntil), got.Status)
	}
	// Approved again, then left to lapse: neither an edit nor a new date brings it back.
	a, _ = p.s.SubmitForApproval(ctx, rep, q.ID, "")
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	p.now = p.now.AddDate(0, 0, 65)
	further := cpq.Today(p.now).AddDate(0, 0, 30)
	if _, err := p.s.UpdateQuote(ctx, rep, q.ID, sales.QuoteChange{ValidUntil: &further}); errKey(err) != "quote.expired" {
		t.Errorf("moving a lapsed quote's date: %v", err)
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); errKey(err) != "quote.expired" {
		t.Errorf("presenting a lapsed quote: %v", err)
	}
}

// movePrice sets the business fibre's monthly list price, as a catalog import would.
func (p *pipeline) movePrice(t *testing.T, from, to string) {
	t.Helper()
	p.editEntries(t, func(e *cpq.PriceEntry) {
		if e.Amount.Equal(decimal.RequireFromString(from)) {
			e.Amount = decimal.RequireFromString(to)
		}
	})
}

// editEntries rewrites every price entry of every list through edit, in one transaction.
func (p *pipeline) editEntries(t *testing.T, edit func(e *cpq.PriceEntry)) {
	t.Helper()
	ctx := context.Background()
	err := p.db.Update(ctx, func(tx cpq.Tx) error {
		lists, _ := tx.PriceLists().List(ctx)
		for _, l := range lists {
			es, _ := tx.PriceLists().Entries(ctx, l.ID)
			if err := tx.PriceLists().ClearEntries(ctx, l.ID); err != nil {
				return err
			}
			for _, e := range es {
				edit(e)
				if err := tx.PriceLists().AddEntry(ctx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTheCustomerAcceptsWhatTheyWereShown(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	q, _ := p.discountedQuote(t, "5")
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Fatal(err)
	}
	p.movePrice(t, "12800", "13800")
	if _, err := p.s.AcceptQuote(ctx, rep, q.ID); errKey(err) != "quote.presentedChanged" {
		t.Fatalf("accepting at prices the customer was not shown: %v", err)
	}
	if got := p.status(t, q.ID); got != cpq.QuotePresented {
		t.Errorf("status = %q, want it still presented", got)
	}
	p.movePrice(t, "13800", "12800")
	if _, err := p.s.AcceptQuote(ctx, rep, q.ID); err != nil {
		t.Errorf("accepting at the prices presented: %v", err)
	}
}

func TestAnApprovalAnswersToThePolicyOfToday(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager, director := p.users[repName], p.users[managerName], p.users[directorName]
	q, _ := p.discountedQuote(t, "20")
	a, _ := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	// The director lowers managers' authority to 15%: a 20% discount now needs a director.
	pol, _ := p.s.ApprovalPolicy(ctx)
	for _, x := range pol.Authorities {
		if x.Role == cpq.RoleManager {
			x.MaxDiscountPct = decimal.RequireFromString("15")
		}
	}
	if err := p.s.SetApprovalPolicy(ctx, director, pol); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.DecideApproval(ctx, manager, a.ID, true, ""); errKey(err) != "approval.level" {
		t.Errorf("a manager approving what now needs a director: %v", err)
	}
	if _, err := p.s.DecideApproval(ctx, director, a.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.PresentQuote(ctx, rep, q.ID); err != nil {
		t.Errorf("present with the director's approval: %v", err)
	}
}

func TestAStaleApprovalIsAskedAgain(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep, manager := p.users[repName], p.users[managerName]
	q, _ := p.discountedQuote(t, "20")
	a, _ := p.s.SubmitForApproval(ctx, rep, q.ID, "")
	p.s.DecideApproval(ctx, manager, a.ID, true, "")
	p.movePrice(t, "12800", "13800")
	// Approved, but for other prices: submitting again voids the old approval and asks anew.
	a2, err := p.s.SubmitForApproval(ctx, rep, q.ID, "new list price")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := p.s.QuoteApproval(ctx, q.ID)
	if st.Priced.Quote.Status != cpq.QuoteNeedsApproval || st.Approvals[0].Status != cpq.ApprovalVoided || st.Approvals[1].ID != a2.ID {
		t.Errorf("after resubmitting: %s, %+v", st.Priced.Quote.Status, st.Approvals)
	}
}
