package omserver_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotewright/backend/tmf"
	"quotewright/backend/tmf/tmfspec"
)

// bundleOrder is a store connectivity bundle with fibre and managed Wi-Fi at a site, for a customer.
func bundleOrder(ext string) tmf.ProductOrder {
	yes := true
	site := []tmf.Place{{ID: "site_1", Name: "新宿店", Role: "installationAddress", ReferredType: "GeographicAddress"}}
	return tmf.ProductOrder{ExternalID: ext, Description: "Shinjuku store", BillingAccount: &tmf.Ref{ID: "BA-000001"},
		RelatedParty: []tmf.RelatedParty{{ID: "A-000001", Name: "グローバルメディア株式会社", Role: "customer", ReferredType: "Organization"}},
		ProductOrderItem: []tmf.ProductOrderItem{{
			ID: "1", Quantity: 1, Action: tmf.ActionAdd, ProductOffering: &tmf.Ref{ID: "STORE-CONNECT", Name: "Store connectivity"},
			Product: &tmf.Product{IsBundle: &yes, Place: site},
			ProductOrderItem: []tmf.ProductOrderItem{
				{ID: "1.1", Quantity: 1, Action: tmf.ActionAdd, ProductOffering: &tmf.Ref{ID: "FIBRE-BIZ", Name: "Business fibre"},
					Product: &tmf.Product{Place: site, ProductCharacteristic: []tmf.Characteristic{{Name: "bandwidth", ValueType: "string", Value: "1G"}}}},
				{ID: "1.2", Quantity: 1, Action: tmf.ActionAdd, ProductOffering: &tmf.Ref{ID: "WIFI-MANAGED", Name: "Managed Wi-Fi"},
					Product: &tmf.Product{Place: site}},
			},
		}}}
}

// itemProducts maps each item of an order, nested ones too, to the product id the order carries for it.
func itemProducts(items []tmf.ProductOrderItem, into map[string]string) map[string]string {
	for _, it := range items {
		if it.Product != nil {
			into[it.ID] = it.Product.ID
		}
		itemProducts(it.ProductOrderItem, into)
	}
	return into
}

func getProduct(t *testing.T, inv, id string) (tmf.InventoryProduct, []byte) {
	t.Helper()
	res, raw := call(t, "GET", inv+"/product/"+id, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET product %s: %d %s", id, res.StatusCode, raw)
	}
	var p tmf.InventoryProduct
	json.Unmarshal(raw, &p)
	return p, raw
}

func TestCompletionPutsTheProductsInTheInventoryAndTheirIdsInTheOrder(t *testing.T) {
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 30*time.Millisecond)
	valid := validatorOf(t, tmfspec.TMF637)
	made := create(t, srv.orders, bundleOrder("ord_inv"))
	if got := itemProducts(made.ProductOrderItem, map[string]string{}); got["1"] != "" || got["1.1"] != "" {
		t.Errorf("products before fulfilment: %v", got)
	}
	done := waitState(t, srv.orders, made.ID, tmf.OrderCompleted)
	raw, _ := json.Marshal(done)
	validator(t)("ProductOrder", raw)

	ids := itemProducts(done.ProductOrderItem, map[string]string{})
	if len(ids) != 3 || ids["1"] == "" || ids["1.1"] == "" || ids["1.2"] == "" || ids["1"] == ids["1.1"] || ids["1.1"] == ids["1.2"] {
		t.Fatalf("product ids written into the order: %v", ids)
	}
	if got, want := done.ProductOrderItem[0].ProductOrderItem[0].Product.Href, tmf.BasePath637+"product/"+ids["1.1"]; got != want {
		t.Errorf("product href in the order = %q, want %q", got, want)
	}

	bundle, raw := getProduct(t, srv.inventory, ids["1"])
	valid("Product", raw)
	if got, want := bundle.Status, tmf.ProductActive; got != want {
		t.Errorf("bundle status = %s, want %s", got, want)
	}
	if !bundle.IsBundle || bundle.Name != "Store connectivity" || bundle.ProductOffering == nil || bundle.ProductOffering.ID != "STORE-CONNECT" {
		t.Errorf("bundle = %s", raw)
	}
	if got, want := len(bundle.Product), 2; got != want {
		t.Fatalf("bundle components = %d, want %d: %s", got, want, raw)
	}
	if got, want := bundle.Product[0].ID+" "+bundle.Product[1].ID, ids["1.1"]+" "+ids["1.2"]; got != want {
		t.Errorf("bundle components = %s, want %s", got, want)
	}

	fibre, raw := getProduct(t, srv.inventory, ids["1.1"])
	valid("Product", raw)
	if fibre.IsBundle || fibre.Status != tmf.ProductActive || fibre.ProductOffering.ID != "FIBRE-BIZ" || fibre.StartDate == nil {
		t.Errorf("fibre = %s", raw)
	}
	if got, want := fibre.Href, tmf.BasePath637+"product/"+fibre.ID; got != want {
		t.Errorf("href = %q, want %q", got, want)
	}
	if len(fibre.ProductCharacteristic) != 1 || fibre.ProductCharacteristic[0].Value != "1G" {
		t.Errorf("characteristics = %+v", fibre.ProductCharacteristic)
	}
	if len(fibre.Place) != 1 || fibre.Place[0].ID != "site_1" || fibre.Place[0].Role != "installationAddress" {
		t.Errorf("place = %+v", fibre.Place)
	}
	if len(fibre.RelatedParty) != 1 || fibre.RelatedParty[0].ID != "A-000001" || fibre.RelatedParty[0].Role != "customer" {
		t.Errorf("related party = %+v", fibre.RelatedParty)
	}
	if got, want := fibre.ProductOrderItem, []tmf.RelatedProductOrderItem{{OrderItemID: "1.1", ProductOrderID: made.ID,
		ProductOrderHref: made.Href, OrderItemAction: tmf.ActionAdd, ReferredType: "ProductOrder"}}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("productOrderItem = %+v, want %+v", got, want)
	}
	if fibre.BillingAccount == nil || fibre.BillingAccount.ID != "BA-000001" {
		t.Errorf("billing account = %+v", fibre.BillingAccount)
	}

	// The list: a customer's products, paged, counted, filtered, cut to fields.
	res, raw := call(t, "GET", srv.inventory+"/product?relatedParty.id=A-000001", nil)
	var all []tmf.InventoryProduct
	json.Unmarshal(raw, &all)
	if got, want := res.StatusCode, http.StatusOK; got != want {
		t.Errorf("list status = %d, want %d", got, want)
	}
	if got, want := res.Header.Get("X-Total-Count")+"/"+res.Header.Get("X-Result-Count"), "3/3"; got != want {
		t.Errorf("total/result counts = %s, want %s", got, want)
	}
	if got, want := len(all), 3; got != want {
		t.Fatalf("products of A-000001 = %d, want %d", got, want)
	}
	if got, want := all[0].ID, ids["1"]; got != want {
		t.Errorf("first product = %s, want the bundle %s (oldest first)", got, want)
	}
	var list []json.RawMessage
	json.Unmarshal(raw, &list)
	for _, one := range list {
		valid("Product", one)
	}
	res, raw = call(t, "GET", srv.inventory+"/product?offset=1&limit=1", nil)
	var page []tmf.InventoryProduct
	json.Unmarshal(raw, &page)
	if got, want := res.StatusCode, http.StatusPartialContent; got != want {
		t.Errorf("partial page status = %d, want %d", got, want)
	}
	if got, want := res.Header.Get("X-Total-Count")+"/"+res.Header.Get("X-Result-Count"), "3/1"; got != want {
		t.Errorf("partial page counts = %s, want %s", got, want)
	}
	if len(page) != 1 || page[0].ID != ids["1.1"] {
		t.Errorf("page offset 1 limit 1 = %s", raw)
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"relatedParty.id=A-999999", 0},
		{"relatedParty.id=A-999999,A-000001", 3},
		{"status=active&productOrderItem.productOrderId=" + made.ID, 3},
		{"status=terminated", 0},
		{"productOffering.id=FIBRE-BIZ", 1},
		{"place.id=site_1", 3},
		{"id=" + ids["1.1"] + "," + ids["1.2"], 2},
	} {
		res, raw := call(t, "GET", srv.inventory+"/product?"+c.query, nil)
		var got []tmf.InventoryProduct
		json.Unmarshal(raw, &got)
		if res.StatusCode != http.StatusOK || len(got) != c.want || res.Header.Get("X-Total-Count") != strconv.Itoa(c.want) {
			t.Errorf("%s: %d, %d products, total %s; want 200 and %d", c.query, res.StatusCode, len(got), res.Header.Get("X-Total-Count"), c.want)
		}
	}
	_, raw = call(t, "GET", srv.inventory+"/product?fields=status&limit=1", nil)
	var slim []map[string]any
	json.Unmarshal(raw, &slim)
	if len(slim) != 1 || len(slim[0]) != 3 || slim[0]["status"] != "active" || slim[0]["id"] != ids["1"] {
		t.Errorf("fields=status: %s", raw)
	}
	if res, raw := call(t, "GET", srv.inventory+"/product?colour=red", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown filter: %d %s, want 400", res.StatusCode, raw)
	}
	if res, raw := call(t, "GET", srv.inventory+"/product?limit=x", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("limit=x: %d %s, want 400", res.StatusCode, raw)
	}
	res, raw = call(t, "GET", srv.inventory+"/product/nope", nil)
	if res.StatusCode != http.StatusNotFound || !strings.Contains(string(raw), `"code":"404"`) {
		t.Errorf("GET an unknown product: %d %s", res.StatusCode, raw)
	}
	valid("Error", raw)
}

func TestModifyAndDeleteItemsChangeAndTerminateProducts(t *testing.T) {
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 30*time.Millisecond)
	valid := validatorOf(t, tmfspec.TMF637)
	first := waitState(t, srv.orders, create(t, srv.orders, bundleOrder("ord_first")).ID, tmf.OrderCompleted)
	ids := itemProducts(first.ProductOrderItem, map[string]string{})

	// An upgrade of the fibre and a move to another site, the end of the Wi-Fi, and a change of a product this
	// server never made.
	change := tmf.ProductOrder{ExternalID: "ord_change",
		RelatedParty: []tmf.RelatedParty{{ID: "A-000001", Role: "customer", ReferredType: "Organization"}},
		ProductOrderItem: []tmf.ProductOrderItem{
			{ID: "1", Action: tmf.ActionModify, ProductOffering: &tmf.Ref{ID: "FIBRE-BIZ-10G", Name: "Business fibre 10G"},
				Product: &tmf.Product{ID: ids["1.1"], Place: []tmf.Place{{ID: "site_2", Role: "installationAddress"}},
					ProductCharacteristic: []tmf.Characteristic{{Name: "bandwidth", ValueType: "string", Value: "10G"}}}},
			{ID: "2", Action: tmf.ActionDelete, Product: &tmf.Product{ID: ids["1.2"]}},
			{ID: "3", Action: tmf.ActionModify, Product: &tmf.Product{ID: "elsewhere-1"}},
		}}
	second := create(t, srv.orders, change)
	done := waitState(t, srv.orders, second.ID, tmf.OrderCompleted)

	fibre, raw := getProduct(t, srv.inventory, ids["1.1"])
	valid("Product", raw)
	if got, want := fibre.Status, tmf.ProductActive; got != want {
		t.Errorf("modified product status = %s, want %s", got, want)
	}
	if len(fibre.ProductCharacteristic) != 1 || fibre.ProductCharacteristic[0].Value != "10G" {
		t.Errorf("characteristics after the modify = %+v", fibre.ProductCharacteristic)
	}
	if len(fibre.Place) != 1 || fibre.Place[0].ID != "site_2" {
		t.Errorf("place after the modify = %+v", fibre.Place)
	}
	if fibre.ProductOffering == nil || fibre.ProductOffering.ID != "FIBRE-BIZ-10G" {
		t.Errorf("offering after the modify = %+v", fibre.ProductOffering)
	}
	if got, want := len(fibre.ProductOrderItem), 2; got != want {
		t.Fatalf("order items on the product = %d, want %d", got, want)
	}
	if got, want := fibre.ProductOrderItem[1], (tmf.RelatedProductOrderItem{OrderItemID: "1", ProductOrderID: second.ID,
		ProductOrderHref: second.Href, OrderItemAction: tmf.ActionModify, ReferredType: "ProductOrder"}); got != want {
		t.Errorf("the modify's order item = %+v, want %+v", got, want)
	}

	wifi, raw := getProduct(t, srv.inventory, ids["1.2"])
	valid("Product", raw)
	if got, want := wifi.Status, tmf.ProductTerminated; got != want {
		t.Errorf("deleted product status = %s, want %s", got, want)
	}
	if wifi.TerminationDate == nil || done.CompletionDate == nil || !wifi.TerminationDate.Equal(*done.CompletionDate) {
		t.Errorf("terminationDate = %v, want the completion %v", wifi.TerminationDate, done.CompletionDate)
	}

	// The order keeps the ids it named, and says which product it could not change.
	if got, want := itemProducts(done.ProductOrderItem, map[string]string{})["1"], ids["1.1"]; got != want {
		t.Errorf("the modify item's product id = %q, want %q", got, want)
	}
	if len(done.Note) != 1 || !strings.Contains(done.Note[0].Text, "elsewhere-1") {
		t.Errorf("notes on the order = %+v, want one about elsewhere-1", done.Note)
	}
	raw, _ = json.Marshal(done)
	validator(t)("ProductOrder", raw)

	for _, c := range []struct {
		query string
		want  int
	}{{"status=terminated", 1}, {"status=active", 2}, {"status=active,terminated", 3}, {"productOrderItem.productOrderId=" + second.ID, 2},
		{"place.id=site_2", 1}, {"id=elsewhere-1", 0}} {
		res, _ := call(t, "GET", srv.inventory+"/product?"+c.query, nil)
		if got := res.Header.Get("X-Total-Count"); got != strconv.Itoa(c.want) {
			t.Errorf("%s: %s products, want %d", c.query, got, c.want)
		}
	}
}

func TestACancelledOrderLeavesNoInventory(t *testing.T) {
	srv := startOM(t, filepath.Join(t.TempDir(), "om.db"), 200*time.Millisecond)
	cancelled := create(t, srv.orders, bundleOrder("ord_cancel"))
	res, raw := call(t, "POST", srv.orders+"/cancelProductOrder", tmf.CancelProductOrder{ProductOrder: tmf.Ref{ID: cancelled.ID}})
	if res.StatusCode != http.StatusCreated || !strings.Contains(string(raw), `"state":"done"`) {
		t.Fatalf("cancelling: %d %s", res.StatusCode, raw)
	}
	// Fulfilment takes orders oldest first: once a later order is completed, the cancelled one would have been
	// too, had it not been cancelled.
	later := create(t, srv.orders, bundleOrder("ord_later"))
	waitState(t, srv.orders, later.ID, tmf.OrderCompleted)

	got := waitState(t, srv.orders, cancelled.ID, tmf.OrderCancelled)
	for item, id := range itemProducts(got.ProductOrderItem, map[string]string{}) {
		if id != "" {
			t.Errorf("item %s of the cancelled order names product %s", item, id)
		}
	}
	res, _ = call(t, "GET", srv.inventory+"/product?productOrderItem.productOrderId="+cancelled.ID, nil)
	if got, want := res.Header.Get("X-Total-Count"), "0"; got != want {
		t.Errorf("products of the cancelled order = %s, want %s", got, want)
	}
	res, _ = call(t, "GET", srv.inventory+"/product", nil)
	if got, want := res.Header.Get("X-Total-Count"), "3"; got != want {
		t.Errorf("products in all = %s, want %s (the later order's)", got, want)
	}
}
