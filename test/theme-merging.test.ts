/**
 * Every listing of a company is one issuer, wherever it is held: directly under two listings, by
 * ISIN only, inside a sector fund, and inside a global fund whose list writes it as a local code on
 * its exchange (`2330` on the Taiwan Stock Exchange). There are no shared price files for the ASML
 * listings or an ACWI fund, so those cases run on their own fixture prices; the fund lists are the
 * shared ones (SMH, ACWI, QQQ).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { CsvMarketData, type MarketDataProvider, parseFundHoldingsCsv } from '../src/market';
import type { AnalysisReport } from '../src/report';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';
import { alternating, writeSmallMarket } from './helpers/small-market';

const RETURNS = 80;
const series = (start: number) => {
  const p = alternating(start, 0.015, 0.01, RETURNS);
  return { close: p, adjClose: p };
};
const shared = (fund: string) => readFileSync(path.join(ETF_DIR, `${fund}.csv`), 'utf8');

/** Basket, benchmark, the listings under test and a euro rate, all on the same weekdays. */
const fixtureMarket = (): MarketDataProvider => {
  const { pricesDir, etfDir } = writeSmallMarket(
    {
      AMZN: series(100),
      MSFT: series(300),
      GOOGL: series(150),
      NVDA: series(120),
      SPY: series(500),
      ASML: series(700),
      'ASML.AS': series(650),
      TSM: series(180),
      SMH: series(250),
      ACWI: series(110),
      QCOM: series(160),
      CCI: series(100),
      EQX: series(90),
      'EURUSD=X': { close: Array(RETURNS + 1).fill(1.1), adjClose: Array(RETURNS + 1).fill(1.1) },
    },
    { SMH: shared('SMH'), ACWI: shared('ACWI') },
  );
  return new CsvMarketData({ pricesDir, etfHoldingsDir: etfDir });
};

const run = (csv: string, market: MarketDataProvider, asOf?: string) =>
  analysePortfolio(
    { file: { fileName: 'h.csv', text: csv }, monteCarlo: { paths: 500 }, ...(asOf !== undefined && { asOf }) },
    { market },
  );

const issuer = (r: AnalysisReport, id: string) => r.exposure.issuers.filter((i) => i.issuer === id);
const weightOf = (r: AnalysisReport, symbol: string) => r.holdings.find((h) => h.symbol === symbol)!.weight;
const constituent = (fund: string, symbol: string) =>
  parseFundHoldingsCsv(shared(fund), fund).constituents.find((c) => c.symbol === symbol)!.weight;

test('ASML held directly, as ASML.AS and inside SMH is one issuer line with three paths', async () => {
  const r = await run('symbol,quantity\nASML,10\nASML.AS,10\nSMH,20\n', fixtureMarket());
  const [asml, ...more] = issuer(r, 'ASML');
  expect(more).toEqual([]);
  expect(issuer(r, 'ASML.AS')).toEqual([]);
  const smhShare = weightOf(r, 'SMH') * (constituent('SMH', 'ASML') / 100);
  expect(asml!.paths).toEqual([
    { via: 'direct', listing: 'ASML', weight: weightOf(r, 'ASML') },
    { via: 'direct', listing: 'ASML.AS', weight: weightOf(r, 'ASML.AS') },
    { via: 'SMH', weight: expect.closeTo(smhShare, 15) },
  ]);
  expect(asml!.weight).toBeCloseTo(weightOf(r, 'ASML') + weightOf(r, 'ASML.AS') + smhShare, 15);
  // Each holding takes its issuer's figure, whichever listing it is.
  const asmlAs = r.holdings.find((h) => h.symbol === 'ASML.AS')!;
  expect(asmlAs.theme).toMatchObject({ relevance: asml!.relevance, confidence: 'estimate' });
});

test('an ISIN-only row lands on the issuer of its listing', async () => {
  const r = await run('isin,quantity\nNL0010273215,10\nUS67066G1040,5\n', fixtureMarket());
  expect(r.holdings.map((h) => h.symbol)).toEqual(['ASML.AS', 'NVDA']);
  expect(issuer(r, 'ASML')[0]!.paths).toEqual([{ via: 'direct', listing: 'ASML.AS', weight: weightOf(r, 'ASML.AS') }]);
  expect(r.exposure.coreFour.NVDA).toBeCloseTo(weightOf(r, 'NVDA'), 15);
});

test('TSM held directly, through SMH and through a global fund listing 2330 in Taipei is one issuer', async () => {
  const r = await run('symbol,quantity\nTSM,10\nSMH,10\nACWI,100\n', fixtureMarket());
  const [tsm, ...more] = issuer(r, 'TSM');
  expect(more).toEqual([]);
  const viaSmh = weightOf(r, 'SMH') * (constituent('SMH', 'TSM') / 100);
  const viaAcwi = weightOf(r, 'ACWI') * (constituent('ACWI', '2330') / 100);
  expect(tsm!.paths).toEqual([
    { via: 'direct', listing: 'TSM', weight: weightOf(r, 'TSM') },
    { via: 'SMH', weight: expect.closeTo(viaSmh, 15) },
    { via: 'ACWI', weight: expect.closeTo(viaAcwi, 15) },
  ]);
  // The local codes of other companies land on their own issuers: Samsung and SK hynix by their Seoul
  // listings, Schneider (SU in Paris) and Suncor (SU in Toronto) apart.
  for (const id of ['005930.KS', '000660.KS', 'SU.PA', 'SU.TO']) expect([id, issuer(r, id).length]).toEqual([id, 1]);
  expect(issuer(r, 'SU')).toEqual([]);
  expect(issuer(r, '2330')).toEqual([]);
  expect(issuer(r, 'SU.PA')[0]!.relevance).toBe(0.25);
  expect(issuer(r, 'SU.TO')[0]!.relevance).toBe(0);
});

test('GOOG and GOOGL held directly and through QQQ are one Alphabet line, on the shared prices', async () => {
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const r = await run('symbol,quantity\nGOOG,10\nGOOGL,10\nQQQ,5\n', market, '2026-06-30');
  const [alphabet, ...more] = issuer(r, 'GOOGL');
  expect(more).toEqual([]);
  expect(issuer(r, 'GOOG')).toEqual([]);
  // QQQ's list (its own, or its index's when fresher) holds both share classes: both land on the one QQQ path.
  const list = r.exposure.funds.find((f) => f.symbol === 'QQQ')!.constituentsVia?.list ?? 'QQQ';
  const viaQqq = weightOf(r, 'QQQ') * ((constituent(list, 'GOOGL') + constituent(list, 'GOOG')) / 100);
  expect(alphabet!.paths).toEqual([
    { via: 'direct', listing: 'GOOG', weight: weightOf(r, 'GOOG') },
    { via: 'direct', listing: 'GOOGL', weight: weightOf(r, 'GOOGL') },
    { via: 'QQQ', weight: expect.closeTo(viaQqq, 15) },
  ]);
  expect(r.exposure.coreFour.GOOGL).toBeCloseTo(alphabet!.weight, 15);
  const rule = r.concentration.rules.find((x) => x.id === 'single-issuer')!;
  expect(rule.offenders).toContain('GOOGL');
});

test('an issuer gets the same figure wherever it is held; tower REITs get no data-centre default', async () => {
  const base = fixtureMarket();
  // A source that knows industries (as Yahoo does) for the listings held directly.
  const industries: Record<string, string> = { CCI: 'REIT - Specialty', EQX: 'REIT - Specialty' };
  const market: MarketDataProvider = {
    info: base.info,
    getHistories: (s) => base.getHistories(s),
    getFundHoldings: (s) => base.getFundHoldings(s),
    getInstrument: async (s) =>
      industries[s] !== undefined ? { symbol: s, kind: 'equity', industry: industries[s] } : base.getInstrument(s),
  };
  const direct = await run('symbol,quantity\nQCOM,10\nCCI,10\nEQX,10\n', market);
  const inFund = await run('symbol,quantity\nSMH,10\n', market);
  const qcom = (r: AnalysisReport) => issuer(r, 'QCOM')[0]!;
  expect(qcom(direct)).toMatchObject({ relevance: 0.3, confidence: 'inferred' });
  expect(qcom(inFund)).toMatchObject({ relevance: 0.3, confidence: 'inferred' });
  expect(qcom(inFund).paths.map((p) => p.via)).toEqual(['SMH']);
  expect(issuer(direct, 'CCI')[0]).toMatchObject({ relevance: 0, confidence: 'none' });
  expect(issuer(direct, 'EQX')[0]).toMatchObject({ relevance: 0.3, confidence: 'inferred' });
});
