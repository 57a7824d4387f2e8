// Money arrives as decimal strings and is formatted as strings: it never passes through a float, so what is
// shown is exactly what was priced.

export interface Currency {
  code: string;
  minorUnits: number;
}

const symbols: Record<string, string> = { JPY: '¥', USD: '$', EUR: '€', GBP: '£' };

const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** groupThousands writes 1234567 as 1,234,567. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * formatMoney shows an amount with its currency's minor units: "5720" JPY → "¥5,720", "38.5" USD → "$38.50".
 * It pads but never rounds: an amount with more decimals than the currency has is shown in full.
 */
export function formatMoney(amount: string, currency: Currency): string {
  const m = decimalPattern.exec(amount.trim());
  if (!m) return `${amount} ${currency.code}`;
  const [, sign, whole, fraction = ''] = m;
  const places = Math.max(currency.minorUnits, fraction.replace(/0+$/, '').length);
  const frac = places > 0 ? '.' + fraction.padEnd(places, '0').slice(0, places) : '';
  const body = groupThousands(whole.replace(/^0+(?=\d)/, '')) + frac;
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  const minus = sign === '-' && !isZero ? '-' : '';
  const symbol = symbols[currency.code];
  return symbol ? `${minus}${symbol}${body}` : `${minus}${body} ${currency.code}`;
}

/** formatSignedMoney shows an adjustment with an explicit sign: "+¥880", "-¥1,320". */
export function formatSignedMoney(amount: string, currency: Currency): string {
  const s = formatMoney(amount, currency);
  return s.startsWith('-') ? s : `+${s}`;
}

/** toMinor reads a decimal string as an exact integer count of 10^-places units ("12.5", 2 → 1250n). */
export function toMinor(amount: string, places: number): bigint {
  const m = decimalPattern.exec(amount.trim());
  if (!m) return 0n;
  const [, sign, whole, fraction = ''] = m;
  const digits = whole + fraction.padEnd(places, '0').slice(0, places);
  const n = BigInt(digits);
  return sign === '-' ? -n : n;
}

/** fromMinor writes an integer count of 10^-places units back as a decimal string. */
export function fromMinor(n: bigint, places: number): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(places + 1, '0');
  const body = places > 0 ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return neg ? `-${body}` : body;
}

/** sumMoney adds decimal amounts exactly (no floats), at the currency's minor units. */
export function sumMoney(amounts: string[], places: number): string {
  let total = 0n;
  for (const a of amounts) if (a) total += toMinor(a, places);
  return fromMinor(total, places);
}

/**
 * currencyOf gives a currency named only by its code (as a contract row carries it) its ISO 4217 minor units:
 * JPY has none, USD two.
 */
export function currencyOf(code: string): Currency {
  try {
    const places = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
    return { code, minorUnits: places ?? 2 };
  } catch {
    return { code, minorUnits: 2 }; // not a currency code Intl knows
  }
}
