/**
 * Page 1 with many funds on Letter paper, in Italian: eleven funds, eight of them with old or
 * undated lists, and two symbols without prices. The summary still ends on page 1, says each
 * problem once (a point to watch that tells a warning replaces its notice), and loses nothing:
 * every old list is named with its date further on, every unpriced symbol on page 1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { CsvMarketData } from '../src/market';
import { buildView, renderPdf, type AnalysisReport } from '../src/report';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const FUNDS = ['SPY', 'XLK', 'VGT', 'QQQM', 'QQQ', 'SMH', 'SOXX', 'VWCE.DE', 'SWDA.MI', 'CSSPX.MI', 'SXR8.DE', 'ACWI'];
const csv = `symbol,quantity\n${[...FUNDS, 'NVDA'].map((s) => `${s},10`).join('\n')}\n`;

let report: AnalysisReport;
let pages: string[];

beforeAll(async () => {
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  report = await analysePortfolio({ file: { fileName: 'funds.csv', text: csv }, asOf: '2026-04-14' }, { market });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'aix-page-one-')), 'funds.pdf');
  writeFileSync(file, await renderPdf(report, 'it', 'LETTER'));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  pages = text.split('\f').map((p) => p.replace(/\s+/g, ' '));
}, 60_000);

test('the case is the hard one: many old lists and missing prices', () => {
  const old = report.exposure.funds.filter((x) => x.constituentsStale || x.constituentsAsOf === null);
  expect(old.length).toBeGreaterThanOrEqual(6);
  expect((report.dataSource.missing ?? []).map((m) => m.symbol).sort()).toEqual(['ACWI', 'QQQM']);
});

test('page 1 holds the whole summary; page 2 starts with the next section', () => {
  const sections = buildView(report, 'it').sections;
  expect(sections[0]!.id).toBe('summary');
  const next = sections[1]!.title;
  expect(pages[0]).not.toContain(next);
  expect(pages[1]!.trim().startsWith(next)).toBe(true);
});

test('each problem said once on page 1, and nothing lost', () => {
  const page1 = pages[0]!;
  expect(page1.match(/QQQM/g)).toHaveLength(1);
  expect(page1).toContain('ACWI');
  // The old lists: one point to watch on page 1, every one of them with its date further on.
  expect(page1).not.toContain('più vecchie di un anno o senza data, comunque usate');
  const rest = pages.slice(1).join(' ');
  for (const x of report.exposure.funds.filter((f) => f.constituentsStale || f.constituentsAsOf === null))
    expect(rest).toContain(x.symbol);
});
