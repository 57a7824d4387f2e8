package omserver

import (
	"context"
	"errors"
	"time"

	"quotewright/backend/tmf"
)

// inventoryChange is what one completed order does to the inventory, worked out and written inside the
// transaction that stores the completed order (store.complete).
type inventoryChange struct {
	ctx   context.Context
	q     dbtx
	order *tmf.ProductOrder
	now   time.Time
	seen  map[string]*tmf.InventoryProduct // read or made so far, by id: an order may touch a product twice
	dirty []string                         // the ids to write, in the order first changed
}

// applyToInventory applies a completed order's items, nested ones too, to the inventory: an add item makes a
// product, active, whose id and href are written into the item's product so that a client polling the order
// learns them; a modify item changes the product it names; a delete item terminates it. One product is made
// per add item whatever its quantity, as the order names one product per item. A modify or delete of a
// product this inventory does not hold (one from before it, or from another system) still completes, with a
// note saying so: fulfilment here is a simulation and cannot know better than the client.
func applyToInventory(ctx context.Context, q dbtx, o *tmf.ProductOrder, now time.Time) error {
	c := &inventoryChange{ctx: ctx, q: q, order: o, now: now, seen: map[string]*tmf.InventoryProduct{}}
	if err := c.items(o.ProductOrderItem, nil); err != nil {
		return err
	}
	for _, id := range c.dirty {
		if err := putProduct(ctx, q, c.seen[id]); err != nil {
			return err
		}
	}
	return nil
}

// items applies items whose parent item is about the product parent (nil: top-level items, or a parent the
// inventory does not hold). A product added under a parent becomes one of the parent's bundled products.
func (c *inventoryChange) items(items []tmf.ProductOrderItem, parent *tmf.InventoryProduct) error {
	for i := range items {
		it := &items[i]
		var p *tmf.InventoryProduct
		var err error
		switch it.Action {
		case tmf.ActionAdd:
			p = c.add(it)
			if parent != nil {
				parent.Product = append(parent.Product, tmf.Ref{ID: p.ID, Href: p.Href, Name: p.Name, ReferredType: "Product"})
				c.touch(parent)
			}
		case tmf.ActionModify:
			p, err = c.modify(it)
		case tmf.ActionDelete:
			err = c.terminate(it)
		case tmf.ActionNoChange:
			if it.Product != nil && it.Product.ID != "" { // the bundle a new component joins
				p, err = c.load(it.Product.ID)
				if p != nil {
					it.Product.Href = p.Href
				}
			}
		}
		if err != nil {
			return err
		}
		if err := c.items(it.ProductOrderItem, p); err != nil {
			return err
		}
	}
	return nil
}

// add makes the product an add item asks for and writes its id into the item.
func (c *inventoryChange) add(it *tmf.ProductOrderItem) *tmf.InventoryProduct {
	o := c.order
	req := it.Product
	if req == nil {
		req = &tmf.Product{}
	}
	id := newID()
	p := &tmf.InventoryProduct{ID: id, Href: productHref(id), Name: req.Name, Status: tmf.ProductActive,
		IsBundle: len(it.ProductOrderItem) > 0, OrderDate: o.OrderDate, StartDate: c.startDate(req),
		BillingAccount: it.BillingAccount, ProductOffering: offeringOf(it), ProductCharacteristic: req.ProductCharacteristic,
		Place: req.Place, RelatedParty: o.RelatedParty, ProductOrderItem: []tmf.RelatedProductOrderItem{c.ref(it)},
		Type: "Product"}
	if req.IsBundle != nil {
		p.IsBundle = *req.IsBundle
	}
	if p.Name == "" && p.ProductOffering != nil {
		p.Name = p.ProductOffering.Name
	}
	if p.BillingAccount == nil {
		p.BillingAccount = o.BillingAccount
	}
	if it.Product == nil {
		it.Product = &tmf.Product{}
	}
	it.Product.ID, it.Product.Href = p.ID, p.Href
	c.seen[p.ID] = p
	c.touch(p)
	return p
}

// modify changes the product a modify item names to what the item says. What the item leaves out (no
// characteristics, no place) stays as it was: an item that moves a product need not repeat its configuration.
func (c *inventoryChange) modify(it *tmf.ProductOrderItem) (*tmf.InventoryProduct, error) {
	p, err := c.load(it.Product.ID)
	if err != nil {
		return nil, err
	}
	if p == nil {
		c.notHeld(it, "modified")
		return nil, nil
	}
	if p.Status == tmf.ProductTerminated {
		c.note("product " + p.ID + " (item " + it.ID + ") is terminated: it was not modified")
		return nil, nil
	}
	req := it.Product
	if ref := offeringOf(it); ref != nil {
		p.ProductOffering = ref
	}
	if req.Name != "" {
		p.Name = req.Name
	}
	if len(req.ProductCharacteristic) > 0 {
		p.ProductCharacteristic = req.ProductCharacteristic
	}
	if len(req.Place) > 0 {
		p.Place = req.Place
	}
	if req.IsBundle != nil {
		p.IsBundle = *req.IsBundle
	}
	if it.BillingAccount != nil {
		p.BillingAccount = it.BillingAccount
	}
	p.ProductOrderItem = append(p.ProductOrderItem, c.ref(it))
	req.Href = p.Href
	c.touch(p)
	return p, nil
}

// terminate ends the product a delete item names. A product already terminated keeps its termination date.
func (c *inventoryChange) terminate(it *tmf.ProductOrderItem) error {
	p, err := c.load(it.Product.ID)
	if err != nil {
		return err
	}
	if p == nil {
		c.notHeld(it, "terminated")
		return nil
	}
	it.Product.Href = p.Href
	if p.Status == tmf.ProductTerminated {
		return nil
	}
	now := c.now
	p.Status, p.TerminationDate = tmf.ProductTerminated, &now
	p.ProductOrderItem = append(p.ProductOrderItem, c.ref(it))
	c.touch(p)
	return nil
}

// load reads a product the order names; nil when the inventory does not hold it.
func (c *inventoryChange) load(id string) (*tmf.InventoryProduct, error) {
	if p := c.seen[id]; p != nil {
		return p, nil
	}
	p, err := getProduct(c.ctx, c.q, id)
	if errors.Is(err, errNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.seen[id] = p
	return p, nil
}

// touch marks a product to be written.
func (c *inventoryChange) touch(p *tmf.InventoryProduct) {
	for _, id := range c.dirty {
		if id == p.ID {
			return
		}
	}
	c.dirty = append(c.dirty, p.ID)
}

// notHeld says on the order that an item named a product the inventory does not hold, so that whoever reads
// the completed order can tell why the inventory did not change.
func (c *inventoryChange) notHeld(it *tmf.ProductOrderItem, verb string) {
	c.note("product " + it.Product.ID + " (item " + it.ID + ") is not in this server's inventory: it was not " + verb)
}

func (c *inventoryChange) note(text string) {
	now := c.now
	c.order.Note = append(c.order.Note, tmf.Note{Author: "om-server", Date: &now, Text: text})
}

// ref is the order item as the product records it.
func (c *inventoryChange) ref(it *tmf.ProductOrderItem) tmf.RelatedProductOrderItem {
	return tmf.RelatedProductOrderItem{OrderItemID: it.ID, ProductOrderID: c.order.ID, ProductOrderHref: c.order.Href,
		OrderItemAction: it.Action, ReferredType: "ProductOrder"}
}

// startDate is when a new product starts: when fulfilment completed it, or later if the item (or else the
// order) asked for a later start. It cannot have started before it was provisioned.
func (c *inventoryChange) startDate(req *tmf.Product) *time.Time {
	start := c.now
	asked := req.StartDate
	if asked == nil {
		asked = c.order.RequestedStartDate
	}
	if asked != nil && asked.After(start) {
		start = *asked
	}
	return &start
}

// offeringOf is the offering an item is of: the item's own reference, else its product's.
func offeringOf(it *tmf.ProductOrderItem) *tmf.Ref {
	if it.ProductOffering != nil {
		return it.ProductOffering
	}
	if it.Product != nil {
		return it.Product.ProductOffering
	}
	return nil
}

func productHref(id string) string { return tmf.BasePath637 + "product/" + id }
