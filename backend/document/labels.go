package document

import (
	"fmt"
	"strconv"
)

// labels are every fixed word a document prints, in one language.
type labels struct {
	ja bool

	// The quote.
	quoteTitle, quoteNo, version, date, validUntil, term, subject, currency string
	preparedFor, attn, intro, totalBox                                      string
	oneTime, monthly, perMonth                                              string
	registration, phone, email                                              string

	// The line-item table and the totals.
	colDescription, colQty, colUnitPrice, colDiscount, colOneTime, colMonthly string
	subtotal, continued, net, tax, gross                                      string
	taxRate, taxKind, taxBase, taxAmount                                      string
	terms, notes                                                              string

	// The contract.
	contractTitle, contractNo, contractDate, startDate, status, draft string
	schedule, closing, signature, signerName, signerTitle, signDate   string
	provider, customer                                                string

	// The redline.
	redlineTitle, inserted, deleted                    string
	kindAdded, kindRemoved, kindChanged, kindSame      string
	clauseCount                                        string // format: changed, added, removed, unchanged
	pageOf, versionOf, monthsOf, versionsOf, taxBaseOf string // formats, see the methods below
	contractValueOf, preambleOf, clauseOf              string
	contractValuePlain                                 string
}

var english = labels{
	quoteTitle: "QUOTATION", quoteNo: "Quote no.", version: "Version", date: "Date", validUntil: "Valid until",
	term: "Term", subject: "Subject", currency: "Currency",
	preparedFor: "Prepared for", attn: "Attn: ", intro: "We are pleased to quote as follows.",
	totalBox: "Total\n(incl. tax)", oneTime: "One-time", monthly: "Monthly", perMonth: " / month",
	registration: "Registration no.", phone: "Tel", email: "Email",

	colDescription: "Description", colQty: "Qty", colUnitPrice: "Unit price", colDiscount: "Discount",
	colOneTime: "One-time", colMonthly: "Monthly",
	subtotal: "Subtotal", continued: "(continued)", net: "Subtotal (excl. tax)", tax: "Tax",
	gross:   "Total (incl. tax)",
	taxRate: "Rate", taxKind: "Charge", taxBase: "Taxable", taxAmount: "Tax",
	terms: "Terms and conditions", notes: "Notes",

	contractTitle: "Service Agreement", contractNo: "Contract no.", contractDate: "Date",
	startDate: "Start date", status: "Status", draft: "DRAFT",
	schedule:  "Schedule 1 — Charges",
	closing:   "In witness whereof, the parties have signed this agreement on the dates below.",
	signature: "Signature", signerName: "Name", signerTitle: "Title", signDate: "Date",
	provider: "Provider", customer: "Customer",

	redlineTitle: "Contract redline", inserted: "Inserted", deleted: "Deleted",
	kindAdded: "Added", kindRemoved: "Removed", kindChanged: "Changed", kindSame: "Unchanged",
	clauseCount: "%d changed · %d added · %d removed · %d unchanged",

	pageOf: "Page %d of %s", versionOf: "%d", monthsOf: "%d months", versionsOf: "Version %d → version %d",
	taxBaseOf: "%s", contractValueOf: "Total contract value (%s, excl. tax)",
	contractValuePlain: "Total contract value (excl. tax)",
	preambleOf:         `This agreement is made between %s (the "Provider") and %s (the "Customer").`,
	clauseOf:           "%d. %s",
}

var japanese = labels{
	ja:         true,
	quoteTitle: "御見積書", quoteNo: "見積番号", version: "版", date: "発行日", validUntil: "有効期限",
	term: "契約期間", subject: "件名", currency: "通貨",
	preparedFor: "", attn: "ご担当：", intro: "下記の通り御見積申し上げます。",
	totalBox: "御見積金額（税込）", oneTime: "初期費用", monthly: "月額費用", perMonth: "／月",
	registration: "登録番号", phone: "TEL", email: "Email",

	colDescription: "品名", colQty: "数量", colUnitPrice: "単価", colDiscount: "値引",
	colOneTime: "初期費用", colMonthly: "月額費用",
	subtotal: "小計", continued: "（続き）", net: "小計（税抜）", tax: "消費税", gross: "合計（税込）",
	taxRate: "税率", taxKind: "区分", taxBase: "対象額", taxAmount: "消費税",
	terms: "備考", notes: "備考",

	contractTitle: "サービス利用契約書", contractNo: "契約番号", contractDate: "契約日",
	startDate: "利用開始日", status: "状態", draft: "草案",
	schedule:  "別紙　料金明細",
	closing:   "本契約の成立を証するため、甲乙署名の上、各自その1通を保有する。",
	signature: "署名", signerName: "氏名", signerTitle: "役職", signDate: "日付",
	provider: "乙", customer: "甲",

	redlineTitle: "契約書 変更箇所対照表", inserted: "追加", deleted: "削除",
	kindAdded: "追加", kindRemoved: "削除", kindChanged: "変更", kindSame: "変更なし",
	clauseCount: "変更 %d件・追加 %d件・削除 %d件・変更なし %d件",

	pageOf: "%d / %s ページ", versionOf: "第%d版", monthsOf: "%dヶ月", versionsOf: "第%d版 → 第%d版",
	taxBaseOf: "%s対象", contractValueOf: "契約期間総額（%s・税抜）",
	contractValuePlain: "契約期間総額（税抜）",
	preambleOf:         "%[2]s（以下「甲」という。）と%[1]s（以下「乙」という。）は、次のとおり契約（以下「本契約」という。）を締結する。",
	clauseOf:           "第%d条（%s）",
}

// labelsFor is the labels of a document's language; an unknown language is an error rather than a guess.
func labelsFor(lang string) (*labels, error) {
	switch lang {
	case "en":
		return &english, nil
	case "ja":
		return &japanese, nil
	}
	return nil, fmt.Errorf("language %q is neither \"en\" nor \"ja\"", lang)
}

func (l *labels) page(n int, total string) string { return fmt.Sprintf(l.pageOf, n, total) }

// versionText is a version number as printed ("3", "第3版"), or nothing for none.
func (l *labels) versionText(v int) string {
	if v <= 0 {
		return ""
	}
	return fmt.Sprintf(l.versionOf, v)
}
func (l *labels) versions(a, b int) string        { return fmt.Sprintf(l.versionsOf, a, b) }
func (l *labels) taxBaseLabel(rate string) string { return fmt.Sprintf(l.taxBaseOf, rate) }
func (l *labels) preamble(seller, customer string) string {
	return fmt.Sprintf(l.preambleOf, seller, customer)
}
func (l *labels) clauseHeading(n int, title string) string { return fmt.Sprintf(l.clauseOf, n, title) }
func (l *labels) contractValue(months int) string {
	if months <= 0 {
		return l.contractValuePlain
	}
	return fmt.Sprintf(l.contractValueOf, l.months(months))
}

// reference is a document's number with its version: "Q-12 (Version 3)", "Q-12（第3版）".
func (l *labels) reference(number string, version int) string {
	number = clean(number, false)
	switch {
	case version <= 0:
		return number
	case l.ja:
		return number + "（" + l.versionText(version) + "）"
	}
	return number + " (" + l.version + " " + l.versionText(version) + ")"
}

// termText is a contract term in months, or nothing for none.
func (l *labels) termText(n int) string {
	if n <= 0 {
		return ""
	}
	return l.months(n)
}

func (l *labels) months(n int) string {
	if n == 1 && !l.ja {
		return "1 month"
	}
	return fmt.Sprintf(l.monthsOf, n)
}

// chargeKind prints a tax line's kind in the document's language when it is one the package knows.
func (l *labels) chargeKind(kind string) string {
	switch kind {
	case "one-time", "onetime", "one_time":
		return l.oneTime
	case "monthly":
		return l.monthly
	}
	return kind
}

func (l *labels) clauseKind(kind string) string {
	switch kind {
	case ClauseAdded:
		return l.kindAdded
	case ClauseRemoved:
		return l.kindRemoved
	case ClauseChanged:
		return l.kindChanged
	}
	return l.kindSame
}

// honorific follows the customer's name: 御中 for a company, 様 for a person, in Japanese only.
func (l *labels) honorific(c Customer) string {
	switch {
	case !l.ja:
		return ""
	case c.Business:
		return "御中"
	}
	return "様"
}

// registrationNumber prints a qualified-invoice registration number with its "T", which thirteen bare
// digits are missing.
func registrationNumber(n string) string {
	if len(n) == 13 {
		if _, err := strconv.ParseUint(n, 10, 64); err == nil {
			return "T" + n
		}
	}
	return n
}
