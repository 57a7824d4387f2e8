import type { app } from '../api';

/**
 * Row is a quote line as the builder shows it: the line with its product's code, names and kind, and every
 * field the service leaves out when empty filled in. The service sends lines compact because a quote may have
 * ten thousand of them.
 */
export interface Row {
  id: string;
  parentId: string;
  siteGroupId: string;
  productId: string;
  code: string;
  name: app.TextDTO;
  kind: string;
  /** The line has attributes to set, or is a bundle whose contents can change. */
  configurable: boolean;
  depth: number;
  quantity: number;
  effectiveQuantity: number;
  attributes: Record<string, string>;
  attributeText: app.TextDTO;
  /** Decimal strings; '0' when there is no such discount. */
  discountPct: string;
  discountAmount: string;
  /** Decimal strings; '' when the line has no such charge. */
  oneTime: string;
  monthly: string;
  /** The monthly amount once a promotion ends (the monthly amount when there is none). */
  monthlyAfter: string;
  promotionMonths: number;
  yearly: string;
  value: string;
  problems: number;
}

const noText: app.TextDTO = { en: '', ja: '' };
const noAttributes: Record<string, string> = Object.freeze({}) as Record<string, string>;
const unknown = (id: string): app.LineProductDTO => ({ code: id, name: { en: id, ja: id }, kind: 'simple', configurable: false });

/** toRow completes one line from the service with its product. */
export function toRow(l: app.QuoteLineDTO, products: Record<string, app.LineProductDTO>): Row {
  const p = products[l.productId] ?? unknown(l.productId);
  const monthly = l.monthly ?? '';
  return {
    id: l.id,
    parentId: l.parentId ?? '',
    siteGroupId: l.siteGroupId,
    productId: l.productId,
    code: p.code,
    name: p.name,
    kind: p.kind,
    configurable: p.configurable,
    depth: l.depth ?? 0,
    quantity: l.quantity,
    effectiveQuantity: l.effectiveQuantity,
    attributes: l.attributes ?? noAttributes,
    attributeText: l.attributeText ?? noText,
    discountPct: l.discountPct ?? '0',
    discountAmount: l.discountAmount ?? '0',
    oneTime: l.oneTime ?? '',
    monthly,
    monthlyAfter: l.monthlyAfter ?? monthly,
    promotionMonths: l.promotionMonths ?? 0,
    yearly: l.yearly ?? '',
    value: l.value,
    problems: l.problems ?? 0,
  };
}

/** toRows completes the lines of a quote detail or an edit's answer. */
export function toRows(lines: app.QuoteLineDTO[], products: Record<string, app.LineProductDTO>): Row[] {
  const out = new Array<Row>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = toRow(lines[i], products);
  return out;
}
