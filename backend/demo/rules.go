package demo

import "quotewright/backend/cpq"

// seedRules: who may buy what, where it can be provided, and what goes with what.
func (s *seeder) seedRules() error {
	rules := []*cpq.Rule{
		{Code: "HOME-CONSUMER", Kind: cpq.RuleEligibility, Segments: []cpq.Segment{cpq.SegmentConsumer},
			Products: []string{"HOME-BUNDLE", "FIBRE-HOME", "ROUTER-WIFI6", "TV-HOME", "VOICE-HOME", "NEWS-DAILY"}},
		{Code: "BUSINESS-ONLY", Kind: cpq.RuleEligibility, Segments: []cpq.Segment{cpq.SegmentBusiness},
			Products: []string{"STORE-CONNECT", "FIBRE-BIZ", "WIFI-MANAGED", "SIP-TRUNK", "MOBILE-BIZ", "PLAN-BIZ-5",
				"PLAN-BIZ-30", "PLAN-BIZ-UNL", "DEVICE-CARE"}},
		{Code: "DEVICE-CREDIT", Kind: cpq.RuleEligibility, Products: []string{"PHONE-X15", "PHONE-A9"},
			CreditStatuses: []cpq.CreditStatus{cpq.CreditApproved, cpq.CreditReview},
			Message: text("Phones are paid in instalments: the account needs a credit check that is approved or under review.",
				"端末は分割払いのため、信用調査が「承認」または「要審査」の取引先のみが対象です。")},
		// Home fibre is built in the Tokyo, Kanagawa and Chiba areas (postal codes 1… and 2…) and in Osaka (53–59).
		{Code: "HOME-FIBRE-AREA", Kind: cpq.RuleAvailability, Products: []string{"HOME-BUNDLE", "FIBRE-HOME"},
			PostalPrefixes: []string{"1", "2", "53", "54", "55", "56", "57", "58", "59"}},
		{Code: "BIZ-FIBRE-AREA", Kind: cpq.RuleAvailability, Products: []string{"STORE-CONNECT", "FIBRE-BIZ"},
			Regions: []string{"Tokyo", "Kanagawa", "Chiba", "Saitama", "Osaka", "Aichi", "Fukuoka"}},
		{Code: "TV-NEEDS-FIBRE", Kind: cpq.RuleRequires, Products: []string{"TV-HOME", "VOICE-HOME"},
			Targets: []string{"FIBRE-HOME"}, Scope: cpq.ScopeSite, WithAssets: true},
		{Code: "SIP-NEEDS-FIBRE", Kind: cpq.RuleRequires, Products: []string{"SIP-TRUNK", "WIFI-MANAGED"},
			Targets: []string{"FIBRE-BIZ"}, Scope: cpq.ScopeSite, WithAssets: true},
	}
	for _, r := range rules {
		r.Active = true
		if err := s.tx.Rules().Create(s.ctx, r); err != nil {
			return err
		}
	}
	return nil
}
