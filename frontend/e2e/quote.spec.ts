import { expect, test, type Page } from '@playwright/test';
import { open, setLanguage, shot } from './helpers';

// Chooses an option of a naive-ui select by its visible label.
async function choose(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator('.n-base-select-option', { hasText: label }).first().click();
}

async function openAccount(page: Page, search: string, name: string) {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill(search);
  await page.getByText(name, { exact: true }).click();
  await expect(page.getByTestId('account-title')).toHaveText(name);
}

test('the consumer fibre bundle: configure, price, explain, discount — in English and Japanese', async ({ page }) => {
  const errors = await open(page, 'en');
  await openAccount(page, '山田', '山田 太郎');
  await page.getByTestId('tab-quotes').click();
  await page.getByTestId('account-new-quote').click();
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('quote-number')).toContainText('v1');

  await page.getByTestId('add-product').click();
  // Business products are hidden for a consumer, and say why.
  await page.getByTestId('picker-unavailable').click();
  await expect(page.getByTestId('hidden-FIBRE-BIZ')).toContainText('Offered to business customers only.');
  await page.getByTestId('offer-HOME-BUNDLE').click();
  await choose(page, 'comp-attr-FIBRE-HOME-speed', '10 Gbps');
  await page.getByTestId('comp-on-TV-HOME').click();
  await choose(page, 'comp-attr-TV-HOME-package', 'Premium (80 channels)');
  await page.getByTestId('comp-on-VOICE-HOME').click();
  await page.getByTestId('comp-attr-VOICE-HOME-keep_number').click();
  await page.getByTestId('comp-on-NEWS-DAILY').click();
  await shot(page, 'quote-consumer-picker-en');
  await page.getByTestId('picker-add').click();

  // Totals: fibre 5,720 − 550 (24 months) + 2,200 (10 Gbps) − 1,100 (welcome discount), router 550, TV 4,400,
  // phone 550, newspaper 4,400 (8%) = 16,170 a month; tax 1,177 at 10% and 352 at 8%.
  await expect(page.getByTestId('line-count')).toHaveText('6 lines');
  await expect(page.getByTestId('total-onetime')).toHaveText('¥26,400');
  await expect(page.getByTestId('total-onetime-gross')).toHaveText('¥29,040');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥16,170');
  await expect(page.getByTestId('total-monthly-gross')).toHaveText('¥17,699');
  await expect(page.getByTestId('total-tcv')).toHaveText('¥427,680');
  await expect(page.getByTestId('rollup-monthly-HOME-BUNDLE')).toHaveText('¥16,170');
  await page.getByTestId('problems-toggle').click();
  await expect(page.getByTestId('totals')).toContainText('8% tax on ¥4,400');
  await expect(page.getByTestId('problems')).toContainText('The configuration is valid.');
  await shot(page, 'quote-consumer-en');

  // The fibre line's waterfall.
  await page.getByTestId('wf-FIBRE-HOME').click();
  const wf = page.getByTestId('waterfall');
  await expect(wf).toContainText('List price ¥5,720 × 1');
  await expect(wf).toContainText('24-month term price ¥5,170');
  await expect(wf).toContainText('Speed: 10 Gbps');
  await expect(wf).toContainText('Promotion: Fibre welcome discount (first 12 months)');
  await expect(page.getByTestId('wf-net-monthly')).toHaveText('¥6,270');
  await expect(wf).toContainText('for the first 12 months, then ¥7,370 a month');
  await shot(page, 'quote-consumer-waterfall-en');
  await page.keyboard.press('Escape');

  // A line discount reprices as it is typed: TV −10% takes 440 off the month and 330 off the installation.
  await page.getByTestId('disc-TV-HOME').fill('10');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥15,730');
  await expect(page.getByTestId('total-onetime')).toHaveText('¥26,070');
  await expect(page.getByTestId('total-tcv')).toHaveText('¥416,790');

  // A bad discount is refused with a clear message, and the saved price stays.
  await page.getByTestId('disc-TV-HOME').fill('150');
  await expect(page.locator('.n-message').last()).toContainText('Line 4: a discount must be between 0% and 100%.');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥15,730');

  // A discount per unit: ¥100 off the router's ¥550 a month, and ¥10 less tax.
  await page.getByTestId('disc-amount-ROUTER-WIFI6').fill('100');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥15,630');
  await expect(page.getByTestId('total-monthly-gross')).toHaveText('¥17,105');
  await page.getByTestId('wf-ROUTER-WIFI6').click();
  await expect(page.getByTestId('waterfall')).toContainText('Line discount ¥100 per unit');
  await page.keyboard.press('Escape');
  await page.getByTestId('disc-amount-ROUTER-WIFI6').fill('-50');
  await expect(page.locator('.n-message').last()).toContainText('Line 3: a discount amount cannot be negative.');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥15,630');

  // In Japanese, the same quote and the same waterfall.
  await setLanguage(page, 'ja');
  await expect(page.getByTestId('line-count')).toHaveText('6 行');
  await expect(page.getByTestId('total-monthly-gross')).toHaveText('¥17,105');
  await page.getByTestId('wf-FIBRE-HOME').click();
  await expect(page.getByTestId('waterfall')).toContainText('定価 ¥5,720 × 1');
  await expect(page.getByTestId('waterfall')).toContainText('24か月契約価格 ¥5,170');
  await expect(page.getByTestId('waterfall')).toContainText('プロモーション: 光スタート割（最初の 12 か月）');
  await shot(page, 'quote-consumer-waterfall-ja');
  await page.keyboard.press('Escape');
  await shot(page, 'quote-consumer-ja');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('Global Media’s two stores: one configuration to both sites, per-site tiers, quote discount — in Japanese and English', async ({ page }) => {
  const errors = await open(page, 'ja');
  await openAccount(page, 'グローバル', 'グローバルメディア株式会社');
  await page.getByTestId('tab-quotes').click();
  await page.getByTestId('account-new-quote').click();
  await page.getByText('本社 / Head office').click(); // only the two new stores
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('quote-title')).toHaveText('新店舗2店の開設 / Two new stores');

  await page.getByTestId('add-product').click();
  await page.getByTestId('offer-STORE-CONNECT').click();
  await choose(page, 'comp-attr-FIBRE-BIZ-static_ip', '8個（/29）');
  await page.getByTestId('comp-qty-WIFI-MANAGED').locator('input').fill('6');
  await expect(page.getByTestId('picker-add')).toHaveText('2 拠点に追加');
  await page.getByTestId('picker-add').click();
  await expect(page.getByTestId('line-count')).toHaveText('6 行');

  // Twelve access points in Shinjuku reach the per-site tier (¥2,900 from 10); Yokohama's six do not.
  await page.getByTestId('site-tabs').getByText('新宿店 / Shinjuku store (new)').click();
  await page.getByTestId('qty-WIFI-MANAGED').fill('12');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥51,600');
  await page.getByTestId('site-tabs').getByText('すべての拠点').click();
  await page.getByTestId('quote-discount').locator('input').fill('5');
  await expect(page.getByTestId('total-tcv')).toHaveText('¥3,267,240');
  await expect(page.getByTestId('total-onetime')).toHaveText('¥250,800');
  await expect(page.getByTestId('total-onetime-gross')).toHaveText('¥275,880');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥83,790');
  await expect(page.getByTestId('total-monthly-gross')).toHaveText('¥92,169');
  await expect(page.getByTestId('total-margin')).toHaveText('50.18%');
  await shot(page, 'quote-global-media-ja');

  await page.getByTestId('site-tabs').getByText('新宿店 / Shinjuku store (new)').click();
  await expect(page.getByTestId('total-monthly')).toHaveText('¥49,020');
  await page.getByTestId('wf-WIFI-MANAGED').click();
  const wf = page.getByTestId('waterfall');
  await expect(wf).toContainText('定価 ¥3,300 × 12');
  await expect(wf).toContainText('数量段階 10 以上: 単価 ¥2,900');
  await expect(wf).toContainText('プロモーション: 新店舗開設キャンペーン');
  await expect(wf).toContainText('見積全体の割引 5%');
  await expect(page.getByTestId('wf-net-monthly')).toHaveText('¥33,060');
  await expect(page.getByTestId('wf-net-one_time')).toHaveText('¥125,400');
  await shot(page, 'quote-global-media-waterfall-ja');
  await page.keyboard.press('Escape');

  // 21 access points at one store exceed the bundle: the problem is named, in Japanese.
  await page.getByTestId('qty-WIFI-MANAGED').fill('21');
  await expect(page.getByTestId('problem-count')).toHaveText('1');
  await page.getByTestId('problems-toggle').click();
  await expect(page.getByTestId('problems')).toContainText('このバンドルのマネージドWi-Fi アクセスポイントは 20 個までです（現在 21 個）。');
  await page.getByTestId('qty-WIFI-MANAGED').fill('12');
  await expect(page.getByTestId('problem-count')).toHaveText('0');

  // In English, the same quote.
  await setLanguage(page, 'en');
  await page.getByTestId('site-tabs').getByText('All sites').click();
  await expect(page.getByTestId('total-tcv')).toHaveText('¥3,267,240');
  await expect(page.getByTestId('total-monthly-gross')).toHaveText('¥92,169');
  await shot(page, 'quote-global-media-en');
  await page.getByTestId('site-tabs').getByText('新宿店 / Shinjuku store (new)').click();
  await page.getByTestId('wf-WIFI-MANAGED').click();
  await expect(wf).toContainText('List price ¥3,300 × 12');
  await expect(wf).toContainText('Volume tier from 10 units: ¥2,900 each');
  await expect(wf).toContainText('Promotion: New store installation offer');
  await expect(wf).toContainText('Quote discount 5%');
  await expect(page.getByTestId('wf-net-monthly')).toHaveText('¥33,060');
  await shot(page, 'quote-global-media-waterfall-en');
  await page.keyboard.press('Escape');

  // The Shinjuku bundle's contents: a SIP trunk added to it, then taken out again.
  await page.getByTestId('config-STORE-CONNECT').click();
  const contents = page.getByTestId('config-contents');
  await expect(contents).toContainText('Managed Wi-Fi access point');
  await expect(contents).toContainText('12 (from 1 to 20)');
  await expect(page.getByTestId('config-add-FIBRE-BIZ')).toHaveCount(0);
  await shot(page, 'quote-global-media-contents-en');
  await page.getByTestId('config-add-SIP-TRUNK').click();
  await expect(page.getByTestId('line-count')).toHaveText('4 lines');
  await expect(contents).toContainText('Business SIP trunk1 (from 0 to 1)');
  await expect(page.getByTestId('config-add-SIP-TRUNK')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('problem-count')).toHaveText('0');
  await page.getByTestId('rm-SIP-TRUNK').click();
  await expect(page.locator('.n-dialog')).toContainText('Remove this component from its bundle?');
  await page.locator('.n-dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('line-count')).toHaveText('3 lines');
  await expect(page.getByTestId('total-monthly')).toHaveText('¥49,020');

  // The head office, left out when the quote was made, is added to it later.
  await page.getByTestId('add-sites-open').click();
  await page.getByTestId('add-sites').getByText('本社 / Head office').click();
  await page.getByTestId('add-sites-confirm').click();
  await expect(page.getByTestId('site-tabs')).toContainText('本社 / Head office');
  await page.getByTestId('add-sites-open').click();
  await expect(page.getByText('Every site of the account is on the quote.')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('a new quote from the quotes list: pick the account, then the builder opens — in Japanese and English', async ({ page }) => {
  const errors = await open(page, 'ja');
  await page.getByTestId('nav-quotes').click();
  await page.getByTestId('quote-new').click();
  await expect(page.getByTestId('quote-create')).toBeDisabled();
  await page.getByTestId('quote-account').click();
  await page.keyboard.type('Emily');
  await page.locator('.n-base-select-option', { hasText: 'Emily Carter' }).click();
  // A name left empty is refused on the form, and nothing is made.
  await page.getByTestId('quote-name').locator('input').fill('');
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await page.getByTestId('quote-name').locator('input').fill('Emily 光');
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('quote-title')).toHaveText('Emily 光');
  await expect(page.getByTestId('line-count')).toHaveText('0 行');
  await setLanguage(page, 'en');
  await expect(page.getByTestId('line-count')).toHaveText('0 lines');
  expect(errors).toEqual([]);
});
