import { describe, expect, it } from 'vitest';
import { toRows } from './rows';

const products = {
  p1: { code: 'HOME-BUNDLE', name: { en: 'Home bundle', ja: '光ホームセット' }, kind: 'bundle', configurable: true },
  p2: { code: 'FIBRE-HOME', name: { en: 'Home fibre', ja: '光回線（ホーム）' }, kind: 'simple', configurable: true },
};

describe('toRows', () => {
  it('fills what a compact line leaves out and names its product', () => {
    const [bundle, fibre] = toRows(
      [
        { id: 'l1', siteGroupId: 'g', productId: 'p1', quantity: 1, effectiveQuantity: 1, value: '0' },
        {
          id: 'l2', parentId: 'l1', siteGroupId: 'g', productId: 'p2', depth: 1, quantity: 2, effectiveQuantity: 2,
          attributes: { speed: '10G' }, attributeText: { en: 'Speed: 10 Gbps', ja: '通信速度：10Gbps' },
          discountPct: '5', monthly: '6270', monthlyAfter: '7370', promotionMonths: 12, value: '183480', problems: 1,
        },
      ],
      products,
    );
    expect(bundle).toMatchObject({
      parentId: '', code: 'HOME-BUNDLE', kind: 'bundle', depth: 0, attributes: {}, attributeText: { en: '', ja: '' },
      discountPct: '0', discountAmount: '0', oneTime: '', monthly: '', monthlyAfter: '', promotionMonths: 0, problems: 0,
    });
    expect(fibre).toMatchObject({
      parentId: 'l1', code: 'FIBRE-HOME', name: { ja: '光回線（ホーム）' }, depth: 1, discountPct: '5', discountAmount: '0',
      monthly: '6270', monthlyAfter: '7370', promotionMonths: 12, problems: 1,
    });
  });

  it('takes the monthly amount as the amount after promotions when there is none', () => {
    const [l] = toRows([{ id: 'l', siteGroupId: 'g', productId: 'p2', quantity: 1, effectiveQuantity: 1, monthly: '5720', value: '5720' }], products);
    expect(l.monthlyAfter).toBe('5720');
  });
});
