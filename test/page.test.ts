/**
 * The upload page in a real browser (Debian chromium, playwright-core), at desktop (1280 px) and
 * phone (390 px) widths, in English and Italian (from Accept-Language): the file as read, then the
 * full report, with no horizontal scroll; the Italian page holds no English sentence; an upload
 * refused is explained in the reader's language; the selector switches the language of the page
 * and of the report in place; Swagger UI runs under the CSP. Screenshots land in test/artifacts/page/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { IT } from '../src/i18n/catalogue/it';
import { ENGLISH_PHRASES, englishIn } from './helpers/english';
import { freshArtifacts, ROOT } from './helpers/paths';
import { pageApp, servePage, type ServedPage } from './helpers/browser';

const ARTIFACTS = freshArtifacts('page');
const dir = mkdtempSync(path.join(tmpdir(), 'aix-page-'));
// The reader's own file name, which the report quotes: Italian, as an Italian reader's would be.
const csv = path.join(dir, 'portafoglio.csv');

let served: ServedPage;
let base: string;
let browser: Browser;

beforeAll(async () => {
  // The example portfolio and one row the importer must leave out, with its reason.
  writeFileSync(csv, `${readFileSync(path.join(ROOT, 'data', 'examples', 'portfolio.csv'), 'utf8')}AMD,lots,AMD,USD\n`);
  served = await servePage(pageApp(dir, { resultCacheSeconds: 600 }));
  ({ base, browser } = served);
}, 60_000);

afterAll(() => served?.close());

async function open(width: number, lang: 'en' | 'it'): Promise<{ page: Page; cspErrors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: lang === 'it' ? 'it-IT' : 'en-GB',
    extraHTTPHeaders: { 'Accept-Language': lang === 'it' ? 'it-IT,it;q=0.9,en;q=0.5' : 'en-GB,en;q=0.9' },
  });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`${base}/`);
  return { page, cspErrors };
}

/** The page is no wider than the window: nothing makes the reader scroll sideways. */
const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe.each([
  [1280, 'en'],
  [1280, 'it'],
  [390, 'en'],
  [390, 'it'],
] as const)('at %i px in %s', (width, lang) => {
  test('the file as read, then the whole report, without horizontal scroll', async () => {
    const { page, cspErrors } = await open(width, lang);
    await page.setInputFiles('#file', csv);
    await page.waitForSelector('#preview table');
    const preview = (await page.textContent('#preview'))!;
    expect(preview).toMatch(
      lang === 'it' ? /File CSV: 14 righe lette, 13 posizioni/ : /CSV file: 14 rows read, 13 positions/,
    );
    expect(preview).toContain('SPDR S&P 500 ETF Trust');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${lang}-${width}-preview.png`), fullPage: true });

    await page.click('#analyse');
    await page.waitForSelector('#report section#summary', { timeout: 60_000 });
    expect(await page.textContent('#report h2')).toBe(lang === 'it' ? 'Sintesi' : 'Summary');
    expect(await page.$$eval('#report figure svg', (els) => els.length)).toBeGreaterThan(8);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${lang}-${width}-report.png`), fullPage: true });

    // The file as read is one click away, and back.
    await page.click('#tab-preview');
    expect(await page.isVisible('#preview table')).toBe(true);
    expect(await page.isVisible('#report')).toBe(false);
    await page.click('#tab-report');
    expect(await page.isVisible('#report')).toBe(true);

    if (lang === 'it') {
      const text = await page.evaluate<string>('document.body.innerText');
      expect(ENGLISH_PHRASES.filter((p) => text.includes(p))).toEqual([]);
      const found = englishIn(text);
      if (found.length > 0)
        console.log(found.map((w) => text.slice(Math.max(0, text.indexOf(w) - 80), text.indexOf(w) + 40)));
      expect(found).toEqual([]);
    }
    expect(cspErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

test('an upload refused is explained in the reader’s language', async () => {
  const { page } = await open(390, 'it');
  const pdf = path.join(dir, 'statement.csv');
  writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
  await page.setInputFiles('#file', pdf);
  await page.waitForSelector('#error:not(.hidden)');
  expect(await page.textContent('#error')).toContain(IT['format.pdf']);
  await page.context().close();
});

test('the selector switches the page and the report to the other language, in place', async () => {
  const { page } = await open(1280, 'en');
  await page.setInputFiles('#file', csv);
  await page.waitForSelector('#preview table');
  await page.click('#analyse');
  await page.waitForSelector('#report section#summary', { timeout: 60_000 });
  await page.selectOption('#lang', 'it');
  await page.waitForSelector('#report section#summary h2:text-is("Sintesi")');
  expect(await page.textContent('h1')).toBe(IT['page.title']);
  expect(await page.textContent('#preview h2')).toMatch(/righe lette/);
  await page.context().close();
}, 120_000);

test('the API docs are Swagger UI on the OpenAPI document, with no script the CSP refuses', async () => {
  const { page, cspErrors } = await open(1280, 'en');
  await page.goto(`${base}/docs`);
  await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
  const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent));
  expect(paths).toContain('/analyses/{id}/report.pdf');
  await page.screenshot({ path: path.join(ARTIFACTS, 'docs-1280.png') });
  expect(cspErrors).toEqual([]);
  await page.context().close();
}, 60_000);
