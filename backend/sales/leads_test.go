package sales_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
	"quotewright/backend/credit"
	"quotewright/backend/sales"
)

func TestLeadsAreAssignedInTurnAndAnnounced(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	manager := p.users[managerName]
	var owners []string
	for _, name := range []string{"Alpha", "Beta", "Gamma"} {
		l := &cpq.Lead{Segment: cpq.SegmentBusiness, Company: name + " KK", LastName: "Tanaka", Email: strings.ToLower(name) + "@x.example",
			Region: "東京", Source: "web"}
		if err := p.s.CreateLead(ctx, manager, l); err != nil {
			t.Fatal(err)
		}
		if l.AssignedBy != "BUSINESS" || l.Region != "Tokyo" {
			t.Errorf("lead %s: rule %q region %q", name, l.AssignedBy, l.Region)
		}
		owners = append(owners, l.OwnerID)
	}
	sato, ito := p.users[repName].UserID, p.users[otherRepName].UserID
	if owners[0] != sato || owners[1] != ito || owners[2] != sato {
		t.Errorf("owners = %v, want Sato, Ito, Sato", owners)
	}
	osaka := &cpq.Lead{Segment: cpq.SegmentConsumer, LastName: "Kimura", Phone: "06-1111-2222", Region: "大阪府"}
	if err := p.s.CreateLead(ctx, manager, osaka); err != nil {
		t.Fatal(err)
	}
	if osaka.OwnerID != p.users["田中 葵"].UserID {
		t.Errorf("an Osaka lead went to %s", osaka.OwnerID)
	}
	inbox, unread, _ := p.s.Inbox(ctx, p.users[repName], 10)
	if unread != 2 || inbox[0].Kind != "inbox.leadAssigned" || inbox[0].Entity != "lead" {
		t.Errorf("Sato's inbox: %d unread, %+v", unread, inbox)
	}
	if err := p.s.MarkRead(ctx, p.users[repName], nil); err != nil {
		t.Fatal(err)
	}
	if _, unread, _ := p.s.Inbox(ctx, p.users[repName], 10); unread != 0 {
		t.Errorf("unread after marking = %d", unread)
	}
}

func TestImportLeadsSavesGoodRowsAndReportsTheRest(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	csv := "company,last_name,first_name,email,phone,region\n" +
		"Sakura Dental,Mori,Aya,aya@sakura.example,,Tokyo\n" +
		"No Contact KK,Sato,,,,Tokyo\n" +
		",Kato,Hina,hina@mail.example,,Osaka\n"
	got, err := p.s.ImportLeads(ctx, p.users[managerName], strings.NewReader(csv), "event")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Created) != 2 || len(got.Refused) != 1 || got.Refused[0].Line != 3 {
		t.Fatalf("created %d, refused %+v", len(got.Created), got.Refused)
	}
	if got.Created[0].Source != "event" || got.Created[1].Segment != cpq.SegmentConsumer {
		t.Errorf("created = %+v %+v", got.Created[0], got.Created[1])
	}
	// A file that cannot be read saves nothing.
	_, before, _ := p.s.ListLeads(ctx, cpq.LeadFilter{})
	if _, err := p.s.ImportLeads(ctx, p.users[managerName], strings.NewReader("fax,last_name\n1,Mori\n"), ""); errKey(err) != "leadcsv.column.unknown" {
		t.Errorf("unknown column: %v", err)
	}
	if _, after, _ := p.s.ListLeads(ctx, cpq.LeadFilter{}); after != before {
		t.Errorf("leads %d → %d after a refused file", before, after)
	}
}

func TestConvertLead(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	// A business lead matching Global Media by email is offered as a duplicate, and can be linked.
	l := &cpq.Lead{Segment: cpq.SegmentBusiness, Company: "グローバルメディア㈱", LastName: "Ono", Email: "ONO@globalmedia.example",
		Phone: "03-5555-0100", Region: "Tokyo", OwnerID: rep.UserID}
	if err := p.s.CreateLead(ctx, rep, l); err != nil {
		t.Fatal(err)
	}
	if _, err := p.s.ConvertLead(ctx, rep, sales.Conversion{LeadID: l.ID}); errKey(err) != "lead.convert.qualify" {
		t.Errorf("convert a new lead: %v", err)
	}
	if _, err := p.s.UpdateLead(ctx, rep, sales.LeadChange{Lead: *l, Status: cpq.LeadQualified}); err != nil {
		t.Fatal(err)
	}
	m, err := p.s.LeadMatches(ctx, l.ID)
	if err != nil || len(m) == 0 || !strings.Contains(m[0].Account.Name, "グローバルメディア") {
		t.Fatalf("matches = %+v %v", m, err)
	}
	c, err := p.s.ConvertLead(ctx, rep, sales.Conversion{LeadID: l.ID, LinkAccountID: m[0].Account.ID, OpportunityName: "Studio Wi-Fi"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Linked || c.Account.ID != m[0].Account.ID || c.Contact == nil || c.Opportunity == nil || c.Opportunity.Name != "Studio Wi-Fi" {
		t.Errorf("converted = %+v", c)
	}
	if c.Lead.Status != cpq.LeadConverted || c.Lead.ConvertedOpportunityID != c.Opportunity.ID {
		t.Errorf("lead after = %+v", c.Lead)
	}
	if _, err := p.s.ConvertLead(ctx, rep, sales.Conversion{LeadID: l.ID}); errKey(err) != "lead.converted" {
		t.Errorf("convert twice: %v", err)
	}
	// A consumer lead becomes a consumer account, with no opportunity.
	home := &cpq.Lead{Segment: cpq.SegmentConsumer, LastName: "木村", FirstName: "拓也", Phone: "090-1111-2222", Region: "Tokyo",
		Status: cpq.LeadQualified, OwnerID: rep.UserID}
	p.s.CreateLead(ctx, rep, home)
	p.s.UpdateLead(ctx, rep, sales.LeadChange{Lead: *home, Status: cpq.LeadQualified})
	c, err = p.s.ConvertLead(ctx, rep, sales.Conversion{LeadID: home.ID})
	if err != nil {
		t.Fatal(err)
	}
	if c.Account.Segment != cpq.SegmentConsumer || c.Account.Name != "木村 拓也" || c.Opportunity != nil || c.Account.Credit.Status != cpq.CreditUnchecked {
		t.Errorf("consumer converted = %+v", c.Account)
	}
}

func TestCreditCheckNeverApprovesWhenTheBureauIsDown(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rep := p.users[repName]
	a := &cpq.Account{Segment: cpq.SegmentConsumer, Name: "木村 拓也", Phone: "090-1111-2222", Email: "t.kimura@mail.example", Region: "Tokyo"}
	if err := p.s.CreateAccount(ctx, rep, a); err != nil {
		t.Fatal(err)
	}
	up := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !up {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"status": "declined", "rating": "D", "limit": "0", "currency": "JPY", "reference": "BUR-1"})
	}))
	defer srv.Close()
	bureau, err := credit.NewHTTP(credit.HTTPConfig{URL: srv.URL, Now: func() time.Time { return p.now }})
	if err != nil {
		t.Fatal(err)
	}
	p.s.SetCreditProvider(bureau)

	got, err := p.s.CheckCredit(ctx, rep, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Credit.Status != cpq.CreditPending || got.Credit.Attempts != 1 || !got.Credit.RetryAt.Equal(p.now.Add(time.Minute)) || !strings.Contains(got.Credit.Error, "503") {
		t.Fatalf("after an outage: %+v", got.Credit)
	}
	// Not due yet: nothing is retried. Then the bureau is back and the retry is due.
	if n, _ := p.s.RetryCredit(ctx); n != 0 {
		t.Errorf("retried %d before due", n)
	}
	up = true
	p.now = p.now.Add(2 * time.Minute)
	if n, err := p.s.RetryCredit(ctx); n != 1 || err != nil {
		t.Fatalf("retried %d: %v", n, err)
	}
	d, _ := p.s.Account(ctx, a.ID)
	if c := d.Account.Credit; c.Status != cpq.CreditDeclined || c.Rating != "D" || c.Reference != "BUR-1" || c.Error != "" || !c.CheckedAt.Equal(p.now) {
		t.Errorf("after the retry: %+v", c)
	}
	// Eligibility reads it: phones on instalments are not offered to a declined account.
	cat, _ := p.s.Catalog(ctx)
	acc := catalog.Context{Segment: d.Account.Segment, Region: d.Account.Region, Credit: d.Account.Credit.Status,
		Rating: d.Account.Credit.Rating, Day: p.now}
	if why := cat.WhyNot(acc, nil, cat.ProductByCode("PHONE-X15")); len(why) == 0 {
		t.Error("a phone on instalments is offered to a declined account")
	}
}

func TestAssignmentRulesAreDataManagersChange(t *testing.T) {
	p := openPipeline(t)
	ctx := context.Background()
	rule := &cpq.AssignmentRule{Code: "hokkaido", Region: "北海道", Team: []string{p.users[otherRepName].UserID}, Active: true}
	if err := p.s.SaveAssignmentRule(ctx, p.users[repName], rule); errKey(err) != "assignment.role" {
		t.Errorf("a rep changed the routing: %v", err)
	}
	if err := p.s.SaveAssignmentRule(ctx, p.users[managerName], &cpq.AssignmentRule{Code: "X", Team: []string{"usr_nobody"}}); err == nil {
		t.Error("a rule with an unknown team member was saved")
	}
	if err := p.s.SaveAssignmentRule(ctx, p.users[managerName], rule); err != nil {
		t.Fatal(err)
	}
	rules, _ := p.s.AssignmentRules(ctx)
	last := rules[len(rules)-1]
	if last.Code != "HOKKAIDO" || last.Region != "Hokkaido" || last.Position != len(rules) {
		t.Errorf("saved rule = %+v", last)
	}
	// Rules apply in order and the catch-all CONSUMER rule comes before the new one: once it is switched off,
	// the Hokkaido rule takes a consumer from Hokkaido.
	for _, r := range rules {
		if r.Code == "CONSUMER" {
			r.Active = false
			if err := p.s.SaveAssignmentRule(ctx, p.users[managerName], r); err != nil {
				t.Fatal(err)
			}
		}
	}
	l := &cpq.Lead{Segment: cpq.SegmentConsumer, LastName: "Sato", Phone: "011-222-3333", Region: "Hokkaido"}
	if err := p.s.CreateLead(ctx, p.users[managerName], l); err != nil {
		t.Fatal(err)
	}
	if l.AssignedBy != "HOKKAIDO" || l.OwnerID != p.users[otherRepName].UserID {
		t.Errorf("lead routed by %q to %s", l.AssignedBy, l.OwnerID)
	}
}
