import { expect, test, type Page } from '@playwright/test';
import { fibreStoreQuote, open, setLanguage, shot } from './helpers';

// Discount approvals from both sides: the rep asks, the manager decides in the inbox, the rep presents. And the
// ways around it that other tools leave open are closed, each with a message that says what to do.

async function switchUser(page: Page, name: string) {
  if ((await page.getByTestId('user-name').textContent()) === name) return;
  await page.getByTestId('user-menu').click();
  await page.locator('.n-dropdown-option', { hasText: name }).click();
  await expect(page.getByTestId('user-name')).toHaveText(name);
}

// The flows below walk a quote through several people and steps: more than the default minute.
test.setTimeout(150_000);

async function lastMessage(page: Page) {
  return page.locator('.n-message').last();
}

// newStoreQuote makes a quote on Global Media's opportunity for its new Shinjuku store with business fibre
// discounted by pct, and returns the quote's URL hash.
async function newStoreQuote(page: Page, pct: string, lang: 'en' | 'ja'): Promise<string> {
  await fibreStoreQuote(page);
  await expect(page.getByTestId('line-count')).toHaveText(lang === 'ja' ? '1 行' : '1 line');
  await page.getByTestId('disc-FIBRE-BIZ').fill(pct);
  return new URL(page.url()).hash;
}

test('a 30% discount: the rep submits, the manager approves in the inbox, the rep presents — and the bypasses fail', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, '佐藤 健');
  const quote = await newStoreQuote(page, '30', 'en');

  // The bar says at once who must approve and why, naming the line and the figure.
  const state = page.getByTestId('approval-state');
  await expect(state).toHaveText('Needs a Manager’s approval before it can be presented:');
  await expect(page.getByTestId('approval-reasons')).toContainText(
    'Line 1 (Business fibre, 新宿店 / Shinjuku store (new)): discount 30% is above the 10% an Account executive may give: needs a Manager.',
  );
  await shot(page, 'approval-needed-en');

  // Bypass 1: present without approval.
  await page.getByTestId('quote-present').click();
  await expect(await lastMessage(page)).toContainText(
    'This quote needs a Manager\'s approval before it can be presented, accepted, contracted or ordered: submit it for approval.',
  );

  await page.getByTestId('quote-submit').click();
  await page.getByTestId('submit-note').locator('textarea').fill('Two new stores, competing with a cable offer');
  await page.getByTestId('submit-confirm').click();
  await expect(state).toHaveText('Waiting for a Manager to approve.');
  await expect(page.getByTestId('approval-latest')).toContainText('Pending');

  // The manager's inbox: the request with its reasons, figures and the line's waterfall.
  await switchUser(page, '鈴木 美咲');
  await page.getByTestId('nav-approvals').click();
  const request = page.getByTestId('approval-request');
  await expect(request).toHaveCount(1);
  await expect(request).toContainText('佐藤 健');
  await expect(request).toContainText('“Two new stores, competing with a cable offer”');
  await expect(page.getByTestId('approval-request-reasons')).toContainText('discount 30% is above the 10%');
  await expect(page.getByTestId('approval-margin')).toHaveText(/%$/);
  await page.getByTestId('approval-waterfall').click();
  await expect(page.getByTestId('waterfall')).toContainText('Line discount 30%');
  await shot(page, 'approval-inbox-waterfall-en');
  await page.keyboard.press('Escape');
  await shot(page, 'approval-inbox-en');
  await page.getByTestId('approval-approve').click();
  await page.getByTestId('decision-comment').locator('textarea').fill('Approved for the two stores.');
  await page.getByTestId('decision-confirm').click();
  await expect(page.getByTestId('approvals-empty')).toBeVisible();

  // Back as the rep: told in the inbox; the quote is approved.
  await switchUser(page, '佐藤 健');
  await expect(page.getByTestId('notification').first()).toContainText('鈴木 美咲 approved');
  await page.goto(new URL(page.url()).origin + new URL(page.url()).search + quote);
  await expect(state).toHaveText('Approved for this exact content: it can be presented.');

  // Bypass 2: edit after approval. The edit voids it, in the same save, and presenting is refused again.
  await page.getByTestId('disc-FIBRE-BIZ').fill('29');
  await expect(page.getByTestId('approval-latest')).toContainText('The approval no longer applies. The quote was edited.');
  await expect(state).toHaveText('Needs a Manager’s approval before it can be presented:');
  await page.getByTestId('quote-present').click();
  await expect(await lastMessage(page)).toContainText('submit it for approval');
  await shot(page, 'approval-voided-en');

  // Submit again; the manager approves on the quote itself this time.
  await page.getByTestId('quote-submit').click();
  await page.getByTestId('submit-confirm').click();
  await expect(state).toHaveText('Waiting for a Manager to approve.');
  await switchUser(page, '鈴木 美咲');
  await page.getByTestId('quote-approve').click();
  await page.getByTestId('quote-decision-confirm').click();
  await expect(state).toHaveText('Approved for this exact content: it can be presented.');

  // Bypass 3: duplicate and present. The copy carries no approval.
  await switchUser(page, '佐藤 健');
  await page.getByTestId('quote-copy').click();
  await expect(page.getByTestId('quote-title')).toContainText('Copy of');
  await expect(state).toHaveText('Needs a Manager’s approval before it can be presented:');
  await page.getByTestId('quote-present').click();
  await expect(await lastMessage(page)).toContainText('submit it for approval');

  // The approved original is presented, and its history holds every step.
  await page.goto(new URL(page.url()).origin + new URL(page.url()).search + quote);
  await page.getByTestId('quote-present').click();
  await expect(page.getByTestId('quote-lifecycle')).toBeVisible();
  await expect(page.locator('.qw-head')).toContainText('Presented');
  await page.getByTestId('quote-history').click();
  const history = page.getByTestId('quote-history-list');
  for (const step of ['Submitted for approval', 'Approved', 'Approval voided', 'Presented to the customer']) {
    await expect(history).toContainText(step);
  }
  await shot(page, 'approval-history-en');
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('nobody approves their own quote; a revision is compared line by line — in Japanese', async ({ page }) => {
  const errors = await open(page, 'ja');
  // The manager's own quote at 40% needs a director; she cannot approve it herself.
  await switchUser(page, '鈴木 美咲');
  await newStoreQuote(page, '40', 'ja');
  const state = page.getByTestId('approval-state');
  await expect(state).toHaveText('提示の前にディレクターの承認が必要です：');
  await expect(page.getByTestId('approval-reasons')).toContainText('割引 40% はマネージャーの上限 30% を超えています。ディレクターの承認が必要です。');
  await page.getByTestId('quote-submit').click();
  await page.getByTestId('submit-confirm').click();
  await expect(state).toHaveText('ディレクターの承認を待っています。');
  // Bypass 4: self-approval.
  await page.getByTestId('quote-approve').click();
  await page.getByTestId('quote-decision-confirm').click();
  await expect(await lastMessage(page)).toContainText('自分の見積を自分で承認することはできません。上長に依頼してください。');
  await shot(page, 'approval-self-ja');

  // The director rejects it with a reason; the manager revises, lowers the discount, and compares.
  await switchUser(page, '高橋 誠');
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approval-reject').click();
  await page.getByTestId('decision-confirm').click();
  await expect(await lastMessage(page)).toContainText('却下の理由を入力してください');
  await page.getByTestId('decision-comment').locator('textarea').fill('35% までにしてください');
  await page.getByTestId('decision-confirm').click();
  await expect(page.getByTestId('approvals-empty')).toBeVisible();

  await switchUser(page, '鈴木 美咲');
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('notification').first().click();
  await expect(state).toHaveText('提示の前にディレクターの承認が必要です：');
  await expect(page.getByTestId('approval-latest')).toContainText('35% までにしてください');
  await page.getByTestId('quote-revise').click();
  await expect(page.getByTestId('quote-number')).toHaveText(/v2$/);
  await page.getByTestId('disc-FIBRE-BIZ').fill('25');
  await expect(state).toHaveText('承認は不要です。割引も利益率も権限内です。');
  await page.getByTestId('quote-compare').click();
  const rows = page.getByTestId('compare-table');
  await expect(rows.locator('[data-change="changed"]')).toHaveCount(1);
  await expect(rows).toContainText('40%');
  await expect(rows).toContainText('25%');
  await shot(page, 'approval-compare-ja');
  await page.keyboard.press('Escape');
  await setLanguage(page, 'en');
  await expect(state).toHaveText('No approval needed: every discount and the margin are within your authority.');
  expect(errors).toEqual([]);
});

// Chooses an option of a naive-ui select by its visible label, typing first when the select filters.
async function choose(page: Page, testId: string, label: string, typed?: string) {
  await page.getByTestId(testId).click();
  if (typed) await page.getByTestId(testId).locator('input').fill(typed);
  await page.locator('.n-base-select-option', { hasText: label }).first().click();
}

test('the whole way: lead → convert → opportunity → quote at 30% → submit → the manager approves → the rep presents', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, '佐藤 健');

  // The lead, qualified and converted: a new account with a contact and an opportunity.
  await page.getByTestId('nav-leads').click();
  await page.getByTestId('lead-new').click();
  await page.getByTestId('lead-company').locator('input').fill('Hikari Dental Clinics');
  await page.getByTestId('lead-last-name').locator('input').fill('Mori');
  await page.getByTestId('lead-first-name').locator('input').fill('Aya');
  await page.getByTestId('lead-email').locator('input').fill('aya.mori@hikari-dental.example');
  await page.getByTestId('lead-phone').locator('input').fill('03-7000-1234');
  await choose(page, 'lead-region', 'Tokyo', 'Tok');
  await choose(page, 'lead-owner', '佐藤 健');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('lead-title')).toHaveText('Hikari Dental Clinics');
  await page.getByTestId('lead-status-qualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Qualified');
  await page.getByTestId('lead-convert').click();
  await page.getByTestId('convert-opportunity-name').locator('input').fill('Two clinics');
  await page.getByTestId('convert-submit').click();
  await expect(page).toHaveURL(/#\/opportunities\//);
  const opportunity = new URL(page.url()).hash;

  // The account needs its company details for the credit check, and a site to install fibre at.
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('Hikari Dental');
  await page.getByText('Hikari Dental Clinics', { exact: true }).click();
  await page.getByTestId('account-edit').click();
  await page.getByTestId('account-registration').locator('input').fill('5011001099999');
  await page.getByTestId('account-employees').locator('input').fill('120');
  await page.getByTestId('account-save').click();
  await page.getByTestId('tab-sites').click();
  await page.getByTestId('site-add').click();
  await page.getByTestId('site-name').locator('input').fill('Shibuya clinic');
  await page.getByTestId('site-postal').locator('input').fill('150-0002');
  await choose(page, 'site-region', 'Tokyo', 'Tok');
  await page.getByTestId('site-save').click();
  await expect(page.getByTestId('tab-sites')).toContainText('(1)');

  // The quote, from the opportunity, at 30%: it needs the manager.
  await page.goto(new URL(page.url()).origin + new URL(page.url()).search + opportunity);
  await page.getByTestId('opp-new-quote').click();
  await page.getByTestId('quote-create').click();
  await expect(page.getByTestId('quote-title')).toHaveText('Two clinics');
  await page.getByTestId('add-product').click();
  await page.getByTestId('offer-FIBRE-BIZ').click();
  await page.getByTestId('picker-add').click();
  await page.getByTestId('disc-FIBRE-BIZ').fill('30');
  const state = page.getByTestId('approval-state');
  await expect(state).toHaveText('Needs a Manager’s approval before it can be presented:');
  await page.getByTestId('quote-submit').click();
  await page.getByTestId('submit-confirm').click();
  await expect(state).toHaveText('Waiting for a Manager to approve.');

  // The manager approves from the inbox.
  await switchUser(page, '鈴木 美咲');
  await expect(page.getByTestId('nav-approvals-count')).toBeVisible();
  await page.getByTestId('nav-approvals').click();
  const request = page.getByTestId('approval-request').filter({ hasText: 'Hikari Dental Clinics' });
  await expect(request).toContainText('discount 30% is above the 10%');
  await request.getByTestId('approval-approve').click();
  await page.getByTestId('decision-confirm').click();
  await expect(page.getByTestId('approval-request').filter({ hasText: 'Hikari Dental Clinics' })).toHaveCount(0);

  // The rep presents: the new account's credit is checked on the way, and the opportunity follows the quote.
  await switchUser(page, '佐藤 健');
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('notification').filter({ hasText: 'Two clinics' }).first().click();
  await expect(state).toHaveText('Approved for this exact content: it can be presented.');
  await expect(page.getByTestId('quote-lifecycle')).toContainText('The account’s credit has not been checked');
  await page.getByTestId('quote-present').click();
  await expect(page.locator('.qw-head')).toContainText('Presented');
  await expect(state).toHaveText('Presented to the customer: record their answer when it comes.');
  const tcv = await page.getByTestId('total-tcv').textContent();
  await shot(page, 'approval-presented-en');
  await page.goto(new URL(page.url()).origin + new URL(page.url()).search + opportunity);
  await expect(page.getByTestId('opp-amount')).toContainText(tcv!);
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('Hikari Dental');
  await page.getByText('Hikari Dental Clinics', { exact: true }).click();
  await expect(page.getByText('Credit check: Approved')).toBeVisible();
  expect(errors).toEqual([]);
});
