// Japan's prefectures. Accounts and sites store the English name (the value availability rules match on);
// the UI shows it in the user's language.
export const prefectures: { value: string; ja: string }[] = [
  { value: 'Hokkaido', ja: '北海道' },
  { value: 'Aomori', ja: '青森県' },
  { value: 'Iwate', ja: '岩手県' },
  { value: 'Miyagi', ja: '宮城県' },
  { value: 'Akita', ja: '秋田県' },
  { value: 'Yamagata', ja: '山形県' },
  { value: 'Fukushima', ja: '福島県' },
  { value: 'Ibaraki', ja: '茨城県' },
  { value: 'Tochigi', ja: '栃木県' },
  { value: 'Gunma', ja: '群馬県' },
  { value: 'Saitama', ja: '埼玉県' },
  { value: 'Chiba', ja: '千葉県' },
  { value: 'Tokyo', ja: '東京都' },
  { value: 'Kanagawa', ja: '神奈川県' },
  { value: 'Niigata', ja: '新潟県' },
  { value: 'Toyama', ja: '富山県' },
  { value: 'Ishikawa', ja: '石川県' },
  { value: 'Fukui', ja: '福井県' },
  { value: 'Yamanashi', ja: '山梨県' },
  { value: 'Nagano', ja: '長野県' },
  { value: 'Gifu', ja: '岐阜県' },
  { value: 'Shizuoka', ja: '静岡県' },
  { value: 'Aichi', ja: '愛知県' },
  { value: 'Mie', ja: '三重県' },
  { value: 'Shiga', ja: '滋賀県' },
  { value: 'Kyoto', ja: '京都府' },
  { value: 'Osaka', ja: '大阪府' },
  { value: 'Hyogo', ja: '兵庫県' },
  { value: 'Nara', ja: '奈良県' },
  { value: 'Wakayama', ja: '和歌山県' },
  { value: 'Tottori', ja: '鳥取県' },
  { value: 'Shimane', ja: '島根県' },
  { value: 'Okayama', ja: '岡山県' },
  { value: 'Hiroshima', ja: '広島県' },
  { value: 'Yamaguchi', ja: '山口県' },
  { value: 'Tokushima', ja: '徳島県' },
  { value: 'Kagawa', ja: '香川県' },
  { value: 'Ehime', ja: '愛媛県' },
  { value: 'Kochi', ja: '高知県' },
  { value: 'Fukuoka', ja: '福岡県' },
  { value: 'Saga', ja: '佐賀県' },
  { value: 'Nagasaki', ja: '長崎県' },
  { value: 'Kumamoto', ja: '熊本県' },
  { value: 'Oita', ja: '大分県' },
  { value: 'Miyazaki', ja: '宮崎県' },
  { value: 'Kagoshima', ja: '鹿児島県' },
  { value: 'Okinawa', ja: '沖縄県' },
];

const byValue = new Map(prefectures.map((p) => [p.value, p]));

/** regionLabel shows a stored region in the UI language; a region that is not a prefecture shows as stored. */
export function regionLabel(value: string, locale: string): string {
  const p = byValue.get(value);
  return p && locale === 'ja' ? p.ja : value;
}

/** regionOptions lists the prefectures for a picker, labelled in the UI language. */
export function regionOptions(locale: string): { label: string; value: string }[] {
  return prefectures.map((p) => ({ label: locale === 'ja' ? p.ja : p.value, value: p.value }));
}

export const industries = [
  'media',
  'retail',
  'logistics',
  'engineering',
  'manufacturing',
  'finance',
  'healthcare',
  'hospitality',
  'it',
  'education',
  'public',
  'other',
] as const;
