package cpq_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
)

// A partial order that added TV under an unchanged bundle: the endpoint completes the TV item, and says
// nothing of the bundle's unchanged item. The TV still goes under the bundle the customer has.
func TestApplyOrderKeepsAComponentAddedToABundleUnderIt(t *testing.T) {
	bundle := &cpq.Asset{ID: "ast_b", AccountID: "acc", ProductID: "HOME-BUNDLE", Status: cpq.AssetActive}
	o := &cpq.Order{ID: "ord", AccountID: "acc", Currency: "JPY", Items: []cpq.OrderItem{
		{ID: "i1", ProductID: "HOME-BUNDLE", Action: cpq.ActionNoChange, Quantity: 1, AssetID: bundle.ID},
		{ID: "i2", ParentID: "i1", ProductID: "TV-HOME", Action: cpq.ActionAdd, Quantity: 1, Recurring: decimal.NewFromInt(4400)},
	}}
	created, changed := cpq.ApplyOrder(o, map[string]*cpq.Asset{bundle.ID: bundle}, map[string]string{"i2": "prd-tv"},
		map[string]bool{"i2": true}, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	if len(created) != 1 || created[0].ParentID != bundle.ID || created[0].RemoteID != "prd-tv" || len(changed) != 0 {
		t.Fatalf("created %+v, changed %d", created, len(changed))
	}
	if got, want := created[0].Recurring.String(), "4400"; got != want {
		t.Errorf("TV monthly %s, want %s", got, want)
	}
}

// A change adds the difference to the asset's charge; a disconnection ends the asset and keeps which order
// created it.
func TestApplyOrderChangesAndEndsAssets(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	line := &cpq.Asset{ID: "ast_f", AccountID: "acc", ProductID: "FIBRE-HOME", OrderID: "ord_first", Status: cpq.AssetActive,
		Recurring: decimal.NewFromInt(4620), Attributes: map[string]string{"speed": "1G"}}
	router := &cpq.Asset{ID: "ast_r", AccountID: "acc", ProductID: "ROUTER-WIFI6", OrderID: "ord_first", Status: cpq.AssetActive}
	o := &cpq.Order{ID: "ord_change", AccountID: "acc", Items: []cpq.OrderItem{
		{ID: "i1", ProductID: "FIBRE-HOME", Action: cpq.ActionModify, Quantity: 1, AssetID: line.ID,
			Attributes: map[string]string{"speed": "10G"}, Recurring: decimal.NewFromInt(2200)},
		{ID: "i2", ProductID: "ROUTER-WIFI6", Action: cpq.ActionDelete, Quantity: 1, AssetID: router.ID},
	}}
	_, changed := cpq.ApplyOrder(o, map[string]*cpq.Asset{line.ID: line, router.ID: router}, nil, nil, day)
	if len(changed) != 2 {
		t.Fatalf("changed %d assets", len(changed))
	}
	if line.Recurring.String() != "6820" || line.Attributes["speed"] != "10G" || line.OrderID != "ord_first" {
		t.Errorf("upgraded line: %s a month, speed %s, order %s", line.Recurring, line.Attributes["speed"], line.OrderID)
	}
	if router.Status != cpq.AssetTerminated || !router.EndDate.Equal(day) {
		t.Errorf("disconnected router: %s, ended %v", router.Status, router.EndDate)
	}
}
