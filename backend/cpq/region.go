package cpq

import "strings"

// prefectures are Japan's 47 prefectures: the English name, the value stored and matched by rules, and the
// Japanese one.
var prefectures = [][2]string{
	{"Hokkaido", "北海道"}, {"Aomori", "青森県"}, {"Iwate", "岩手県"}, {"Miyagi", "宮城県"}, {"Akita", "秋田県"},
	{"Yamagata", "山形県"}, {"Fukushima", "福島県"}, {"Ibaraki", "茨城県"}, {"Tochigi", "栃木県"}, {"Gunma", "群馬県"},
	{"Saitama", "埼玉県"}, {"Chiba", "千葉県"}, {"Tokyo", "東京都"}, {"Kanagawa", "神奈川県"}, {"Niigata", "新潟県"},
	{"Toyama", "富山県"}, {"Ishikawa", "石川県"}, {"Fukui", "福井県"}, {"Yamanashi", "山梨県"}, {"Nagano", "長野県"},
	{"Gifu", "岐阜県"}, {"Shizuoka", "静岡県"}, {"Aichi", "愛知県"}, {"Mie", "三重県"}, {"Shiga", "滋賀県"},
	{"Kyoto", "京都府"}, {"Osaka", "大阪府"}, {"Hyogo", "兵庫県"}, {"Nara", "奈良県"}, {"Wakayama", "和歌山県"},
	{"Tottori", "鳥取県"}, {"Shimane", "島根県"}, {"Okayama", "岡山県"}, {"Hiroshima", "広島県"}, {"Yamaguchi", "山口県"},
	{"Tokushima", "徳島県"}, {"Kagawa", "香川県"}, {"Ehime", "愛媛県"}, {"Kochi", "高知県"}, {"Fukuoka", "福岡県"},
	{"Saga", "佐賀県"}, {"Nagasaki", "長崎県"}, {"Kumamoto", "熊本県"}, {"Oita", "大分県"}, {"Miyazaki", "宮崎県"},
	{"Kagoshima", "鹿児島県"}, {"Okinawa", "沖縄県"},
}

// CanonicalRegion writes a Japanese prefecture the one way rules match it, whichever way it was typed
// ("東京都", "東京", "tokyo" → "Tokyo"); any other region is returned cleaned but otherwise as typed.
func CanonicalRegion(s string) string {
	s = CleanText(s)
	for _, p := range prefectures {
		// The short form drops only the last character: 京都府 is 京都, not 京.
		short := p[1]
		if r := []rune(short); p[1] != "北海道" && strings.ContainsRune("都道府県", r[len(r)-1]) {
			short = string(r[:len(r)-1])
		}
		if strings.EqualFold(s, p[0]) || s == p[1] || s == short {
			return p[0]
		}
	}
	return s
}

// RegionName names a region for a message: a prefecture in English and in Japanese (Tokyo, 東京都), any other
// region as it is.
func RegionName(s string) Text {
	for _, p := range prefectures {
		if p[0] == s {
			return Text{EN: p[0], JA: p[1]}
		}
	}
	return Text{EN: s, JA: s}
}

// PostalDigits is a postal code or prefix as rules compare it: without the hyphen or spaces ("154-0001" and
// "1540001" are the same code).
func PostalDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' || r == '－' {
			return -1
		}
		return r
	}, CleanText(s))
}

// IsPrefecture reports whether s is a prefecture's stored name.
func IsPrefecture(s string) bool {
	for _, p := range prefectures {
		if p[0] == s {
			return true
		}
	}
	return false
}

// countries are the ISO 3166-1 alpha-2 codes.
var countries = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
		BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET
		FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
		IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN
		MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
		QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
		TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`) {
		m[c] = true
	}
	return m
}()

// IsCountry reports whether code is an ISO 3166-1 alpha-2 country code.
func IsCountry(code string) bool { return countries[code] }
