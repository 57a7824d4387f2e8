package approval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sort"

	"quotewright/backend/cpq"
	"quotewright/backend/pricing"
)

// ContentHash fingerprints what an approval is given for: the quote version itself (its id, so a copy carries
// no approval), its terms (price list, currency, commitment, discount, validity), every line as configured and
// discounted, and every price and cost it comes to. Any change to lines, prices, discounts or terms gives
// another hash. The name and the presentation language do not count, being neither priced nor promised; nor
// does tax, which the company does not set: a change of tax rates leaves approvals of net prices standing.
func ContentHash(q *cpq.Quote, r *pricing.Result) string {
	h := sha256.New()
	w := func(format string, args ...any) { fmt.Fprintf(h, format, args...) }
	w("quote %s v%d\nlist %s %s term %d discount %s valid %s\n", q.ID, q.Version, q.PriceListID, q.Currency, q.TermMonths,
		q.DiscountPct.String(), cpq.FormatDate(q.ValidUntil))
	for _, g := range q.SiteGroups {
		w("group %s site %s\n", g.ID, g.SiteID)
	}
	priced := make(map[string]*pricing.Line, len(r.Lines))
	for i := range r.Lines {
		priced[r.Lines[i].LineID] = &r.Lines[i]
	}
	for _, l := range q.Lines {
		w("line %s parent %s group %s product %s qty %d discount %s off %s", l.ID, l.ParentID, l.SiteGroupID,
			l.ProductID, l.Quantity, l.DiscountPct.String(), l.DiscountAmount.String())
		writeAttrs(h, l.Attributes)
		if p := priced[l.ID]; p != nil {
			for _, c := range p.Charges {
				w(" %s %s %s %d %s %s", c.Kind, c.Net.String(), c.NetAfter.String(), c.PromotionMonths, c.Value.String(),
					c.Cost.String())
			}
		}
		w("\n")
	}
	t := r.Totals
	w("totals %s %s %s %s cost %s\n", t.OneTime.String(), t.Monthly.String(), t.Yearly.String(), t.TCV.String(), t.Cost.String())
	return hex.EncodeToString(h.Sum(nil))
}

func writeAttrs(h hash.Hash, attrs map[string]string) {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, " %q=%q", k, attrs[k])
	}
}
