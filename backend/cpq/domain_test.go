package cpq

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the Tokyo zone, whatever the machine has

	"github.com/shopspring/decimal"
)

func TestTransitions(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		allowed bool
	}{
		{"lead new → working", LeadTransitions.Check(LeadNew, LeadWorking), true},
		{"lead new → converted", LeadTransitions.Check(LeadNew, LeadConverted), false},
		{"lead converted → working", LeadTransitions.Check(LeadConverted, LeadWorking), false},
		{"credit unchecked → approved without a check", CreditTransitions.Check(CreditUnchecked, CreditApproved), false},
		{"credit pending → approved", CreditTransitions.Check(CreditPending, CreditApproved), true},
		{"opportunity won → lost", StageTransitions.Check(StageClosedWon, StageClosedLost), false},
		{"opportunity lost → negotiation", StageTransitions.Check(StageClosedLost, StageNegotiation), true},
		{"quote needs approval → presented", QuoteTransitions.Check(QuoteNeedsApproval, QuotePresented), false},
		{"quote approved → presented", QuoteTransitions.Check(QuoteApproved, QuotePresented), true},
		{"quote superseded → draft", QuoteTransitions.Check(QuoteSuperseded, QuoteDraft), false},
		{"approval approved → pending", ApprovalTransitions.Check(ApprovalApproved, ApprovalPending), false},
		{"approval approved → voided", ApprovalTransitions.Check(ApprovalApproved, ApprovalVoided), true},
		{"contract signed → draft", ContractTransitions.Check(ContractSigned, ContractDraft), false},
		{"order draft → completed", OrderTransitions.Check(OrderDraft, OrderCompleted), false},
		{"order acknowledged → completed (missed states)", OrderTransitions.Check(OrderAcknowledged, OrderCompleted), true},
		{"order cancelled → inProgress", OrderTransitions.Check(OrderCancelled, OrderInProgress), false},
		{"asset terminated → active", AssetTransitions.Check(AssetTerminated, AssetActive), false},
	}
	for _, c := range cases {
		if got := c.err == nil; got != c.allowed {
			t.Errorf("%s: allowed = %v (%v), want %v", c.name, got, c.err, c.allowed)
		}
		if c.err != nil && ErrorCode(c.err) != EConflict {
			t.Errorf("%s: code = %s, want conflict", c.name, ErrorCode(c.err))
		}
	}
	if err := QuoteTransitions.Check(QuoteDraft, "sent"); ErrorCode(err) != EInvalid {
		t.Errorf("unknown state: %v, want invalid", err)
	}
}

func TestApprovalDecide(t *testing.T) {
	rep := &User{ID: "u1", Role: RoleRep}
	manager := &User{ID: "u2", Role: RoleManager}
	director := &User{ID: "u3", Role: RoleDirector}
	a := &Approval{RequestedBy: "u1", Level: RoleDirector, Status: ApprovalPending}
	if err := a.Decide(rep, true, "", time.Now()); ErrorCode(err) != EUnauthorized {
		t.Errorf("self-approval: %v", err)
	}
	if err := a.Decide(manager, true, "", time.Now()); ErrorCode(err) != EUnauthorized {
		t.Errorf("manager deciding a director-level approval: %v", err)
	}
	if err := a.Decide(director, true, "ok", time.Now()); err != nil || a.Status != ApprovalApproved {
		t.Errorf("director approval: %v, status %s", err, a.Status)
	}
	if err := a.Decide(director, false, "", time.Now()); ErrorCode(err) != EConflict {
		t.Errorf("second decision: %v", err)
	}
}

func TestMoney(t *testing.T) {
	m, err := NewMoney("1,234.565", "usd")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		mode RoundingMode
		want string
	}{
		{RoundHalfUp, "1234.57 USD"}, {RoundHalfEven, "1234.56 USD"}, {RoundDown, "1234.56 USD"}, {RoundUp, "1234.57 USD"},
	}
	for _, c := range cases {
		if got := m.Rounded(c.mode).String(); got != c.want {
			t.Errorf("%s: %s, want %s", c.mode, got, c.want)
		}
	}
	yen, _ := NewMoney("1980.5", "JPY")
	if got, want := yen.Rounded(RoundDown).String(), "1980 JPY"; got != want {
		t.Errorf("JPY round down: %s, want %s", got, want)
	}
	if got, want := yen.String(), "1980.5 JPY"; got != want {
		t.Errorf("unrounded JPY shows its places: %s, want %s", got, want)
	}
	if _, err := yen.Add(m); ErrorCode(err) != EInvalid {
		t.Errorf("adding JPY and USD: %v", err)
	}
	if _, err := NewMoney("12.3.4", "JPY"); ErrorCode(err) != EInvalid {
		t.Errorf("bad amount: %v", err)
	}
	if _, err := NewMoney("1", "XYZ"); ErrorCode(err) != EInvalid {
		t.Errorf("unknown currency: %v", err)
	}
	// Decimal, never float: 0.1 + 0.2 is exactly 0.3.
	a, _ := ParseAmount("0.1")
	b, _ := ParseAmount("0.2")
	if !a.Add(b).Equal(decimal.RequireFromString("0.3")) {
		t.Error("0.1 + 0.2 != 0.3")
	}
}

func TestValidationMessages(t *testing.T) {
	s := &Site{AccountID: "a", Name: "Shop", PostalCode: "12345", Region: "Tokyo", Country: "JP"}
	err := s.Validate()
	if err == nil {
		t.Fatal("a 5-digit Japanese postal code was accepted")
	}
	if got := err.Error(); got != "The site cannot be saved: “12345” is not a Japanese postal code (expected 123-4567)." {
		t.Errorf("message = %q", got)
	}
	if got, want := NormalizePostalCode("JP", "1600022"), "160-0022"; got != want {
		t.Errorf("normalize = %s, want %s", got, want)
	}
	c := Contact{FirstName: "太郎", LastName: "山田"}
	if got, want := c.FullName(), "山田 太郎"; got != want {
		t.Errorf("Japanese full name = %q, want %q", got, want)
	}
	c = Contact{FirstName: "Emily", LastName: "Carter"}
	if got, want := c.FullName(), "Emily Carter"; got != want {
		t.Errorf("full name = %q, want %q", got, want)
	}
}

func TestNewIDIsUniqueAndOrdered(t *testing.T) {
	seen := map[string]bool{}
	prev := ""
	for i := 0; i < 10000; i++ {
		id := NewID("x")
		if seen[id] {
			t.Fatalf("duplicate id %s", id)
		}
		seen[id] = true
		if i > 0 && id[:11] < prev[:11] { // "x_" and 9 characters of milliseconds
			t.Fatalf("id %s sorts before the earlier %s", id, prev)
		}
		prev = id
	}
}

func TestFormatMoney(t *testing.T) {
	jpy, _ := LookupCurrency("JPY")
	usd, _ := LookupCurrency("USD")
	sgd, _ := LookupCurrency("SGD")
	for _, c := range []struct {
		amount string
		cur    Currency
		want   string
	}{
		{"5720", jpy, "¥5,720"}, {"-1320", jpy, "-¥1,320"}, {"1234567", jpy, "¥1,234,567"}, {"0", jpy, "¥0"},
		{"1732.5", jpy, "¥1,732.5"}, {"37.99", usd, "$37.99"}, {"-8.9", usd, "-$8.90"}, {"1000", sgd, "1,000.00 SGD"},
		{"123", jpy, "¥123"}, {"999999", usd, "$999,999.00"},
	} {
		if got := FormatMoney(decimal.RequireFromString(c.amount), c.cur); got != c.want {
			t.Errorf("FormatMoney(%s %s) = %q, want %q", c.amount, c.cur.Code, got, c.want)
		}
	}
}

func TestQuoteRevision(t *testing.T) {
	q := &Quote{ID: "quo_1", Number: "Q-000007", Version: 2, Status: QuoteApproved, Primary: true,
		SiteGroups: []SiteGroup{{ID: "sg_a", Name: "Shinjuku"}, {ID: "sg_b", Name: "Yokohama"}},
		Lines: []QuoteLine{
			{ID: "ql_1", SiteGroupID: "sg_a", ProductID: "p1", Quantity: 1},
			{ID: "ql_2", SiteGroupID: "sg_a", ParentID: "ql_1", ProductID: "p2", Quantity: 4, Attributes: map[string]string{"model": "indoor"}},
			{ID: "ql_3", SiteGroupID: "sg_b", ProductID: "p1", Quantity: 1},
		}}
	v := q.Revision()
	if v.ID != "" || v.Number != "Q-000007" || v.Version != 3 || v.PreviousID != "quo_1" || v.Status != QuoteDraft || v.Primary {
		t.Fatalf("revision header = %+v", v)
	}
	if v.SiteGroups[0].ID == "sg_a" || v.Lines[0].ID == "ql_1" {
		t.Fatal("the revision reuses ids")
	}
	if got, want := v.Lines[1].ParentID, v.Lines[0].ID; got != want {
		t.Errorf("component's bundle = %s, want %s", got, want)
	}
	if v.Lines[1].SiteGroupID != v.SiteGroups[0].ID || v.Lines[2].SiteGroupID != v.SiteGroups[1].ID {
		t.Errorf("lines' site groups = %s, %s; groups %s, %s", v.Lines[1].SiteGroupID, v.Lines[2].SiteGroupID, v.SiteGroups[0].ID, v.SiteGroups[1].ID)
	}
	v.Lines[1].Attributes["model"] = "outdoor"
	if q.Lines[1].Attributes["model"] != "indoor" || q.Lines[0].ID != "ql_1" {
		t.Error("changing the revision changed the original")
	}
}

// Found in review: the pricing day was the UTC day with its time, so an offer ending today had ended, and
// before 09:00 in Tokyo it was still yesterday.
func TestTodayIsTheUsersCalendarDay(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = tokyo
	defer func() { time.Local = saved }()
	morning := time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC) // 08:30 on 1 April in Tokyo
	day := Today(morning)
	if got, want := FormatDate(day), "2026-04-01"; got != want {
		t.Fatalf("Today = %s, want %s", got, want)
	}
	offer := &Promotion{Active: true, ValidTo: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	if !offer.ValidOn(day) {
		t.Error("an offer is not valid on its last day")
	}
	if offer.ValidOn(day.AddDate(0, 0, 1)) {
		t.Error("an offer is valid the day after its last")
	}
}

func TestCanonicalRegionShortForms(t *testing.T) {
	for in, want := range map[string]string{"東京": "Tokyo", "東京都": "Tokyo", "京都": "Kyoto", "京都府": "Kyoto",
		"京": "京", "大阪": "Osaka", "北海道": "Hokkaido", "kyoto": "Kyoto", "Kanto": "Kanto"} {
		if got := CanonicalRegion(in); got != want {
			t.Errorf("CanonicalRegion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClauseTemplate(t *testing.T) {
	c := &ClauseTemplate{Code: "NOTICE", Title: Text{EN: "Notice", JA: "解約の通知"},
		Body: Text{EN: "Give notice {notice_days} days before the end of {term_months} months.", JA: "{notice_days} 日前までに通知してください。"}}
	err := c.Validate()
	if ErrorCode(err) != EInvalid || !strings.Contains(Message(LangEN, err.(*Error).Fields[0].Key, err.(*Error).Fields[0].Args), "notice_days, term_months") {
		t.Errorf("variables that differ between languages: %v", err)
	}
	c.Body.JA = "{term_months} か月の期間満了の {notice_days} 日前までに通知してください。"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Variables(), ","); got != "notice_days,term_months" {
		t.Errorf("variables = %s", got)
	}
	got, err := c.Render(LangJA, map[string]string{"notice_days": "30", "term_months": "24"})
	if err != nil || got.Body != "24 か月の期間満了の 30 日前までに通知してください。" || got.Title != "解約の通知" {
		t.Errorf("rendered = %+v %v", got, err)
	}
	if _, err := c.Render(LangEN, map[string]string{"notice_days": " "}); err == nil ||
		Message(LangEN, err.(*Error).Key, err.(*Error).Args) != "Clause NOTICE needs a value for: notice_days, term_months." {
		t.Errorf("missing values: %v", err)
	}
}
