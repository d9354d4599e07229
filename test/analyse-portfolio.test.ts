/** The pipeline on a small market whose figures can be worked out by hand. */
import { analysePortfolio } from '../src/analyse-portfolio';
import { AppError } from '../src/errors';
import { importHoldings } from '../src/holdings';
import { CsvMarketData, DemoMarketData, type MarketDataProvider } from '../src/market';
import { AnalysisReportSchema } from '../src/report';
import { sampleCovariance, sampleVariance } from '../src/analytics/core';
import { DEMO_MOMENTS } from '../src/market/demo-calibration';
import { alternating, writeSmallMarket } from './helpers/small-market';

// 70 returns alternating +2 % / −1 %: every symbol moves together, so beta to the basket is 1.
const RETURNS = 70;
const path70 = (start: number) => alternating(start, 0.02, 0.01, RETURNS);

function market(
  extra: Record<string, { close?: number[]; adjClose?: number[] }> = {},
  funds: Record<string, string> = {},
) {
  const { pricesDir, etfDir } = writeSmallMarket(
    {
      AMZN: { close: path70(100), adjClose: path70(100) },
      MSFT: { close: path70(200), adjClose: path70(200) },
      GOOGL: { close: path70(150), adjClose: path70(150) },
      NVDA: { close: path70(100), adjClose: path70(90) },
      FUND: { close: path70(50), adjClose: path70(50) },
      SPY: { close: path70(400), adjClose: path70(400) },
      ...extra,
    },
    funds,
  );
  return new CsvMarketData({ pricesDir, etfHoldingsDir: etfDir });
}

const FUND_CONSTITUENTS =
  'symbol,name,weight,as_of,source\nNVDA,NVIDIA,20,2024-03-01,test\nGOOG,Alphabet C,10,,\n-,Cash,5,,\nXYZ,Other,65,,\n';
const run = (csv: string, m: MarketDataProvider = market(), asOf?: string, baseCurrency?: string) =>
  analysePortfolio(
    {
      file: { fileName: 'h.csv', text: csv },
      monteCarlo: { paths: 2000 },
      ...(asOf !== undefined && { asOf }),
      ...(baseCurrency !== undefined && { baseCurrency }),
    },
    { market: m, now: () => new Date('2026-01-01T00:00:00Z') },
  );

test('valuation, weights, look-through and risk match the hand computation', async () => {
  const m = market({}, { FUND: FUND_CONSTITUENTS });
  const report = await run('symbol,quantity\nNVDA,4\nFUND,10\nNVDA,6\n', m);
  AnalysisReportSchema.parse(report);
  const last = (start: number) => path70(start)[RETURNS]!;
  // NVDA: 10 shares (rows 2 and 4 merged) at the unadjusted close; FUND: 10 shares.
  const nvdaValue = 10 * last(100);
  const fundValue = 10 * last(50);
  const total = nvdaValue + fundValue; // = 10·k·100 + 10·k·50 with k the common growth factor
  expect(report.holdings.map((h) => [h.symbol, h.quantity, h.rows])).toEqual([
    ['NVDA', 10, [2, 4]],
    ['FUND', 10, [3]],
  ]);
  expect(report.holdings[0]!.price).toBeCloseTo(last(100), 12);
  expect(report.totals.marketValue).toBeCloseTo(total, 9);
  expect(report.holdings[0]!.weight).toBeCloseTo(2 / 3, 14);
  expect(report.holdings[1]!.weight).toBeCloseTo(1 / 3, 14);
  // Look-through: NVDA 2/3 + 1/3 × 20 %; GOOG inside the fund counts as GOOGL: 1/3 × 10 %.
  expect(report.exposure.coreFour.NVDA).toBeCloseTo(2 / 3 + 0.2 / 3, 14);
  expect(report.exposure.coreFour.GOOGL).toBeCloseTo(0.1 / 3, 14);
  expect(report.exposure.coreFour.AMZN).toBe(0);
  expect(report.exposure.coreFour.total).toBeCloseTo(2 / 3 + 0.3 / 3, 14);
  expect(report.exposure.funds[0]).toMatchObject({ symbol: 'FUND', constituentsAsOf: '2024-03-01' });
  expect(report.exposure.funds[0]!.constituentsCoverage).toBeCloseTo(0.95, 14); // the cash line names no issuer
  expect(report.concentration.hhi).toBeCloseTo(4 / 9 + 1 / 9, 14);
  expect(report.concentration.effectiveN).toBeCloseTo(9 / 5, 12);
  // Every series has the same returns: mean 0.005, deviations ±0.015, sample variance 70·0.015²/69.
  expect(report.risk.lookbackDays).toBe(RETURNS);
  expect(report.risk.volatility).toBeCloseTo(Math.sqrt(((RETURNS * 0.015 ** 2) / (RETURNS - 1)) * 252), 12);
  expect(report.risk.betaToAiBasket).toBeCloseTo(1, 12);
  expect(report.risk.var95).toBeCloseTo(0.01, 12); // 35 of 70 returns are −1 %
  expect(report.risk.es95).toBeCloseTo(0.01, 12);
  expect(report.risk.maxDrawdown).toBeCloseTo(0.01, 12);
  expect(report.asOf).toBe('2024-04-08'); // the 71st weekday from 2024-01-01
  expect(report.warnings).toEqual([]);
});

test('asOf is the latest day every held symbol and the core four price; --as-of caps it', async () => {
  // LATE stops 5 days earlier than the others.
  const m = market({ LATE: { close: path70(10).slice(0, RETURNS - 4), adjClose: path70(10).slice(0, RETURNS - 4) } });
  const report = await run('symbol,quantity\nLATE,1\n', m);
  expect(report.asOf).toBe('2024-04-01');
  expect(report.risk.lookbackDays).toBe(RETURNS - 5);
  const capped = await run('symbol,quantity\nLATE,1\n', m, '2024-03-30'); // a Saturday
  expect(capped.asOf).toBe('2024-03-29');
});

test('a file with no unadjusted close is valued at adj_close, with a warning', async () => {
  const m = market({ ADJ: { adjClose: path70(20) } });
  const report = await run('symbol,quantity\nADJ,5\n', m);
  expect(report.holdings[0]!.price).toBeCloseTo(path70(20)[RETURNS]!, 12);
  expect(report.warnings.map((w) => w.code)).toEqual(['warn.valued_at_adjusted_close']);
});

test('an equity ETF without a constituents file is named in a warning; bond and gold funds are not', async () => {
  const m = market({
    QQQ: { close: path70(300), adjClose: path70(300) },
    BND: { close: path70(70), adjClose: path70(70) },
  });
  const report = await run('symbol,quantity\nQQQ,1\nBND,1\n', m);
  const w = report.warnings.find((x) => x.code === 'warn.etf_without_constituents');
  expect(w?.symbols).toEqual(['QQQ']);
  expect(w?.message).toMatch(/QQQ/);
});

test('a held symbol without prices is left out and named with its share; most of the value unpriced stops', async () => {
  const m = market();
  const report = await run('symbol,market value\nNVDA,7500\nZZZZ,2500\n', m);
  expect(report.holdings.map((h) => h.symbol)).toEqual(['NVDA']);
  expect(report.dataSource.missing).toEqual([
    { symbol: 'ZZZZ', reason: expect.objectContaining({ code: 'failure.no_price_file' }), share: 0.25 },
  ]);
  const w = report.warnings.find((x) => x.code === 'warn.symbols_without_data')!;
  expect(w.message).toBe('no market data for ZZZZ (25.0 % of the value): left out of the analysis');
  expect(w.message).not.toMatch(/\.csv|\//); // never a file name or a server path
  await expect(run('symbol,market value\nNVDA,2500\nZZZZ,7500\n', m)).rejects.toMatchObject({
    kind: 'market_data_missing',
    code: 'mostly_unpriced',
    message: expect.stringMatching(/^no market data for ZZZZ, which are 75 % of the value/),
  });
  // Quantities alone do not say what an unpriced line is worth: left out, share unknown.
  const unknown = await run('symbol,quantity\nNVDA,1\nZZZZ,2\n', m);
  expect(unknown.dataSource.missing).toEqual([expect.objectContaining({ symbol: 'ZZZZ', share: null })]);
});

test('bad inputs fail with an AppError naming what and where', async () => {
  const m = market({
    SHORT: { close: path70(10).slice(-30), adjClose: path70(10).slice(-30), start: '2024-02-26' } as never,
  });
  await expect(run('symbol,quantity\nNVDA,abc\n', m)).rejects.toMatchObject({
    code: 'no_usable_positions',
    location: { row: 2, column: 'quantity', value: 'abc' },
  });
  const short = run('symbol,quantity\nNVDA,1\nSHORT,1\n', m);
  await expect(short).rejects.toBeInstanceOf(AppError);
  await expect(short).rejects.toMatchObject({
    code: 'insufficient_history',
    location: { row: 3, column: 'symbol', value: 'SHORT' },
  });
  await expect(short).rejects.toThrow(/29 common daily returns, at least 60 needed; SHORT starts on 26 February 2024/);
  await expect(run('symbol,quantity\nNVDA,1\n', m, '2024-13-01')).rejects.toMatchObject({
    code: 'invalid_option',
    message: 'asOf "2024-13-01": not a date YYYY-MM-DD',
  });
  await expect(run('symbol,quantity,currency\nNVDA,1,EUR\n', m)).rejects.toMatchObject({
    code: 'currency_mismatch',
    location: { row: 2, column: 'currency' },
  });
});

test("a missing core-four price file is missing market data, not the user's symbol, and names no path", async () => {
  const { pricesDir } = writeSmallMarket({ NVDA: { close: path70(1) } });
  const failed = run('symbol,quantity\nNVDA,1\n', new CsvMarketData({ pricesDir }));
  await expect(failed).rejects.toMatchObject({ kind: 'market_data_missing', exitCode: 3, status: 422, location: {} });
  await expect(failed).rejects.toThrow(
    /^no market data for AMZN, MSFT, GOOGL and SPY, which every analysis needs: no price data for AMZN$/,
  );
});

test('a malformed price file of a held symbol is left out, named by symbol and row of its file, never by path', async () => {
  const core = Object.fromEntries(['AMZN', 'MSFT', 'GOOGL', 'NVDA', 'SPY'].map((x) => [x, { close: path70(100) }]));
  const { pricesDir } = writeSmallMarket({ ...core, BAD: { close: [1, 2] } });
  require('node:fs').writeFileSync(
    require('node:path').join(pricesDir, 'BAD.csv'),
    'date,close\n2024-01-02,10\n2024-01-03,-4\n',
  );
  const report = await run('symbol,market value\nNVDA,900\nBAD,100\n', new CsvMarketData({ pricesDir }));
  expect(report.dataSource.missing?.[0]).toMatchObject({
    symbol: 'BAD',
    share: 0.1,
    reason: { code: 'failure.invalid_data', message: 'the price data for BAD is malformed (row 3 of its file)' },
  });
});

test('the demo market reproduces its calibrated volatilities and correlations', async () => {
  const histories = await new DemoMarketData().getHistories(['NVDA', 'SMH', 'BND']);
  const logReturns = (s: string) => {
    const r = histories.get(s)!;
    if (!r.ok) throw new Error(r.failure.reason.code);
    const p = r.history.adjClose;
    return Array.from({ length: p.length - 1 }, (_, t) => Math.log(p[t + 1]! / p[t]!));
  };
  const [nvda, smh, bnd] = ['NVDA', 'SMH', 'BND'].map(logReturns) as [number[], number[], number[]];
  const vol = (x: number[]) => Math.sqrt(sampleVariance(x) * 252);
  // ~1,780 days of Student-t shocks: sampling error of a volatility is a few percent.
  expect(vol(nvda) / DEMO_MOMENTS.NVDA.volatility).toBeGreaterThan(0.9);
  expect(vol(nvda) / DEMO_MOMENTS.NVDA.volatility).toBeLessThan(1.1);
  expect(vol(bnd) / DEMO_MOMENTS.BND.volatility).toBeGreaterThan(0.85);
  expect(vol(bnd) / DEMO_MOMENTS.BND.volatility).toBeLessThan(1.15);
  const corr = sampleCovariance(nvda, smh) / Math.sqrt(sampleVariance(nvda) * sampleVariance(smh));
  expect(Math.abs(corr - 0.84)).toBeLessThan(0.05);
});

test('the demo market is deterministic and labelled', async () => {
  const csv = 'symbol,quantity\nNVDA,10\nSPY,5\n';
  const a = await run(csv, new DemoMarketData());
  const b = await run(csv, new DemoMarketData());
  expect(a).toEqual(b);
  expect(a.dataSource.kind).toBe('demo');
  expect(a.warnings[0]).toMatchObject({
    code: 'warn.demo_data',
    message: expect.stringMatching(/^synthetic demo data/),
  });
  const other = await run(csv, new DemoMarketData(1));
  expect(other.totals.marketValue).not.toBe(a.totals.marketValue);
  await expect(run('symbol,quantity\nORCL,1\n', new DemoMarketData())).rejects.toThrow(
    /^no market data for ORCL, which are 100 % of the value/,
  );
});

test('weights-only portfolios are valued on the notional total; weights kept exactly', async () => {
  const report = await run('symbol,weight\nNVDA,60%\nMSFT,40%\n');
  expect(report.holdings.map((h) => [h.symbol, h.sizedBy, h.marketValue, h.weight])).toEqual([
    ['NVDA', 'weight', 60_000, 0.6],
    ['MSFT', 'weight', 40_000, 0.4],
  ]);
  expect(report.holdings[0]!.quantity).toBeCloseTo(60_000 / path70(100)[RETURNS]!, 9);
  expect(report.warnings.map((w) => w.code)).toEqual(['warn.notional_value']);
  const rescaled = await run('symbol,weight\nNVDA,30\nMSFT,20\n');
  expect(rescaled.holdings.map((h) => h.weight)).toEqual([0.6, 0.4]);
  expect(rescaled.warnings.map((w) => w.code)).toEqual(['warn.notional_value', 'warn.weights_rescaled']);
});

test('mixed sizes: weight-only rows take their share of the total the valued rows imply', async () => {
  // NVDA 10 × P and 5,000 of MSFT by value are 80 % of the portfolio; GOOGL is the other 20 %.
  const report = await run('symbol,quantity,market value,weight\nNVDA,10,,\nMSFT,,5000,\nGOOGL,,,20%\n');
  const p = path70(100)[RETURNS]!;
  const total = (10 * p + 5000) / 0.8;
  expect(report.totals.marketValue).toBeCloseTo(total, 9);
  expect(report.holdings.map((h) => h.marketValue)).toEqual([10 * p, 5000, expect.closeTo(0.2 * total, 9)]);
  expect(report.holdings[2]!.weight).toBeCloseTo(0.2, 14);
  await expect(run('symbol,quantity,weight\nNVDA,10,\nMSFT,,100%\n')).rejects.toThrow(
    /the weight-only rows add up to 100.0 %/,
  );
});

test('USD cash is a position with no return: it dilutes volatility and beta by its weight', async () => {
  const withCash = await run('symbol,quantity\nNVDA,10\nUSD,500\n');
  const noCurrency = await importHoldings({ fileName: 'c.csv', text: 'symbol,quantity\nCASH,500\n' });
  expect(noCurrency.problems[0]?.reason).toMatch(/^cash line without a known currency: add a currency column/);
  const alone = await run('symbol,quantity\nNVDA,10\n');
  const p = path70(100)[RETURNS]!;
  const cashWeight = 500 / (10 * p + 500);
  expect(withCash.holdings[1]).toMatchObject({
    symbol: 'CASH',
    kind: 'cash',
    price: 1,
    quantity: 500,
    marketValue: 500,
    currency: 'USD',
  });
  expect(withCash.holdings[1]!.weight).toBeCloseTo(cashWeight, 14);
  expect(withCash.risk.volatility).toBeCloseTo(alone.risk.volatility * (1 - cashWeight), 12);
  expect(withCash.risk.betaToAiBasket).toBeCloseTo(1 - cashWeight, 12);
  // EUR cash without a EUR rate series in the prices folder: missing market data, not the user's row.
  const noRate = run('symbol,quantity\nNVDA,10\nEUR,500\n');
  await expect(noRate).rejects.toMatchObject({ kind: 'market_data_missing', code: 'fx_unavailable', location: {} });
  await expect(noRate).rejects.toThrow(/^no exchange rate from EUR to USD in the market data \(series EURUSD=X\)/);
});

test('rejected rows are left out and listed; --strict refuses them', async () => {
  const report = await run('symbol,quantity\nNVDA,10\nMSFT,lots\n');
  expect(report.holdings.map((h) => h.symbol)).toEqual(['NVDA']);
  expect(report.input.rejected).toEqual([
    expect.objectContaining({ row: 3, column: 'quantity', value: 'lots', reason: '"lots" is not a number' }),
  ]);
  await expect(
    analysePortfolio(
      { file: { fileName: 'h.csv', text: 'symbol,quantity\nNVDA,10\nMSFT,lots\n' }, strict: true },
      { market: market() },
    ),
  ).rejects.toMatchObject({ code: 'invalid_value', location: { row: 3, column: 'quantity' } });
});

test('the analysis uses exactly what the preview showed', async () => {
  const preview = await importHoldings({ fileName: 'p.csv', text: 'symbol,quantity\nNVDA,4\nNVDA,6\nJUNK,x\n' });
  const report = await analysePortfolio({ holdings: preview }, { market: market() });
  expect(report.holdings.map((h) => [h.symbol, h.quantity, h.rows])).toEqual(
    preview.holdings.map((h) => [h.symbol, h.basis === 'quantity' ? h.quantity : null, h.rows]),
  );
  expect(report.input.rejected).toEqual(preview.problems);
});

describe('valuing in a base currency', () => {
  // Dollars per euro alternating 1.10 / 1.21 (+10 %, −9.09 %), so FX moves the returns too.
  const eurusd = Array.from({ length: RETURNS + 1 }, (_, t) => (t % 2 === 0 ? 1.1 : 1.21));
  const fxMarket = () =>
    market({
      'EURUSD=X': { close: eurusd, adjClose: eurusd },
      'VWCE.DE': { close: path70(100), adjClose: path70(100) },
    });

  test('EUR listings and EUR cash are converted into USD at the asOf rate', async () => {
    const report = await run('symbol,quantity,currency\nVWCE.DE,10,EUR\nEUR,1000,\n', fxMarket());
    const rate = eurusd[RETURNS]!;
    const p = path70(100)[RETURNS]!;
    expect(report.baseCurrency).toBe('USD');
    expect(report.holdings[0]).toMatchObject({
      symbol: 'VWCE.DE',
      currency: 'EUR',
      price: p,
      fxRate: rate,
      marketValue: 10 * p * rate,
    });
    expect(report.holdings[1]).toMatchObject({
      symbol: 'CASH',
      currency: 'EUR',
      fxRate: rate,
      marketValue: 1000 * rate,
    });
    expect(report.totals.marketValue).toBeCloseTo(10 * p * rate + 1000 * rate, 9);
  });

  test('a EUR base uses the inverse rate and measures returns in euros', async () => {
    const report = await run('symbol,quantity\nNVDA,10\n', fxMarket(), undefined, 'EUR');
    const p = path70(100)[RETURNS]!;
    expect(report.baseCurrency).toBe('EUR');
    expect(report.holdings[0]!.marketValue).toBeCloseTo((10 * p) / eurusd[RETURNS]!, 9);
    // NVDA's return in euros: (1 + r_usd) / (1 + r_eurusd) − 1, day by day.
    const usd = path70(100);
    const eur = usd.map((v, t) => v / eurusd[t]!);
    const r = eur.slice(1).map((v, t) => v / eur[t]! - 1);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
    expect(report.risk.volatility).toBeCloseTo(sd * Math.sqrt(252), 12);
  });

  test("a missing rate series is missing market data, named by its series, never the user's row", async () => {
    await expect(
      run(
        'symbol,quantity,currency\nNVDA,1,USD\nVWCE.DE,10,EUR\n',
        market({ 'VWCE.DE': { close: path70(100), adjClose: path70(100) } }),
      ),
    ).rejects.toMatchObject({
      kind: 'market_data_missing',
      code: 'fx_unavailable',
      location: {},
      message: 'no exchange rate from EUR to USD in the market data (series EURUSD=X): choose another base currency',
    });
    await expect(run('symbol,quantity\nNVDA,1\n', market(), undefined, 'EURO')).rejects.toMatchObject({
      code: 'invalid_option',
    });
  });
});

test('a company outside the theme model gets its industry default (inferred) and, from the data source, its capex figures', async () => {
  const base = market({ ACME: { close: path70(50), adjClose: path70(50) } });
  const withProfiles: MarketDataProvider = {
    info: base.info,
    getHistories: (s) => base.getHistories(s),
    getFundHoldings: (s) => base.getFundHoldings(s),
    getInstrument: async (s) =>
      s === 'ACME' ? { symbol: s, kind: 'equity', industry: 'Internet Content & Information' } : base.getInstrument(s),
    getFundamentals: async (s) =>
      s === 'ACME'
        ? [
            {
              periodEnd: '2023-12-31',
              revenue: 100,
              operatingIncome: 20,
              operatingCashFlow: 40,
              capitalExpenditure: 10,
              depreciationAmortization: 5,
            },
            {
              periodEnd: '2024-12-31',
              revenue: 120,
              operatingIncome: 25,
              operatingCashFlow: 50,
              capitalExpenditure: 30,
              depreciationAmortization: 6,
            },
          ]
        : null,
  };
  const report = await run('symbol,quantity\nACME,10\nNVDA,10\n', withProfiles);
  const acme = report.exposure.issuers.find((i) => i.issuer === 'ACME')!;
  // A capex buyer that sells no data-centre capacity: relevance 0 by the one definition, a buyer all the same.
  expect(acme).toMatchObject({ roles: ['capexBuyer'], relevance: 0, confidence: 'inferred' });
  expect(report.overspending.fundamentals.buyers).toEqual([
    {
      issuer: 'ACME',
      weight: expect.any(Number),
      fiscalYear: '2024',
      capexToOperatingCashFlow: 30 / 50,
      capexToRevenue: 30 / 120,
      capexGrowth: 30 / 10 - 1,
      confidence: 'reported',
    },
  ]);
});

test('the summary splits the theme share into direct and through funds', async () => {
  const m = market({}, { FUND: FUND_CONSTITUENTS });
  const report = await run('symbol,quantity\nNVDA,4\nFUND,10\nNVDA,6\n', m);
  // NVDA direct 2/3 × 0.897017; through FUND: NVDA 1/3 × 20 % × 0.897017 + GOOG (Alphabet) 1/3 × 10 % × 0.145729.
  expect(report.summary.aiShareDirect).toBeCloseTo((2 / 3) * 0.897017, 14);
  expect(report.summary.aiShareThroughFunds).toBeCloseTo((1 / 3) * 0.2 * 0.897017 + (1 / 3) * 0.1 * 0.145729, 14);
  expect(report.summary.aiShareDirect + report.summary.aiShareThroughFunds).toBeCloseTo(
    report.exposure.aiInfrastructure,
    14,
  );
  expect(report.summary.topThemeIssuer).toEqual({
    issuer: 'NVDA',
    shareOfTheme: expect.closeTo(((2 / 3 + 0.2 / 3) * 0.897017) / report.exposure.aiInfrastructure, 12),
  });
});
