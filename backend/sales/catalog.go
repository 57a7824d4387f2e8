package sales

import (
	"context"

	"quotewright/backend/cpq"
)

// ProductDetail is a product with what the catalog browser shows of it.
type ProductDetail struct {
	Product *cpq.Product
	// Components are the bundle's child products, in the bundle's order.
	Components []*cpq.Product
	// PartOf lists the bundles that contain this product.
	PartOf     []*cpq.Product
	PriceLists []*cpq.PriceList
	Prices     []*cpq.PriceEntry // across all price lists, in list order
	Promotions []*cpq.Promotion
}

// SearchProducts returns one page of catalog products matching f and how many match in all.
func (s *Service) SearchProducts(ctx context.Context, f cpq.ProductFilter) (out []*cpq.Product, total int, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, total, err = tx.Products().List(ctx, f)
		return err
	})
	return out, total, err
}

// ProductFamilies lists the families in the catalog.
func (s *Service) ProductFamilies(ctx context.Context) (out []string, err error) {
	err = s.store.View(ctx, func(tx cpq.Tx) error {
		out, err = tx.Products().Families(ctx)
		return err
	})
	return out, err
}

// Product returns a product with its components, prices in every price list and promotions.
func (s *Service) Product(ctx context.Context, id string) (*ProductDetail, error) {
	var d ProductDetail
	err := s.store.View(ctx, func(tx cpq.Tx) error {
		var err error
		if d.Product, err = tx.Products().Get(ctx, id); err != nil {
			return err
		}
		for _, c := range d.Product.Components {
			p, err := tx.Products().Get(ctx, c.ProductID)
			if err != nil {
				return err
			}
			d.Components = append(d.Components, p)
		}
		if d.PriceLists, err = tx.PriceLists().List(ctx); err != nil {
			return err
		}
		if d.Prices, err = tx.PriceLists().EntriesForProduct(ctx, id); err != nil {
			return err
		}
		if d.Promotions, err = tx.Promotions().ForProduct(ctx, id); err != nil {
			return err
		}
		if d.PartOf, err = tx.Products().BundlesContaining(ctx, id); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}
