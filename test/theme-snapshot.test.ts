/**
 * The theme share of a portfolio changes only through documented figures. The measures of
 * data/examples/portfolio.csv on the shared prices are checked in (test/fixtures/theme-snapshot.json)
 * with, beside each change of theme version, the reason every changed issuer figure changed.
 *
 * A figure changed on purpose: run `UPDATE_THEME_SNAPSHOT=1 npx jest test/theme-snapshot.test.ts`,
 * which rewrites `current`, then add a history entry with the reason for each issuer it lists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { CsvMarketData } from '../src/market';
import type { AnalysisReport } from '../src/report';
import { ETF_DIR, FIXTURES, PRICES_DIR, ROOT } from './helpers/paths';

const SNAPSHOT = path.join(FIXTURES, 'theme-snapshot.json');
const AS_OF = '2026-06-30';

interface Issuer {
  weight: number;
  relevance: number;
  confidence: string;
}
interface Snapshot {
  current: { theme: string; measures: Record<string, number>; issuers: Record<string, Issuer> };
  history: {
    theme: string;
    aiInfrastructure: number;
    relevance?: Record<string, number>;
    reasons?: Record<string, string>;
  }[];
}

/** The measures the theme data moves, for every issuer with a figure (weight > 0 and in the theme or the model). */
function measuresOf(r: AnalysisReport): Snapshot['current'] {
  const e = r.exposure;
  const issuers = Object.fromEntries(
    e.issuers
      .filter((i) => i.relevance > 0 || i.confidence !== 'none')
      .map((i) => [i.issuer, { weight: i.weight, relevance: i.relevance, confidence: i.confidence }]),
  );
  return {
    theme: r.versions.data.theme!.split(' ')[0]!,
    measures: {
      themeHoldings: e.headline.themeHoldings,
      aiInfrastructure: e.aiInfrastructure,
      capexBuyers: e.byRole.capexBuyers,
      capexSellers: e.byRole.capexSellers,
      ...Object.fromEntries(Object.entries(e.bySegment).map(([k, v]) => [`segment.${k}`, v])),
      coreFour: e.coreFour.total,
      dependence: e.dependence.weight,
      issuers: e.issuers.length,
    },
    issuers,
  };
}

let computed: Snapshot['current'];
const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;

beforeAll(async () => {
  const file = path.join(ROOT, 'data/examples/portfolio.csv');
  const report = await analysePortfolio(
    { file: { fileName: 'portfolio.csv', bytes: readFileSync(file) }, asOf: AS_OF, monteCarlo: { paths: 500 } },
    { market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }) },
  );
  computed = measuresOf(report);
  if (process.env.UPDATE_THEME_SNAPSHOT === '1')
    writeFileSync(SNAPSHOT, `${JSON.stringify({ ...snapshot, current: computed }, null, 1)}\n`);
});

test('the measures of the example portfolio are those checked in', () => {
  expect(computed.theme).toBe(snapshot.current.theme);
  for (const [k, v] of Object.entries(snapshot.current.measures))
    expect([k, computed.measures[k]]).toEqual([k, expect.closeTo(v, 12)]);
  expect(Object.keys(computed.issuers).sort()).toEqual(Object.keys(snapshot.current.issuers).sort());
  for (const [id, x] of Object.entries(snapshot.current.issuers))
    expect([id, computed.issuers[id]]).toEqual([
      id,
      { weight: expect.closeTo(x.weight, 12), relevance: x.relevance, confidence: x.confidence },
    ]);
});

test('the latest theme version gives a reason for every issuer figure that changed since the previous one', () => {
  const [previous, latest] = snapshot.history.slice(-2);
  expect(latest!.theme).toBe(snapshot.current.theme);
  expect(latest!.aiInfrastructure).toBeCloseTo(snapshot.current.measures.aiInfrastructure!, 12);
  const before = previous!.relevance ?? {};
  const now = Object.fromEntries(Object.entries(snapshot.current.issuers).map(([id, x]) => [id, x.relevance]));
  const changed = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter(
    (id) => (before[id] ?? 0) !== (now[id] ?? 0),
  );
  expect(changed.filter((id) => (latest!.reasons?.[id] ?? '').length < 20)).toEqual([]);
  // No reason for a figure that did not change: the list says exactly what moved.
  expect(Object.keys(latest!.reasons ?? {}).filter((id) => !changed.includes(id))).toEqual([]);
});
