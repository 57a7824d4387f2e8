import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptedStoreQuote, open, shot, switchUser } from './helpers';

// A contract's whole life in the browser: made from an accepted quote, a clause negotiated into a second
// version, the redline, approval by a manager, both signatures (one drawn, one typed), the digitally signed PDF
// checked by poppler's pdfsig and by "Verify a PDF" — and the same PDF with one byte changed caught as altered.

// The flow walks a quote and a contract through several people and steps: more than the default minute.
test.setTimeout(180_000);

const rep = '佐藤 健';
const manager = '鈴木 美咲';
const director = '高橋 誠';

// Downloaded files go to a folder of this run, made in the worker (the file is also loaded to list its tests).
let tmp = '';
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'qw-contracts-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// draw signs in the signature box with the mouse: a few strokes, like a name written quickly.
async function draw(page: Page) {
  const canvas = page.getByTestId('signature-canvas');
  await expect(canvas).toBeVisible();
  await page.waitForTimeout(300); // the dialog's opening animation moves the box
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  const strokes: [number, number][][] = [
    [[0.1, 0.7], [0.15, 0.3], [0.2, 0.65], [0.26, 0.35], [0.31, 0.7]],
    [[0.36, 0.55], [0.42, 0.4], [0.47, 0.6], [0.52, 0.45], [0.58, 0.62], [0.66, 0.38], [0.72, 0.6]],
    [[0.76, 0.5], [0.9, 0.48]],
  ];
  for (const s of strokes) {
    await page.mouse.move(...at(...s[0]));
    await page.mouse.down();
    for (const p of s.slice(1)) await page.mouse.move(...at(...p), { steps: 6 });
    await page.mouse.up();
  }
}

// download clicks a button that exports a file and saves what the browser downloads.
async function download(page: Page, testId: string, name: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const d = await waiting;
  const path = join(tmp, name);
  await d.saveAs(path);
  return path;
}

async function verify(page: Page, path: string, verdict: string) {
  await page.getByTestId('verify-input').setInputFiles(path);
  await expect(page.getByTestId('verify-verdict')).toHaveAttribute('data-verdict', verdict);
}

test('a contract from an accepted quote: negotiate, redline, approve, sign twice, verify the signed PDF — in English', async ({ page }) => {
  const errors = await open(page, 'en');
  await switchUser(page, rep);
  await acceptedStoreQuote(page, 'en');
  await shot(page, 'quote-accepted-contract-en');

  // The quote's PDF, for any version.
  const quotePdf = await download(page, 'quote-pdf', 'quote.pdf');
  expect(readFileSync(quotePdf).subarray(0, 5).toString()).toBe('%PDF-');

  // The contract: version 1, a draft of the standard clauses and the quote's schedule.
  await page.getByTestId('quote-create-contract').click();
  await expect(page).toHaveURL(/#\/contracts\//);
  const contractUrl = page.url();
  await expect(page.getByTestId('contract-number')).toHaveText(/^C-\d+ v1$/);
  const number = (await page.getByTestId('contract-number').textContent())!.replace(/ v1$/, '');
  await expect(page.locator('.qw-head')).toContainText('Draft');
  await expect(page.getByTestId('contract-account')).toHaveText('グローバルメディア株式会社');
  await expect(page.locator('[data-testid="contract-clause"][data-code="NOTICE"]')).toContainText('at least 30 days before');
  await expect(page.getByTestId('clause-changed')).toHaveCount(0);
  await shot(page, 'contract-draft-en');
  await page.getByTestId('contract-tab-schedule').click();
  await expect(page.getByTestId('contract-schedule')).toContainText('Business fibre');
  await expect(page.getByTestId('schedule-tcv')).toHaveText(/^¥[\d,]+$/);
  await shot(page, 'contract-schedule-en');

  // Listed with the other contracts; the quote now opens it.
  await page.getByTestId('nav-contracts').click();
  await expect(page.getByTestId(`contract-row-${number}`)).toContainText('Draft');
  await shot(page, 'contracts-list-en');
  await page.getByTestId(`contract-row-${number}`).click();
  await expect(page.getByTestId('contract-number')).toHaveText(`${number} v1`);

  // The customer asks for 60 days' notice: the clause is edited and saved as version 2.
  await page.getByTestId('clauses-edit').click();
  const body = page.locator('[data-testid="edit-clause"][data-code="NOTICE"]').getByTestId('edit-clause-body').locator('textarea');
  const text = await body.inputValue();
  expect(text).toContain('at least 30 days before');
  await body.fill(text.replace('at least 30 days', 'at least 60 days'));
  await expect(page.locator('[data-testid="edit-clause"][data-code="NOTICE"]')).toContainText('Changed from standard');
  await shot(page, 'contract-edit-en');
  await page.getByTestId('clauses-save').click();
  await page.getByTestId('revise-note').locator('textarea').fill('Notice period 60 days at the customer’s request');
  await page.getByTestId('revise-confirm').click();
  await expect(page.getByTestId('contract-number')).toHaveText(`${number} v2`);
  await expect(page.getByTestId('contract-note')).toContainText('Notice period 60 days');
  await expect(page.locator('.qw-head')).toContainText('In negotiation');
  await expect(page.locator('[data-testid="contract-clause"][data-code="NOTICE"]')).toContainText('at least 60 days before');
  await expect(page.locator('[data-testid="contract-clause"][data-code="NOTICE"]').getByTestId('clause-changed')).toHaveText('Changed from standard');

  // The redline of version 1 against version 2: "30" struck out, "60" inserted.
  await page.getByTestId('contract-tab-redline').click();
  const changed = page.locator('[data-testid="redline-clause"][data-code="NOTICE"]');
  await expect(changed).toHaveAttribute('data-kind', 'changed');
  await expect(changed.locator('del.qw-del')).toHaveText('30');
  await expect(changed.locator('ins.qw-ins')).toHaveText('60');
  await expect(page.getByTestId('redline-summary')).toHaveText('v1 → v2: 0 added, 0 removed, 1 changed');
  await shot(page, 'contract-redline-en');
  await page.getByTestId('redline-hide-same').click();
  await expect(page.getByTestId('redline-clause')).toHaveCount(1);
  const redlinePdf = await download(page, 'redline-download', 'redline.pdf');
  expect(readFileSync(redlinePdf).subarray(0, 5).toString()).toBe('%PDF-');

  // The rep may not approve a changed clause; the manager does.
  await page.getByTestId('contract-move-approved').click();
  await expect(page.locator('.n-message').last()).toContainText('differ from the standard text: a Manager or above');
  await switchUser(page, manager);
  await page.getByTestId('contract-move-approved').click();
  await expect(page.locator('.qw-head')).toContainText('Approved');
  await switchUser(page, rep);
  await page.getByTestId('contract-move-out_for_signature').click();
  await expect(page.locator('.qw-head')).toContainText('Out for signature');

  // The customer signs by drawing, at the rep's laptop; the provider by typing.
  await expect(page.getByTestId('contract-signatures')).toBeVisible();
  await page.getByTestId('sign-customer').click();
  await page.getByTestId('signature-name').locator('input').fill('Haruto Kimura');
  await page.getByTestId('signature-title').locator('input').fill('General Manager, IT');
  await draw(page);
  await shot(page, 'contract-sign-draw-en');
  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('signature-customer')).toHaveAttribute('data-signed', 'yes');
  await expect(page.getByTestId('signature-customer').getByTestId('signature-image')).toBeVisible();
  await expect(page.locator('.qw-head')).toContainText('Out for signature');

  await page.getByTestId('sign-provider').click();
  await expect(page.getByTestId('signature-name').locator('input')).toHaveValue(rep);
  await page.getByTestId('signature-title').locator('input').fill('Account Executive');
  await page.getByTestId('sign-method-typed').click();
  await expect(page.getByTestId('signature-typed-preview')).toHaveText(rep);
  await shot(page, 'contract-sign-type-en');
  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('signature-provider')).toHaveAttribute('data-signed', 'yes');
  await expect(page.getByTestId('signature-provider').getByTestId('signature-typed')).toHaveText(rep);
  await expect(page.getByTestId('contract-status')).toHaveText('Signed');
  await shot(page, 'contract-signed-en');

  // The signed PDF: its signature is valid for poppler, and "Verify a PDF" knows it.
  await page.getByTestId('contract-tab-documents').click();
  await expect(page.getByTestId('contract-documents-table').getByTestId('document-signed')).toHaveCount(1);
  const signed = await download(page, 'contract-download', 'signed.pdf');
  const sig = spawnSync('pdfsig', [signed], { encoding: 'utf8' });
  expect(sig.stdout, sig.stderr).toContain('Signature is Valid.');
  await shot(page, 'contract-documents-en');
  await page.getByTestId('contract-tab-history').click();
  for (const step of ['Contract created from the quote', 'New version saved', 'Approved', 'Sent for signature', 'Signature recorded', 'Signed by both parties']) {
    await expect(page.getByTestId('contract-history')).toContainText(step);
  }

  // The old version is read-only and says so.
  await page.getByTestId('contract-version').click();
  await page.locator('.n-base-select-option', { hasText: 'v1 ·' }).click();
  await expect(page.getByTestId('contract-old-version')).toContainText('This is version 1, an older version of the contract: it is read-only.');
  await expect(page.getByTestId('clauses-edit')).toHaveCount(0);
  await expect(page.getByTestId('contract-actions')).toHaveCount(0);
  await page.getByTestId('contract-open-latest').click();
  await expect(page.getByTestId('contract-number')).toHaveText(`${number} v2`);

  await page.getByTestId('nav-contracts').click();
  await page.getByTestId('contracts-tab-verify').click();
  await expect(page).toHaveURL(/#\/contracts\/verify$/);
  await verify(page, signed, 'issued');
  await expect(page.getByTestId('verify-verdict')).toContainText('Issued by us and unchanged');
  await expect(page.getByTestId('verify-verdict')).toContainText(`Contract ${number}, version 2`);
  await expect(page.getByTestId('verify-demo')).toBeVisible();
  await shot(page, 'verify-issued-en');

  // One byte changed in the middle of the file.
  const bytes = readFileSync(signed);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  const altered = join(tmp, 'altered.pdf');
  writeFileSync(altered, bytes);
  await verify(page, altered, 'altered');
  await expect(page.getByTestId('verify-verdict')).toContainText('Altered after it was issued: do not rely on it');
  await shot(page, 'verify-altered-en');
  await verify(page, quotePdf, 'issued');

  // The account's signed contracts, exported as one ZIP while a progress bar runs.
  await page.goto(contractUrl);
  await page.getByTestId('contract-account').click();
  await page.getByTestId('tab-contracts').click();
  await expect(page.getByTestId(`contract-row-${number}`)).toContainText('Signed');
  const zip = page.waitForEvent('download');
  await page.getByTestId('signed-export-start').click();
  await expect(page.getByTestId('signed-export-progress')).toBeVisible();
  await shot(page, 'account-export-progress-en');
  expect((await zip).suggestedFilename()).toMatch(/-signed-contracts\.zip$/);
  await expect(page.getByTestId('signed-export-outcome')).toContainText('1 signed contract.');
  await shot(page, 'account-contracts-en');

  // The certificate it was signed with, in Settings: a director may replace it.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('certificate-demo')).toHaveText('DEMO certificate — not for production');
  await expect(page.getByTestId('certificate-fingerprint')).toHaveText(/^[0-9A-Fa-f:]{20,}$/);
  await expect(page.getByTestId('certificate-import')).toHaveCount(0);
  await switchUser(page, director);
  await expect(page.getByTestId('certificate-import')).toBeVisible();
  // A file that is not a PKCS#12 is refused with the services' words, and the certificate stays.
  await page.getByTestId('certificate-file').setInputFiles(quotePdf);
  await expect(page.getByTestId('certificate-file-name')).toHaveText('quote.pdf');
  await page.getByTestId('certificate-password').locator('input').fill('secret');
  await page.getByTestId('certificate-import-button').click();
  await expect(page.getByTestId('certificate-error')).toContainText('This is not a PKCS#12 file (.p12 or .pfx)');
  await expect(page.getByTestId('certificate-demo')).toBeVisible();
  await page.getByTestId('certificate-card').scrollIntoViewIfNeeded();
  await shot(page, 'settings-certificate-en');
  await switchUser(page, rep);
  expect(errors).toEqual([]);
});

test('契約と PDF の検証 — in Japanese', async ({ page }) => {
  const errors = await open(page, 'ja');
  await switchUser(page, rep);
  await acceptedStoreQuote(page, 'ja');
  await shot(page, 'quote-accepted-contract-ja');
  await page.getByTestId('quote-create-contract').click();
  await expect(page.getByTestId('contract-number')).toHaveText(/ v1$/);
  await expect(page.locator('.qw-head')).toContainText('下書き');
  await expect(page.locator('[data-testid="contract-clause"][data-code="NOTICE"]')).toContainText('30 日前までに');
  await shot(page, 'contract-draft-ja');

  await page.getByTestId('clauses-edit').click();
  const body = page.locator('[data-testid="edit-clause"][data-code="NOTICE"]').getByTestId('edit-clause-body').locator('textarea');
  await body.fill((await body.inputValue()).replace('30 日前', '90 日前'));
  await expect(page.locator('[data-testid="edit-clause"][data-code="NOTICE"]')).toContainText('標準文言から変更');
  await shot(page, 'contract-edit-ja');
  await page.getByTestId('clauses-save').click();
  await page.getByTestId('revise-note').locator('textarea').fill('お客様の要望により解約通知期間を 90 日に変更');
  await page.getByTestId('revise-confirm').click();
  await expect(page.getByTestId('contract-number')).toHaveText(/ v2$/);
  await page.getByTestId('contract-tab-redline').click();
  const changed = page.locator('[data-testid="redline-clause"][data-code="NOTICE"]');
  await expect(changed.locator('del.qw-del')).toHaveText('30');
  await expect(changed.locator('ins.qw-ins')).toHaveText('90');
  await shot(page, 'contract-redline-ja');

  // The manager approves and sends it for signature; the signature dialog in Japanese.
  await switchUser(page, manager);
  await page.getByTestId('contract-move-approved').click();
  await expect(page.locator('.qw-head')).toContainText('承認済み');
  await page.getByTestId('contract-move-out_for_signature').click();
  await page.getByTestId('sign-customer').click();
  await page.getByTestId('signature-name').locator('input').fill('木村 陽翔');
  await page.getByTestId('signature-title').locator('input').fill('情報システム部長');
  await draw(page);
  await shot(page, 'contract-sign-draw-ja');
  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('signature-customer')).toHaveAttribute('data-signed', 'yes');
  await page.getByTestId('sign-provider').click();
  await page.getByTestId('sign-method-typed').click();
  await shot(page, 'contract-sign-type-ja');
  await page.getByTestId('signature-confirm').click();
  await expect(page.getByTestId('contract-status')).toHaveText('締結済み');
  await shot(page, 'contract-signed-ja');

  await page.getByTestId('nav-contracts').click();
  await shot(page, 'contracts-list-ja');
  await page.getByTestId('contracts-tab-verify').click();
  // A PDF made elsewhere: not ours.
  const other = join(tmp, 'other.pdf');
  writeFileSync(other, minimalPDF());
  await verify(page, other, 'not_ours');
  await expect(page.getByTestId('verify-verdict')).toContainText('当社が発行した文書ではありません');
  await shot(page, 'verify-not-ours-ja');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('certificate-demo')).toHaveText('デモ用証明書 — 本番利用不可');
  await page.getByTestId('certificate-card').scrollIntoViewIfNeeded();
  await shot(page, 'settings-certificate-ja');
  await switchUser(page, rep);
  expect(errors).toEqual([]);
});

// minimalPDF is a one-page PDF with a correct cross-reference table, as any other program might write one.
function minimalPDF(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
