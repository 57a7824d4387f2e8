package app_test

import (
	"path/filepath"
	"strings"
	"testing"

	"quotewright/app"
	"quotewright/backend/cpq"
)

func userID(t *testing.T, svc *app.Services, name string) string {
	t.Helper()
	info, err := svc.Session.Info()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range info.Users {
		if u.Name == name {
			return u.ID
		}
	}
	t.Fatalf("no user %s", name)
	return ""
}

func TestLeadToPresentedQuote(t *testing.T) {
	svc, rt, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()

	// A lead from a CSV file, in Japanese; the refused row is explained in the user's language.
	if _, err := svc.Session.SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	imp, err := svc.Leads.Import("会社名,姓,名,メール,電話,地域\n"+
		"ひかり歯科,森,彩,aya@hikari.example,03-1234-5678,東京都\n"+
		"連絡先なし商事,佐藤,,,,東京都\n", "展示会")
	if err != nil {
		t.Fatal(err)
	}
	if imp.Created != 1 || len(imp.Refused) != 1 || imp.Refused[0].Line != 3 ||
		!strings.Contains(strings.Join(imp.Refused[0].Problems, " "), "メールアドレスまたは電話番号") {
		t.Fatalf("import = %+v", imp)
	}
	lead := imp.Leads[0]
	if lead.OwnerName == "" || lead.AssignedBy != "BUSINESS" || lead.Source != "展示会" {
		t.Errorf("imported lead = %+v", lead)
	}
	svc.Session.SetLanguage("en")

	// Qualify and convert: a new account with an opportunity.
	lead.Status = "qualified"
	if _, err := svc.Leads.Update(app.LeadInput{ID: lead.ID, Segment: lead.Segment, Company: lead.Company, FirstName: lead.FirstName,
		LastName: lead.LastName, Email: lead.Email, Phone: lead.Phone, Region: lead.Region, Source: lead.Source, Status: "qualified"}); err != nil {
		t.Fatal(err)
	}
	conv, err := svc.Leads.Convert(app.ConvertInput{LeadID: lead.ID, OpportunityName: "Clinic Wi-Fi", CloseDate: "2027-02-28"})
	if err != nil {
		t.Fatal(err)
	}
	opp, err := svc.Opportunities.Get(conv.OpportunityID)
	if err != nil {
		t.Fatal(err)
	}
	if opp.Opportunity.Name != "Clinic Wi-Fi" || opp.Opportunity.CloseDate != "2027-02-28" || opp.Opportunity.Stage != "qualification" {
		t.Errorf("opportunity = %+v", opp.Opportunity)
	}

	// The new account needs a site to quote fibre; its first quote on the opportunity is primary, and the
	// opportunity's amount follows the quote's value as it is edited.
	if _, err := svc.Accounts.AddSite(app.SiteInput{AccountID: conv.AccountID, Name: "Clinic", PostalCode: "150-0001",
		Region: "Tokyo", Country: "JP"}); err != nil {
		t.Fatal(err)
	}
	acc, _ := svc.Accounts.Get(conv.AccountID)
	if acc.Account.Credit.Status != "unchecked" {
		t.Fatalf("a converted account starts unchecked, got %q", acc.Account.Credit.Status)
	}
	d, err := svc.Quotes.Create(app.NewQuoteInput{AccountID: conv.AccountID, OpportunityID: conv.OpportunityID, Name: "Clinic",
		TermMonths: 24, SiteIDs: []string{acc.Sites[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Quote.Primary {
		t.Error("the opportunity's first quote is not primary")
	}
	d, err = svc.Quotes.AddProduct(app.AddProductInput{QuoteID: d.Quote.ID, ProductID: productID(t, svc, "FIBRE-BIZ"),
		SiteGroupIDs: []string{d.SiteGroups[0].ID}, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	opp, _ = svc.Opportunities.Get(conv.OpportunityID)
	if opp.Opportunity.Amount != d.Totals.TCV || opp.Opportunity.PrimaryQuoteID != d.Quote.ID {
		t.Errorf("amount %s, want the quote's TCV %s", opp.Opportunity.Amount, d.Totals.TCV)
	}
	delta, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: d.Lines[0].ID, Quantity: 2,
		Attributes: d.Lines[0].Attributes, DiscountPct: "5"})
	if err != nil {
		t.Fatal(err)
	}
	opp, _ = svc.Opportunities.Get(conv.OpportunityID)
	if opp.Opportunity.Amount != delta.Totals.TCV || rt.count("opportunities:changed") == 0 {
		t.Errorf("after an edit the amount is %s, want %s", opp.Opportunity.Amount, delta.Totals.TCV)
	}

	// A 5% discount needs no approval; presenting checks the new account's credit first.
	st, err := svc.Quotes.Approval(d.Quote.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Needed || !contains(st.Actions, "present") || contains(st.Actions, "submit") {
		t.Errorf("approval state = %+v", st)
	}
	if _, err := svc.Quotes.Present(d.Quote.ID); err != nil {
		t.Fatal(err)
	}
	acc, _ = svc.Accounts.Get(conv.AccountID)
	if acc.Account.Credit.Status == "unchecked" || acc.Account.Credit.Provider != "local" {
		t.Errorf("credit after presenting = %+v", acc.Account.Credit)
	}
	st, _ = svc.Quotes.Approval(d.Quote.ID)
	if !contains(st.Actions, "accept") || contains(st.Actions, "present") {
		t.Errorf("after presenting, actions = %v", st.Actions)
	}
	pipe, err := svc.Opportunities.Pipeline(false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range pipe.Chart {
		if c.Stage == "qualification" && c.Month == "2027-02" && c.Amount == delta.Totals.TCV && c.Count == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("chart = %+v, want the clinic's amount in qualification, 2027-02", pipe.Chart)
	}
}

func TestApprovalInboxAndDecision(t *testing.T) {
	svc, _, closeDB := openDemo(t, filepath.Join(t.TempDir(), "qw.db"))
	defer closeDB()
	gm := accountByName(t, svc, "Global Media")
	d := oneSiteQuote(t, svc, gm, gm.Sites[1].ID, 24, "FIBRE-BIZ")
	if _, err := svc.Quotes.UpdateLine(app.LineUpdate{QuoteID: d.Quote.ID, LineID: d.Lines[0].ID, Quantity: 1,
		Attributes: d.Lines[0].Attributes, DiscountPct: "30"}); err != nil {
		t.Fatal(err)
	}
	st, err := svc.Quotes.Submit(d.Quote.ID, "please")
	if err != nil {
		t.Fatal(err)
	}
	if st.PendingID == "" || st.Approvals[0].Note != "please" {
		t.Fatalf("after submit: %+v", st)
	}
	if _, err := svc.Session.SwitchUser(userID(t, svc, "鈴木 美咲")); err != nil {
		t.Fatal(err)
	}
	inbox, err := svc.Approvals.Inbox()
	if err != nil {
		t.Fatal(err)
	}
	if len(inbox.Approvals) != 1 || inbox.Approvals[0].Changed || inbox.Approvals[0].Totals.MarginPct == "" {
		t.Fatalf("inbox = %+v", inbox.Approvals)
	}
	item := inbox.Approvals[0]
	if item.Requester != "佐藤 健" || !strings.HasPrefix(item.Approval.Reasons[0].Text, "Line 1 (Business fibre") || item.Approval.Reasons[0].LineID != d.Lines[0].ID {
		t.Errorf("request = %+v", item)
	}
	if _, err := svc.Approvals.Decide(item.Approval.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	st, _ = svc.Quotes.Approval(d.Quote.ID)
	if !st.Valid || !contains(st.Actions, "present") {
		t.Errorf("after approval: %+v", st)
	}
	// The policy is read by all; a manager may not change it, a director may.
	if _, err := svc.Approvals.SetAuthorities([]app.AuthorityDTO{{Role: "rep", MaxDiscountPct: "15", MinMarginPct: "20"}}); errCode(err) != "unauthorized" {
		t.Errorf("a manager changed the approval policy: %v", err)
	}
	svc.Session.SwitchUser(userID(t, svc, "高橋 誠"))
	if _, err := svc.Approvals.SetAuthorities([]app.AuthorityDTO{{Role: "rep", MaxDiscountPct: "abc", MinMarginPct: "20"}}); errCode(err) != "invalid" {
		t.Errorf("a bad figure was saved: %v", err)
	}
	if _, err := svc.Approvals.SetAuthorities([]app.AuthorityDTO{{Role: "rep", MaxDiscountPct: "40", MinMarginPct: "20"}}); errCode(err) != "invalid" {
		t.Errorf("a rep given more discount than a manager: %v", err)
	}
	p, err := svc.Approvals.SetAuthorities([]app.AuthorityDTO{{Role: "rep", MaxDiscountPct: "25", MinMarginPct: "15"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Authorities[0].MaxDiscountPct != "25" || p.Authorities[0].MinMarginPct != "15" {
		t.Errorf("policy = %+v", p.Authorities)
	}
	// The approval given stays on the unchanged quote: 30% still needs a manager, and a manager approved it.
	st, _ = svc.Quotes.Approval(d.Quote.ID)
	if !st.Needed || !st.Valid || st.Level != "manager" {
		t.Errorf("after the policy change: needed %v valid %v level %s", st.Needed, st.Valid, st.Level)
	}
}

// errCode is the code of an error as the frontend receives it.
func errCode(err error) string {
	if e, ok := err.(*cpq.Error); ok {
		return string(e.Code)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
