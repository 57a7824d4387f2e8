package cpq

import "time"

// ApplyOrder is what a completed order leaves on the account: the assets its items create, and the existing
// assets they change, move or end. current holds the account's assets by id; remote holds, by order item id,
// the id the order-management system gave the product, when it gave one. Items the endpoint did not complete
// (a partial order) are left out by passing only the completed ones in done (nil: all of them).
func ApplyOrder(o *Order, current map[string]*Asset, remote map[string]string, done map[string]bool, day time.Time) (created, changed []*Asset) {
	byItem := map[string]string{} // order item id → the asset it made, for bundle components' parents
	start := func(siteID string) time.Time {
		if st := o.Site(siteID); st != nil && !st.RequestedStart.IsZero() && st.RequestedStart.Before(day) {
			return st.RequestedStart
		}
		return day
	}
	for _, it := range o.Items {
		if it.Action == ActionNoChange {
			byItem[it.ID] = it.AssetID // the bundle a new component goes under, whatever the endpoint says of it
			continue
		}
		if done != nil && !done[it.ID] {
			continue
		}
		switch it.Action {
		case ActionAdd:
			a := &Asset{ID: NewID("ast"), AccountID: o.AccountID, SiteID: it.SiteID, ProductID: it.ProductID,
				ParentID: byItem[it.ParentID], OrderID: o.ID, Status: AssetActive, Quantity: it.Quantity,
				Attributes: it.Attributes, RemoteID: remote[it.ID], OneTime: it.OneTime, Recurring: it.Recurring,
				Currency: o.Currency, StartDate: start(it.SiteID)}
			byItem[it.ID] = a.ID
			created = append(created, a)
		case ActionModify:
			a := current[it.AssetID]
			if a == nil {
				continue
			}
			// A change is priced as the difference from the asset: the asset now costs what it cost plus that.
			// OrderID stays the order that created the asset: its quote's term prices later changes.
			a.ProductID, a.SiteID, a.Quantity = it.ProductID, it.SiteID, it.Quantity
			a.Attributes = it.Attributes
			a.Recurring = a.Recurring.Add(it.Recurring)
			if r := remote[it.ID]; r != "" {
				a.RemoteID = r
			}
			byItem[it.ID] = a.ID
			changed = append(changed, a)
		case ActionDelete:
			a := current[it.AssetID]
			if a == nil || a.Status == AssetTerminated {
				continue
			}
			a.Status, a.EndDate = AssetTerminated, day
			changed = append(changed, a)
		}
	}
	return created, changed
}
