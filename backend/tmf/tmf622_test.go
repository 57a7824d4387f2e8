package tmf_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/tmf"
	"quotewright/backend/tmf/tmfspec"
)

func spec(t *testing.T) *tmfspec.Spec {
	t.Helper()
	dir, err := tmfspec.Dir()
	if err != nil {
		// The specifications are the team's, beside the project, and not copied into it; a checkout without
		// them cannot run this check. Where they are (this machine), it runs.
		t.Skip(err)
	}
	s, err := tmfspec.Load(dir, tmfspec.TMF622)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func yen(s string) *tmf.Money {
	return &tmf.Money{Unit: "JPY", Value: tmf.NewAmount(decimal.RequireFromString(s))}
}

// order is a B2B order as the sync will send it: a store connectivity bundle with fibre and managed Wi-Fi at
// a site, priced one-time and monthly, for a customer, from a contract.
func order() tmf.ProductOrder {
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ten := tmf.NewAmount(decimal.NewFromInt(10))
	bundle := true
	return tmf.ProductOrder{
		ExternalID: "ord_01JD7", Description: "Global Media: Shinjuku store", Category: "B2B", RequestedStartDate: &start,
		BillingAccount: &tmf.Ref{ID: "BA-000001"}, Agreement: []tmf.Ref{{ID: "C-000001"}},
		RelatedParty: []tmf.RelatedParty{{ID: "A-000001", Name: "グローバルメディア株式会社", Role: "customer", ReferredType: "Organization"}},
		ProductOrderItem: []tmf.ProductOrderItem{{
			ID: "1", Quantity: 1, Action: tmf.ActionAdd, Appointment: &tmf.Ref{ID: "APPT-1"},
			ProductOffering: &tmf.Ref{ID: "STORE-CONNECT", Name: "Store connectivity"},
			Product:         &tmf.Product{IsBundle: &bundle, Place: []tmf.Place{{ID: "site_1", Name: "新宿店", Role: "installationAddress"}}},
			ProductOrderItem: []tmf.ProductOrderItem{{
				ID: "1.1", Quantity: 1, Action: tmf.ActionAdd, ProductOffering: &tmf.Ref{ID: "FIBRE-BIZ"},
				Product: &tmf.Product{ProductCharacteristic: []tmf.Characteristic{{Name: "bandwidth", ValueType: "string", Value: "1G-G100"},
					{Name: "static_ip", ValueType: "string", Value: "8"}}},
				ItemPrice: []tmf.OrderPrice{
					{Name: "Installation", PriceType: tmf.PriceOneTime, Price: &tmf.Price{TaxRate: &ten, DutyFreeAmount: yen("33000"), TaxIncludedAmount: yen("36300")}},
					{Name: "Monthly", PriceType: tmf.PriceRecurring, RecurringChargePeriod: "month",
						Price: &tmf.Price{TaxRate: &ten, DutyFreeAmount: yen("12160.5"), TaxIncludedAmount: yen("13376.55")}},
				},
			}},
		}},
	}
}

func TestAnOrderAsSentValidatesAgainstTheSpecification(t *testing.T) {
	s := spec(t)
	raw, err := json.Marshal(order())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate("ProductOrder_Create", raw); err != nil {
		t.Errorf("ProductOrder_Create: %v\n%s", err, raw)
	}
	// Money is written from the decimal's digits.
	if !strings.Contains(string(raw), `"value":12160.5`) || !strings.Contains(string(raw), `"taxRate":10`) {
		t.Errorf("amounts are not written as exact numbers: %s", raw)
	}
	served := order()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	served.ID, served.Href, served.State, served.OrderDate = "po-1", tmf.BasePath622+"productOrder/po-1", tmf.OrderAcknowledged, &now
	served.ProductOrderItem[0].State = tmf.OrderAcknowledged
	raw, _ = json.Marshal(served)
	if err := s.Validate("ProductOrder", raw); err != nil {
		t.Errorf("ProductOrder: %v", err)
	}
	var back tmf.ProductOrder
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	got := back.ProductOrderItem[0].ProductOrderItem[0].ItemPrice[1].Price.TaxIncludedAmount.Value
	if !got.Equal(decimal.RequireFromString("13376.55")) {
		t.Errorf("the monthly price read back is %s", got)
	}
}

// The validator is not a rubber stamp: what the specification refuses, it refuses.
func TestTheSpecificationRefusesWhatItShould(t *testing.T) {
	s := spec(t)
	item := func(o map[string]any) map[string]any { return o["productOrderItem"].([]any)[0].(map[string]any) }
	cases := []struct {
		name, definition string
		spoil            func(o map[string]any)
	}{
		{"no items", "ProductOrder_Create", func(o map[string]any) { delete(o, "productOrderItem") }},
		{"an item without an action", "ProductOrder_Create", func(o map[string]any) { delete(item(o), "action") }},
		{"an unknown action", "ProductOrder_Create", func(o map[string]any) { item(o)["action"] = "upgrade" }},
		{"an unknown state", "ProductOrder", func(o map[string]any) { o["state"] = "shipped" }},
		{"a party without a type", "ProductOrder_Create", func(o map[string]any) {
			delete(o["relatedParty"].([]any)[0].(map[string]any), "@referredType")
		}},
		{"a place without a role", "ProductOrder_Create", func(o map[string]any) {
			delete(item(o)["product"].(map[string]any)["place"].([]any)[0].(map[string]any), "role")
		}},
		{"an amount as text", "ProductOrder_Create", func(o map[string]any) {
			sub := item(o)["productOrderItem"].([]any)[0].(map[string]any)
			sub["itemPrice"].([]any)[0].(map[string]any)["price"].(map[string]any)["dutyFreeAmount"].(map[string]any)["value"] = "33000"
		}},
	}
	for _, c := range cases {
		raw, _ := json.Marshal(order())
		var o map[string]any
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		c.spoil(o)
		raw, _ = json.Marshal(o)
		if err := s.Validate(c.definition, raw); err == nil {
			t.Errorf("%s: the specification's %s accepted it", c.name, c.definition)
		}
	}
}
