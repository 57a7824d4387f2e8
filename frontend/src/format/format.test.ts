import { describe, expect, it } from 'vitest';
import { currencyOf, formatMoney, formatSignedMoney, fromMinor, sumMoney, toMinor } from './money';
import { formatDate, formatInstant } from './date';

const JPY = { code: 'JPY', minorUnits: 0 };
const USD = { code: 'USD', minorUnits: 2 };

describe('formatMoney', () => {
  it.each([
    ['5720', JPY, '¥5,720'],
    ['0', JPY, '¥0'],
    ['1234567', JPY, '¥1,234,567'],
    ['-1320', JPY, '-¥1,320'],
    ['38.5', USD, '$38.50'],
    ['37.99', USD, '$37.99'],
    ['-8.99', USD, '-$8.99'],
    ['1000000.1', USD, '$1,000,000.10'],
    ['0.00', USD, '$0.00'],
    ['-0', JPY, '¥0'],
  ])('%s %o → %s', (amount, currency, want) => {
    expect(formatMoney(amount, currency)).toBe(want);
  });

  it('never rounds: extra decimals are shown', () => {
    expect(formatMoney('1980.5', JPY)).toBe('¥1,980.5');
    expect(formatMoney('12.345', USD)).toBe('$12.345');
  });

  it('keeps exact digits beyond float precision', () => {
    expect(formatMoney('12345678901234567.89', USD)).toBe('$12,345,678,901,234,567.89');
  });

  it('writes other currencies with their code', () => {
    expect(formatMoney('10', { code: 'SGD', minorUnits: 2 })).toBe('10.00 SGD');
  });

  it('knows the minor units of a currency named by its code', () => {
    expect(currencyOf('JPY')).toEqual(JPY);
    expect(currencyOf('USD')).toEqual(USD);
    expect(formatMoney('1234567', currencyOf('JPY'))).toBe('¥1,234,567');
  });

  it('signs adjustments', () => {
    expect(formatSignedMoney('880', JPY)).toBe('+¥880');
    expect(formatSignedMoney('-1320', JPY)).toBe('-¥1,320');
  });
});

describe('dates', () => {
  it('shows a calendar date as the same day in any zone', () => {
    expect(formatDate('2026-03-31', 'en')).toBe('Mar 31, 2026');
    expect(formatDate('2026-03-31', 'ja')).toBe('2026/03/31');
    expect(formatDate('', 'en')).toBe('');
  });

  it('shows an instant in the given time zone', () => {
    expect(formatInstant('2026-11-28T15:30:00Z', 'en', 'Asia/Tokyo')).toBe('Nov 29, 2026, 12:30 AM');
    expect(formatInstant('2026-11-28T15:30:00Z', 'ja', 'Asia/Tokyo')).toBe('2026/11/29 0:30');
    expect(formatInstant('2026-11-28T15:30:00Z', 'en', 'UTC')).toBe('Nov 28, 2026, 3:30 PM');
  });
});

describe('exact sums', () => {
  it('adds amounts without floats', () => {
    expect(sumMoney(['0.1', '0.2'], 2)).toBe('0.30');
    expect(sumMoney(['5720', '-1320', ''], 0)).toBe('4400');
    expect(sumMoney(['9007199254740993', '1'], 0)).toBe('9007199254740994');
    expect(sumMoney(['-0.05', '0.01'], 2)).toBe('-0.04');
    expect(fromMinor(toMinor('12.5', 2), 2)).toBe('12.50');
  });
});
