import { describe, expect, it } from 'vitest';
import en from './en';
import ja from './ja';
import { pick } from './index';

// Every leaf key path of a message tree; arrays count as one leaf with their length.
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(tree)) {
    out.set(prefix, tree.length);
  } else if (tree && typeof tree === 'object') {
    for (const [k, v] of Object.entries(tree)) {
      for (const [p, x] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
    }
  } else {
    out.set(prefix, tree);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI messages', () => {
  const enLeaves = leaves(en);
  const jaLeaves = leaves(ja);

  it('have the same keys in English and Japanese', () => {
    expect([...jaLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('are never empty and use the same placeholders in both languages', () => {
    for (const [key, value] of enLeaves) {
      const other = jaLeaves.get(key);
      if (typeof value === 'number') {
        expect(other, key).toBe(value); // lists have as many items in both
        continue;
      }
      expect(String(value).trim(), key).not.toBe('');
      expect(String(other).trim(), key).not.toBe('');
      // Plural forms ("a | b | c") may drop {count} in one form, but never invent a placeholder.
      for (const p of placeholders(String(other))) expect(placeholders(String(value)), key).toContain(p);
    }
  });

  it('is actually Japanese in Japanese', () => {
    const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;
    const untranslated = [...jaLeaves].filter(
      ([key, v]) => typeof v === 'string' && !japanese.test(v) && v === enLeaves.get(key) && !/^(app\.name|history\.system|settings\.intact)$/.test(key),
    );
    // Product names, codes and symbols may be the same in both; sentences may not.
    expect(untranslated.filter(([, v]) => String(v).split(' ').length > 2)).toEqual([]);
  });
});

describe('pick', () => {
  it('prefers the UI language and falls back to the other', () => {
    expect(pick({ en: 'Fibre', ja: '光回線' }, 'ja')).toBe('光回線');
    expect(pick({ en: 'Fibre', ja: '光回線' }, 'en')).toBe('Fibre');
    expect(pick({ en: '', ja: '光回線' }, 'en')).toBe('光回線');
    expect(pick({ en: 'Fibre', ja: '' }, 'ja')).toBe('Fibre');
    expect(pick(undefined, 'ja')).toBe('');
  });
});
