package leads_test

import (
	"fmt"
	"testing"

	"quotewright/backend/cpq"
	"quotewright/backend/leads"
)

// found writes matches as "id:on+on id:on", to compare in one go.
func found(ms []leads.Match) string {
	out := ""
	for i, m := range ms {
		if i > 0 {
			out += " "
		}
		out += m.AccountID + ":"
		for j, on := range m.On {
			if j > 0 {
				out += "+"
			}
			out += on
		}
	}
	return out
}

func business(company string) *cpq.Lead {
	return &cpq.Lead{Segment: cpq.SegmentBusiness, Company: company, LastName: "Sato"}
}

func TestMatchByCompanyName(t *testing.T) {
	accounts := []*cpq.Account{
		{ID: "a1", Name: "ABC Co., Ltd."},
		{ID: "a2", Name: "ABC Trading Co., Ltd."}, // another company
		{ID: "a3", Name: "グローバル通信株式会社"},
		{ID: "a4", Name: "ソニー株式会社", AltName: "Sony Corporation"},
		{ID: "a5", Name: "株式会社"}, // nothing but a legal form matches nothing
	}
	for _, c := range []struct{ company, want string }{
		{"株式会社ＡＢＣ", "a1:name"}, // Japanese form, full-width letters
		{"㈱ABC", "a1:name"},
		{"（株）ａｂｃ", "a1:name"},
		{"abc inc.", "a1:name"},
		{"ABC K.K.", "a1:name"},
		{"ｸﾞﾛｰﾊﾞﾙ通信", "a3:name"}, // half-width katakana
		{"グローバル 通信 (株)", "a3:name"},
		{"SONY CORPORATION", "a4:name"}, // on the account's name in the other script
		{"XYZ", ""},
	} {
		if got := found(leads.Matches(business(c.company), accounts, nil)); got != c.want {
			t.Errorf("%s: matches %q, want %q", c.company, got, c.want)
		}
	}
}

func TestMatchConsumerName(t *testing.T) {
	accounts := []*cpq.Account{
		{ID: "a1", Segment: cpq.SegmentConsumer, Name: "山田 太郎"},
		{ID: "a2", Segment: cpq.SegmentConsumer, Name: "山田太郎"},
		{ID: "a3", Segment: cpq.SegmentConsumer, Name: "John Smith"},
		{ID: "a4", Segment: cpq.SegmentConsumer, Name: "山田 花子"},
	}
	lead := &cpq.Lead{Segment: cpq.SegmentConsumer, LastName: "山田", FirstName: "太郎"}
	if got, want := found(leads.Matches(lead, accounts, nil)), "a1:name a2:name"; got != want {
		t.Errorf("matches %q, want %q", got, want)
	}
	lead = &cpq.Lead{Segment: cpq.SegmentConsumer, LastName: "Smith", FirstName: "John"}
	if got, want := found(leads.Matches(lead, accounts, nil)), "a3:name"; got != want {
		t.Errorf("matches %q, want %q", got, want)
	}
}

func TestMatchEmailOnContact(t *testing.T) {
	accounts := []*cpq.Account{{ID: "a1", Name: "ABC"}, {ID: "a2", Name: "DEF", Email: "info@def.example"}}
	contacts := map[string][]*cpq.Contact{
		"a1": {{AccountID: "a1", LastName: "Ito", Email: "ito@abc.example"}, {AccountID: "a1", LastName: "Kato", Email: "Sato@ABC.example"}},
	}
	lead := business("Other")
	lead.Email = "sato@abc.example"
	if got, want := found(leads.Matches(lead, accounts, contacts)), "a1:email"; got != want {
		t.Errorf("matches %q, want %q", got, want)
	}
	lead.Email = "INFO@def.example"
	if got, want := found(leads.Matches(lead, accounts, contacts)), "a2:email"; got != want {
		t.Errorf("matches %q, want %q", got, want)
	}
}

func TestMatchPhone(t *testing.T) {
	accounts := []*cpq.Account{
		{ID: "a1", Name: "ABC", Phone: "03-1234-5678"},
		{ID: "a2", Name: "DEF", Phone: "06-1234-5678"},
		{ID: "a3", Name: "GHI"},
	}
	contacts := map[string][]*cpq.Contact{"a3": {{AccountID: "a3", LastName: "Ito", Phone: "０９０ー１１１１ー２２２２"}}}
	for _, c := range []struct{ phone, want string }{
		{"+81 3-1234-5678", "a1:phone"},
		{"+81 (0)3 1234 5678", "a1:phone"},
		{"03(1234)5678", "a1:phone"},
		{"+81-90-1111-2222", "a3:phone"}, // a contact's number, typed full width
		{"+1 3-1234-5678", ""},           // another country's number
		{"5678", ""},                     // too short to say anything
	} {
		lead := business("Other")
		lead.Phone = c.phone
		if got := found(leads.Matches(lead, accounts, contacts)); got != c.want {
			t.Errorf("%s: matches %q, want %q", c.phone, got, c.want)
		}
	}
}

func TestMatchOrder(t *testing.T) {
	accounts := []*cpq.Account{
		{ID: "a3", Name: "ABC株式会社"},
		{ID: "a2", Name: "Other", Email: "sato@abc.example"},
		{ID: "a1", Name: "ABC Co., Ltd."},
		{ID: "a4", Name: "ABC Inc.", Email: "SATO@abc.example", Phone: "03-1234-5678"},
		{ID: "a5", Name: "Unrelated"},
	}
	lead := business("ABC")
	lead.Email, lead.Phone = "sato@abc.example", "+81 3 1234 5678"
	ms := leads.Matches(lead, accounts, nil)
	if got, want := found(ms), "a4:name+email+phone a1:name a2:email a3:name"; got != want {
		t.Errorf("matches %q, want %q", got, want)
	}
	if got, want := fmt.Sprint(len(leads.Matches(business("Nobody"), accounts, nil))), "0"; got != want {
		t.Errorf("matches for an unknown lead = %s, want %s", got, want)
	}
}
