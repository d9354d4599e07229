/**
 * A European investor end to end: a Degiro export in Italian with UCITS funds by ISIN, analysed on
 * the shared real prices in euros (funds looked through with their index's list or a labelled
 * proxy, the unpriced fund named with its share), and on the demo market, where every fund prices.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnalysisReport } from '../src/report';
import { ENGLISH_PHRASES, englishIn } from './helpers/english';
import { ETF_DIR, FIXTURES, PRICES_DIR, ROOT } from './helpers/paths';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const DEGIRO = path.join(FIXTURES, 'holdings', 'degiro-it-europe.csv');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(TSX, [path.join(ROOT, 'src/cli/analyse.ts'), ...args], { cwd: ROOT }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

const pdfText = (file: string) =>
  new Promise<string>((resolve, reject) =>
    execFile('pdftotext', ['-layout', file, '-'], (err, out) => (err ? reject(err) : resolve(out))),
  );

/** Proper names in the Degiro file and the fund lists: allowed in an Italian report. */
const NAMES = /CASH & CASH FUND & FTX CASH|COMMON STOCK/g;

describe('a Degiro export of UCITS funds, NVDA, MSFT and euro cash, on the shared real prices', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'aix-eu-'));
  let run: { code: number; stdout: string; stderr: string };
  let report: AnalysisReport;
  beforeAll(async () => {
    run = await cli([
      DEGIRO,
      '--prices-dir',
      PRICES_DIR,
      '--etf-holdings-dir',
      ETF_DIR,
      '--as-of',
      '2026-04-14',
      '--format',
      'json,pdf',
      '--lang',
      'it',
      '--out-dir',
      out,
    ]);
    report = JSON.parse(readFileSync(path.join(out, 'degiro-it-europe.json'), 'utf8'));
  });

  test('exits 0 in euros, the currency of the file’s values', () => {
    expect(run.code).toBe(0);
    expect(report.baseCurrency).toBe('EUR');
    expect(report.baseCurrencySource).toBe('file');
  });

  test('the S&P 500 fund is looked through with the S&P 500 list; the world funds with a labelled proxy', () => {
    const fund = (s: string) => report.exposure.funds.find((f) => f.symbol === s)!;
    expect(fund('SXR8.DE').constituentsVia).toMatchObject({ index: 'SP500', list: 'SPY', proxy: false });
    expect(fund('SWDA.MI').constituentsVia).toMatchObject({
      index: 'MSCI_WORLD',
      list: 'ACWI',
      filter: 'developed',
      proxy: true,
    });
    expect(fund('VWCE.DE').constituentsVia).toMatchObject({ index: 'FTSE_ALL_WORLD', list: 'ACWI', proxy: true });
    // MSCI World holds no Taiwanese company; the ACWI list does.
    const tsmcInWorld = report.exposure.issuers.find(
      (i) => i.paths.some((p) => p.via === 'SWDA.MI') && /2330|TSM/.test(i.issuer),
    );
    expect(tsmcInWorld).toBeUndefined();
  });

  test('EQQQ has no price file: it is left out and named with its share of the value', () => {
    const total = 2315.48 + 11143.5 + 130775 + 17950.2 + 5985 + 6932.83 + 7312.75;
    expect(report.dataSource.missing).toEqual([
      expect.objectContaining({ symbol: 'EQQQ.MI', share: expect.closeTo(5985 / total, 9) }),
    ]);
    expect(report.holdings.map((h) => h.symbol)).not.toContain('EQQQ.MI');
  });

  test('the core four include what the funds hold', () => {
    const direct = report.holdings
      .filter((h) => h.symbol === 'NVDA' || h.symbol === 'MSFT')
      .reduce((s, h) => s + h.weight, 0);
    expect(report.exposure.coreFour.total).toBeGreaterThan(direct + 0.05);
    expect(report.exposure.coreFour.AMZN).toBeGreaterThan(0.01); // held only through the funds
  });

  test('its Italian PDF holds no English sentence', async () => {
    const text = (await pdfText(path.join(out, 'degiro-it-europe.pdf'))).replace(NAMES, ' ');
    expect(ENGLISH_PHRASES.filter((p) => text.includes(p))).toEqual([]);
    expect(englishIn(text)).toEqual([]);
  });
});

test('the same file on the demo market prices every fund, EQQQ included', async () => {
  const run = await cli([DEGIRO, '--market-data', 'demo']);
  expect(run.code).toBe(0);
  const report: AnalysisReport = JSON.parse(run.stdout);
  expect(report.baseCurrency).toBe('EUR');
  expect(report.holdings.map((h) => h.symbol)).toEqual([
    'CASH',
    'VWCE.DE',
    'SWDA.MI',
    'SXR8.DE',
    'EQQQ.MI',
    'NVDA',
    'MSFT',
  ]);
  expect(report.dataSource.missing).toBeUndefined();
  expect(report.exposure.funds.find((f) => f.symbol === 'EQQQ.MI')?.constituentsVia).toMatchObject({
    index: 'NASDAQ100',
  });
});

test('a base currency the market data has no rate for is named as missing market data, with no row and no path', async () => {
  const run = await cli([DEGIRO, '--prices-dir', PRICES_DIR, '--base-currency', 'GBP', '--as-of', '2026-04-14']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(
    /^error: no exchange rate from \w{3} to GBP in the market data \(series \w{3}GBP=X\): choose another base currency\n$/,
  );
  expect(run.stderr).not.toMatch(/row|column|prices|datasets|\//);
});

describe('currency exposure: the listing says euros, the issuers say where the money works', () => {
  const { analysePortfolio } = require('../src/analyse-portfolio') as typeof import('../src/analyse-portfolio');
  const { CsvMarketData } = require('../src/market') as typeof import('../src/market');
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const analyse = (text: string) =>
    analysePortfolio({ file: { fileName: 'h.csv', text }, asOf: '2026-04-14', monteCarlo: { paths: 500 } }, { market });

  test('VWCE alone: by listing all EUR; by issuer home the ACWI list’s own country weights', async () => {
    const report = await analyse('symbol,quantity\nVWCE.DE,10\n');
    expect(Object.keys(report.exposure.currency.byListing)).toEqual(['EUR']);
    // Independently from the file: each constituent's "[Location; …]" and weight.
    const rows = readFileSync(path.join(ETF_DIR, 'ACWI.csv'), 'utf8').trim().split('\n').slice(1);
    const byCountry = new Map<string, number>();
    for (const row of rows) {
      const weight = Number(/,(-?[\d.]+),\d{4}-\d\d-\d\d,/.exec(row)![1]);
      const country = /\[([^;\]]+);/.exec(row)?.[1] ?? '-';
      byCountry.set(country, (byCountry.get(country) ?? 0) + weight / 100);
    }
    const euro = [
      'France',
      'Germany',
      'Netherlands',
      'Spain',
      'Italy',
      'Finland',
      'Belgium',
      'Ireland',
      'Austria',
      'Portugal',
      'Greece',
    ];
    const home = report.exposure.currency.byIssuerHome;
    // Our instruments table wins over the provider's location: NXP is Dutch there, American for iShares.
    const nxp = 0.0007;
    expect(home.USD).toBeCloseTo(byCountry.get('United States')! - nxp, 6);
    expect(home.JPY).toBeCloseTo(byCountry.get('Japan')!, 6);
    expect(home.TWD).toBeCloseTo(byCountry.get('Taiwan')!, 6);
    expect(home.GBP).toBeCloseTo(byCountry.get('United Kingdom')!, 6);
    expect(home.EUR).toBeCloseTo(
      euro.reduce((s, c) => s + (byCountry.get(c) ?? 0), nxp),
      6,
    );
    const total = Object.values(home).reduce((s, w) => s + w, 0) + report.exposure.currency.issuerHomeUnattributed;
    expect(total).toBeCloseTo(1, 12);
  });

  test('an S&P 500 fund in Milan and euro cash: EUR by listing, dollars by issuer, the cash stays euros', async () => {
    const report = await analyse('symbol,quantity,currency\nCSSPX.MI,10,\nEUR,1000,EUR\n');
    const { byListing, byIssuerHome, issuerHomeUnattributed } = report.exposure.currency;
    expect(Object.keys(byListing)).toEqual(['EUR']);
    expect(byListing.EUR).toBeCloseTo(1, 12);
    const cash = report.holdings.find((h) => h.kind === 'cash')!.weight;
    const spy = readFileSync(path.join(ETF_DIR, 'SPY.csv'), 'utf8').trim().split('\n').slice(1);
    const weightOf = (row: string) => Number(row.split(',').at(-3)) / 100;
    // SSGA's cash line ("-", US DOLLAR) names no issuer: it is part of the unattributed remainder.
    const spyNamed = spy.filter((row) => !row.startsWith('-,')).reduce((s, row) => s + weightOf(row), 0);
    // The euros are the cash plus NXP, the one S&P 500 company our instruments table places in the euro area.
    const nxp = weightOf(spy.find((row) => row.startsWith('NXPI,'))!);
    expect(byIssuerHome.EUR).toBeCloseTo(cash + (1 - cash) * nxp, 12);
    expect(issuerHomeUnattributed).toBeCloseTo((1 - cash) * Math.max(0, 1 - spyNamed), 6);
    expect(byIssuerHome.USD).toBeGreaterThan(0.95 * (1 - cash) * Math.min(1, spyNamed));
  });
});

test('a line sized by its euro value reads back as shares, and cash as its own currency', async () => {
  const { analysePortfolio } = require('../src/analyse-portfolio') as typeof import('../src/analyse-portfolio');
  const { CsvMarketData } = require('../src/market') as typeof import('../src/market');
  const report = await analysePortfolio(
    {
      file: { fileName: 'v.csv', text: 'symbol,market_value,currency\nNVDA,5000,EUR\nMSFT,5000,EUR\nUSD,1000,USD\n' },
      asOf: '2026-04-14',
      baseCurrency: 'EUR',
      monteCarlo: { paths: 500 },
    },
    { market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }) },
  );
  for (const h of report.holdings) {
    // Units × price × rate is the value, whatever the line was sized by.
    expect(h.quantity * h.price * (h.fxRate ?? 1)).toBeCloseTo(h.marketValue, 9);
  }
  const nvda = report.holdings.find((h) => h.symbol === 'NVDA')!;
  expect(nvda.quantity).toBeCloseTo(5000 / (nvda.price * nvda.fxRate!), 9);
  expect(nvda.quantity).toBeGreaterThan(5000 / nvda.price); // 5,000 euros buy more shares than 5,000 dollars
  expect(report.holdings.find((h) => h.kind === 'cash')!.quantity).toBeCloseTo(1000, 9);
});
