package credit

import (
	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// The local scoring looks only at what the account says about itself, so every factor is something a rep
// can see and correct on the account. docs/credit.md repeats this table for sales managers; the two must
// change together.

// ScoreItem is one factor of a score.
type ScoreItem struct {
	Factor string // the account field scored, by its JSON name: "registrationNumber", "employees", …
	Points int    // points given
	Max    int    // points the factor can give
}

// Scorecard is a local score and how it was made up: the items add up to Total.
type Scorecard struct {
	Total int
	Items []ScoreItem
}

func (c *Scorecard) add(factor string, earned bool, points int) {
	if earned {
		c.addPoints(factor, points, points)
	} else {
		c.addPoints(factor, 0, points)
	}
}

func (c *Scorecard) addPoints(factor string, points, max int) {
	c.Items = append(c.Items, ScoreItem{Factor: factor, Points: points, Max: max})
	c.Total += points
}

// Score scores an applicant 0–100 by the table of its segment. An applicant of no known segment scores 0
// with no items.
func Score(a Applicant) Scorecard {
	var c Scorecard
	email := plausibleEmail(a.Email)
	phone, mobile := japanesePhone(a.Phone)
	region := cpq.IsPrefecture(cpq.CanonicalRegion(a.Region))
	switch a.Segment {
	case cpq.SegmentBusiness:
		// A corporate number whose check digit holds is the one fact here a bureau could confirm; without
		// it a business cannot reach A (the other factors give at most 70).
		c.add("registrationNumber", ValidCorporateNumber(a.RegistrationNumber), 30)
		c.addPoints("employees", employeePoints(a.Employees), 35)
		c.add("email", email, 10)
		c.add("phone", phone, 10)
		c.add("nameKana", cpq.CleanText(a.NameKana) != "", 5)
		c.add("industry", cpq.CleanText(a.Industry) != "", 5)
		c.add("region", region, 5)
	case cpq.SegmentConsumer:
		// No name or reading is scored for a person: a foreign resident often has no reading entered, and that
		// says nothing about paying. A Japanese mobile number is worth a little more because carriers must
		// verify the holder's identity (携帯電話不正利用防止法).
		c.add("email", email, 30)
		c.add("phone", phone, 30)
		c.add("mobile", mobile, 10)
		c.add("emailAndPhone", email && phone, 15)
		c.add("region", region, 15)
	}
	return c
}

// employeePoints: a larger company has more to lose by not paying and is likelier to be on record.
func employeePoints(n int) int {
	switch {
	case n >= 1000:
		return 35
	case n >= 300:
		return 30
	case n >= 50:
		return 22
	case n >= 10:
		return 15
	case n >= 1:
		return 8
	}
	return 0 // unknown
}

// grade is the rating and status a score gives: A and B are approved, C goes to a person, D is declined.
func grade(score int) (string, cpq.CreditStatus) {
	switch {
	case score >= 80:
		return "A", cpq.CreditApproved
	case score >= 60:
		return "B", cpq.CreditApproved
	case score >= 40:
		return "C", cpq.CreditReview
	}
	return "D", cpq.CreditDeclined
}

// localLimits are the credit limits in yen by segment and rating. C's limit is what a reviewer may grant; D
// has none.
var localLimits = map[cpq.Segment]map[string]int64{
	cpq.SegmentBusiness: {"A": 50_000_000, "B": 30_000_000, "C": 5_000_000, "D": 0},
	cpq.SegmentConsumer: {"A": 300_000, "B": 200_000, "C": 100_000, "D": 0},
}

func localLimit(s cpq.Segment, rating string) decimal.Decimal {
	return decimal.NewFromInt(localLimits[s][rating])
}
