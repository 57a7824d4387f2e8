package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

func TestPipelineRepositoriesRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	day := time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)
	var rep, manager *cpq.User
	var lead *cpq.Lead
	var opp *cpq.Opportunity
	var quote *cpq.Quote
	var approval *cpq.Approval
	var contract *cpq.Contract
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		manager = &cpq.User{Name: "鈴木 美咲", Role: cpq.RoleManager, Active: true}
		if err := tx.Users().Create(ctx, manager); err != nil {
			return err
		}
		rep = &cpq.User{Name: "佐藤 健", Role: cpq.RoleRep, ManagerID: manager.ID, Active: true, Lang: cpq.LangJA}
		if err := tx.Users().Create(ctx, rep); err != nil {
			return err
		}
		lead = &cpq.Lead{Segment: cpq.SegmentBusiness, Company: "さくらカフェ", LastName: "森", Email: "mori@sakura.example", OwnerID: rep.ID}
		if err := tx.Leads().Create(ctx, lead); err != nil {
			return err
		}
		a := &cpq.Account{Segment: cpq.SegmentBusiness, Name: "さくらカフェ株式会社"}
		if err := tx.Accounts().Create(ctx, a); err != nil {
			return err
		}
		if err := lead.SetStatus(cpq.LeadQualified); err != nil {
			return err
		}
		lead.SetStatus(cpq.LeadConverted)
		lead.ConvertedAccountID = a.ID
		if err := tx.Leads().Update(ctx, lead); err != nil {
			return err
		}
		opp = &cpq.Opportunity{AccountID: a.ID, Name: "Café Wi-Fi", CloseDate: day, Currency: "JPY", OwnerID: rep.ID}
		if err := tx.Opportunities().Create(ctx, opp); err != nil {
			return err
		}
		quote = &cpq.Quote{AccountID: a.ID, OpportunityID: opp.ID, Name: "Wi-Fi", Currency: "JPY", ValidUntil: day, Primary: true}
		if err := tx.Quotes().Create(ctx, quote); err != nil {
			return err
		}
		opp.PrimaryQuoteID, opp.Amount = quote.ID, decimal.RequireFromString("396000")
		if err := opp.SetStage(cpq.StageProposal); err != nil {
			return err
		}
		if err := tx.Opportunities().Update(ctx, opp); err != nil {
			return err
		}
		approval = &cpq.Approval{QuoteID: quote.ID, ContentHash: "abc", Level: cpq.RoleManager, RequestedBy: rep.ID,
			Reasons: []cpq.ApprovalReason{{Key: "approval.reason.lineDiscount", Line: 1, LineID: "ql_1", Level: cpq.RoleManager,
				Args: map[string]string{"line": "1", "discount": "30.00", "authority": "10"}}}}
		if err := tx.Approvals().Create(ctx, approval); err != nil {
			return err
		}
		contract = &cpq.Contract{AccountID: a.ID, QuoteID: quote.ID, Lang: cpq.LangJA, StartDate: day, TermMonths: 24,
			Clauses: []cpq.ContractClause{{Code: "TERM", Title: "契約期間", Body: "24か月"}, {Code: "NOTICE", Title: "解約予告", Body: "1か月前"}}}
		return tx.Contracts().Create(ctx, contract)
	})
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		if err := approval.Decide(manager, true, "OK", time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
		return tx.Approvals().Update(ctx, approval)
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		users, _ := tx.Users().List(ctx)
		if len(users) != 2 || users[0].ID != rep.ID {
			t.Errorf("users = %v, want the rep first", users)
		}
		gotRep, _ := tx.Users().Get(ctx, rep.ID)
		if gotRep.ManagerID != manager.ID || gotRep.Lang != cpq.LangJA {
			t.Errorf("rep = %+v", gotRep)
		}
		gotLead, _ := tx.Leads().Get(ctx, lead.ID)
		if gotLead.Status != cpq.LeadConverted || gotLead.ConvertedAccountID == "" {
			t.Errorf("lead = %+v", gotLead)
		}
		if _, n, _ := tx.Leads().List(ctx, cpq.LeadFilter{Query: "さくら", Status: cpq.LeadConverted}); n != 1 {
			t.Errorf("lead search: %d", n)
		}
		gotOpp, _ := tx.Opportunities().Get(ctx, opp.ID)
		if gotOpp.Stage != cpq.StageProposal || gotOpp.Probability != 50 || !gotOpp.CloseDate.Equal(day) ||
			!gotOpp.Amount.Equal(decimal.NewFromInt(396000)) || gotOpp.PrimaryQuoteID != quote.ID {
			t.Errorf("opportunity = %+v", gotOpp)
		}
		pending, _ := tx.Approvals().ListPending(ctx, []cpq.Role{cpq.RoleManager})
		if len(pending) != 0 {
			t.Errorf("pending after approval: %v", pending)
		}
		as, _ := tx.Approvals().ListByQuote(ctx, quote.ID)
		if len(as) != 1 || as[0].Status != cpq.ApprovalApproved || as[0].ApproverID != manager.ID ||
			!reflect.DeepEqual(as[0].Reasons, approval.Reasons) || as[0].DecidedAt.IsZero() {
			t.Errorf("approvals = %+v", as)
		}
		c, _ := tx.Contracts().Get(ctx, contract.ID)
		if c.Number != "C-000001" || len(c.Clauses) != 2 || c.Clauses[1].Title != "解約予告" || !c.StartDate.Equal(day) {
			t.Errorf("contract = %+v", c)
		}
		return nil
	})
}

func TestCatalogPricesAndPromotions(t *testing.T) {
	db, _ := openTemp(t)
	var p *cpq.Product
	var jpy *cpq.PriceList
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		p = &cpq.Product{Code: "PLAN-5", Kind: cpq.ProductSimple, Name: cpq.Text{EN: "Plan 5"}, Status: cpq.ProductActive}
		if err := tx.Products().Create(ctx, p); err != nil {
			return err
		}
		jpy = &cpq.PriceList{Code: "jp", Name: cpq.Text{JA: "標準"}, Currency: "JPY", Active: true}
		if err := tx.PriceLists().Create(ctx, jpy); err != nil {
			return err
		}
		for _, e := range []*cpq.PriceEntry{
			{PriceListID: jpy.ID, ProductID: p.ID, Charge: cpq.ChargeRecurring, Period: cpq.PeriodMonth, Amount: decimal.RequireFromString("1980"), Cost: decimal.RequireFromString("800")},
			{PriceListID: jpy.ID, ProductID: p.ID, Charge: cpq.ChargeRecurring, Period: cpq.PeriodMonth, Amount: decimal.RequireFromString("1780"), MinQuantity: 100},
		} {
			if err := tx.PriceLists().AddEntry(ctx, e); err != nil {
				return err
			}
		}
		return tx.Promotions().Create(ctx, &cpq.Promotion{Code: "switch", Name: cpq.Text{EN: "Switch"}, Kind: cpq.DiscountPercent,
			Value: decimal.RequireFromString("10"), Charge: cpq.ChargeRecurring, DurationMonths: 6, ProductIDs: []string{p.ID}, Active: true})
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		es, _ := tx.PriceLists().Entries(ctx, jpy.ID)
		if len(es) != 2 || es[0].MinQuantity != 1 || es[1].MinQuantity != 100 || !es[0].Cost.Equal(decimal.NewFromInt(800)) {
			t.Errorf("entries = %+v", es)
		}
		l, _ := tx.PriceLists().Get(ctx, jpy.ID)
		if l.Code != "JP" {
			t.Errorf("price list code %q, want JP", l.Code)
		}
		ps, _ := tx.Promotions().ForProduct(ctx, p.ID)
		if len(ps) != 1 || ps[0].Code != "SWITCH" || ps[0].DurationMonths != 6 || !reflect.DeepEqual(ps[0].ProductIDs, []string{p.ID}) {
			t.Errorf("promotions = %+v", ps)
		}
		return nil
	})
	// A price entry that breaks a rule is refused with the rule named.
	err := db.Update(context.Background(), func(tx cpq.Tx) error {
		return tx.PriceLists().AddEntry(context.Background(), &cpq.PriceEntry{PriceListID: jpy.ID, ProductID: p.ID,
			Charge: cpq.ChargeOneTime, Period: cpq.PeriodMonth, Amount: decimal.RequireFromString("-5")})
	})
	if err == nil || cpq.ErrorCode(err) != cpq.EInvalid || !contains(err.Error(), "A one-time charge has no billing period.") ||
		!contains(err.Error(), "A price cannot be negative.") {
		t.Errorf("bad entry: %v", err)
	}
}

func TestSettings(t *testing.T) {
	db, _ := openTemp(t)
	update(t, db, func(ctx context.Context, tx cpq.Tx) error {
		if _, ok, _ := tx.Settings().Get(ctx, "ui.lang"); ok {
			t.Error("an unset setting reports set")
		}
		tx.Settings().Set(ctx, "ui.lang", "en")
		return tx.Settings().Set(ctx, "ui.lang", "ja")
	})
	view(t, db, func(ctx context.Context, tx cpq.Tx) error {
		if v, ok, _ := tx.Settings().Get(ctx, "ui.lang"); !ok || v != "ja" {
			t.Errorf("ui.lang = %q %v", v, ok)
		}
		return nil
	})
}
