package demo

import (
	"quotewright/backend/cpq"
)

func choice(code string, name cpq.Text, def string, values ...cpq.AttributeValue) cpq.Attribute {
	return cpq.Attribute{Code: code, Name: name, Type: cpq.AttrChoice, Required: true, Default: def, Values: values}
}

func val(code, en, ja string) cpq.AttributeValue {
	return cpq.AttributeValue{Code: code, Name: text(en, ja)}
}

func tech(code, en, ja, pattern string) cpq.TechnicalAttribute {
	return cpq.TechnicalAttribute{Code: code, Name: text(en, ja), Pattern: pattern}
}

// catalog creates the products; components refer to products by code and are created first.
func (s *seeder) seedCatalog() error {
	simple := func(code, family string, name, desc cpq.Text, attrs []cpq.Attribute, techs ...cpq.TechnicalAttribute) *cpq.Product {
		return &cpq.Product{Code: code, Kind: cpq.ProductSimple, Family: family, Name: name, Description: desc,
			Status: cpq.ProductActive, Attributes: attrs, TechnicalAttributes: techs}
	}
	bundle := func(code, family string, name, desc cpq.Text, comps ...cpq.BundleComponent) *cpq.Product {
		return &cpq.Product{Code: code, Kind: cpq.ProductBundle, Family: family, Name: name, Description: desc,
			Status: cpq.ProductActive, Components: comps}
	}
	comp := func(code string, min, max, def int) cpq.BundleComponent {
		return cpq.BundleComponent{ProductID: s.products[code].ID, Min: min, Max: max, Default: def}
	}
	colours := choice("colour", text("Colour", "カラー"), "black",
		val("black", "Black", "ブラック"), val("white", "White", "ホワイト"), val("blue", "Blue", "ブルー"))
	iccid := tech("iccid", "SIM ICCID", "SIMカード ICCID", `^89\d{17,18}$`)
	imei := tech("imei", "IMEI", "IMEI（端末識別番号）", `^\d{15}$`)

	steps := []func() *cpq.Product{
		// The consumer's home internet bundle.
		func() *cpq.Product {
			return simple("FIBRE-HOME", "fibre", text("Home fibre line", "光回線（ホーム）"),
				text("FTTH internet line for homes, up to the chosen speed. Available where our fibre is built.",
					"戸建・集合住宅向けの光インターネット回線。選択した最大速度で提供します。当社の光設備が整備された地域でご利用いただけます。"),
				[]cpq.Attribute{
					choice("speed", text("Speed", "通信速度"), "1G",
						val("1G", "1 Gbps", "1Gbps"), val("2G", "2 Gbps", "2Gbps"), val("10G", "10 Gbps", "10Gbps")),
					choice("dwelling", text("Dwelling", "住居タイプ"), "house",
						val("house", "House", "戸建"), val("apartment", "Apartment", "集合住宅")),
				},
				tech("line_id", "Optical line ID", "光回線ID", `^CAF\d{8}$`))
		},
		func() *cpq.Product {
			return simple("ROUTER-WIFI6", "router", text("Wi-Fi 6 router", "Wi-Fi 6 ルーター"),
				text("Dual-band Wi-Fi 6 home router, rented monthly or bought outright.",
					"デュアルバンド対応の Wi-Fi 6 ホームルーター。月額レンタルまたは買い取りを選べます。"),
				[]cpq.Attribute{choice("ownership", text("Ownership", "提供形態"), "rental",
					val("rental", "Rental", "レンタル"), val("purchase", "Purchase", "買い取り"))},
				tech("serial", "Router serial number", "ルーター製造番号", `^[A-Z0-9]{10,16}$`))
		},
		func() *cpq.Product {
			return simple("TV-HOME", "tv", text("Home TV", "ホームテレビ"),
				text("Television over the fibre line: 30 channels in Basic, 80 in Premium.",
					"光回線で視聴できるテレビサービス。ベーシックは30チャンネル、プレミアムは80チャンネル。"),
				[]cpq.Attribute{choice("package", text("Package", "パック"), "basic",
					val("basic", "Basic (30 channels)", "ベーシック（30ch）"), val("premium", "Premium (80 channels)", "プレミアム（80ch）"))})
		},
		func() *cpq.Product {
			return simple("VOICE-HOME", "voice", text("Home phone", "光電話"),
				text("Fixed-line telephone over the fibre line, keeping your number if you move to us.",
					"光回線を使った固定電話。番号ポータビリティで今の電話番号をそのまま使えます。"),
				[]cpq.Attribute{{Code: "keep_number", Name: text("Keep current number", "現在の番号を継続"), Type: cpq.AttrBoolean, Default: "false"}},
				tech("phone_number", "Telephone number", "電話番号", `^0\d{9}$`))
		},
		func() *cpq.Product {
			p := simple("NEWS-DAILY", "media", text("Daily newspaper, delivered", "日刊紙（宅配）"),
				text("The printed morning edition delivered every day. Taxed at the reduced rate.",
					"毎朝ご自宅に届く朝刊。軽減税率（8%）の対象です。"), nil)
			p.TaxCode = cpq.TaxReduced
			return p
		},
		func() *cpq.Product {
			return bundle("HOME-BUNDLE", "bundle-home", text("Home internet bundle", "光ホームセット"),
				text("Fibre line with a Wi-Fi 6 router, and optional TV, home phone and newspaper.",
					"光回線と Wi-Fi 6 ルーターのセット。テレビ・光電話・新聞を追加できます。"),
				comp("FIBRE-HOME", 1, 1, 1), comp("ROUTER-WIFI6", 1, 1, 1), comp("TV-HOME", 0, 1, 0), comp("VOICE-HOME", 0, 1, 0),
				comp("NEWS-DAILY", 0, 1, 0))
		},

		// Phones for all employees of a mid-size company.
		func() *cpq.Product {
			return simple("PHONE-X15", "mobile-device", text("Smartphone X15", "スマートフォン X15"),
				text("Flagship 5G smartphone with a 6.1-inch display.", "6.1インチ画面の5G対応フラッグシップスマートフォン。"),
				[]cpq.Attribute{colours, choice("storage", text("Storage", "容量"), "128",
					val("128", "128 GB", "128GB"), val("256", "256 GB", "256GB"), val("512", "512 GB", "512GB"))}, imei)
		},
		func() *cpq.Product {
			return simple("PHONE-A9", "mobile-device", text("Smartphone A9", "スマートフォン A9"),
				text("Dependable 5G smartphone for everyday business use.", "日常業務に十分な性能の5G対応スマートフォン。"),
				[]cpq.Attribute{colours, choice("storage", text("Storage", "容量"), "64",
					val("64", "64 GB", "64GB"), val("128", "128 GB", "128GB"))}, imei)
		},
		func() *cpq.Product {
			return simple("PLAN-BIZ-5", "mobile-plan", text("Business data 5 GB", "ビジネスデータ 5GB"),
				text("Voice and 5 GB of data a month per line.", "1回線あたり月5GBのデータ通信と音声通話。"), nil, iccid)
		},
		func() *cpq.Product {
			return simple("PLAN-BIZ-30", "mobile-plan", text("Business data 30 GB", "ビジネスデータ 30GB"),
				text("Voice and 30 GB of data a month per line.", "1回線あたり月30GBのデータ通信と音声通話。"), nil, iccid)
		},
		func() *cpq.Product {
			return simple("PLAN-BIZ-UNL", "mobile-plan", text("Business unlimited", "ビジネス無制限"),
				text("Voice and unlimited data per line.", "1回線あたりデータ通信無制限と音声通話。"), nil, iccid)
		},
		func() *cpq.Product {
			return simple("DEVICE-CARE", "mobile-service", text("Device care", "端末補償"),
				text("Repair or replacement of a damaged or lost phone.", "故障・紛失時の修理または交換。"), nil)
		},
		func() *cpq.Product {
			return bundle("MOBILE-BIZ", "bundle-mobile", text("Business mobile line", "ビジネスモバイル回線"),
				text("One employee's smartphone, data plan and optional device care.",
					"社員1名分のスマートフォン・料金プラン・端末補償（任意）のセット。"),
				comp("PHONE-X15", 0, 1, 1), comp("PHONE-A9", 0, 1, 0), comp("PLAN-BIZ-5", 0, 1, 1),
				comp("PLAN-BIZ-30", 0, 1, 0), comp("PLAN-BIZ-UNL", 0, 1, 0), comp("DEVICE-CARE", 0, 1, 0))
		},

		// Global Media's new stores.
		func() *cpq.Product {
			return simple("FIBRE-BIZ", "fibre", text("Business fibre", "ビジネス光"),
				text("Business-grade fibre access with optional guaranteed bandwidth and static IP addresses.",
					"帯域保証と固定IPアドレスを選べる法人向け光回線。"),
				[]cpq.Attribute{
					choice("bandwidth", text("Bandwidth", "帯域"), "1G-BE",
						val("1G-BE", "1 Gbps best effort", "1Gbps ベストエフォート"),
						val("1G-G100", "1 Gbps, 100 Mbps guaranteed", "1Gbps（100Mbps 帯域保証）"),
						val("10G-BE", "10 Gbps best effort", "10Gbps ベストエフォート")),
					choice("static_ip", text("Static IP addresses", "固定IPアドレス"), "none",
						val("none", "None", "なし"), val("8", "8 addresses (/29)", "8個（/29）"), val("16", "16 addresses (/28)", "16個（/28）")),
				},
				tech("circuit_id", "Circuit ID", "回線ID", `^BF-\d{7}$`),
				tech("ip_block", "IP block", "IPアドレスブロック", `^(\d{1,3}\.){3}\d{1,3}/(2[4-9]|3[0-2])$`))
		},
		func() *cpq.Product {
			return simple("WIFI-MANAGED", "wifi", text("Managed Wi-Fi access point", "マネージドWi-Fi アクセスポイント"),
				text("A monitored Wi-Fi access point with a guest portal option, priced per access point.",
					"監視付きの Wi-Fi アクセスポイント（1台単位の料金）。ゲスト用ポータルも選べます。"),
				[]cpq.Attribute{
					choice("model", text("Model", "機種"), "indoor", val("indoor", "Indoor", "屋内用"), val("outdoor", "Outdoor", "屋外用")),
					{Code: "guest_portal", Name: text("Guest portal", "ゲスト用ポータル"), Type: cpq.AttrBoolean, Default: "true"},
				},
				tech("switch_port", "Switch port", "スイッチポート番号", `^\d{1,2}/\d{1,2}$`))
		},
		func() *cpq.Product {
			return simple("SIP-TRUNK", "voice", text("Business SIP trunk", "ビジネスSIPトランク"),
				text("Voice channels for the store's PBX.", "店舗の PBX 向け音声チャネル。"),
				[]cpq.Attribute{choice("channels", text("Channels", "チャネル数"), "4",
					val("2", "2 channels", "2ch"), val("4", "4 channels", "4ch"), val("8", "8 channels", "8ch"))},
				tech("port_number", "Port number", "ポート番号", `^\d{1,5}$`))
		},
		func() *cpq.Product {
			return bundle("STORE-CONNECT", "bundle-business", text("Store connectivity", "店舗ネットワークセット"),
				text("Business fibre with managed Wi-Fi for one store, and optional voice.",
					"1店舗分のビジネス光とマネージドWi-Fi のセット。音声も追加できます。"),
				comp("FIBRE-BIZ", 1, 1, 1), comp("WIFI-MANAGED", 1, 20, 4), comp("SIP-TRUNK", 0, 1, 0))
		},
	}
	for _, make := range steps {
		p := make()
		if err := s.tx.Products().Create(s.ctx, p); err != nil {
			return err
		}
		s.products[p.Code] = p
	}
	return nil
}
