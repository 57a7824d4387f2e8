import { expect, test, type Page } from '@playwright/test';
import { acceptedStoreQuote, open, setLanguage, shot, switchUser } from './helpers';

// Orders end to end, against the reference order-management server the global setup starts (a fulfilment
// step every second): the endpoint set on the sync page; a consumer's home fibre ordered without a quote; Global
// Media's store ordered from its signed contract; both filled in by the network engineer, submitted, sent,
// completed and shown as the customer's products; and a change order that upgrades the fibre line.

test.setTimeout(240_000);

const rep = '佐藤 健';
const admin = '山本 翔太';
const engineer = '渡辺 大輔';

async function openAccount(page: Page, search: string, name: string) {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill(search);
  await page.getByText(name, { exact: true }).click();
  await expect(page.getByTestId('account-title')).toHaveText(name);
}

// fill types each technical value of the order page, as the network engineer, and saves them.
async function fillTechnical(page: Page, values: Record<string, string>) {
  await switchUser(page, engineer);
  for (const [testId, value] of Object.entries(values)) await page.getByTestId(testId).locator('input').fill(value);
  await page.getByTestId('order-technical-save').click();
  await expect(page.getByTestId('order-missing')).toHaveCount(0);
}

// submitAndComplete submits the draft as the rep and waits until the order-management system has completed it.
async function submitAndComplete(page: Page) {
  await switchUser(page, rep);
  await page.getByTestId('order-submit').click();
  await expect(page.getByTestId('order-remote-id')).toHaveText(/\w{8,}/, { timeout: 30_000 });
  await expect(page.getByTestId('order-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(page.getByTestId('order-sync')).toHaveText('Sent');
}

test('the sync page sends orders to the endpoint the administrator sets', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, rep);
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-save')).toHaveCount(0); // a rep sees where orders go but cannot change it
  await switchUser(page, admin);
  const url = page.getByTestId('sync-url').locator('input');
  await url.fill('not a url');
  await page.getByTestId('sync-save').click();
  await expect(page.locator('.n-message')).toContainText('is not a web address');
  // A token to a remote host over plain http is warned about; to this computer it is not.
  await url.fill('http://om.example.com/tmf-api/productOrderingManagement/v4/');
  await page.getByTestId('sync-auth-bearer').click();
  await expect(page.getByTestId('sync-plain-http')).toContainText('travels unencrypted');
  // Bearer authentication needs its token before it is saved.
  await url.fill(process.env.QW_OM_URL!);
  await expect(page.getByTestId('sync-plain-http')).toHaveCount(0);
  await page.getByTestId('sync-save').click();
  await expect(page.locator('.n-message').last()).toContainText('Enter the bearer token');
  await page.getByTestId('sync-auth').getByText('None').click();
  await page.getByTestId('sync-save').click();
  await expect(page.getByTestId('sync-endpoint-url')).toHaveText(process.env.QW_OM_URL!);
  await page.getByTestId('sync-test').click();
  await expect(page.locator('.n-message').last()).toContainText('Connected');
  await expect(page.getByTestId('sync-config-error')).toHaveCount(0);
  await page.reload(); // the pictures without the messages above
  await expect(page.getByTestId('sync-endpoint-url')).toHaveText(process.env.QW_OM_URL!);
  await shot(page, 'sync-en');
  await setLanguage(page, 'ja');
  await expect(page.getByTestId('sync-view')).toContainText('注文の同期');
  await shot(page, 'sync-ja');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('a consumer orders home fibre without a quote; it completes, becomes her products, and an upgrade changes one', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, rep);
  await openAccount(page, '山田', '山田 太郎');
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('account-new-order').click();

  // The home bundle is offered at her address; the line's speed and the optional TV are chosen, and the price
  // follows each choice.
  await page.getByTestId('offer-HOME-BUNDLE').click();
  await expect(page.getByTestId('part-FIBRE-HOME')).toBeVisible();
  const monthly = page.getByTestId('new-order-monthly');
  await expect(monthly).toHaveText(/^¥[\d,]+$/);
  const base = await monthly.textContent();
  await page.getByTestId('part-on-TV-HOME').click();
  await expect(monthly).not.toHaveText(base!);
  await shot(page, 'order-new-consumer-en');
  await setLanguage(page, 'ja');
  await expect(page.getByTestId('new-order')).toContainText('光ホームセット');
  await shot(page, 'order-new-consumer-ja');
  await setLanguage(page, 'en');
  await page.getByTestId('new-order-create').click();

  // A draft: the line ID and the router's serial are missing, and the order says so when submitted.
  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await expect(page.getByTestId('order-missing')).toHaveText('2 technical value(s) missing');
  await page.getByTestId('order-submit').click();
  await expect(page.locator('.n-message').last()).toContainText('Optical line ID');
  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await fillTechnical(page, { 'tech-FIBRE-HOME-line_id': 'CAF20261128', 'tech-ROUTER-WIFI6-serial': 'RT8842000917' });
  await shot(page, 'order-draft-consumer-en');
  await submitAndComplete(page);
  await page.reload();
  await expect(page.getByTestId('order-status')).toHaveText('Completed');
  await shot(page, 'order-completed-consumer-en');

  // Her products: the bundle with its line, router and TV.
  await page.getByTestId('order-account').click();
  await page.getByTestId('tab-assets').click();
  const assets = page.getByTestId('assets-table');
  await expect(assets).toContainText('Home internet bundle');
  await expect(assets).toContainText('Speed: 1 Gbps');
  await expect(assets).toContainText('Home TV');

  // She upgrades to 10 Gbps: a change order priced as the difference, sent as a modify of the line.
  await assets.locator('tr', { hasText: 'Home fibre line' }).getByRole('button', { name: 'Change' }).click();
  await page.getByTestId('change-attr-speed').click();
  await page.locator('.n-base-select-option', { hasText: '10 Gbps' }).click();
  await page.getByTestId('change-create').click();
  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await expect(page.getByTestId('order-items')).toContainText('Change');
  await expect(page.getByTestId('order-item-monthly-FIBRE-HOME')).toHaveText(/^\+¥[\d,]+$/);
  await expect(page.getByTestId('order-missing')).toHaveCount(0); // the line keeps its ID
  await shot(page, 'order-change-en');
  await submitAndComplete(page);
  await page.getByTestId('order-account').click();
  await page.getByTestId('tab-assets').click();
  await expect(page.getByTestId('assets-table')).toContainText('Speed: 10 Gbps');
  await expect(page.getByTestId('assets-table')).not.toContainText('Speed: 1 Gbps');

  // The daily newspaper added to the bundle she has.
  await page.getByTestId('assets-table').locator('tr', { hasText: 'Home internet bundle' }).getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('change-product').click();
  await page.locator('.n-base-select-option', { hasText: 'Daily newspaper' }).click();
  await page.getByTestId('change-create').click();
  await expect(page.getByTestId('order-items')).toContainText('No change');
  await expect(page.getByTestId('order-items')).toContainText('Daily newspaper');
  await submitAndComplete(page);
  await page.getByTestId('order-account').click();
  await page.getByTestId('tab-assets').click();
  await expect(page.getByTestId('assets-table')).toContainText('Daily newspaper');
  await shot(page, 'account-assets-en');
  expect(errors).toEqual([]);
});

test('Global Media’s store is ordered from its signed contract and completes as the account’s products', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, rep);
  await acceptedStoreQuote(page, 'en');
  await page.getByTestId('quote-create-contract').click();
  await expect(page.getByTestId('contract-number')).toHaveText(/^C-\d+ v1$/);
  // A contract is being negotiated: the order waits for the signed contract.
  await page.getByTestId('contract-quote').click();
  await page.getByTestId('quote-open-contract').click();
  await page.getByTestId('contract-move-approved').click();
  await page.getByTestId('contract-move-out_for_signature').click();
  for (const party of ['customer', 'provider']) {
    await page.getByTestId(`sign-${party}`).click();
    await page.getByTestId('signature-name').locator('input').fill(party === 'customer' ? 'Haruto Kimura' : rep);
    await page.getByTestId('sign-method-typed').click();
    await page.getByTestId('signature-confirm').click();
    await expect(page.getByTestId(`signature-${party}`)).toHaveAttribute('data-signed', 'yes');
  }
  await expect(page.getByTestId('contract-status')).toHaveText('Signed');
  await page.getByTestId('contract-create-order').click();

  await expect(page.getByTestId('order-status')).toHaveText('Draft');
  await expect(page.getByTestId('order-contract')).toBeVisible();
  await expect(page.getByTestId('order-items')).toContainText('Business fibre');
  await expect(page.getByTestId('order-missing')).toHaveText('2 technical value(s) missing');
  // The installation visit at the store, picked in the user's time zone.
  await page.getByTestId('order-site-from-0').locator('input').fill('2030-01-15 09:00');
  await page.getByTestId('order-site-from-0').locator('input').press('Enter');
  await page.getByTestId('order-sites-save').click();
  await expect(page.locator('.n-message').last()).toContainText('Saved');
  await fillTechnical(page, { 'tech-FIBRE-BIZ-circuit_id': 'BF-2026112', 'tech-FIBRE-BIZ-ip_block': '203.0.113.8/29' });
  await submitAndComplete(page);
  await page.reload();
  await expect(page.getByTestId('order-status')).toHaveText('Completed');
  await shot(page, 'order-completed-contract-en');
  await setLanguage(page, 'ja');
  await expect(page.getByTestId('order-status')).toHaveText('完了');
  await shot(page, 'order-completed-contract-ja');
  await setLanguage(page, 'en');
  await page.getByTestId('order-account').click();
  await page.getByTestId('tab-assets').click();
  await expect(page.getByTestId('assets-table')).toContainText('Business fibre');
  // Fulfilled, the contract is active.
  await page.getByTestId('tab-contracts').click();
  await expect(page.getByTestId('account-contracts')).toContainText('Active');
  await setLanguage(page, 'ja');
  await page.getByTestId('tab-orders').click();
  await shot(page, 'account-orders-ja');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});

test('個人のお客様の注文（日本語）: プランを選んで作成、テクニカル属性の不足を知らせる', async ({ page }) => {
  const errors = await open(page, 'ja');
  await switchUser(page, rep);
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('中村');
  await page.getByText('中村 さくら', { exact: true }).click();
  await page.getByTestId('tab-orders').click();
  await page.getByTestId('account-new-order').click();
  await expect(page.getByTestId('new-order')).toContainText('中村 さくら 様の新規注文');
  await page.getByTestId('offer-HOME-BUNDLE').click();
  await expect(page.getByTestId('new-order-monthly')).toHaveText(/^¥[\d,]+$/);
  await expect(page.getByTestId('part-FIBRE-HOME')).toContainText('（セットに含む）');
  await page.getByTestId('new-order-create').click();
  await expect(page.getByTestId('order-status')).toHaveText('下書き');
  await expect(page.getByTestId('order-missing')).toHaveText('テクニカル属性が 2 件未入力');
  await page.getByTestId('order-submit').click();
  await expect(page.locator('.n-message').last()).toContainText('光回線ID');
  await expect(page.getByTestId('order-status')).toHaveText('下書き');
  // 理由なしのキャンセルは断られ、理由を書けばキャンセルされる。
  await page.getByTestId('order-cancel').click();
  await page.getByTestId('order-cancel-confirm').click();
  await expect(page.locator('.n-message').last()).toContainText('キャンセルの理由を入力してください');
  await page.getByTestId('order-cancel-reason').locator('textarea').fill('お客様の都合で見送り');
  await page.getByTestId('order-cancel-confirm').click();
  await expect(page.getByTestId('order-status')).toHaveText('キャンセル済み');
  await shot(page, 'order-cancelled-ja');
  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});
