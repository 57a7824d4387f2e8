package omserver

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"quotewright/backend/tmf"
)

// getProduct reads an inventory product, in the database or in a transaction.
func getProduct(ctx context.Context, q dbtx, id string) (*tmf.InventoryProduct, error) {
	var body string
	err := q.QueryRowContext(ctx, `SELECT body FROM products WHERE id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	var p tmf.InventoryProduct
	return &p, json.Unmarshal([]byte(body), &p)
}

// putProduct stores a new product or replaces one. A replaced product keeps its place in the list.
func putProduct(ctx context.Context, q dbtx, p *tmf.InventoryProduct) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	now := stamp(time.Now())
	_, err = q.ExecContext(ctx, `INSERT INTO products (id, status, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body, updated_at = excluded.updated_at`,
		p.ID, string(p.Status), string(body), now, now)
	return err
}

// productFilters are the attributes a product list can be filtered on, each the SQL that keeps the products
// whose attribute is one of the values (its placeholders at %s). relatedParty.id finds a customer's products,
// productOrderItem.productOrderId what an order made or changed, place.id what is at a site.
var productFilters = map[string]string{
	"id":                              `id IN (%s)`,
	"status":                          `status IN (%s)`,
	"name":                            `json_extract(body, '$.name') IN (%s)`,
	"productOffering.id":              `json_extract(body, '$.productOffering.id') IN (%s)`,
	"relatedParty.id":                 `EXISTS (SELECT 1 FROM json_each(body, '$.relatedParty') WHERE json_extract(value, '$.id') IN (%s))`,
	"place.id":                        `EXISTS (SELECT 1 FROM json_each(body, '$.place') WHERE json_extract(value, '$.id') IN (%s))`,
	"productOrderItem.productOrderId": `EXISTS (SELECT 1 FROM json_each(body, '$.productOrderItem') WHERE json_extract(value, '$.productOrderId') IN (%s))`,
}

// productFilterNames lists the filters, for the message that refuses any other.
func productFilterNames() string {
	names := make([]string, 0, len(productFilters))
	for n := range productFilters {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// productFilter selects products: each attribute must be one of its values (TMF's "status=active,suspended").
type productFilter struct {
	by            map[string][]string
	offset, limit int
}

// listProducts returns one page of products, oldest first, and how many match in all.
func (s *store) listProducts(ctx context.Context, f productFilter) ([]*tmf.InventoryProduct, int, error) {
	where, args := "1 = 1", []any{}
	names := make([]string, 0, len(f.by))
	for n := range f.by {
		names = append(names, n)
	}
	sort.Strings(names) // the same query text for the same filters
	for _, n := range names {
		vals := f.by[n]
		where += " AND " + strings.Replace(productFilters[n], "%s", strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", "), 1)
		for _, v := range vals {
			args = append(args, v)
		}
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM products WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT body FROM products WHERE `+where+` ORDER BY seq LIMIT ? OFFSET ?`,
		append(args, f.limit, f.offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*tmf.InventoryProduct
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, 0, err
		}
		var p tmf.InventoryProduct
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return nil, 0, err
		}
		out = append(out, &p)
	}
	return out, total, rows.Err()
}
