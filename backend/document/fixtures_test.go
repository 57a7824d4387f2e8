package document_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"

	"quotewright/backend/document"
)

// The view models the tests render, built by hand as the app would build them: figures already formatted.

func seller(ja bool) document.Party {
	if ja {
		return document.Party{
			Name:               "株式会社クオートライト通信",
			Address:            "〒100-0005\n東京都千代田区丸の内一丁目9番2号 グラントウキョウサウスタワー12階",
			Phone:              "03-1234-5678",
			Email:              "sales@quotewright.example.jp",
			RegistrationNumber: "T1234567890123",
			Logo:               logoPNG(),
		}
	}
	return document.Party{
		Name:               "Quotewright Telecom K.K.",
		Address:            "12F Gran Tokyo South Tower, 1-9-2 Marunouchi\nChiyoda-ku, Tokyo 100-0005, Japan",
		Phone:              "+81 3-1234-5678",
		Email:              "sales@quotewright.example.com",
		RegistrationNumber: "1234567890123",
		Logo:               logoPNG(),
	}
}

// logoPNG is a small two-tone mark with a transparent background.
func logoPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 120; x++ {
			switch {
			case x < 36 && (x-18)*(x-18)+(y-20)*(y-20) < 18*18:
				img.Set(x, y, color.NRGBA{36, 62, 110, 255})
			case x >= 44 && y >= 14 && y < 26:
				img.Set(x, y, color.NRGBA{0, 140, 190, 255})
			}
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// signaturePNG is a scribble on a transparent background, as a signature pad exports it.
func signaturePNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 90))
	for x := 10; x < 290; x++ {
		y := 45 + int(25*math.Sin(float64(x)/17)) - (x-150)/12
		for d := -1; d <= 1; d++ {
			img.Set(x, y+d, color.NRGBA{10, 20, 80, 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// smallQuote is a quote of two sites with a bundle and tax at 10% and 8%.
func smallQuote(ja, business bool) *document.Quote {
	q := &document.Quote{
		Lang: "en", Seller: seller(ja), Number: "Q-2025-0042", Version: 3,
		Title: "Head office and Osaka branch network renewal",
		Date:  "2025-06-02", ValidUntil: "2025-07-02", TermMonths: 36, Currency: "JPY",
		Customer: document.Customer{
			Name: "Sakura Trading Co., Ltd.", Address: "2-3-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 163-8001",
			Contact: "Hanako Yamada", Business: true,
		},
		Groups: []document.Group{
			{Name: "Tokyo head office", OneTime: "¥150,000", Monthly: "¥96,800", Lines: []document.Line{
				{Description: "Business Fibre 1G bundle", Detail: "Term 36 months; static IP /29; managed router",
					Quantity: "1", UnitPrice: "¥88,000", OneTime: "¥50,000", Monthly: "¥88,000"},
				{Depth: 1, Description: "Fibre access 1 Gbps", Quantity: "1", UnitPrice: "included"},
				{Depth: 1, Description: "Managed router RX-200", Detail: "Dual WAN, LTE backup",
					Quantity: "1", UnitPrice: "included", OneTime: "¥100,000"},
				{Description: "Cloud PBX seats", Detail: "Standard plan", Quantity: "20", UnitPrice: "¥440",
					Discount: "-10%", Monthly: "¥8,800"},
			}},
			{Name: "Osaka branch", OneTime: "¥30,000", Monthly: "¥14,300", Lines: []document.Line{
				{Description: "Business Internet 300M", Quantity: "1", UnitPrice: "¥13,200",
					OneTime: "¥30,000", Monthly: "¥13,200"},
				{Description: "Office refreshments (monthly box)", Quantity: "1", UnitPrice: "¥1,100",
					Monthly: "¥1,100"},
			}},
		},
		Totals: document.Totals{
			OneTimeNet: "¥180,000", MonthlyNet: "¥111,100",
			Taxes: []document.TaxLine{
				{Label: "10%", Kind: "one-time", Base: "¥180,000", Tax: "¥18,000"},
				{Label: "10%", Kind: "monthly", Base: "¥110,000", Tax: "¥11,000"},
				{Label: "8%", Kind: "monthly", Base: "¥1,100", Tax: "¥88"},
			},
			OneTimeTax: "¥18,000", MonthlyTax: "¥11,088",
			OneTimeGross: "¥198,000", MonthlyGross: "¥122,188",
			ContractValue: "¥4,179,600",
		},
		Terms: []string{
			"Prices are valid until the date above.",
			"Monthly charges start on the service start date and are billed monthly in arrears.",
			"Early termination within the term incurs the remaining monthly charges.",
		},
		Notes: "Installation dates are agreed after the order. Items marked 8% are taxed at the reduced rate.",
	}
	if !business {
		q.Customer = document.Customer{Name: "Taro Suzuki", Address: "1-1 Kita, Sapporo", Business: false}
	}
	if ja {
		q.Lang = "ja"
		q.Title = "本社・大阪支店 ネットワーク更改"
		q.Date, q.ValidUntil = "2025年6月2日", "2025年7月2日"
		q.Customer = document.Customer{
			Name: "株式会社さくら商事", Address: "〒163-8001 東京都新宿区西新宿二丁目8番1号",
			Contact: "山田 花子", Business: true,
		}
		if !business {
			q.Customer = document.Customer{Name: "鈴木 太郎", Address: "〒060-0001 北海道札幌市中央区北一条西2丁目"}
		}
		g := q.Groups
		g[0].Name, g[1].Name = "東京本社", "大阪支店"
		g[0].Lines[0].Description, g[0].Lines[0].Detail = "ビジネス光 1G パック", "契約期間36ヶ月・固定IP /29・マネージドルーター付き"
		g[0].Lines[1].Description = "光アクセス 1Gbps"
		g[0].Lines[1].UnitPrice = "パック込"
		g[0].Lines[2].Description, g[0].Lines[2].Detail = "マネージドルーター RX-200", "デュアルWAN・LTEバックアップ"
		g[0].Lines[2].UnitPrice = "パック込"
		g[0].Lines[3].Description, g[0].Lines[3].Detail = "クラウドPBX 利用席", "スタンダードプラン"
		g[1].Lines[0].Description = "ビジネスインターネット 300M"
		g[1].Lines[1].Description = "オフィス向け飲料定期便（軽減税率対象）"
		q.Terms = []string{
			"本見積書の有効期限は上記のとおりです。",
			"月額費用はサービス開始日から発生し、毎月末締め翌月請求とします。",
			"契約期間内の解約には、残存期間の月額費用相当額の解約金が発生します。",
		}
		q.Notes = "工事日はご発注後に調整させていただきます。※印の品目は軽減税率（8%）対象です。"
	}
	return q
}

// largeQuote is a quote of n lines over several sites, in bundles of a parent and two components; with long
// details three lines in four carry a configuration several lines long, so that pages end at varied heights.
func largeQuote(ja bool, n int, longDetails bool) *document.Quote {
	q := smallQuote(ja, true)
	sites := []string{"Tokyo head office", "Osaka branch", "Nagoya branch", "Fukuoka branch", "Sapporo branch",
		"Sendai branch", "Hiroshima branch", "Yokohama data centre"}
	if ja {
		sites = []string{"東京本社", "大阪支店", "名古屋支店", "福岡支店", "札幌支店", "仙台支店", "広島支店", "横浜データセンター"}
	}
	q.Groups = nil
	per := (n + len(sites) - 1) / len(sites)
	for i := 0; i < n; i++ {
		if i%per == 0 {
			q.Groups = append(q.Groups, document.Group{Name: sites[i/per], OneTime: "¥1,234,000", Monthly: "¥987,650"})
		}
		g := &q.Groups[len(q.Groups)-1]
		depth := 0
		if i%3 != 0 {
			depth = 1
		}
		ln := document.Line{
			Depth: depth, Description: fmt.Sprintf("Line %d Business Fibre product", i+1),
			Detail:   "Term 36 months; static IP",
			Quantity: fmt.Sprint(1 + i%7), UnitPrice: "¥12,300", OneTime: "¥25,000", Monthly: "¥12,300",
		}
		if i%5 == 0 {
			ln.Discount = "-5%"
		}
		if ja {
			ln.Description = fmt.Sprintf("Line %d ビジネス光 プロダクト", i+1)
			ln.Detail = "契約期間36ヶ月・固定IP"
		}
		if longDetails && i%4 != 3 {
			if ja {
				ln.Detail = strings.Repeat("構成：ルーター冗長化あり、VLAN 100/200/300、帯域保証 500Mbps、保守は平日9時から18時まで。", 1+i%4)
			} else {
				ln.Detail = strings.Repeat("Configuration: redundant routers, VLANs 100/200/300, guaranteed bandwidth 500 Mbps, "+
					"maintenance on weekdays 9:00-18:00. ", 1+i%4)
			}
		}
		g.Lines = append(g.Lines, ln)
	}
	return q
}

func contract(ja bool, signed bool) *document.Contract {
	q := smallQuote(ja, true)
	c := &document.Contract{
		Lang: q.Lang, Seller: q.Seller, Customer: q.Customer, Number: "C-2025-0007", Version: 2,
		Date: q.Date, StartDate: "2025-07-01", TermMonths: 36, Status: "Draft", Draft: !signed,
		Schedule: q.Groups, Totals: q.Totals,
		Clauses: []document.Clause{
			{Title: "Purpose", Body: "The Provider supplies the services in Schedule 1 to the Customer on the terms of this agreement."},
			{Title: "Term", Body: "This agreement runs for 36 months from the start date and renews for 12 months at a time unless either party gives three months' notice."},
			{Title: "Charges and payment", Body: strings.Repeat("The Customer pays the charges in Schedule 1 within 30 days of the invoice date. ", 12) +
				"\nLate payments bear interest at 14.6% a year."},
			{Title: "Confidentiality", Body: "Each party keeps the other's confidential information secret and uses it only for this agreement."},
			{Title: "Governing law", Body: "This agreement is governed by the laws of Japan; the Tokyo District Court has exclusive jurisdiction."},
		},
		SellerSignature:   document.Signature{Name: "Ichiro Sato", Title: "Sales Director", Date: "2025-06-10", Typed: "Ichiro Sato"},
		CustomerSignature: document.Signature{},
	}
	if signed {
		c.Status = "Signed"
		c.CustomerSignature = document.Signature{Name: "Hanako Yamada", Title: "General Manager, IT",
			Date: "2025-06-12", Image: signaturePNG()}
	}
	if ja {
		c.Status = map[bool]string{true: "締結済", false: "草案"}[signed]
		c.Clauses = []document.Clause{
			{Title: "目的", Body: "乙は、甲に対し、別紙に定めるサービスを本契約の定めに従い提供する。"},
			{Title: "契約期間", Body: "本契約の期間は、利用開始日から36ヶ月とする。期間満了の3ヶ月前までにいずれの当事者からも申出がないときは、12ヶ月ずつ自動更新する。"},
			{Title: "料金及び支払", Body: strings.Repeat("甲は、別紙に定める料金を、請求書発行日から30日以内に乙の指定する口座に振り込む方法により支払う。", 10) +
				"\n支払が遅延したときは、年14.6%の割合による遅延損害金を支払う。"},
			{Title: "秘密保持", Body: "甲及び乙は、本契約に関して知り得た相手方の秘密情報を第三者に開示せず、本契約の目的以外に使用しない。"},
			{Title: "準拠法及び管轄", Body: "本契約は日本法に準拠し、東京地方裁判所を第一審の専属的合意管轄裁判所とする。"},
		}
		c.SellerSignature = document.Signature{Name: "佐藤 一郎", Title: "営業本部長", Date: "2025年6月10日", Typed: "佐藤 一郎"}
		if signed {
			c.CustomerSignature = document.Signature{Name: "山田 花子", Title: "情報システム部長", Date: "2025年6月12日", Image: signaturePNG()}
		}
	}
	return c
}

func redline(ja bool) *document.Redline {
	r := &document.Redline{Lang: "en", Number: "C-2025-0007", From: 1, To: 2, Date: "2025-06-05",
		Clauses: []document.ClauseDiff{
			{Kind: document.ClauseSame, Title: "Purpose", Segments: []document.Segment{
				{Op: document.OpEqual, Text: "The Provider supplies the services in Schedule 1 to the Customer."}}},
			{Kind: document.ClauseChanged, Title: "Term", Segments: []document.Segment{
				{Op: document.OpEqual, Text: "This agreement runs for "},
				{Op: document.OpDelete, Text: "24"},
				{Op: document.OpInsert, Text: "36"},
				{Op: document.OpEqual, Text: " months from the start date and renews for 12 months at a time unless either party gives "},
				{Op: document.OpDelete, Text: "one month's"},
				{Op: document.OpInsert, Text: "three months'"},
				{Op: document.OpEqual, Text: " notice. " + strings.Repeat("Renewal keeps the charges then in force. ", 6)},
			}},
			{Kind: document.ClauseRemoved, Title: "Exclusivity", Segments: []document.Segment{
				{Op: document.OpDelete, Text: "The Customer buys these services from the Provider alone."}}},
			{Kind: document.ClauseAdded, Title: "Service levels", Segments: []document.Segment{
				{Op: document.OpInsert, Text: "The Provider keeps the fibre service available 99.9% of each month."}}},
		}}
	if ja {
		r.Lang, r.Date = "ja", "2025年6月5日"
		r.Clauses = []document.ClauseDiff{
			{Kind: document.ClauseSame, Title: "目的", Segments: []document.Segment{
				{Op: document.OpEqual, Text: "乙は、甲に対し、別紙に定めるサービスを提供する。"}}},
			{Kind: document.ClauseChanged, Title: "契約期間", Segments: []document.Segment{
				{Op: document.OpEqual, Text: "本契約の期間は、利用開始日から"},
				{Op: document.OpDelete, Text: "24ヶ月"},
				{Op: document.OpInsert, Text: "36ヶ月"},
				{Op: document.OpEqual, Text: "とする。期間満了の"},
				{Op: document.OpDelete, Text: "1ヶ月前"},
				{Op: document.OpInsert, Text: "3ヶ月前"},
				{Op: document.OpEqual, Text: "までに申出がないときは自動更新する。" + strings.Repeat("更新後も同一の料金を適用する。", 8)},
			}},
			{Kind: document.ClauseRemoved, Title: "専属取引", Segments: []document.Segment{
				{Op: document.OpDelete, Text: "甲は、本サービスを乙からのみ購入する。"}}},
			{Kind: document.ClauseAdded, Title: "サービス品質", Segments: []document.Segment{
				{Op: document.OpInsert, Text: "乙は、光回線サービスの月間稼働率99.9%以上を維持する。"}}},
		}
	}
	return r
}
