/**
 * The upload page in a real browser (Debian chromium driven by playwright-core): upload a CSV, see
 * the preview, analyse, download the PDF — and nothing from the CSV ever runs as code.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { CsvMarketData } from '../src/market';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

let server: Server;
let base: string;
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'aix-browser-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);
  const store = new AnalysisStore(path.join(dir, 'analyses.sqlite'), path.join(dir, 'reports'));
  const app = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }),
    store,
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 1 << 20,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

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
