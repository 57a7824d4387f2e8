// Instants are stored and sent in UTC; they are shown in the user's time zone. Calendar dates (YYYY-MM-DD)
// have no zone and are shown as the same day everywhere.

export function formatDate(date: string, locale: string): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}

export function formatInstant(instant: string, locale: string, timeZone?: string): string {
  if (!instant) return '';
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(t);
}
