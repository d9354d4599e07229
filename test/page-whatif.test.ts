/**
 * The upload page's what-if panel in a real browser (Debian chromium, playwright-core): after an
 * analysis, moving the AI-share slider shows the trades and the figures before and after exactly as
 * the what-if route computes them for the same targets, in the page's language and locale; a move
 * made while an answer is on its way wins over it; an issuer cap no sale can reach shows the route's
 * 422 message; the Italian panel holds no English; nothing scrolls sideways at 1280 or 390 px.
 * Screenshots land in test/artifacts/page-whatif/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Lang, reader } from '../src/i18n';
import { EN } from '../src/i18n/catalogue/en';
import { IT } from '../src/i18n/catalogue/it';
import type { WhatIfDocument } from '../src/whatif';
import { ENGLISH_PHRASES, englishIn } from './helpers/english';
import { freshArtifacts, ROOT } from './helpers/paths';
import { pageApp, servePage, type ServedPage } from './helpers/browser';

const EXAMPLE = path.join(ROOT, 'data', 'examples', 'portfolio.csv');
const ARTIFACTS = freshArtifacts('page-whatif');
const dir = mkdtempSync(path.join(tmpdir(), 'aix-page-whatif-'));
// One fund alone: selling it changes no issuer's share of what is left, so no sale can cap an issuer.
const SMH = path.join(dir, 'smh.csv');

let served: ServedPage;
let base: string;
let browser: Browser;

beforeAll(async () => {
  writeFileSync(SMH, 'symbol,quantity\nSMH,100\n');
  served = await servePage(pageApp(dir));
  ({ base, browser } = served);
}, 60_000);

afterAll(() => served?.close());

interface Analysed {
  page: Page;
  id: string;
  report: { exposure: { headline: { aiRevenueShare: number } } };
}

/**
 * The page in `lang` at `width`, the file analysed, the what-if tab open. The browser's locale asks
 * for English: an Italian page is the reader's choice (?lang), which the page must pass on itself.
 */
async function analysed(width: number, lang: Lang, file: string): Promise<Analysed> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${base}/?lang=${lang}`);
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#preview table');
  const created = page.waitForResponse((r) => r.url() === `${base}/api/v1/analyses` && r.status() === 201);
  await page.click('#analyse');
  const { id, report } = await (await created).json();
  await page.waitForSelector('#report section#summary');
  await page.click('#tab-whatif');
  await page.waitForSelector('#whatif:not(.hidden)');
  return { page, id, report };
}

/** Moves a slider to a step (tenths of a percentage point) as a drag would: one input event. */
async function slide(page: Page, id: string, step: number | 'max'): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.getElementById('${id}');
    el.value = ${step === 'max' ? 'el.max' : `'${step}'`};
    el.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
}

const answered = (page: Page, state: 'done' | 'error') => page.waitForSelector(`#whatif[data-state="${state}"]`);

/** The answer's tables, each as rows of cell texts (the head row first). */
function tables(page: Page): Promise<string[][][]> {
  return page.evaluate(`[...document.querySelectorAll('#wi-result table')].map((t) =>
    [...t.querySelectorAll('tr')].map((r) => [...r.children].map((c) => c.textContent)))`);
}

/** The measures table as label → [now, after]. */
async function measures(page: Page, lang: Lang): Promise<Map<string, string[]>> {
  const head = reader(lang).t('ui.whatif.measure');
  const table = (await tables(page)).find((t) => t[0]?.[0] === head)!;
  return new Map(table.slice(1).map(([label, ...values]) => [label!, values]));
}

/** "12,3 %" (it) or "12.3 %" (en) back to 0.123. */
function fraction(text: string, lang: Lang): number {
  const digits = lang === 'it' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  return Number(digits.replace(/[^\d.-]/g, '')) / 100;
}

/** The same question asked of the route directly. */
async function route(id: string, body: object, lang: Lang): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/api/v1/analyses/${id}/what-if`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

test('in English at 1280 px: a lower AI share shows the route’s trades and figures; the latest move wins', async () => {
  const { page, id, report } = await analysed(1280, 'en', EXAMPLE);
  const f = reader('en', 'USD');
  const now = report.exposure.headline.aiRevenueShare;
  expect(await page.getAttribute('#wi-ai', 'aria-valuetext')).toBe(`${f.pct(now)}, as today: no target`);
  expect(await page.isChecked('#wi-only-sell')).toBe(true);

  // The first question is held on the wire; the second, asked meanwhile, must be the one shown.
  let held = true;
  await page.route('**/what-if*', async (r) => {
    if (held) {
      held = false;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await r.continue().catch(() => undefined);
  });
  const first = page.waitForRequest('**/what-if*');
  await page.focus('#wi-ai');
  await page.keyboard.press('ArrowLeft');
  const max = Number(await page.getAttribute('#wi-ai', 'max'));
  expect(await page.getAttribute('#wi-ai', 'aria-valuetext')).toBe(f.pct((max - 1) / 1000));
  await first;
  await slide(page, 'wi-ai', 150);
  await answered(page, 'done');
  await page.waitForTimeout(1600);
  const panel = (await page.textContent('#whatif'))!;
  expect(panel).toContain('AI revenue share at most 15.0 %');

  const after = (await measures(page, 'en')).get(EN['ui.whatif.m_aiRevenueShare'])![1]!;
  expect(fraction(after, 'en')).toBeLessThanOrEqual(0.15);
  const trades = (await tables(page)).find((t) => t[0]?.[0] === EN['ui.whatif.trade'])!.slice(1);
  expect(trades.length).toBeGreaterThan(0);
  expect(trades.every((t) => t[0]!.startsWith('Sell '))).toBe(true);

  const direct = await route(id, { maxAiRevenueShare: 0.15, onlySell: true }, 'en');
  expect(direct.status).toBe(200);
  const doc = direct.body as WhatIfDocument;
  expect(trades.map((t) => [t[0], t[2]])).toEqual(doc.trades.map((t) => [`Sell ${t.symbol}`, f.money(t.value)]));
  const shown = await measures(page, 'en');
  expect(shown.get(EN['ui.whatif.m_aiRevenueShare'])).toEqual([
    f.pct(doc.before.exposure.headline.aiRevenueShare),
    f.pct(doc.after.exposure.headline.aiRevenueShare),
  ]);
  expect(shown.get(EN['ui.whatif.m_top1'])![1]).toBe(f.pct(doc.after.concentration.issuer!.top1));
  expect(shown.get(EN['ui.whatif.m_effectiveN'])![1]).toBe(f.num(doc.after.concentration.issuer!.effectiveN, 1));
  expect(shown.get(EN['ui.whatif.m_score'])![1]).toBe(f.num(doc.after.overspending.score, 1));
  expect(shown.get(EN['ui.whatif.m_volatility'])![1]).toBe(f.pct(doc.after.risk.volatility));
  expect(panel).toContain(`turnover ${f.money(doc.turnover)}`);
  expect(panel).toContain('At their limit: AI revenue share at 15.0 %.');
  expect(panel).toContain(EN['page.whatIfDisclaimer']);
  expect(panel).toContain(f.m(doc.disclaimer));
  // The check that keeps the Italian panel clean finds the English one English.
  expect(englishIn(panel).length).toBeGreaterThan(5);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'en-1280.png'), fullPage: true });

  // The selector asks again, and the answer comes in the new language.
  await page.selectOption('#lang', 'it');
  await page.waitForSelector('#wi-result h2:text-is("' + IT['ui.whatif.title'] + '")');
  expect(await page.isVisible('#whatif')).toBe(true);
  expect(await page.textContent('#wi-ai-value')).toBe('15,0 %');
  await page.context().close();
}, 30_000);

test('in Italian at 390 px: the panel in Italian, and an issuer cap no sale can reach says why', async () => {
  const { page, id } = await analysed(390, 'it', SMH);
  await slide(page, 'wi-ai', 100);
  await answered(page, 'done');
  const after = (await measures(page, 'it')).get(IT['ui.whatif.m_aiRevenueShare'])![1]!;
  expect(after).toMatch(/^\d+,\d %$/);
  expect(fraction(after, 'it')).toBeLessThanOrEqual(0.1);
  const panel = await page.evaluate<string>("document.getElementById('whatif').innerText");
  expect(panel).toContain(IT['page.whatIfDisclaimer']);
  expect(ENGLISH_PHRASES.filter((p) => panel.includes(p))).toEqual([]);
  expect(englishIn(panel)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'it-390.png'), fullPage: true });

  await slide(page, 'wi-ai', 'max');
  await slide(page, 'wi-issuer', 50);
  await answered(page, 'error');
  const direct = await route(id, { maxIssuer: 0.05, onlySell: true }, 'it');
  expect(direct.status).toBe(422);
  const message = (direct.body as { error: { code: string; message: string } }).error;
  expect(message.code).toBe('whatif_infeasible');
  expect(await page.textContent('#wi-error')).toBe(message.message);
  expect(message.message).toContain('l’emittente più grande dopo la scomposizione');
  expect(message.message).toContain('non si può portare a 5,00 % solo vendendo');
  expect(englishIn(message.message)).toEqual([]);
  expect(await page.isVisible('#wi-result table')).toBe(false);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'it-390-refused.png'), fullPage: true });
  await page.context().close();
}, 30_000);
