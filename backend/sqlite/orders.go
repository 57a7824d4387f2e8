package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type orders struct{ t *tx }

const orderCols = `id, number, account_id, segment, COALESCE(quote_id, ''), COALESCE(contract_id, ''), status,
	sync_state, remote_id, remote_href, last_error, billing_account, currency, requested_start, created_at, updated_at,
	owner_id, language, fallout, cancel_reason, submitted_at`

func scanOrder(s scanner) (*cpq.Order, error) {
	rd := &reader{}
	var o cpq.Order
	var start, created, updated, submitted string
	if err := s.Scan(&o.ID, &o.Number, &o.AccountID, &o.Segment, &o.QuoteID, &o.ContractID, &o.Status, &o.Sync,
		&o.RemoteID, &o.RemoteHref, &o.LastError, &o.BillingAccount, &o.Currency, &start, &created, &updated,
		&o.OwnerID, &o.Lang, &o.Fallout, &o.CancelReason, &submitted); err != nil {
		return nil, err
	}
	o.RequestedStart, o.CreatedAt, o.UpdatedAt = rd.date(start), rd.time(created), rd.time(updated)
	o.SubmittedAt = rd.time(submitted)
	return &o, rd.err
}

// Create saves an order with its items and numbers it.
func (r orders) Create(ctx context.Context, o *cpq.Order) error {
	if o.ID == "" {
		o.ID = cpq.NewID("ord")
	}
	if o.Status == "" {
		o.Status = cpq.OrderDraft
	}
	if o.Sync == "" {
		o.Sync = cpq.SyncNone
	}
	for i := range o.Items {
		if o.Items[i].ID == "" {
			o.Items[i].ID = cpq.NewID("oi")
		}
	}
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Number == "" {
		n, err := r.t.NextNumber(ctx, "order")
		if err != nil {
			return err
		}
		o.Number = formatNumber("O-", n)
	}
	now := r.t.now()
	o.CreatedAt, o.UpdatedAt = now, now
	if o.Lang == "" {
		o.Lang = cpq.LangJA
	}
	if err := dbErr(r.t.exec(ctx, `INSERT INTO orders (`+plain(orderCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.Number, o.AccountID, o.Segment, nullID(o.QuoteID), nullID(o.ContractID), o.Status, o.Sync, o.RemoteID,
		o.RemoteHref, o.LastError, o.BillingAccount, o.Currency, fmtDate(o.RequestedStart), fmtTime(now), fmtTime(now),
		o.OwnerID, o.Lang, o.Fallout, o.CancelReason, fmtTime(o.SubmittedAt)), "order"); err != nil {
		return err
	}
	return r.saveItems(ctx, o)
}

// saveItems replaces the order's sites and items with o's.
func (r orders) saveItems(ctx context.Context, o *cpq.Order) error {
	if err := r.t.exec(ctx, `DELETE FROM order_items WHERE order_id = ?`, o.ID); err != nil {
		return dbErr(err, "order")
	}
	if err := r.t.exec(ctx, `DELETE FROM order_sites WHERE order_id = ?`, o.ID); err != nil {
		return dbErr(err, "order")
	}
	for _, st := range o.Sites {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO order_sites (order_id, site_id, requested_start, appointment_start,
			appointment_end) VALUES (?, ?, ?, ?, ?)`, o.ID, st.SiteID, fmtDate(st.RequestedStart),
			fmtTime(st.AppointmentStart), fmtTime(st.AppointmentEnd)), "order"); err != nil {
			return err
		}
	}
	for i, it := range o.Items {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO order_items (id, order_id, parent_id, site_id, product_id, action, quantity,
			attributes, technical, asset_id, one_time, recurring, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.ID, o.ID, nullID(it.ParentID), nullID(it.SiteID), it.ProductID, it.Action, it.Quantity,
			fmtAttrs(it.Attributes), fmtAttrs(it.Technical), it.AssetID, fmtDec(it.OneTime),
			fmtDec(it.Recurring), i), "order"); err != nil {
			return err
		}
	}
	return nil
}

func (r orders) withItems(ctx context.Context, o *cpq.Order) (*cpq.Order, error) {
	sites, err := getAll(ctx, r.t, func(s scanner) (*cpq.OrderSite, error) {
		rd := &reader{}
		var st cpq.OrderSite
		var start, from, to string
		if err := s.Scan(&st.SiteID, &start, &from, &to); err != nil {
			return nil, err
		}
		st.RequestedStart, st.AppointmentStart, st.AppointmentEnd = rd.date(start), rd.time(from), rd.time(to)
		return &st, rd.err
	}, `SELECT os.site_id, os.requested_start, os.appointment_start, os.appointment_end FROM order_sites os
		JOIN sites s ON s.id = os.site_id WHERE os.order_id = ? ORDER BY s.name, s.id`, o.ID)
	if err != nil {
		return nil, err
	}
	o.Sites = make([]cpq.OrderSite, len(sites))
	for i, st := range sites {
		o.Sites[i] = *st
	}
	items, err := getAll(ctx, r.t, func(s scanner) (*cpq.OrderItem, error) {
		rd := &reader{}
		var it cpq.OrderItem
		var attrs, tech, oneTime, recurring string
		if err := s.Scan(&it.ID, &it.ParentID, &it.SiteID, &it.ProductID, &it.Action, &it.Quantity, &attrs, &tech,
			&it.AssetID, &oneTime, &recurring); err != nil {
			return nil, err
		}
		it.Attributes, it.Technical = rd.attrs(attrs), rd.attrs(tech)
		it.OneTime, it.Recurring = rd.dec(oneTime), rd.dec(recurring)
		return &it, rd.err
	}, `SELECT id, COALESCE(parent_id, ''), COALESCE(site_id, ''), product_id, action, quantity, attributes, technical,
		asset_id, one_time, recurring FROM order_items WHERE order_id = ? ORDER BY position`, o.ID)
	o.Items = make([]cpq.OrderItem, len(items))
	for i, it := range items {
		o.Items[i] = *it
	}
	return o, err
}

func (r orders) Get(ctx context.Context, id string) (*cpq.Order, error) {
	o, err := getOne(ctx, r.t, "order", id, scanOrder, `SELECT `+orderCols+` FROM orders WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return r.withItems(ctx, o)
}

// List returns one page of orders without their items, newest first.
func (r orders) List(ctx context.Context, f cpq.OrderFilter) ([]*cpq.Order, int, error) {
	var w where
	if f.AccountID != "" {
		w.add("account_id = ?", f.AccountID)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Sync != "" {
		w.add("sync_state = ?", f.Sync)
	}
	total, err := r.t.count(ctx, `SELECT count(*) FROM orders`+w.String(), w.args...)
	if err != nil {
		return nil, 0, err
	}
	l, o := limit(f.Page)
	out, err := getAll(ctx, r.t, scanOrder, `SELECT `+orderCols+` FROM orders`+w.String()+
		` ORDER BY created_at DESC, id LIMIT ? OFFSET ?`, append(w.args, l, o)...)
	return out, total, err
}

func (r orders) Update(ctx context.Context, o *cpq.Order) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.UpdatedAt = r.t.now()
	if err := r.t.execOne(ctx, "order", o.ID, `UPDATE orders SET status = ?, sync_state = ?, remote_id = ?, remote_href = ?,
		last_error = ?, billing_account = ?, currency = ?, requested_start = ?, updated_at = ?, fallout = ?,
		cancel_reason = ?, submitted_at = ? WHERE id = ?`,
		o.Status, o.Sync, o.RemoteID, o.RemoteHref, o.LastError, o.BillingAccount, o.Currency,
		fmtDate(o.RequestedStart), fmtTime(o.UpdatedAt), o.Fallout, o.CancelReason, fmtTime(o.SubmittedAt), o.ID); err != nil {
		return err
	}
	return r.saveItems(ctx, o)
}

func (r orders) SetSync(ctx context.Context, u cpq.SyncUpdate) error {
	now := fmtTime(r.t.now())
	return r.t.execOne(ctx, "order", u.OrderID, `UPDATE orders SET status = ?, sync_state = ?, remote_id = ?,
		remote_href = ?, last_error = ?, fallout = ?, updated_at = ?, checked_at = ? WHERE id = ?`,
		u.Status, u.Sync, u.RemoteID, u.RemoteHref, u.LastError, u.Fallout, now, now, u.OrderID)
}

func (r orders) SetError(ctx context.Context, orderID string, sync cpq.SyncState, lastError string) error {
	now := fmtTime(r.t.now())
	return r.t.execOne(ctx, "order", orderID, `UPDATE orders SET sync_state = CASE WHEN ? = '' THEN sync_state ELSE ? END,
		last_error = ?, updated_at = ? WHERE id = ?`, sync, sync, lastError, now, orderID)
}

// inFlightStates are the statuses the endpoint reports before an outcome.
const inFlightStates = `('acknowledged', 'pending', 'held', 'inProgress', 'assessingCancellation', 'pendingCancellation')`

func (r orders) InFlight(ctx context.Context, limit int) ([]*cpq.Order, error) {
	return getAll(ctx, r.t, scanOrder, `SELECT `+orderCols+` FROM orders WHERE status IN `+inFlightStates+`
		AND remote_id <> '' AND sync_state <> 'failed' ORDER BY checked_at, id LIMIT ?`, limit)
}

func (r orders) ByQuote(ctx context.Context, quoteID string) ([]*cpq.Order, error) {
	return getAll(ctx, r.t, scanOrder, `SELECT `+orderCols+` FROM orders WHERE quote_id = ? ORDER BY created_at, id`, quoteID)
}

func (r orders) OpenForAsset(ctx context.Context, assetID string) (*cpq.Order, error) {
	list, err := getAll(ctx, r.t, scanOrder, `SELECT `+orderCols+` FROM orders WHERE id IN
		(SELECT order_id FROM order_items WHERE asset_id = ?)
		AND status NOT IN ('completed', 'cancelled', 'rejected', 'failed', 'partial') LIMIT 1`, assetID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

func (r orders) ByContract(ctx context.Context, contractID string) ([]*cpq.Order, error) {
	return getAll(ctx, r.t, scanOrder, `SELECT `+orderCols+` FROM orders WHERE contract_id = ? ORDER BY created_at, id`, contractID)
}

type assets struct{ t *tx }

const assetCols = `id, account_id, COALESCE(site_id, ''), product_id, COALESCE(parent_id, ''), COALESCE(order_id, ''),
	status, quantity, attributes, remote_id, one_time, recurring, currency, start_date, end_date, updated_at`

func scanAsset(s scanner) (*cpq.Asset, error) {
	rd := &reader{}
	var a cpq.Asset
	var attrs, oneTime, recurring, start, end, updated string
	if err := s.Scan(&a.ID, &a.AccountID, &a.SiteID, &a.ProductID, &a.ParentID, &a.OrderID, &a.Status, &a.Quantity,
		&attrs, &a.RemoteID, &oneTime, &recurring, &a.Currency, &start, &end, &updated); err != nil {
		return nil, err
	}
	a.Attributes, a.OneTime, a.Recurring = rd.attrs(attrs), rd.dec(oneTime), rd.dec(recurring)
	a.StartDate, a.EndDate, a.UpdatedAt = rd.date(start), rd.date(end), rd.time(updated)
	return &a, rd.err
}

func (r assets) Create(ctx context.Context, a *cpq.Asset) error {
	if a.ID == "" {
		a.ID = cpq.NewID("ast")
	}
	if a.Status == "" {
		a.Status = cpq.AssetCreated
	}
	if a.Quantity == 0 {
		a.Quantity = 1
	}
	a.UpdatedAt = r.t.now()
	return dbErr(r.t.exec(ctx, `INSERT INTO assets (`+plain(assetCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.AccountID, nullID(a.SiteID), a.ProductID, nullID(a.ParentID), nullID(a.OrderID), a.Status, a.Quantity,
		fmtAttrs(a.Attributes), a.RemoteID, fmtDec(a.OneTime), fmtDec(a.Recurring), a.Currency,
		fmtDate(a.StartDate), fmtDate(a.EndDate), fmtTime(a.UpdatedAt)), "asset")
}

func (r assets) Get(ctx context.Context, id string) (*cpq.Asset, error) {
	return getOne(ctx, r.t, "asset", id, scanAsset, `SELECT `+assetCols+` FROM assets WHERE id = ?`, id)
}

func (r assets) ListByAccount(ctx context.Context, accountID string) ([]*cpq.Asset, error) {
	return getAll(ctx, r.t, scanAsset, `SELECT `+assetCols+` FROM assets WHERE account_id = ? ORDER BY site_id, product_id, id`, accountID)
}

func (r assets) Update(ctx context.Context, a *cpq.Asset) error {
	a.UpdatedAt = r.t.now()
	return r.t.execOne(ctx, "asset", a.ID, `UPDATE assets SET product_id = ?, site_id = ?, status = ?, quantity = ?, attributes = ?,
		remote_id = ?, one_time = ?, recurring = ?, currency = ?, start_date = ?, end_date = ?, order_id = ?, updated_at = ?
		WHERE id = ?`, a.ProductID, nullID(a.SiteID), a.Status, a.Quantity, fmtAttrs(a.Attributes), a.RemoteID,
		fmtDec(a.OneTime), fmtDec(a.Recurring), a.Currency, fmtDate(a.StartDate), fmtDate(a.EndDate), nullID(a.OrderID),
		fmtTime(a.UpdatedAt), a.ID)
}
