/**
 * Every message is a catalogue code rendered per language: the catalogues agree, and an Italian
 * report of the example portfolio on the shared real prices holds no English sentence (while the
 * English one, checked the same way, does: the check can fail).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { EN } from '../src/i18n/catalogue/en';
import { IT } from '../src/i18n/catalogue/it';
import { CsvMarketData } from '../src/market';
import { renderHtml, renderPdf, type AnalysisReport } from '../src/report';
import { ENGLISH_PHRASES, englishIn } from './helpers/english';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

/** Entries that read the same in both languages: names, numbers, formulas. */
const SAME_IN_BOTH = new Set([
  'where.file',
  'rule.ucits-5-10-40',
  'rule.issuer_weight',
  'window.custom',
  'theme.company_figure',
  'ui.provider_yahoo',
  'error.json_field',
]);

test('the Italian catalogue has every code, with the same placeholders, and is translated', () => {
  const untranslated: string[] = [];
  for (const [code, en] of Object.entries(EN)) {
    const it = IT[code as keyof typeof IT];
    expect({ code, placeholders: placeholders(it) }).toEqual({ code, placeholders: placeholders(en) });
    const literal = en.replace(/\{[^}]*\}/g, '').trim();
    if (it === en && /[a-z]{3}/i.test(literal) && !SAME_IN_BOTH.has(code)) untranslated.push(code);
  }
  expect(untranslated).toEqual([]);
});

describe('the Italian report of the example portfolio on the shared real prices', () => {
  let report: AnalysisReport;
  const text = (pdf: Buffer) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'aix-i18n-')), 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };
  const htmlText = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

  beforeAll(async () => {
    const file = path.join(ROOT, 'data', 'examples', 'portfolio.csv');
    report = await analysePortfolio(
      { file: { fileName: 'portfolio.csv', bytes: readFileSync(file) }, monteCarlo: { paths: 2000 } },
      { market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }) },
    );
  });

  test('has none of the English sentences, in the PDF or the HTML', async () => {
    for (const italian of [text(await renderPdf(report, 'it')), htmlText(renderHtml(report, 'it'))]) {
      expect(ENGLISH_PHRASES.filter((p) => italian.includes(p))).toEqual([]);
      expect(englishIn(italian)).toEqual([]);
    }
  });

  test('the same check finds English in the English report', async () => {
    const english = text(await renderPdf(report, 'en'));
    expect(ENGLISH_PHRASES.filter((p) => english.includes(p)).length).toBeGreaterThan(10);
    expect(englishIn(english).length).toBeGreaterThan(10);
  });
});
