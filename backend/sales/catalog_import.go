package sales

import (
	"context"

	"quotewright/backend/catalog"
	"quotewright/backend/cpq"
)

// ImportReport says what an import did.
type ImportReport struct {
	ProductsAdded, ProductsUpdated     int
	PriceListsAdded, PriceListsUpdated int
	Prices                             int
	PromotionsAdded, PromotionsUpdated int
	RulesAdded, RulesUpdated           int
}

// ImportCatalog merges catalog data (read from a catalog file) into the database, matching records by code:
// a product, price list, promotion or rule with the same code is updated, a new code is added, and what the
// file does not mention is left as it is. A price list in the file replaces that list's prices. It all happens
// in one transaction: a problem anywhere leaves the catalog as it was.
func (s *Service) ImportCatalog(ctx context.Context, actor Actor, d catalog.Data) (ImportReport, error) {
	var rep ImportReport
	err := s.store.Update(ctx, func(tx cpq.Tx) error {
		existing, err := tx.Products().All(ctx)
		if err != nil {
			return err
		}
		byCode := map[string]*cpq.Product{}
		for _, p := range existing {
			byCode[p.Code] = p
		}
		// File ids ("prd:CODE") become the database's ids; components refer to the new ones.
		ids := map[string]string{}
		for _, p := range d.Products {
			if old := byCode[p.Code]; old != nil {
				ids[p.ID] = old.ID
			} else {
				ids[p.ID] = cpq.NewID("prd")
			}
		}
		// A file may name products it does not hold: those keep the ids they have.
		idOf := func(id string) string {
			if v, ok := ids[id]; ok {
				return v
			}
			return id
		}
		// Products first without components, so that a bundle can name a product added later in the file.
		for _, p := range d.Products {
			np := *p
			np.ID, np.Components = ids[p.ID], nil
			if old := byCode[p.Code]; old != nil {
				np.Components = nil
				if err := tx.Products().Update(ctx, &np); err != nil {
					return err
				}
				rep.ProductsUpdated++
			} else {
				if err := tx.Products().Create(ctx, &np); err != nil {
					return err
				}
				rep.ProductsAdded++
			}
		}
		for _, p := range d.Products {
			if len(p.Components) == 0 {
				continue
			}
			np, err := tx.Products().Get(ctx, ids[p.ID])
			if err != nil {
				return err
			}
			for _, c := range p.Components {
				c.ProductID = idOf(c.ProductID)
				np.Components = append(np.Components, c)
			}
			if err := tx.Products().Update(ctx, np); err != nil {
				return err
			}
		}
		lists, err := tx.PriceLists().List(ctx)
		if err != nil {
			return err
		}
		listByCode := map[string]*cpq.PriceList{}
		for _, l := range lists {
			listByCode[l.Code] = l
		}
		listIDs := map[string]string{}
		for _, l := range d.PriceLists {
			nl := *l
			if old := listByCode[l.Code]; old != nil {
				nl.ID = old.ID
				if err := tx.PriceLists().Update(ctx, &nl); err != nil {
					return err
				}
				if err := tx.PriceLists().ClearEntries(ctx, nl.ID); err != nil {
					return err
				}
				rep.PriceListsUpdated++
			} else {
				nl.ID = ""
				if err := tx.PriceLists().Create(ctx, &nl); err != nil {
					return err
				}
				rep.PriceListsAdded++
			}
			listIDs[l.ID] = nl.ID
		}
		for _, e := range d.Entries {
			ne := *e
			ne.ID, ne.PriceListID, ne.ProductID = "", listIDs[e.PriceListID], idOf(e.ProductID)
			if err := tx.PriceLists().AddEntry(ctx, &ne); err != nil {
				return err
			}
			rep.Prices++
		}
		promos, err := tx.Promotions().List(ctx)
		if err != nil {
			return err
		}
		promoByCode := map[string]*cpq.Promotion{}
		for _, p := range promos {
			promoByCode[p.Code] = p
		}
		for _, p := range d.Promotions {
			np := *p
			np.ProductIDs = nil
			for _, id := range p.ProductIDs {
				np.ProductIDs = append(np.ProductIDs, idOf(id))
			}
			if old := promoByCode[p.Code]; old != nil {
				np.ID = old.ID
				if err := tx.Promotions().Update(ctx, &np); err != nil {
					return err
				}
				rep.PromotionsUpdated++
			} else {
				np.ID = ""
				if err := tx.Promotions().Create(ctx, &np); err != nil {
					return err
				}
				rep.PromotionsAdded++
			}
		}
		rules, err := tx.Rules().List(ctx)
		if err != nil {
			return err
		}
		ruleByCode := map[string]*cpq.Rule{}
		for _, r := range rules {
			ruleByCode[r.Code] = r
		}
		for _, r := range d.Rules {
			nr := *r
			if old := ruleByCode[r.Code]; old != nil {
				nr.ID = old.ID
				if err := tx.Rules().Update(ctx, &nr); err != nil {
					return err
				}
				rep.RulesUpdated++
			} else {
				nr.ID = ""
				if err := tx.Rules().Create(ctx, &nr); err != nil {
					return err
				}
				rep.RulesAdded++
			}
		}
		// What the file left alone must still fit what it changed: check the merged catalog before committing.
		merged, err := catalogData(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := catalog.New(merged); err != nil {
			return cpq.Errorf(cpq.EInvalid, "catalog.importInconsistent", "detail", err.Error())
		}
		return record(ctx, tx, actor, "catalog.imported", "catalog", "catalog", rep)
	})
	return rep, err
}
