import { expect, test } from '@playwright/test';
import { open, setLanguage, shot } from './helpers';

test('open, switch to Japanese, search the catalog, open Global Media', async ({ page }) => {
  const errors = await open(page, 'en');
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByTestId('user-role')).toHaveText('Account executive');
  await expect(page).toHaveTitle('Quotewright');
  await shot(page, 'accounts-en');

  await setLanguage(page, 'ja');
  await expect(page.getByRole('heading', { name: '取引先' })).toBeVisible();
  await expect(page.getByTestId('user-role')).toHaveText('営業担当');

  // The catalog: search in Japanese, open the home fibre line and read its price.
  await page.getByTestId('nav-catalog').click();
  await expect(page.getByRole('heading', { name: '商品カタログ' })).toBeVisible();
  // Every word must match the code, a name or a description, in either language.
  await page.getByTestId('catalog-search').locator('input').fill('光回線 速度');
  await expect(page.getByTestId('catalog-count')).toHaveText('1 件');
  await page.getByTestId('catalog-search').locator('input').fill('光回線');
  await expect(page.getByTestId('catalog-count')).toHaveText('5 件');
  await expect(page.getByTestId('product-FIBRE-BIZ')).toBeVisible();
  await expect(page.getByTestId('product-PHONE-X15')).toHaveCount(0);
  await page.getByTestId('product-FIBRE-HOME').click();
  await expect(page.getByTestId('product-title')).toHaveText('光回線（ホーム）');
  const prices = page.getByTestId('product-prices');
  await expect(prices).toContainText('標準価格表（円）');
  await expect(prices).toContainText('¥5,720／月');
  await expect(prices).toContainText('通信速度：10Gbps');
  await expect(prices).toContainText('+¥2,200／月');
  await expect(prices).toContainText('$37.99／月');
  await shot(page, 'catalog-fibre-ja');

  // A bundle lists its components; a component links back.
  await page.getByTestId('catalog-search').locator('input').fill('セット');
  await page.getByTestId('product-HOME-BUNDLE').click();
  await expect(page.getByTestId('product-detail')).toContainText('Wi-Fi 6 ルーター');
  await expect(page.getByTestId('product-detail')).toContainText('任意');
  await shot(page, 'catalog-bundle-ja');

  // Global Media, found by its Japanese name, with its sites and contacts.
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('グローバル');
  await expect(page.getByTestId('account-count')).toHaveText('1 件');
  await page.getByText('グローバルメディア株式会社').click();
  await expect(page.getByTestId('account-title')).toHaveText('グローバルメディア株式会社');
  await expect(page.getByTestId('contacts-table')).toContainText('田中 一郎');
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('sites-table')).toContainText('新宿店');
  await expect(page.getByTestId('sites-table')).toContainText('東京都');
  await shot(page, 'global-media-ja');

  // The language is remembered: a reload comes back in Japanese.
  await page.reload();
  await expect(page.getByTestId('nav-accounts')).toHaveText('取引先');
  await setLanguage(page, 'en');
  await expect(page.getByTestId('account-title')).toHaveText('グローバルメディア株式会社');
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('sites-table')).toContainText('Tokyo');
  await shot(page, 'global-media-en');

  // The English name finds the same account.
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('global media');
  await expect(page.getByTestId('account-count')).toHaveText('1 result');

  // The catalog in English: the same product, its English name and prices.
  await page.getByTestId('nav-catalog').click();
  await page.getByTestId('catalog-search').locator('input').fill('fibre');
  await page.getByTestId('product-FIBRE-HOME').click();
  await expect(page.getByTestId('product-title')).toHaveText('Home fibre line');
  await expect(page.getByTestId('product-attributes')).toContainText('Speed');
  await expect(page.getByTestId('product-prices')).toContainText('¥5,720/month');
  await expect(page.getByTestId('product-prices')).toContainText('Dwelling: Apartment');
  await expect(page.getByTestId('product-prices')).toContainText('-¥1,320/month');
  await shot(page, 'catalog-fibre-en');

  expect(errors).toEqual([]);
});

test('bad input gets a clear message in the user’s language and nothing is half saved', async ({ page }) => {
  const errors = await open(page, 'ja');
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('みどり');
  await page.getByText('みどり物流株式会社').click();
  await page.getByTestId('tab-sites').click();
  await expect(page.getByTestId('sites-table').locator('tbody tr')).toHaveCount(5);

  await page.getByTestId('site-add').click();
  await page.getByTestId('site-name').locator('input').fill('仙台センター');
  await page.getByTestId('site-postal').locator('input').fill('98000');
  await page.getByTestId('site-save').click();
  await expect(page.getByTestId('form-error')).toContainText('拠点を保存できません');
  await expect(page.getByText('「98000」は郵便番号の形式ではありません（例: 123-4567）。')).toBeVisible();
  await expect(page.getByText('拠点の地域（都道府県）を入力してください。')).toBeVisible();
  await shot(page, 'site-error-ja');

  await page.getByTestId('site-postal').locator('input').fill('9800021');
  await page.getByTestId('site-region').click();
  await page.getByTestId('site-region').locator('input').fill('宮城');
  await page.getByText('宮城県', { exact: true }).click();
  await page.getByTestId('site-save').click();
  await expect(page.getByTestId('sites-table').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('sites-table')).toContainText('980-0021');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history')).toContainText('拠点を追加');
  await expect(page.getByTestId('history')).toContainText('佐藤 健');

  // A new account with a bad email is refused; corrected, it is created and opened.
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-new').click();
  await page.getByTestId('account-save').click();
  await expect(page.getByTestId('form-error')).toContainText('取引先を保存できません');
  await expect(page.getByText('取引先名を入力してください。')).toBeVisible();
  await page.getByTestId('account-name').locator('input').fill('さくらカフェ株式会社');
  await page.getByTestId('account-email').locator('input').fill('info@sakura');
  await page.getByTestId('account-save').click();
  await expect(page.getByText('「info@sakura」はメールアドレスの形式ではありません（例: name@example.com）。')).toBeVisible();
  await page.getByTestId('account-email').locator('input').fill('info@sakura-cafe.example');
  await page.getByTestId('account-save').click();
  await expect(page.getByTestId('account-title')).toHaveText('さくらカフェ株式会社');
  await expect(page.getByText('未調査です。')).toBeVisible();
  await shot(page, 'account-created-ja');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('the profile and settings: switch user, verify the audit log, open the orders page in both languages', async ({ page }) => {
  const errors = await open(page, 'en');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-db')).toHaveText(process.env.QW_DB!);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText(/Intact: \d+ entries verified\./);

  await page.getByTestId('user-menu').click();
  await page.getByText('鈴木 美咲 — Manager').click();
  await expect(page.getByTestId('user-role')).toHaveText('Manager');
  await expect(page.getByText('Discount up to 30%, margin at least 10% without approval')).toBeVisible();
  await shot(page, 'settings-en');

  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('orders-view')).toContainText('Orders');
  await setLanguage(page, 'ja');
  await expect(page.getByTestId('orders-view')).toContainText('注文');
  await shot(page, 'orders-ja');

  // Back to the rep for the other tests.
  await page.getByTestId('user-menu').click();
  await page.getByText('佐藤 健 — 営業担当').click();
  await expect(page.getByTestId('user-role')).toHaveText('営業担当');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('pricing settings: a rep reads them, a director changes how tax is rounded', async ({ page }) => {
  const errors = await open(page, 'en');
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('pricing-settings');
  await expect(page.getByTestId('pricing-readonly')).toHaveText('Only a director or an administrator can change them.');
  await expect(page.getByTestId('pricing-save')).toHaveCount(0);
  await expect(page.getByTestId('pricing-rate-standard').locator('input')).toHaveValue('10');
  await expect(page.getByTestId('pricing-rate-reduced').locator('input')).toHaveValue('8');
  await expect(card.locator('.n-radio--checked')).toContainText('Once per tax rate per quote (qualified invoice)');

  await page.getByTestId('user-menu').click();
  await page.getByText('高橋 誠 — Director').click();
  await expect(page.getByTestId('pricing-save')).toBeVisible();
  // A rate that is not a number is refused, naming the tax code; nothing is saved.
  await page.getByTestId('pricing-rate-reduced').locator('input').fill('eight');
  await page.getByTestId('pricing-save').click();
  await expect(page.locator('.n-message').last()).toContainText('The tax rate of “reduced” must be a number of percent');
  await expect(card).toContainText('The tax rate of “reduced” must be a number of percent, such as 10 or 8: “eight” is not.');
  await page.reload();
  await expect(page.getByTestId('pricing-rate-reduced').locator('input')).toHaveValue('8');

  await card.getByText('On each line, then added up').click();
  await page.getByTestId('pricing-save').click();
  await expect(page.locator('.n-message').last()).toContainText('Pricing settings saved.');
  await page.reload();
  await expect(card.locator('.n-radio--checked')).toContainText('On each line, then added up');
  await setLanguage(page, 'ja');
  await expect(card).toContainText('明細ごとに処理してから合計');
  await shot(page, 'settings-pricing-ja');

  // Back to Japan's rule and the rep, for the other tests.
  await card.getByText('見積ごとに税率ごとに 1 回（適格請求書）').click();
  await page.getByTestId('pricing-save').click();
  await expect(page.locator('.n-message').last()).toContainText('価格設定を保存しました。');
  await page.getByTestId('user-menu').click();
  await page.getByText('佐藤 健 — 営業担当').click();
  await expect(page.getByTestId('pricing-readonly')).toBeVisible();
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('the company profile: read by all, changed by a director, the registration number checked — in Japanese', async ({ page }) => {
  const errors = await open(page, 'ja');
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('company-settings');
  await expect(page.getByTestId('company-name-ja').locator('input')).toHaveValue('さくらテレコム株式会社');
  await expect(page.getByTestId('company-save')).toHaveCount(0);
  await expect(card).toContainText('会社情報を変更できるのはディレクターまたは管理者のみです。');

  await page.getByTestId('user-menu').click();
  await page.getByText('高橋 誠 — ディレクター').click();
  await page.getByTestId('company-registration').locator('input').fill('T12345');
  await page.getByTestId('company-save').click();
  await expect(card).toContainText('「T12345」は適格請求書発行事業者の登録番号の形式ではありません。');
  await page.getByTestId('company-registration').locator('input').fill('t-5011001099999');
  // A small PNG logo, chosen as a file.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.getByTestId('company-logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('company-logo')).toBeVisible();
  await page.getByTestId('company-save').click();
  await expect(page.locator('.n-message').last()).toContainText('会社情報を保存しました。');
  await page.reload();
  await expect(page.getByTestId('company-registration').locator('input')).toHaveValue('T5011001099999');
  await expect(page.getByTestId('company-logo')).toBeVisible();
  await shot(page, 'settings-company-ja');
  await page.getByTestId('user-menu').click();
  await page.getByText('佐藤 健 — 営業担当').click();
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('runtime events reach every open page', async ({ browser }) => {
  const a = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await open(a, 'en');
  await open(b, 'en');
  await b.getByTestId('nav-accounts').click();
  await b.getByTestId('account-search').locator('input').fill('北斗');
  await expect(b.getByTestId('account-count')).toHaveText('1 result');

  // A language switch in one page is a session:changed event for the other.
  await setLanguage(a, 'ja');
  await expect(b.getByTestId('nav-accounts')).toHaveText('取引先');

  // A new account made in one page shows in the other's list (accounts:changed).
  await a.getByTestId('nav-accounts').click();
  await a.getByTestId('account-new').click();
  await a.getByTestId('account-name').locator('input').fill('北斗物産株式会社');
  await a.getByTestId('account-save').click();
  await expect(a.getByTestId('account-title')).toHaveText('北斗物産株式会社');
  await expect(b.getByTestId('account-count')).toHaveText('2 件');
  await setLanguage(a, 'en');
  await expect(b.getByTestId('nav-accounts')).toHaveText('Accounts');
});

test('browser mode admits only this start’s token and its own host name', async ({ request }) => {
  const url = new URL(process.env.QW_URL!);
  const base = `${url.protocol}//${url.host}`;
  const call = (headers: Record<string, string>) =>
    request.post(`${base}/qw/call`, { headers, data: { name: 'app.SessionService.Info', args: [] } });

  expect((await request.get(`${base}/`)).status()).toBe(401);
  expect((await call({})).status()).toBe(401);
  expect((await call({ Authorization: 'Bearer wrong' })).status()).toBe(401);
  const token = url.searchParams.get('token')!;
  const ok = await call({ Authorization: `Bearer ${token}` });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).result.mode).toBe('browser');
  expect((await call({ Authorization: `Bearer ${token}`, Host: `evil.example:${url.port}` })).status()).toBe(403);
});
