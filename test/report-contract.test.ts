/**
 * The report is assembled to the schema's exact shape, without a zod parse per analysis (it cost
 * 3-5 ms warm and copied the report): every report here must equal its own parse — nothing stripped,
 * nothing missing, every value of its declared type — and list its issuers as the schema says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { CsvMarketData, DemoMarketData } from '../src/market';
import { AnalysisReportSchema, type AnalysisReport } from '../src/report';
import { LISTED_ISSUERS } from '../src/report/assemble';
import { ETF_DIR, FIXTURES, PRICES_DIR, ROOT } from './helpers/paths';

const REAL =
  'AAPL AGG AMD AMZN ANET AVGO BND CSSPX.MI DLR EQIX GLD GOOG GOOGL INTC JNJ JPM META MSFT MU NVDA ORCL QQQ SMH SOXX SPY';
const real = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const csv = `symbol,quantity\n${REAL.split(' ')
  .map((s, i) => `${s},${10 + i}`)
  .join('\n')}\n`;
const now = () => new Date('2026-11-30T00:00:00Z');

const cases: [string, () => Promise<AnalysisReport>][] = [
  [
    '25 real holdings, 6 funds',
    () => analysePortfolio({ file: { fileName: 'p.csv', text: csv } }, { market: real, now }),
  ],
  [
    'the same with every issuer',
    () => analysePortfolio({ file: { fileName: 'p.csv', text: csv }, allIssuers: true }, { market: real, now }),
  ],
  [
    'a Degiro export in euros',
    () =>
      analysePortfolio(
        { file: { fileName: 'd.csv', bytes: readFileSync(path.join(FIXTURES, 'holdings', 'degiro-it-europe.csv')) } },
        { market: real, now },
      ),
  ],
  [
    'the demo example',
    () =>
      analysePortfolio(
        { file: { fileName: 'e.csv', bytes: readFileSync(path.join(ROOT, 'data/examples/portfolio.csv')) } },
        { market: new DemoMarketData(), now },
      ),
  ],
];

test.each(cases)('%s: the report equals its own schema parse', async (_, run) => {
  const report = await run();
  expect(AnalysisReportSchema.parse(report)).toEqual(report);
});

test('issuers: the theme and the 25 largest, the rest counted; all of them on request', async () => {
  const [shown, all] = await Promise.all([cases[0]![1](), cases[1]![1]()]);
  const listed = new Set(shown.exposure.issuers.map((i) => i.issuer));
  const rest = all.exposure.issuers.filter((i) => !listed.has(i.issuer));
  expect(all.exposure.issuers.slice(0, LISTED_ISSUERS).every((i) => listed.has(i.issuer))).toBe(true);
  expect(rest.every((i) => i.themeWeight === 0 && i.confidence === 'none')).toBe(true);
  expect(shown.exposure.issuersOmitted.count).toBe(rest.length);
  expect(rest.length).toBeGreaterThan(400);
  expect(shown.exposure.issuersOmitted.weight).toBeCloseTo(
    rest.reduce((s, i) => s + i.weight, 0),
    12,
  );
  expect(all.exposure.issuersOmitted).toEqual({ count: 0, weight: 0 });
  const { issuers: _a, issuersOmitted: _b, ...exposure } = shown.exposure;
  const { issuers: _c, issuersOmitted: _d, ...exposureAll } = all.exposure;
  expect(exposure).toEqual(exposureAll);
  expect(shown.concentration).toEqual(all.concentration);
});
