import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './nav';

describe('navigation hash', () => {
  it('round-trips a section and an object id', () => {
    const r = { section: 'accounts' as const, id: 'acc_06h2 x/y' };
    expect(parseHash(formatHash(r))).toEqual(r);
    expect(formatHash({ section: 'catalog', id: '' })).toBe('#/catalog');
  });

  it('opens the accounts list for an empty or unknown hash', () => {
    expect(parseHash('')).toEqual({ section: 'accounts', id: '' });
    expect(parseHash('#/nowhere/1')).toEqual({ section: 'accounts', id: '' });
  });
});
