package omsync

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"quotewright/backend/cpq"
	"quotewright/backend/tmf"
)

// pollBatch is how many orders in flight one poll asks about.
const pollBatch = 200

// Poll asks the endpoint about the orders it holds that have not reached an outcome, least recently checked
// first, and records what changed: held and failed orders as fallout with the endpoint's reason, completed
// ones as assets on the account.
func (w *Worker) Poll(ctx context.Context) (Report, error) {
	w.defaults()
	w.mu.Lock()
	defer w.mu.Unlock()
	var rep Report
	c, err := w.Client(ctx)
	if err != nil {
		return rep, err
	}
	var orders []*cpq.Order
	if err := w.Store.View(ctx, func(tx cpq.Tx) (err error) {
		orders, err = tx.Orders().InFlight(ctx, pollBatch)
		return err
	}); err != nil || len(orders) == 0 {
		return rep, err
	}
	got := make([]*RemoteOrder, len(orders))
	errs := make([]error, len(orders))
	sem := make(chan struct{}, w.Parallel)
	var wg sync.WaitGroup
	for i, o := range orders {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			got[i], errs[i] = c.Get(ctx, o.RemoteID)
		}()
	}
	wg.Wait()
	// The inventory of each order that has just completed is read before the transaction, which holds no
	// request open.
	inventories := make([][]tmf.InventoryProduct, len(orders))
	for i, o := range orders {
		if errs[i] != nil || got[i] == nil {
			continue
		}
		st := statusOf(got[i].State, o.Status)
		if st != o.Status && (st == cpq.OrderCompleted || st == cpq.OrderPartial) {
			if inv, ok, err := c.Inventory(ctx, o.RemoteID); err == nil && ok {
				inventories[i] = inv
			}
		}
	}
	err = w.Store.Update(ctx, func(tx cpq.Tx) error {
		for i, o := range orders {
			u := cpq.SyncUpdate{OrderID: o.ID, Status: o.Status, Sync: o.Sync, RemoteID: o.RemoteID,
				RemoteHref: o.RemoteHref, Fallout: o.Fallout}
			var re *RemoteError
			switch {
			case errors.Is(errs[i], context.Canceled):
				continue
			case errors.As(errs[i], &re) && re.Status == http.StatusNotFound:
				// Polling it again will not bring it back: a person must find out what became of it.
				u.Sync = cpq.SyncFailed
				u.LastError = "the order-management system no longer knows this order (" + o.RemoteID + "): ask its team what became of it"
			case errs[i] != nil:
				rep.LastError = errs[i].Error()
				continue // the endpoint is out of reach: the order is as it was
			default:
				rep.Polled++
				u.LastError = ""
				u.Status = statusOf(got[i].State, o.Status)
				u.Fallout = fallout(got[i])
			}
			if u.Status != o.Status {
				if err := cpq.OrderTransitions.Check(o.Status, u.Status); err != nil {
					u.Status = o.Status // a state we cannot move to from here (an outcome is final)
				}
			}
			if err := tx.Orders().SetSync(ctx, u); err != nil {
				return err
			}
			if u.Status == o.Status {
				continue
			}
			rep.Changed++
			if err := audit(ctx, tx, "order.status", o.ID, map[string]any{"from": o.Status, "to": u.Status,
				"fallout": u.Fallout}); err != nil {
				return err
			}
			if u.Status == cpq.OrderCompleted || u.Status == cpq.OrderPartial {
				if err := fulfilled(ctx, tx, o.ID, got[i], inventories[i], w.Now()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if w.Progress != nil {
		w.Progress(Progress{Phase: "poll", Done: rep.Polled, Total: len(orders)})
	}
	return rep, err
}

// fulfilled puts what a completed order provided on the account as assets (only the completed items of a
// partial one), and activates the signed contract it came from.
func fulfilled(ctx context.Context, tx cpq.Tx, orderID string, po *RemoteOrder, inv []tmf.InventoryProduct, now time.Time) error {
	o, err := tx.Orders().Get(ctx, orderID)
	if err != nil {
		return err
	}
	existing, err := tx.Assets().ListByAccount(ctx, o.AccountID)
	if err != nil {
		return err
	}
	current := make(map[string]*cpq.Asset, len(existing))
	for _, a := range existing {
		current[a.ID] = a
	}
	remote := map[string]string{}
	var done map[string]bool
	if po.State == tmf.OrderPartial {
		done = map[string]bool{}
	}
	var walk func(items []RemoteItem)
	walk = func(items []RemoteItem) {
		for _, it := range items {
			if it.Product != nil && it.Product.ID != "" {
				remote[it.ID] = it.Product.ID
			}
			if done != nil && it.State == tmf.OrderCompleted {
				done[it.ID] = true
			}
			walk(it.ProductOrderItem)
		}
	}
	walk(po.ProductOrderItem)
	// The endpoint's inventory, when it has one, is the record of what was delivered: its product ids and
	// statuses win over what the order says.
	invStatus := map[string]cpq.AssetStatus{}
	for _, p := range inv {
		for _, ref := range p.ProductOrderItem {
			if ref.ProductOrderID == po.ID && ref.OrderItemID != "" {
				remote[ref.OrderItemID] = p.ID
			}
		}
		if st := cpq.AssetStatus(p.Status); cpq.AssetTransitions.Known(st) {
			invStatus[p.ID] = st
		}
	}
	created, changed := cpq.ApplyOrder(o, current, remote, done, cpq.Today(now))
	for _, a := range append(append([]*cpq.Asset{}, created...), changed...) {
		if st, ok := invStatus[a.RemoteID]; ok {
			a.Status = st
		}
	}
	for _, a := range created {
		if err := tx.Assets().Create(ctx, a); err != nil {
			return err
		}
	}
	for _, a := range changed {
		if err := tx.Assets().Update(ctx, a); err != nil {
			return err
		}
	}
	if o.ContractID != "" {
		c, err := tx.Contracts().Get(ctx, o.ContractID)
		if err != nil {
			return err
		}
		if c.Status == cpq.ContractSigned {
			if err := c.SetStatus(cpq.ContractActivated); err == nil {
				if err := tx.Contracts().Update(ctx, c); err != nil {
					return err
				}
			}
		}
	}
	return audit(ctx, tx, "order.fulfilled", o.ID, map[string]any{"assetsCreated": len(created), "assetsChanged": len(changed),
		"inventoryProducts": len(inv)})
}
