package demo

import "quotewright/backend/cpq"

// seedClauses: the company's standard contract clauses, in English and Japanese.
func (s *seeder) seedClauses() error {
	for _, c := range StandardClauses() {
		if err := s.tx.Clauses().Save(s.ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// StandardClauses are the demo company's standard clauses, in order.
func StandardClauses() []*cpq.ClauseTemplate {
	clauses := []*cpq.ClauseTemplate{
		{Code: "SERVICES", Title: text("Services", "サービス内容"),
			Body: text("The Provider supplies the services listed in the commercial schedule, at the sites named there, from {start_date}.",
				"提供者は、商取引明細に記載されたサービスを、同明細記載の拠点において、{start_date} から提供します。")},
		{Code: "TERM", Title: text("Term", "契約期間"),
			Body: text("This contract runs for {term_months} months from {start_date} and renews for 12 months at a time unless either party gives notice.",
				"本契約の期間は {start_date} から {term_months} か月とし、いずれかの当事者から通知がない限り 12 か月ずつ更新されます。")},
		{Code: "NOTICE", Title: text("Notice of termination", "解約の通知"),
			Body: text("Either party may end this contract at the end of its term by giving written notice at least {notice_days} days before.",
				"各当事者は、期間満了の {notice_days} 日前までに書面で通知することにより、期間満了をもって本契約を終了できます。")},
		{Code: "CHARGES", Title: text("Charges and payment", "料金および支払"),
			Body: text("The Customer pays the one-time charges on installation and the monthly charges monthly in arrears, within {payment_days} days of each invoice.",
				"顧客は、初期費用を設置時に、月額料金を毎月後払いで、各請求書の発行日から {payment_days} 日以内に支払います。")},
		{Code: "SLA", Title: text("Service levels", "サービス品質"),
			Body: text("The Provider aims for {availability}% monthly availability of each access line; the service credits of the schedule apply below it.",
				"提供者は各回線の月間稼働率 {availability}% を目標とし、これを下回った場合は明細記載のサービスクレジットを適用します。")},
		{Code: "CONFIDENTIALITY", Title: text("Confidentiality", "秘密保持"),
			Body: text("Each party keeps the other's confidential information secret during this contract and for three years after it.",
				"各当事者は、本契約期間中およびその終了後 3 年間、相手方の秘密情報を秘密として保持します。")},
		{Code: "LAW", Title: text("Governing law and courts", "準拠法および管轄"),
			Body: text("This contract is governed by the laws of Japan; the Tokyo District Court has exclusive jurisdiction in the first instance.",
				"本契約は日本法に準拠し、東京地方裁判所を第一審の専属的合意管轄裁判所とします。")},
	}
	for i, c := range clauses {
		c.Position, c.Active = i+1, true
	}
	return clauses
}
