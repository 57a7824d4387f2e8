package demo

import (
	"quotewright/backend/cpq"
)

type demoAccount struct {
	account  cpq.Account
	contacts []cpq.Contact
	sites    []cpq.Site
}

func site(name, address, city, postal, region string) cpq.Site {
	return cpq.Site{Name: name, Address: address, City: city, PostalCode: postal, Region: region, Country: "JP"}
}

func (s *seeder) seedAccounts() error {
	rep := s.users[cpq.RoleRep].ID
	approved := func(rating, limit string) cpq.CreditCheck {
		return cpq.CreditCheck{Status: cpq.CreditApproved, Rating: rating, Limit: dec(limit), Currency: "JPY",
			CheckedAt: s.today.AddDate(0, 0, -7).Add(10 * 3600e9), Provider: "local"}
	}
	list := []demoAccount{
		{account: cpq.Account{Segment: cpq.SegmentBusiness, Name: "グローバルメディア株式会社", NameKana: "グローバルメディア",
			AltName: "Global Media Co., Ltd.", Industry: "media", Employees: 850, Email: "info@globalmedia.example",
			Phone: "03-5555-0100", Region: "Tokyo", RegistrationNumber: "2010401000001", Credit: approved("A", "50000000")},
			contacts: []cpq.Contact{
				{FirstName: "一郎", LastName: "田中", Title: "情報システム部 部長", Email: "ichiro.tanaka@globalmedia.example", Phone: "03-5555-0111", Primary: true},
				{FirstName: "花子", LastName: "山本", Title: "購買部 課長", Email: "hanako.yamamoto@globalmedia.example", Phone: "03-5555-0122"},
			},
			sites: []cpq.Site{
				site("本社 / Head office", "港区芝公園 2-4-1", "東京都港区", "105-0011", "Tokyo"),
				site("新宿店 / Shinjuku store (new)", "新宿区新宿 3-20-2", "東京都新宿区", "160-0022", "Tokyo"),
				site("横浜店 / Yokohama store (new)", "西区高島 2-18-1", "神奈川県横浜市", "220-0011", "Kanagawa"),
			}},
		{account: cpq.Account{Segment: cpq.SegmentBusiness, Name: "みどり物流株式会社", NameKana: "ミドリブツリュウ",
			AltName: "Midori Logistics Co., Ltd.", Industry: "logistics", Employees: 300, Email: "contact@midori-logi.example",
			Phone: "03-6666-0200", Region: "Tokyo", RegistrationNumber: "5010001000002", Credit: approved("B", "30000000")},
			contacts: []cpq.Contact{
				{FirstName: "健太", LastName: "小林", Title: "総務部 部長", Email: "kenta.kobayashi@midori-logi.example", Phone: "03-6666-0211", Primary: true},
			},
			sites: []cpq.Site{
				site("東京本社 / Tokyo head office", "江東区有明 3-7-26", "東京都江東区", "135-0063", "Tokyo"),
				site("大阪センター / Osaka centre", "住之江区南港北 1-14-16", "大阪府大阪市", "559-0034", "Osaka"),
				site("名古屋センター / Nagoya centre", "港区金城ふ頭 2-2", "愛知県名古屋市", "455-0848", "Aichi"),
				site("福岡センター / Fukuoka centre", "東区香椎浜ふ頭 2-5", "福岡県福岡市", "813-0019", "Fukuoka"),
				site("札幌センター / Sapporo centre", "白石区流通センター 1-4", "北海道札幌市", "003-0030", "Hokkaido"),
			}},
		{account: cpq.Account{Segment: cpq.SegmentBusiness, Name: "北斗エンジニアリング株式会社", NameKana: "ホクトエンジニアリング",
			AltName: "Hokuto Engineering K.K.", Industry: "engineering", Employees: 45, Email: "office@hokuto-eng.example",
			Phone: "011-777-0300", Region: "Hokkaido"},
			contacts: []cpq.Contact{
				{FirstName: "Daniel", LastName: "Meyer", Title: "Office manager", Email: "daniel.meyer@hokuto-eng.example", Phone: "011-777-0311", Primary: true},
			},
			sites: []cpq.Site{site("札幌オフィス / Sapporo office", "中央区北1条西 3-3", "北海道札幌市", "060-0001", "Hokkaido")}},
		{account: cpq.Account{Segment: cpq.SegmentConsumer, Name: "山田 太郎", NameKana: "ヤマダ タロウ", AltName: "Taro Yamada",
			Email: "taro.yamada@mail.example", Phone: "090-1234-5678", Region: "Tokyo", Credit: approved("A", "300000")},
			contacts: []cpq.Contact{{FirstName: "太郎", LastName: "山田", Email: "taro.yamada@mail.example", Phone: "090-1234-5678", Primary: true}},
			sites:    []cpq.Site{site("自宅 / Home", "世田谷区池尻 3-1-3", "東京都世田谷区", "154-0001", "Tokyo")}},
		{account: cpq.Account{Segment: cpq.SegmentConsumer, Name: "Emily Carter", AltName: "エミリー・カーター",
			Email: "emily.carter@mail.example", Phone: "080-2345-6789", Region: "Kanagawa"},
			contacts: []cpq.Contact{{FirstName: "Emily", LastName: "Carter", Email: "emily.carter@mail.example", Phone: "080-2345-6789", Primary: true}},
			sites:    []cpq.Site{site("Home", "中区山下町 27", "神奈川県横浜市", "231-0023", "Kanagawa")}},
		{account: cpq.Account{Segment: cpq.SegmentConsumer, Name: "中村 さくら", NameKana: "ナカムラ サクラ", AltName: "Sakura Nakamura",
			Email: "sakura.nakamura@mail.example", Phone: "070-3456-7890", Region: "Osaka", Credit: approved("B", "200000")},
			contacts: []cpq.Contact{{FirstName: "さくら", LastName: "中村", Email: "sakura.nakamura@mail.example", Phone: "070-3456-7890", Primary: true}},
			sites:    []cpq.Site{site("自宅 / Home", "北区梅田 1-2-2", "大阪府大阪市", "530-0001", "Osaka")}},
	}
	s.accounts = map[string]*cpq.Account{}
	for i := range list {
		d := &list[i]
		a := &d.account
		a.OwnerID = rep
		if err := s.tx.Accounts().Create(s.ctx, a); err != nil {
			return err
		}
		s.accounts[a.AltName] = a
		for j := range d.contacts {
			d.contacts[j].AccountID = a.ID
			if err := s.tx.Contacts().Create(s.ctx, &d.contacts[j]); err != nil {
				return err
			}
		}
		for j := range d.sites {
			d.sites[j].AccountID = a.ID
			if err := s.tx.Sites().Create(s.ctx, &d.sites[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *seeder) seedLeads() error {
	rep := s.users[cpq.RoleRep].ID
	leads := []*cpq.Lead{
		{Segment: cpq.SegmentBusiness, Company: "さくらカフェ株式会社", FirstName: "美穂", LastName: "森",
			Email: "miho.mori@sakura-cafe.example", Phone: "03-7777-0400", Region: "Tokyo", Source: "web", Status: cpq.LeadNew},
		{Segment: cpq.SegmentBusiness, Company: "Blue Ocean Trading", FirstName: "James", LastName: "Wilson",
			Email: "j.wilson@blueocean.example", Region: "Kanagawa", Source: "event", Status: cpq.LeadWorking},
		{Segment: cpq.SegmentBusiness, Company: "東邦クリニック", FirstName: "直樹", LastName: "井上",
			Phone: "06-8888-0500", Region: "Osaka", Source: "referral", Status: cpq.LeadQualified},
		{Segment: cpq.SegmentConsumer, FirstName: "陽菜", LastName: "加藤", Email: "hina.kato@mail.example",
			Region: "Tokyo", Source: "web", Status: cpq.LeadNew},
		{Segment: cpq.SegmentConsumer, FirstName: "Lucas", LastName: "Martin", Phone: "090-9876-5432",
			Region: "Tokyo", Source: "partner", Status: cpq.LeadWorking},
	}
	for _, l := range leads {
		l.OwnerID = rep
		if err := s.tx.Leads().Create(s.ctx, l); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) seedPipeline() error {
	rep := s.users[cpq.RoleRep].ID
	opps := []*cpq.Opportunity{
		{AccountID: s.accounts["Global Media Co., Ltd."].ID, Name: "新店舗2店の開設 / Two new stores",
			Stage: cpq.StageProposal, CloseDate: s.today.AddDate(0, 1, 0), Currency: "JPY"},
		{AccountID: s.accounts["Midori Logistics Co., Ltd."].ID, Name: "全社員のスマートフォン / Phones for all employees",
			Stage: cpq.StageQualification, CloseDate: s.today.AddDate(0, 2, 0), Currency: "JPY"},
	}
	for _, o := range opps {
		o.OwnerID = rep
		o.Probability = cpq.StageProbability[o.Stage]
		if err := s.tx.Opportunities().Create(s.ctx, o); err != nil {
			return err
		}
	}
	return nil
}
