import { expect, test, type Page } from '@playwright/test';
import { open, setLanguage, shot } from './helpers';

// Chooses the option of a naive-ui select whose label is exactly `label` (typing `search` first, if given).
async function choose(page: Page, testId: string, label: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.getByTestId(testId).locator('input').fill(search);
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator('.n-base-select-option').filter({ hasText: exact, visible: true }).first().click();
}

const row = (page: Page, text: string) => page.getByTestId('lead-row').filter({ hasText: text });

async function closeDrawer(page: Page) {
  await page.locator('.n-drawer .n-base-close').click();
  await expect(page.getByTestId('lead-detail')).toBeHidden();
  await expect(page).toHaveURL(/#\/leads$/);
}

async function newLead(page: Page, lead: { company?: string; last: string; first: string; email?: string; phone?: string }) {
  await page.getByTestId('lead-new').click();
  if (lead.company) await page.getByTestId('lead-company').locator('input').fill(lead.company);
  else await page.getByTestId('lead-segment-consumer').click();
  await page.getByTestId('lead-last-name').locator('input').fill(lead.last);
  await page.getByTestId('lead-first-name').locator('input').fill(lead.first);
  if (lead.email) await page.getByTestId('lead-email').locator('input').fill(lead.email);
  if (lead.phone) await page.getByTestId('lead-phone').locator('input').fill(lead.phone);
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') });

// This text in Shift_JIS, with CRLF line ends (Node has no Shift_JIS encoder):
//   区分,会社名,名,姓,メール,電話,地域,流入元
//   個人,,結衣,小川,yui.ogawa@mail.example,,大阪府,
//   法人,なにわ商事株式会社,翔,,sho@naniwa.example,06-1234-5678,大阪府,web
const shiftJIS =
  '8be695aa2c89ef8ed096bc2c96bc2c90a92c8381815b838b2c936498622c926e88e62c97ac93fc8cb30d0a8cc2906c2c2c8c8b88df2c8fac90ec2c' +
  '7975692e6f67617761406d61696c2e6578616d706c652c2c91e58de3957b2c0d0a9640906c2c82c882c982ed8fa48e968a948eae89ef8ed02ce3' +
  'c42c2c73686f406e616e6977612e6578616d706c652c30362d313233342d353637382c91e58de3957b2c7765620d0a';

test('leads in English: assignment, CSV import, qualify and convert, a likely existing account', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await open(page, 'en');
  await page.getByTestId('nav-leads').click();
  await expect(page.getByRole('heading', { name: 'Leads' })).toBeVisible();
  await expect(page.getByTestId('lead-table').locator('th')).toHaveText(['Lead', 'Contact', 'Segment', 'Region', 'Source', 'Status', 'Owner', 'Created']);
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('New');
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('Web');
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('森 美穂');
  await expect(row(page, 'Blue Ocean Trading')).toContainText('James Wilson');
  await expect(row(page, 'Blue Ocean Trading')).toContainText('Working');
  await expect(row(page, '東邦クリニック')).toContainText('Qualified');
  await expect(row(page, '東邦クリニック')).toContainText('Osaka');
  await shot(page, 'leads-list-en');

  // Search, the status filter and "My leads".
  await page.getByTestId('lead-search').locator('input').fill('東邦');
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await expect(page.getByTestId('lead-count')).toHaveText('1 result');
  await page.getByTestId('lead-search').locator('input').fill('');
  await choose(page, 'lead-status-filter', 'Working');
  await expect(row(page, 'Blue Ocean Trading')).toBeVisible();
  await expect(row(page, 'さくらカフェ株式会社')).toHaveCount(0);
  for (const r of await page.getByTestId('lead-row').all()) await expect(r).toContainText('Working');
  await choose(page, 'lead-status-filter', 'All statuses');
  await expect(row(page, 'さくらカフェ株式会社')).toBeVisible();

  // A new lead: what is missing is said on its field, what was typed stays; with no owner the rules assign one.
  await page.getByTestId('lead-new').click();
  await expect(page.getByTestId('lead-owner')).toContainText('Assign by the rules');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('form-error')).toContainText('The lead cannot be saved');
  await expect(page.getByText('Enter the company name of a business lead.')).toBeVisible();
  await expect(page.getByText("Enter the lead's last name.")).toBeVisible();
  await expect(page.getByText('Enter an email address or a phone number, so the lead can be reached.')).toBeVisible();
  await page.getByTestId('lead-company').locator('input').fill('Aozora Design');
  await page.getByTestId('lead-email').locator('input').fill('yuki@aozora');
  await page.getByTestId('lead-save').click();
  await expect(page.getByText('“yuki@aozora” is not an email address (expected name@example.com).')).toBeVisible();
  await expect(page.getByText('Enter the company name of a business lead.')).toHaveCount(0);
  await expect(page.getByTestId('lead-company').locator('input')).toHaveValue('Aozora Design');
  await shot(page, 'lead-form-errors-en');
  await page.getByTestId('lead-last-name').locator('input').fill('Kimura');
  await page.getByTestId('lead-first-name').locator('input').fill('Yuki');
  await page.getByTestId('lead-email').locator('input').fill('yuki.kimura@aozora.example');
  await choose(page, 'lead-region', 'Tokyo', 'Tok');
  await choose(page, 'lead-source', 'Web');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('lead-title')).toHaveText('Aozora Design');
  await expect(page.getByTestId('lead-owner-name')).toHaveText(/^(佐藤 健|伊藤 翼)$/);
  await expect(page.getByTestId('lead-assigned-by')).toHaveText('Assignment rule BUSINESS');
  await expect(page.getByTestId('lead-status')).toHaveText('New');
  await expect(page.getByTestId('lead-segment')).toHaveText('Business');
  await expect(page.locator('.n-message').last()).toContainText(/Lead Aozora Design created and assigned to (佐藤 健|伊藤 翼)\./);
  await expect(page.getByTestId('lead-fields')).toContainText('Yuki Kimura');
  await expect(page.getByTestId('lead-fields')).toContainText('Tokyo');
  await expect(page.getByTestId('lead-history')).toContainText('Lead created');
  await expect(page.getByTestId('lead-history')).toContainText(/Assigned to (佐藤 健|伊藤 翼) by rule BUSINESS/);
  await expect(page.getByTestId('lead-history')).toContainText('by 佐藤 健');
  await expect(page.getByTestId('lead-status-start')).toBeVisible();
  await expect(page.getByTestId('lead-status-reopen')).toHaveCount(0);
  await expect(page.getByTestId('lead-convert')).toHaveCount(0);
  await expect(page.locator('.n-message')).toHaveCount(0); // the confirmation has gone: the picture shows the drawer
  await shot(page, 'lead-detail-en');
  await closeDrawer(page);
  await expect(row(page, 'Aozora Design')).toContainText(/佐藤 健|伊藤 翼/);

  // "My leads" shows only the signed-in rep's.
  await page.getByTestId('lead-mine').click();
  await expect(row(page, 'さくらカフェ株式会社')).toBeVisible();
  for (const r of await page.getByTestId('lead-row-owner').all()) await expect(r).toHaveText('佐藤 健');
  await page.getByTestId('lead-mine').click();

  // Import: one good row, one refused, with the line and the reason.
  await page.getByTestId('lead-import').click();
  await expect(page.getByTestId('import-hint')).toContainText('segment, company, first_name, last_name, email, phone, region, source');
  await expect(page.getByTestId('import-hint')).toContainText('区分, 会社名, 名, 姓, メール, 電話, 地域, 流入元');
  await expect(page.getByTestId('import-submit')).toBeDisabled();
  // A file dropped on the box is read like a chosen one.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['last_name,email\nOkada,a@b.example\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.getByTestId('import-file-name')).toHaveText('dropped.csv');
  await expect(page.getByTestId('import-submit')).toBeEnabled();
  await page.getByTestId('import-file').setInputFiles(
    csvFile(
      'leads-en.csv',
      'segment,company,first_name,last_name,email,phone,region,source\n' +
        'consumer,,Haruto,Okada,haruto.okada@mail.example,,Osaka,\n' +
        'business,Minato Bakery,Rin,Aoki,rin@minato,,Tokyo,event\n',
    ),
  );
  await expect(page.getByTestId('import-file-name')).toHaveText('leads-en.csv');
  await choose(page, 'import-source', 'Partner');
  await shot(page, 'lead-import-en');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('1 lead created.');
  await expect(page.getByTestId('import-created-list')).toContainText('Haruto Okada → 田中 葵');
  await expect(page.getByTestId('import-created-list')).toContainText('Assignment rule KANSAI');
  await expect(page.getByTestId('import-refused-count')).toHaveText('1 row refused');
  const refused = page.getByTestId('import-refused').locator('tbody tr');
  await expect(refused).toHaveCount(1);
  await expect(refused.locator('td').nth(0)).toHaveText('3');
  await expect(refused).toContainText('Minato Bakery');
  await expect(refused).toContainText('“rin@minato” is not an email address (expected name@example.com).');
  await shot(page, 'lead-import-report-en');
  await page.getByTestId('import-done').click();
  await expect(row(page, 'Haruto Okada')).toContainText('田中 葵');
  await expect(row(page, 'Haruto Okada')).toContainText('Partner');
  await expect(row(page, 'Haruto Okada')).toContainText('Consumer');
  await expect(row(page, 'Minato Bakery')).toHaveCount(0);

  // 東邦クリニック: the moves allowed from each status, then converted into a new account and an opportunity.
  await row(page, '東邦クリニック').click();
  await expect(page).toHaveURL(/#\/leads\/.+/);
  await expect(page.getByTestId('lead-title')).toHaveText('東邦クリニック');
  await expect(page.getByTestId('lead-status')).toHaveText('Qualified');
  await expect(page.getByTestId('lead-convert')).toBeVisible();
  await page.getByTestId('lead-status-disqualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Disqualified');
  await expect(page.getByTestId('lead-convert')).toHaveCount(0);
  await expect(page.getByTestId('lead-status-qualify')).toHaveCount(0);
  await page.getByTestId('lead-status-reopen').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Working');
  await page.getByTestId('lead-status-qualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Qualified');
  await expect(page.getByTestId('lead-history')).toContainText('Status: Qualified · owner: 佐藤 健');
  await expect(page.getByTestId('lead-no-matches')).toBeVisible();
  await page.getByTestId('lead-convert').click();
  await expect(page.getByTestId('convert-modal')).toContainText('Convert 東邦クリニック');
  await expect(page.getByTestId('convert-warning')).toHaveCount(0);
  await expect(page.getByTestId('convert-modal')).toContainText('Create a new account “東邦クリニック”');
  await expect(page.getByTestId('convert-modal')).toContainText('Converting makes 井上 直樹 a contact of the account and opens an opportunity.');
  await expect(page.getByTestId('convert-opportunity-name').locator('input')).toHaveValue('東邦クリニック');
  await expect(page.getByTestId('convert-close-date').locator('input')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByTestId('convert-opportunity-name').locator('input').fill('Clinic network upgrade');
  await page.getByTestId('convert-submit').click();
  await expect(page).toHaveURL(/#\/opportunities\/.+/);
  await expect(page.locator('.n-message').last()).toContainText(
    '東邦クリニック converted: account created. Opportunity “Clinic network upgrade” opened.',
  );
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('東邦');
  await expect(page.getByTestId('account-count')).toHaveText('1 result');
  await page.getByTestId('nav-leads').click();
  await choose(page, 'lead-status-filter', 'Converted');
  await row(page, '東邦クリニック').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Converted');
  await expect(page.getByTestId('lead-converted')).toContainText('This lead is converted.');
  await expect(page.getByTestId('lead-edit')).toHaveCount(0);
  await expect(page.getByTestId('lead-history')).toContainText('Lead converted');
  await expect(page.getByTestId('lead-history')).toContainText('A new account was created');
  await shot(page, 'lead-converted-en');
  await page.getByTestId('lead-open-account').click();
  await expect(page.getByTestId('account-title')).toHaveText('東邦クリニック');
  await expect(page.getByTestId('contacts-table')).toContainText('井上');

  // A lead for Global Media by its English name and email: a likely existing account, linked on converting.
  await page.getByTestId('nav-leads').click();
  await newLead(page, { company: 'Global Media', last: 'Brown', first: 'Anna', email: 'info@globalmedia.example' });
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('lead-title')).toHaveText('Global Media');
  const matches = page.getByTestId('lead-matches');
  await expect(matches).toContainText('This may be an existing account');
  await expect(matches).toContainText('グローバルメディア株式会社');
  await expect(matches).toContainText('Matches on');
  await expect(matches).toContainText('Name');
  await expect(matches).toContainText('Email');
  await page.getByTestId('lead-status-qualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('Qualified');
  await page.getByTestId('lead-convert').click();
  await expect(page.getByTestId('convert-warning')).toContainText('This may be an existing account');
  const link = page.locator('[data-testid^="convert-link-"]').filter({ hasText: 'グローバルメディア株式会社' });
  await expect(link).toContainText('Link to グローバルメディア株式会社');
  await expect(link).toContainText('03-5555-0100');
  await expect(page.getByTestId('convert-submit')).toBeDisabled();
  await expect(page.getByTestId('convert-choose')).toBeVisible();
  await shot(page, 'lead-convert-warning-en');
  await link.click();
  await expect(page.getByTestId('convert-submit')).toBeEnabled();
  await page.getByTestId('convert-submit').click();
  await expect(page).toHaveURL(/#\/opportunities\/.+/);
  await expect(page.locator('.n-message').last()).toContainText('Global Media converted and linked to グローバルメディア株式会社.');
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('global media');
  await expect(page.getByTestId('account-count')).toHaveText('1 result');
  await page.locator('[data-testid^="account-row-"]').filter({ hasText: 'グローバルメディア株式会社' }).click();
  await expect(page.getByTestId('contacts-table')).toContainText('Anna Brown');

  expect(errors).toEqual([]);
});

test('リード（日本語）: 割り当て、CSV 取り込み、個人リードの取引開始、既存の取引先への紐づけ', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await open(page, 'ja');
  await page.getByTestId('nav-leads').click();
  await expect(page.getByRole('heading', { name: 'リード' })).toBeVisible();
  await expect(page.getByTestId('lead-table').locator('th')).toHaveText(['リード名', '氏名・連絡先', '区分', '地域', '流入元', 'ステータス', '担当者', '作成日']);
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('新規');
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('東京都');
  await expect(row(page, 'さくらカフェ株式会社')).toContainText('法人');
  await expect(row(page, 'Blue Ocean Trading')).toContainText('対応中');
  await expect(row(page, 'Blue Ocean Trading')).toContainText('イベント');
  await expect(row(page, '加藤 陽菜')).toContainText('個人');
  await shot(page, 'leads-list-ja');

  // A new lead, with no owner chosen: the business rule gives it to 佐藤 健 or 伊藤 翼.
  await newLead(page, { company: 'ひかり設計株式会社', last: '山口', first: '真央', email: 'mao@hikari' });
  await expect(page.getByTestId('lead-owner')).toContainText('ルールで割り当てる');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('form-error')).toContainText('リードを保存できません');
  await expect(page.getByText('「mao@hikari」はメールアドレスの形式ではありません（例: name@example.com）。')).toBeVisible();
  await expect(page.getByTestId('lead-last-name').locator('input')).toHaveValue('山口');
  await shot(page, 'lead-form-errors-ja');
  await page.getByTestId('lead-email').locator('input').fill('mao.yamaguchi@hikari.example');
  await choose(page, 'lead-region', '東京都', '東京');
  await choose(page, 'lead-source', '紹介');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('lead-title')).toHaveText('ひかり設計株式会社');
  await expect(page.getByTestId('lead-owner-name')).toHaveText(/^(佐藤 健|伊藤 翼)$/);
  await expect(page.getByTestId('lead-assigned-by')).toHaveText('割り当てルール BUSINESS');
  await expect(page.getByTestId('lead-status')).toHaveText('新規');
  await expect(page.getByTestId('lead-segment')).toHaveText('法人');
  await expect(page.getByTestId('lead-fields')).toContainText('山口 真央');
  await expect(page.getByTestId('lead-fields')).toContainText('紹介');
  await expect(page.getByTestId('lead-history')).toContainText('リードを作成');
  await expect(page.getByTestId('lead-history')).toContainText(/割り当てルール BUSINESS により (佐藤 健|伊藤 翼) に割り当て/);
  await expect(page.locator('.n-message').last()).toContainText(/リード「ひかり設計株式会社」を作成し、(佐藤 健|伊藤 翼) に割り当てました。/);
  await closeDrawer(page);

  // Import with Japanese headers, in Shift_JIS as Excel in Japan saves a plain CSV.
  await page.getByTestId('lead-import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'リード.csv', mimeType: 'text/csv', buffer: Buffer.from(shiftJIS, 'hex') });
  await expect(page.getByTestId('import-file-name')).toHaveText('リード.csv');
  await choose(page, 'import-source', 'イベント');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-created')).toHaveText('1 件のリードを作成しました。');
  await expect(page.getByTestId('import-created-list')).toContainText('小川 結衣 → 田中 葵');
  await expect(page.getByTestId('import-created-list')).toContainText('割り当てルール KANSAI');
  await expect(page.getByTestId('import-refused-count')).toHaveText('1 行を取り込めませんでした');
  const refused = page.getByTestId('import-refused').locator('tbody tr');
  await expect(refused).toHaveCount(1);
  await expect(refused.locator('td').nth(0)).toHaveText('3');
  await expect(refused).toContainText('なにわ商事株式会社');
  await expect(refused).toContainText('リードの姓を入力してください。');
  await shot(page, 'lead-import-report-ja');
  await page.getByTestId('import-done').click();
  await expect(row(page, '小川 結衣')).toContainText('イベント');
  await expect(row(page, '小川 結衣')).toContainText('大阪府');

  // The consumer lead: worked, qualified and converted into a consumer account, which opens.
  await row(page, '小川 結衣').click();
  await page.getByTestId('lead-status-start').click();
  await expect(page.getByTestId('lead-status')).toHaveText('対応中');
  await expect(page.getByTestId('lead-status-start')).toHaveCount(0);
  await page.getByTestId('lead-status-qualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('見込みあり');
  await page.getByTestId('lead-convert').click();
  await expect(page.getByTestId('convert-warning')).toHaveCount(0);
  await expect(page.getByTestId('convert-modal')).toContainText('取引開始すると、小川 結衣 の個人の取引先が作成されます。');
  await expect(page.getByTestId('convert-opportunity-name')).toHaveCount(0);
  await page.getByTestId('convert-submit').click();
  await expect(page.getByTestId('account-title')).toHaveText('小川 結衣');
  await expect(page.locator('.n-message').last()).toContainText('「小川 結衣」を取引開始し、取引先を作成しました。');

  // グローバルメディア with the company's phone number: the warning, then linked to the existing account.
  await page.getByTestId('nav-leads').click();
  await newLead(page, { company: 'グローバルメディア', last: '斎藤', first: '蓮', phone: '03-5555-0100' });
  await choose(page, 'lead-region', '東京都', '東京');
  await page.getByTestId('lead-save').click();
  await expect(page.getByTestId('lead-title')).toHaveText('グローバルメディア');
  const matches = page.getByTestId('lead-matches');
  await expect(matches).toContainText('既存の取引先の可能性があります');
  await expect(matches).toContainText('グローバルメディア株式会社');
  await expect(matches).toContainText('一致した項目');
  await expect(matches).toContainText('名前');
  await expect(matches).toContainText('電話番号');
  await expect(page.locator('.n-message')).toHaveCount(0); // the confirmation has gone: the picture shows the drawer
  await shot(page, 'lead-detail-ja');
  await page.getByTestId('lead-status-qualify').click();
  await expect(page.getByTestId('lead-status')).toHaveText('見込みあり');
  await page.getByTestId('lead-convert').click();
  await expect(page.getByTestId('convert-warning')).toContainText('既存の取引先の可能性があります');
  const link = page.locator('[data-testid^="convert-link-"]').filter({ hasText: 'グローバルメディア株式会社' });
  await expect(link).toContainText('「グローバルメディア株式会社」に紐づける');
  await expect(link).toContainText('電話番号');
  await expect(page.getByTestId('convert-new')).toContainText('新しい取引先「グローバルメディア」を作成');
  await expect(page.getByTestId('convert-submit')).toBeDisabled();
  await shot(page, 'lead-convert-warning-ja');
  await link.click();
  await page.getByTestId('convert-opportunity-name').locator('input').fill('新店舗 Wi-Fi 増設');
  await page.getByTestId('convert-submit').click();
  await expect(page).toHaveURL(/#\/opportunities\/.+/);
  await expect(page.locator('.n-message').last()).toContainText(
    '「グローバルメディア」を取引開始し、「グローバルメディア株式会社」に紐づけました。商談「新店舗 Wi-Fi 増設」を作成しました。',
  );
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-search').locator('input').fill('グローバル');
  await page.locator('[data-testid^="account-row-"]').filter({ hasText: 'グローバルメディア株式会社' }).click();
  await expect(page.getByTestId('contacts-table')).toContainText('斎藤 蓮');

  await setLanguage(page, 'en');
  expect(errors).toEqual([]);
});
