import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const shots = join(here, '..', '..', 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

/** open loads the app with this run's token and waits until it has its session. */
export async function open(page: Page, lang: 'en' | 'ja' = 'en') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A refused call (bad input) is an HTTP 4xx that Chromium also logs; the test checks what the user sees.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  await page.goto(process.env.QW_URL!);
  await expect(page.getByTestId('user-name')).toBeVisible();
  await setLanguage(page, lang);
  return errors;
}

export async function setLanguage(page: Page, lang: 'en' | 'ja') {
  await page.getByTestId(`lang-${lang}`).click();
  await expect(page.getByTestId('nav-accounts')).toHaveText(lang === 'ja' ? '取引先' : 'Accounts');
}

export async function shot(page: Page, name: string) {
  await page.waitForTimeout(250); // let transitions settle so the picture shows the finished screen
  await page.screenshot({ path: join(shots, `e2e-${name}.png`), fullPage: true });
}

/** switchUser signs in as another demo profile from the header's menu. */
export async function switchUser(page: Page, name: string) {
  if ((await page.getByTestId('user-name').textContent()) === name) return;
  await page.getByTestId('user-menu').click();
  await page.locator('.n-dropdown-option', { hasText: name }).click();
  await expect(page.getByTestId('user-name')).toHaveText(name);
}

/** fibreStoreQuote starts a quote on Global Media's opportunity for its head office and new Yokohama store,
 * and adds business fibre at list price. */
export async function fibreStoreQuote(page: Page) {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('グローバル');
  await page.getByText('グローバルメディア株式会社', { exact: true }).click();
  await page.getByTestId('tab-quotes').click();
  await page.getByTestId('account-new-quote').click();
  await page.getByText('本社 / Head office').click();
  await page.getByText('横浜店 / Yokohama store (new)').click();
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('quote-title')).toBeVisible();
  await page.getByTestId('add-product').click();
  await page.getByTestId('offer-FIBRE-BIZ').click();
  await page.getByTestId('picker-add').click();
}

// acceptedStoreQuote makes a quote for Global Media's new Shinjuku store with business fibre at list price (no
// approval needed), presents it and records the customer's acceptance.
export async function acceptedStoreQuote(page: Page, lang: 'en' | 'ja') {
  const en = lang === 'en';
  await fibreStoreQuote(page);
  await expect(page.getByTestId('line-count')).toHaveText(en ? '1 line' : '1 行');
  const state = page.getByTestId('approval-state');
  await expect(state).toHaveText(en ? 'No approval needed: every discount and the margin are within your authority.' : '承認は不要です。割引も利益率も権限内です。');
  await page.getByTestId('quote-present').click();
  await expect(state).toHaveText(en ? 'Presented to the customer: record their answer when it comes.' : '顧客に提示済みです。回答があれば記録してください。');
  await page.getByTestId('quote-accept').click();
  await page.locator('.n-dialog').getByRole('button', { name: en ? 'Customer accepted' : '顧客が受諾' }).click();
  await expect(state).toHaveText(en ? 'Accepted by the customer.' : '顧客が受諾しました。');
}
