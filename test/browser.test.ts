/**
 * The upload page in a real browser (Debian chromium driven by playwright-core): upload a CSV, see
 * the preview, analyse, download the PDF — and nothing from the CSV ever runs as code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { pageApp, servePage, type ServedPage } from './helpers/browser';

let served: ServedPage;
let base: string;
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'aix-browser-'));

beforeAll(async () => {
  served = await servePage(pageApp(dir));
  ({ base, browser } = served);
}, 60_000);

afterAll(() => served?.close());

test('upload, preview, analyse, download the PDF; hostile names stay text', async () => {
  const csv = path.join(dir, 'holdings.csv');
  writeFileSync(
    csv,
    'symbol,quantity,name\nNVDA,10,<script>window.__pwned=1</script>\nQQQ,4,"""><img src=x onerror=window.__pwned=2>"\nMSFT,oops,\n',
  );
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${base}/`);
  await page.setInputFiles('#file', csv);

  // Preview: the two good rows, the bad one with its reason; names shown as typed, not as markup.
  await page.waitForSelector('#preview table');
  const previewText = await page.textContent('#preview');
  expect(previewText).toContain('<script>window.__pwned=1</script>');
  expect(previewText).toContain('"><img src=x onerror=window.__pwned=2>');
  expect(previewText).toContain('"oops" is not a number');
  expect(await page.$$eval('#preview img, #preview script', (els) => els.length)).toBe(0);

  await page.selectOption('#baseCurrency', 'USD');
  await page.fill('#asOf', '2025-12-31');
  await page.click('#analyse');
  await page.waitForSelector('#report section#summary', { timeout: 30_000 });
  const resultText = await page.textContent('#results');
  expect(resultText).toMatch(/an overspending score of \d+ out of 100/);
  expect(resultText).toContain('<script>window.__pwned=1</script>');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
  const saved = path.join(dir, 'report.pdf');
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');

  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();

  // The HTML report of that analysis, opened in the browser: the names are text there too.
  const id = (await page.evaluate(() =>
    fetch('/api/v1/analyses', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'symbol,quantity,name\nNVDA,10,<script>window.__pwned=3</script>\n',
    }).then((r) => r.json()),
  )) as { id: string };
  await page.goto(`${base}/api/v1/analyses/${id.id}/report.html?lang=it`);
  expect(await page.textContent('body')).toContain('<script>window.__pwned=3</script>');
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  await context.close();
}, 90_000);
