package leads

import (
	"cmp"
	"slices"
	"strings"

	"quotewright/backend/cpq"
)

// Assignment is who gets a lead and why.
type Assignment struct {
	Rule    string // the code of the rule that matched, kept on the lead (cpq.Lead.AssignedBy)
	OwnerID string
	// Cursor is the index in the rule's team of the member chosen: store it as the rule's cursor so that the
	// next lead goes to the member after.
	Cursor int
}

// Assign chooses the owner of a lead. The first active rule by Position whose region and segment match the
// lead (an empty one matches any) decides; within its team leads go round in turn, starting after the member
// at the rule's cursor (cursors are by rule code; a rule with none starts at the first member) and skipping
// members for whom active is false (left, on leave). A nil active counts every member as active.
//
// It reports false when no rule matches, or when no member of the matching rule's team is active: the lead is
// then left for a manager rather than passed to a later rule, because that team owns the territory and an
// unstaffed team is something to see, not to paper over.
//
// Assign changes nothing: the caller saves the owner and the new cursor together, in one transaction, so two
// imports running at once cannot hand out the same turn.
func Assign(rules []*cpq.AssignmentRule, lead *cpq.Lead, active func(userID string) bool, cursors map[string]int) (Assignment, bool) {
	if lead == nil {
		return Assignment{}, false
	}
	r := firstMatch(rules, lead)
	if r == nil {
		return Assignment{}, false
	}
	last, ok := cursors[r.Code]
	if !ok {
		last = -1
	}
	n := len(r.Team)
	for step := 1; step <= n; step++ {
		// A cursor left beyond the end by a team that since got smaller still lands on a member.
		i := ((last+step)%n + n) % n
		if id := r.Team[i]; active == nil || active(id) {
			return Assignment{Rule: r.Code, OwnerID: id, Cursor: i}, true
		}
	}
	return Assignment{}, false
}

// firstMatch is the first active rule by Position that matches the lead. Rules of equal Position keep the
// order given, so the result does not depend on how the sort treats ties.
func firstMatch(rules []*cpq.AssignmentRule, lead *cpq.Lead) *cpq.AssignmentRule {
	sorted := slices.Clone(rules)
	slices.SortStableFunc(sorted, func(a, b *cpq.AssignmentRule) int { return cmp.Compare(a.Position, b.Position) })
	region := cpq.CanonicalRegion(lead.Region)
	for _, r := range sorted {
		// A rule without a team cannot be saved (cpq.AssignmentRule.Validate); one read from older data is
		// passed over rather than taken as the territory's owner.
		if r == nil || !r.Active || len(r.Team) == 0 {
			continue
		}
		// Regions are compared canonically, so a rule for "東京都" takes a lead from "Tokyo"; a region that is
		// not a prefecture is compared without regard to case.
		if r.Region != "" && !strings.EqualFold(cpq.CanonicalRegion(r.Region), region) {
			continue
		}
		if r.Segment != "" && r.Segment != lead.Segment {
			continue
		}
		return r
	}
	return nil
}
