package sales

import (
	"context"
	"strconv"

	"github.com/shopspring/decimal"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// AssetChange is one change to a product the customer has: a new product or configuration (upgrade the speed,
// swap the plan), a move to another of the account's sites, a disconnection, or a product added to a bundle
// the customer has (TV on the home bundle).
type AssetChange struct {
	// AssetID is the asset changed, or for add the bundle asset the product is added to.
	AssetID string
	// Action is modify (change or move), delete (disconnect) or add (a component added to the bundle).
	Action cpq.OrderAction
	// ProductID is the product the asset becomes; empty keeps it.
	ProductID string
	// Attributes is its new configuration; nil keeps it.
	Attributes map[string]string
	// SiteID moves it (with its components) to another site of the account; empty keeps it where it is.
	SiteID string
}

// CreateChangeOrder makes a draft order that changes the account's assets. Each change is priced as the
// difference from what the asset costs now: an upgrade adds the difference in the monthly charge, a
// disconnection takes the whole charge away. A bundle is disconnected or moved with its components.
func (s *Service) CreateChangeOrder(ctx context.Context, actor Actor, accountID string, changes []AssetChange) (*cpq.Order, error) {
	if len(changes) == 0 {
		return nil, cpq.Errorf(cpq.EInvalid, "order.change.empty")
	}
	var o *cpq.Order
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		a, err := tx.Accounts().Get(ctx, accountID)
		if err != nil {
			return err
		}
		assets, err := tx.Assets().ListByAccount(ctx, a.ID)
		if err != nil {
			return err
		}
		byID := map[string]*cpq.Asset{}
		children := map[string][]*cpq.Asset{}
		for _, x := range assets {
			byID[x.ID] = x
			if x.ParentID != "" {
				children[x.ParentID] = append(children[x.ParentID], x)
			}
		}
		start := cpq.Today(s.now()).AddDate(0, 0, OrderLeadDays)
		o = &cpq.Order{AccountID: a.ID, Segment: a.Segment, Status: cpq.OrderDraft, Sync: cpq.SyncNone, OwnerID: actor.UserID,
			Lang: langOf(a), BillingAccount: defaultBillingAccount(a), RequestedStart: start}
		addSite := func(id string) {
			if id != "" && o.Site(id) == nil {
				o.Sites = append(o.Sites, cpq.OrderSite{SiteID: id, RequestedStart: start})
			}
		}
		seen := map[string]bool{}
		var add func(x *cpq.Asset, parent string, it cpq.OrderItem) error
		add = func(x *cpq.Asset, parent string, it cpq.OrderItem) error {
			if seen[x.ID] {
				return cpq.Errorf(cpq.EConflict, "order.change.twice")
			}
			// One open change per asset: two orders changing the same line would each be priced from the old one.
			if open, err := tx.Orders().OpenForAsset(ctx, x.ID); err != nil {
				return err
			} else if open != nil {
				return cpq.Errorf(cpq.EConflict, "order.change.pending", "number", open.Number)
			}
			it.ID, it.ParentID, it.AssetID = cpq.NewID("oi"), parent, x.ID
			o.Items = append(o.Items, it)
			seen[x.ID] = true
			addSite(it.SiteID)
			// Components follow their bundle: disconnected with it, or moved with it unchanged.
			if it.Action == cpq.ActionDelete || it.SiteID != x.SiteID {
				for _, c := range children[x.ID] {
					if c.Status != cpq.AssetActive && c.Status != cpq.AssetSuspended {
						continue
					}
					ci := cpq.OrderItem{Action: it.Action, ProductID: c.ProductID, Quantity: c.Quantity, SiteID: it.SiteID,
						Attributes: c.Attributes, Technical: map[string]string{}}
					if it.Action == cpq.ActionDelete {
						ci.Recurring = c.Recurring.Neg()
					}
					if err := add(c, it.ID, ci); err != nil {
						return err
					}
				}
			}
			return nil
		}
		for _, ch := range changes {
			x := byID[ch.AssetID]
			if x == nil {
				return cpq.Errorf(cpq.ENotFound, "order.change.asset")
			}
			if x.Status != cpq.AssetActive && x.Status != cpq.AssetSuspended {
				return cpq.Errorf(cpq.EConflict, "order.change.inactive", "status", "@asset.status."+string(x.Status))
			}
			if o.Currency == "" {
				o.Currency = x.Currency
			}
			switch ch.Action {
			case cpq.ActionAdd:
				if err := s.addToBundle(ctx, tx, a, o, x, ch, children[x.ID], add); err != nil {
					return err
				}
			case cpq.ActionDelete:
				if err := keepsBundleWhole(ctx, tx, x, byID, children, changes, o); err != nil {
					return err
				}
				if err := add(x, "", cpq.OrderItem{Action: cpq.ActionDelete, ProductID: x.ProductID, Quantity: x.Quantity,
					SiteID: x.SiteID, Attributes: x.Attributes, Technical: map[string]string{}, Recurring: x.Recurring.Neg()}); err != nil {
					return err
				}
			case cpq.ActionModify:
				it := cpq.OrderItem{Action: cpq.ActionModify, ProductID: x.ProductID, Quantity: x.Quantity, SiteID: x.SiteID,
					Attributes: x.Attributes, Technical: map[string]string{}}
				if ch.ProductID != "" {
					it.ProductID = ch.ProductID
				}
				if ch.Attributes != nil {
					it.Attributes = ch.Attributes
				}
				if ch.SiteID != "" {
					it.SiteID = ch.SiteID
				}
				if it.ProductID == x.ProductID && it.SiteID == x.SiteID && sameAttrs(it.Attributes, x.Attributes) {
					return cpq.Errorf(cpq.EInvalid, "order.change.nothing")
				}
				if err := validAttributes(ctx, tx, it.ProductID, it.Attributes); err != nil {
					return err
				}
				price, err := s.changedPrice(ctx, tx, a, x, it)
				if err != nil {
					return err
				}
				it.Recurring = price.Sub(x.Recurring)
				if err := add(x, "", it); err != nil {
					return err
				}
			default:
				return cpq.Errorf(cpq.EInvalid, "order.item.action", "item", "1", "value", string(ch.Action))
			}
		}
		if err := tx.Orders().Create(ctx, o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "order.created", "order", o.ID, map[string]any{"number": o.Number, "change": true,
			"items": len(o.Items)})
	})
	return o, err
}

// changedPrice is what the asset will cost a month as the item changes it. The customer keeps the discount
// they have: the new list price is scaled by what they pay against today's list price of what they have (a
// consumer at list price pays the new list price). A move alone keeps the price.
func (s *Service) changedPrice(ctx context.Context, tx cpq.Tx, a *cpq.Account, x *cpq.Asset, it cpq.OrderItem) (decimal.Decimal, error) {
	if it.ProductID == x.ProductID && sameAttrs(it.Attributes, x.Attributes) {
		return x.Recurring, nil
	}
	_, newList, err := s.assetPrice(ctx, tx, a, x, it)
	if err != nil {
		return decimal.Zero, err
	}
	_, oldList, err := s.assetPrice(ctx, tx, a, x, cpq.OrderItem{ProductID: x.ProductID, Quantity: x.Quantity,
		SiteID: x.SiteID, Attributes: x.Attributes})
	if err != nil || oldList.Sign() <= 0 || oldList.Equal(x.Recurring) {
		return newList, err
	}
	places := int32(0)
	if c, err := cpq.LookupCurrency(x.Currency); err == nil {
		places = int32(c.MinorUnits)
	}
	return newList.Mul(x.Recurring).Div(oldList).Round(places), nil
}

// validAttributes refuses a configuration the product does not have: an unknown attribute, or a value not
// among a choice's values.
func validAttributes(ctx context.Context, tx cpq.Tx, productID string, attrs map[string]string) error {
	p, err := tx.Products().Get(ctx, productID)
	if err != nil {
		return err
	}
	for code, v := range attrs {
		var def *cpq.Attribute
		for i := range p.Attributes {
			if p.Attributes[i].Code == code {
				def = &p.Attributes[i]
			}
		}
		if def == nil {
			return cpq.Errorf(cpq.EInvalid, "order.change.attribute", "product", p.Code, "attribute", code, "value", v)
		}
		if len(def.Values) > 0 {
			ok := false
			for _, av := range def.Values {
				ok = ok || av.Code == v
			}
			if !ok {
				return cpq.Errorf(cpq.EInvalid, "order.change.attribute", "product", p.Code, "attribute", code, "value", v)
			}
		}
	}
	return nil
}

// keepsBundleWhole refuses to disconnect a component its bundle cannot do without (fewer than the bundle's
// minimum would be left), unless the bundle itself is disconnected in the same order.
func keepsBundleWhole(ctx context.Context, tx cpq.Tx, x *cpq.Asset, byID map[string]*cpq.Asset, children map[string][]*cpq.Asset,
	changes []AssetChange, o *cpq.Order) error {
	parent := byID[x.ParentID]
	if parent == nil {
		return nil
	}
	for _, ch := range changes {
		if ch.AssetID == parent.ID && ch.Action == cpq.ActionDelete {
			return nil
		}
	}
	bp, err := tx.Products().Get(ctx, parent.ProductID)
	if err != nil {
		return err
	}
	for _, comp := range bp.Components {
		if comp.ProductID != x.ProductID || comp.Min == 0 {
			continue
		}
		left := 0
		for _, sib := range children[parent.ID] {
			if sib.ProductID == x.ProductID && sib.ID != x.ID && (sib.Status == cpq.AssetActive || sib.Status == cpq.AssetSuspended) {
				left++
			}
		}
		for _, it := range o.Items {
			if it.Action == cpq.ActionDelete && byID[it.AssetID] != nil && byID[it.AssetID].ParentID == parent.ID &&
				byID[it.AssetID].ProductID == x.ProductID {
				left--
			}
		}
		if left < comp.Min {
			return cpq.Errorf(cpq.EConflict, "order.change.required", "bundle", bp.Code)
		}
	}
	return nil
}

// assetPrice is the monthly charge an asset would have as the item makes it: its new product and configuration
// priced at its site, for the term of the quote that sold it (none for a consumer's order). A product the
// catalog's rules do not allow at the site is refused.
func (s *Service) assetPrice(ctx context.Context, tx cpq.Tx, a *cpq.Account, x *cpq.Asset, it cpq.OrderItem) (oneTime, monthly decimal.Decimal, err error) {
	term := 0
	if x.OrderID != "" {
		if o, err := tx.Orders().Get(ctx, x.OrderID); err == nil && o.QuoteID != "" {
			if q, err := tx.Quotes().Header(ctx, o.QuoteID); err == nil {
				term = q.TermMonths
			}
		}
	}
	site := it.SiteID
	line := cpq.QuoteLine{ID: "change", ProductID: it.ProductID, Quantity: it.Quantity, Attributes: it.Attributes}
	dc, err := s.linesContext(ctx, tx, a, site, []cpq.QuoteLine{line}, term)
	if err != nil {
		return oneTime, monthly, err
	}
	p := dc.cat.Product(it.ProductID)
	if p == nil {
		return oneTime, monthly, cpq.Errorf(cpq.ENotFound, "order.change.product")
	}
	if why := dc.cat.WhyNot(dc.cc, dc.sites[directSite], p); len(why) > 0 && it.ProductID != x.ProductID {
		return oneTime, monthly, cpq.Errorf(cpq.EConflict, "order.change.notOffered", "product", p.Code)
	}
	r, err := pricing.Price(dc.cat, dc.q, dc.cc, dc.set)
	if err != nil {
		return oneTime, monthly, err
	}
	for _, l := range r.Lines {
		if c := l.Charge(pricing.OneTime); c != nil {
			oneTime = c.Net
		}
		if c := l.Charge(pricing.Monthly); c != nil {
			monthly = c.Net
		}
	}
	return oneTime, monthly, nil
}

// addToBundle adds a component to a bundle the customer has, as the bundle allows it: an item that adds the
// product under an unchanged item for the bundle, priced as new (its one-time charge included).
func (s *Service) addToBundle(ctx context.Context, tx cpq.Tx, a *cpq.Account, o *cpq.Order, bundle *cpq.Asset, ch AssetChange,
	kids []*cpq.Asset, add func(*cpq.Asset, string, cpq.OrderItem) error) error {
	bp, err := tx.Products().Get(ctx, bundle.ProductID)
	if err != nil {
		return err
	}
	var comp *cpq.BundleComponent
	for i := range bp.Components {
		if bp.Components[i].ProductID == ch.ProductID {
			comp = &bp.Components[i]
		}
	}
	if comp == nil {
		return cpq.Errorf(cpq.EConflict, "order.change.notComponent", "bundle", bp.Code)
	}
	have := 0
	for _, k := range kids {
		if k.ProductID == ch.ProductID && (k.Status == cpq.AssetActive || k.Status == cpq.AssetSuspended) {
			have++
		}
	}
	var parent string
	for _, x := range o.Items {
		if x.AssetID == bundle.ID {
			if x.Action == cpq.ActionDelete {
				return cpq.Errorf(cpq.EConflict, "order.change.bundleEnding", "bundle", bp.Code)
			}
			parent = x.ID
		}
	}
	for _, x := range o.Items {
		if parent != "" && x.ParentID == parent && x.Action == cpq.ActionAdd && x.ProductID == ch.ProductID {
			have++ // already added by this order
		}
	}
	if comp.Max > 0 && have >= comp.Max {
		return cpq.Errorf(cpq.EConflict, "order.change.full", "bundle", bp.Code, "max", strconv.Itoa(comp.Max))
	}
	it := cpq.OrderItem{ID: cpq.NewID("oi"), Action: cpq.ActionAdd, ProductID: ch.ProductID, Quantity: 1, SiteID: bundle.SiteID,
		Attributes: ch.Attributes, Technical: map[string]string{}}
	if it.Attributes == nil {
		it.Attributes = map[string]string{}
	}
	if err := validAttributes(ctx, tx, it.ProductID, it.Attributes); err != nil {
		return err
	}
	if it.OneTime, it.Recurring, err = s.assetPrice(ctx, tx, a, &cpq.Asset{ProductID: "", OrderID: bundle.OrderID}, it); err != nil {
		return err
	}
	// The bundle is named in the order as unchanged, with the new product under it.
	if parent == "" {
		if err := add(bundle, "", cpq.OrderItem{Action: cpq.ActionNoChange, ProductID: bundle.ProductID, Quantity: bundle.Quantity,
			SiteID: bundle.SiteID, Attributes: bundle.Attributes, Technical: map[string]string{}}); err != nil {
			return err
		}
		parent = o.Items[len(o.Items)-1].ID
	}
	it.ParentID = parent
	o.Items = append(o.Items, it)
	return nil
}

func sameAttrs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
