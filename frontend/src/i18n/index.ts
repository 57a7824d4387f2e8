import { createI18n } from 'vue-i18n';
import en from './en';
import ja from './ja';

export type Locale = 'en' | 'ja';
export type MessageSchema = typeof en;

export const messages = { en, ja };

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages,
});

/** pick returns the text of a bilingual value in the current language, falling back to the other one. */
export function pick(text: { en: string; ja: string } | undefined, locale: string): string {
  if (!text) return '';
  return (locale === 'ja' ? text.ja || text.en : text.en || text.ja) ?? '';
}
