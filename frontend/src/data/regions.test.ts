import { describe, expect, it } from 'vitest';
import { prefectures, regionLabel, regionOptions } from './regions';

describe('regions', () => {
  it('lists the 47 prefectures once each', () => {
    expect(prefectures).toHaveLength(47);
    expect(new Set(prefectures.map((p) => p.value)).size).toBe(47);
  });

  it('shows a stored prefecture in the UI language and anything else as stored', () => {
    expect(regionLabel('Tokyo', 'ja')).toBe('東京都');
    expect(regionLabel('Tokyo', 'en')).toBe('Tokyo');
    expect(regionLabel('California', 'ja')).toBe('California');
    expect(regionOptions('ja').find((o) => o.value === 'Osaka')?.label).toBe('大阪府');
  });
});
