// Prints an HTML file to PDF in Debian's Chromium, n times, and writes the milliseconds of each run as JSON:
// the baseline the quote PDF figure is compared with. The browser is started once and kept, as a server
// that renders PDFs would keep it; each run loads the page and prints it (parse, layout, print).
//
//	node scripts/bench/chromium-pdf.mjs quote.html out.pdf 9
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'frontend', 'package.json'));
const { chromium } = require('playwright-core');

const [htmlFile, outFile, runs] = process.argv.slice(2);
const html = readFileSync(htmlFile, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const footer = '<div style="font-size:8px;width:100%;text-align:right;padding-right:12mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const start = performance.now();
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ path: outFile, format: 'A4', printBackground: true, displayHeaderFooter: true,
    headerTemplate: '<div></div>', footerTemplate: footer, margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' } });
  times.push(performance.now() - start);
}
await browser.close();
process.stdout.write(JSON.stringify(times));
