package sqlite

import (
	"context"

	"quotewright/backend/cpq"
)

type orders struct{ t *tx }

const orderCols = `id, number, account_id, segment, COALESCE(quote_id, ''), COALESCE(contract_id, ''), status,
	sync_state, remote_id, remote_href, last_error, billing_account, currency, requested_start, created_at, updated_at`

func scanOrder(s scanner) (*cpq.Order, error) {
	rd := &reader{}
	var o cpq.Order
	var start, created, updated string
	if err := s.Scan(&o.ID, &o.Number, &o.AccountID, &o.Segment, &o.QuoteID, &o.ContractID, &o.Status, &o.Sync,
		&o.RemoteID, &o.RemoteHref, &o.LastError, &o.BillingAccount, &o.Currency, &start, &created, &updated); err != nil {
		return nil, err
	}
	o.RequestedStart, o.CreatedAt, o.UpdatedAt = rd.date(start), rd.time(created), rd.time(updated)
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
	if err := dbErr(r.t.exec(ctx, `INSERT INTO orders (`+plain(orderCols)+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.Number, o.AccountID, o.Segment, nullID(o.QuoteID), nullID(o.ContractID), o.Status, o.Sync, o.RemoteID,
		o.RemoteHref, o.LastError, o.BillingAccount, o.Currency, fmtDate(o.RequestedStart), fmtTime(now), fmtTime(now)), "order"); err != nil {
		return err
	}
	return r.saveItems(ctx, o)
}

func (r orders) saveItems(ctx context.Context, o *cpq.Order) error {
	if err := r.t.exec(ctx, `DELETE FROM order_items WHERE order_id = ?`, o.ID); err != nil {
		return dbErr(err, "order")
	}
	for i, it := range o.Items {
		if err := dbErr(r.t.exec(ctx, `INSERT INTO order_items (id, order_id, parent_id, site_id, product_id, action, quantity,
			attributes, technical, asset_id, one_time, recurring, appointment, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.ID, o.ID, nullID(it.ParentID), nullID(it.SiteID), it.ProductID, it.Action, it.Quantity,
			fmtAttrs(it.Attributes), fmtAttrs(it.Technical), it.AssetID, fmtDec(it.OneTime),
			fmtDec(it.Recurring), fmtTime(it.Appointment), i), "order"); err != nil {
			return err
		}
	}
	return nil
}

func (r orders) withItems(ctx context.Context, o *cpq.Order) (*cpq.Order, error) {
	items, err := getAll(ctx, r.t, func(s scanner) (*cpq.OrderItem, error) {
		rd := &reader{}
		var it cpq.OrderItem
		var attrs, tech, oneTime, recurring, appt string
		if err := s.Scan(&it.ID, &it.ParentID, &it.SiteID, &it.ProductID, &it.Action, &it.Quantity, &attrs, &tech,
			&it.AssetID, &oneTime, &recurring, &appt); err != nil {
			return nil, err
		}
		it.Attributes, it.Technical = rd.attrs(attrs), rd.attrs(tech)
		it.OneTime, it.Recurring, it.Appointment = rd.dec(oneTime), rd.dec(recurring), rd.time(appt)
		return &it, rd.err
	}, `SELECT id, COALESCE(parent_id, ''), COALESCE(site_id, ''), product_id, action, quantity, attributes, technical,
		asset_id, one_time, recurring, appointment FROM order_items WHERE order_id = ? ORDER BY position`, o.ID)
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
		last_error = ?, billing_account = ?, currency = ?, requested_start = ?, updated_at = ? WHERE id = ?`,
		o.Status, o.Sync, o.RemoteID, o.RemoteHref, o.LastError, o.BillingAccount, o.Currency,
		fmtDate(o.RequestedStart), fmtTime(o.UpdatedAt), o.ID); err != nil {
		return err
	}
	return r.saveItems(ctx, o)
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
	return r.t.execOne(ctx, "asset", a.ID, `UPDATE assets SET site_id = ?, status = ?, quantity = ?, attributes = ?,
		remote_id = ?, one_time = ?, recurring = ?, currency = ?, start_date = ?, end_date = ?, order_id = ?, updated_at = ?
		WHERE id = ?`, nullID(a.SiteID), a.Status, a.Quantity, fmtAttrs(a.Attributes), a.RemoteID,
		fmtDec(a.OneTime), fmtDec(a.Recurring), a.Currency, fmtDate(a.StartDate), fmtDate(a.EndDate), nullID(a.OrderID),
		fmtTime(a.UpdatedAt), a.ID)
}
