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
