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
