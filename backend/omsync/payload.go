// Package omsync sends orders to the order-management system and brings their state back: the outbox
// written with each submitted order is worked through by a background worker that delivers every order
// exactly once, through timeouts, lost answers, crashes and offline days.
package omsync

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/tmf"
)

// Source is what a TMF622 ProductOrder is made from: the order and what it refers to.
type Source struct {
	Order    *cpq.Order
	Account  *cpq.Account
	Products map[string]*cpq.Product
	Sites    map[string]*cpq.Site
	Assets   map[string]*cpq.Asset // the assets modify and delete items change
	Contract string                // the signed contract's number, when the order comes from one
	Quote    string                // the quote's number and version, when the order comes from one
}

// Payload is the order as the order-management system receives it: externalId is our order id, so that the
// order can be found again after an answer was lost; each bundle's components are nested under it.
func Payload(src Source) tmf.ProductOrder {
	o, a := src.Order, src.Account
	po := tmf.ProductOrder{ExternalID: o.ID, Description: "Quotewright " + o.Number, Category: categoryOf(o.Segment),
		Type: "ProductOrder"}
	if !o.SubmittedAt.IsZero() {
		t := o.SubmittedAt.UTC()
		po.OrderDate = &t
	}
	if !o.RequestedStart.IsZero() {
		t := o.RequestedStart
		po.RequestedStartDate = &t
	}
	if o.BillingAccount != "" {
		po.BillingAccount = &tmf.Ref{ID: o.BillingAccount, ReferredType: "BillingAccount"}
	}
	if o.ContractID != "" {
		po.Agreement = []tmf.Ref{{ID: o.ContractID, Name: src.Contract, ReferredType: "Agreement"}}
	}
	if o.QuoteID != "" {
		po.Quote = []tmf.Ref{{ID: o.QuoteID, Name: src.Quote, ReferredType: "Quote"}}
	}
	party := "Organization"
	if o.Segment == cpq.SegmentConsumer {
		party = "Individual"
	}
	po.RelatedParty = []tmf.RelatedParty{{ID: a.ID, Name: a.Name, Role: "Customer", ReferredType: party}}
	if o.CancelReason != "" {
		po.Note = []tmf.Note{{Text: o.CancelReason}}
	}

	children := map[string][]int{}
	for i, it := range o.Items {
		children[it.ParentID] = append(children[it.ParentID], i)
	}
	var oneTime, recurring decimal.Decimal
	var build func(i int, top bool) tmf.ProductOrderItem
	build = func(i int, top bool) tmf.ProductOrderItem {
		it := o.Items[i]
		poi := tmf.ProductOrderItem{ID: it.ID, Quantity: it.Quantity, Action: tmf.Action(it.Action), Type: "ProductOrderItem"}
		prod := &tmf.Product{Type: "Product"}
		if p := src.Products[it.ProductID]; p != nil {
			ref := &tmf.Ref{ID: p.Code, Name: p.Name.EN, ReferredType: "ProductOffering"}
			poi.ProductOffering, prod.ProductOffering, prod.Name = ref, ref, p.Name.EN
			if p.Kind == cpq.ProductBundle {
				yes := true
				prod.IsBundle = &yes
			}
		}
		if as := src.Assets[it.AssetID]; as != nil {
			prod.ID = as.RemoteID
			if prod.ID == "" {
				prod.ID = as.ID
			}
		}
		prod.ProductCharacteristic = characteristics(it.Attributes, it.Technical)
		if site := src.Sites[it.SiteID]; site != nil && it.Action != cpq.ActionDelete {
			prod.Place = []tmf.Place{{ID: site.ID, Name: site.Name, Role: "installationAddress", ReferredType: "GeographicAddress"}}
		}
		if st := o.Site(it.SiteID); st != nil {
			if !st.RequestedStart.IsZero() {
				t := st.RequestedStart
				prod.StartDate = &t
			}
			if top && !st.AppointmentStart.IsZero() {
				poi.Appointment = &tmf.Ref{ID: "appt-" + o.ID + "-" + st.SiteID, ReferredType: "Appointment",
					Description: st.AppointmentStart.UTC().Format(time.RFC3339) + "/" + st.AppointmentEnd.UTC().Format(time.RFC3339)}
			}
		}
		poi.Product = prod
		// Prices on the wire are what the item costs, never negative (TMF's Money is a positive amount): an
		// added product its price, a changed one its new price (what it costs now plus the change), a
		// disconnected or unchanged one none.
		switch it.Action {
		case cpq.ActionAdd:
			poi.ItemPrice = prices(it.OneTime, it.Recurring, o.Currency, it.Action)
			oneTime, recurring = oneTime.Add(it.OneTime), recurring.Add(it.Recurring)
		case cpq.ActionModify:
			monthly := it.Recurring
			if as := src.Assets[it.AssetID]; as != nil {
				monthly = as.Recurring.Add(it.Recurring)
			}
			poi.ItemPrice = prices(it.OneTime, monthly, o.Currency, it.Action)
			oneTime, recurring = oneTime.Add(it.OneTime), recurring.Add(monthly)
		}
		for _, c := range children[it.ID] {
			poi.ProductOrderItem = append(poi.ProductOrderItem, build(c, false))
		}
		return poi
	}
	for _, i := range children[""] {
		po.ProductOrderItem = append(po.ProductOrderItem, build(i, true))
	}
	po.OrderTotalPrice = prices(oneTime, recurring, o.Currency, cpq.ActionAdd)
	return po
}

func categoryOf(s cpq.Segment) string {
	if s == cpq.SegmentConsumer {
		return "B2C"
	}
	return "B2B"
}

// characteristics are the item's configuration and its technical values, by name, in a stable order.
func characteristics(attrs, technical map[string]string) []tmf.Characteristic {
	var out []tmf.Characteristic
	for _, m := range []map[string]string{attrs, technical} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, tmf.Characteristic{Name: k, ValueType: "string", Value: m[k]})
		}
	}
	return out
}

// prices are an item's charges as TMF OrderPrices, net of tax; a modify item's zero one-time charge is left out.
func prices(oneTime, recurring decimal.Decimal, currency string, action cpq.OrderAction) []tmf.OrderPrice {
	var out []tmf.OrderPrice
	if !oneTime.IsZero() || action == cpq.ActionAdd {
		out = append(out, tmf.OrderPrice{Name: "One-time charge", PriceType: tmf.PriceOneTime,
			Price: &tmf.Price{DutyFreeAmount: &tmf.Money{Unit: currency, Value: tmf.Amount{Decimal: oneTime}}}})
	}
	if !recurring.IsZero() || action == cpq.ActionAdd || action == cpq.ActionModify {
		out = append(out, tmf.OrderPrice{Name: "Monthly charge", PriceType: tmf.PriceRecurring, RecurringChargePeriod: "month",
			Price: &tmf.Price{DutyFreeAmount: &tmf.Money{Unit: currency, Value: tmf.Amount{Decimal: recurring}}}})
	}
	return out
}

// Encode is the payload as the outbox keeps it.
func Encode(po tmf.ProductOrder) ([]byte, error) {
	b, err := json.Marshal(po)
	if err != nil {
		return nil, cpq.Internal(err)
	}
	return b, nil
}
