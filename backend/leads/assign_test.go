package leads_test

import (
	"testing"

	"quotewright/backend/cpq"
	"quotewright/backend/leads"
)

// rules are given out of Position order, to show that Position and not the slice decides.
func rules() []*cpq.AssignmentRule {
	return []*cpq.AssignmentRule{
		{Code: "ANY", Team: []string{"u9"}, Position: 30, Active: true},
		{Code: "TOKYO-B2B", Region: "東京都", Segment: cpq.SegmentBusiness, Team: []string{"u1", "u2", "u3"}, Position: 10, Active: true},
		{Code: "OLD-TOKYO", Region: "Tokyo", Team: []string{"u8"}, Position: 5, Active: false},
		{Code: "B2C", Segment: cpq.SegmentConsumer, Team: []string{"u4"}, Position: 20, Active: true},
	}
}

func everyone(string) bool { return true }

func TestAssignByRegionAndSegment(t *testing.T) {
	for _, c := range []struct {
		region  string
		segment cpq.Segment
		rule    string
	}{
		{"Tokyo", cpq.SegmentBusiness, "TOKYO-B2B"},
		{"東京", cpq.SegmentBusiness, "TOKYO-B2B"}, // compared canonically
		{"Tokyo", cpq.SegmentConsumer, "B2C"},    // region matches, segment does not
		{"Osaka", cpq.SegmentConsumer, "B2C"},    // an empty region matches any
		{"Osaka", cpq.SegmentBusiness, "ANY"},
	} {
		a, ok := leads.Assign(rules(), &cpq.Lead{Region: c.region, Segment: c.segment}, everyone, nil)
		if !ok {
			t.Errorf("%s %s: not assigned", c.region, c.segment)
			continue
		}
		if got, want := a.Rule, c.rule; got != want {
			t.Errorf("%s %s: rule %s, want %s", c.region, c.segment, got, want)
		}
	}
}

func TestRoundRobinWraps(t *testing.T) {
	lead := &cpq.Lead{Region: "Tokyo", Segment: cpq.SegmentBusiness}
	cursors := map[string]int{}
	var owners []string
	for range 4 {
		a, ok := leads.Assign(rules(), lead, everyone, cursors)
		if !ok {
			t.Fatal("not assigned")
		}
		owners = append(owners, a.OwnerID)
		cursors[a.Rule] = a.Cursor // what the caller stores
	}
	if got, want := join(owners), "u1 u2 u3 u1"; got != want {
		t.Errorf("owners = %s, want %s", got, want)
	}
}

func TestRoundRobinSkipsInactive(t *testing.T) {
	lead := &cpq.Lead{Region: "Tokyo", Segment: cpq.SegmentBusiness}
	cursors := map[string]int{"TOKYO-B2B": 0}
	away := func(id string) bool { return id != "u2" }
	a, ok := leads.Assign(rules(), lead, away, cursors)
	if !ok {
		t.Fatal("not assigned")
	}
	if got, want := a.OwnerID, "u3"; got != want {
		t.Errorf("owner = %s, want %s", got, want)
	}
	if got, want := a.Cursor, 2; got != want {
		t.Errorf("cursor = %d, want %d", got, want)
	}
	// Assign leaves saving the cursor to the caller.
	if got, want := cursors["TOKYO-B2B"], 0; got != want {
		t.Errorf("cursors changed to %d, want %d", got, want)
	}
	// From the last member, skipping an inactive first one wraps to the second.
	a, _ = leads.Assign(rules(), lead, func(id string) bool { return id != "u1" }, map[string]int{"TOKYO-B2B": 2})
	if got, want := a.OwnerID, "u2"; got != want {
		t.Errorf("owner = %s, want %s", got, want)
	}
}

func TestNoAssignment(t *testing.T) {
	// The matching rule's whole team is away: the lead waits for a manager rather than going to ANY.
	tokyo := &cpq.Lead{Region: "Tokyo", Segment: cpq.SegmentBusiness}
	if a, ok := leads.Assign(rules(), tokyo, func(id string) bool { return id == "u9" }, nil); ok {
		t.Errorf("assigned to %+v with the team away", a)
	}
	// No rule matches.
	only := rules()[1:2]
	if a, ok := leads.Assign(only, &cpq.Lead{Region: "Osaka", Segment: cpq.SegmentBusiness}, everyone, nil); ok {
		t.Errorf("assigned to %+v with no matching rule", a)
	}
	if a, ok := leads.Assign(nil, tokyo, everyone, nil); ok {
		t.Errorf("assigned to %+v with no rules", a)
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}
