/**
 * The theme share of a portfolio changes only through documented figures. The measures of
 * data/examples/portfolio.csv on the shared prices are checked in (test/fixtures/theme-snapshot.json)
 * with, beside each change of theme version, the reason every changed issuer figure changed.
 *
 * When the measures move (a figure changed on purpose, or new fund lists): run
 * `UPDATE_THEME_SNAPSHOT=1 npx jest test/theme-snapshot.test.ts`, which rewrites `current`, then add a
 * history entry with `current.relevance`, the reason for each figure that changed, or why the
 * measures moved when none did.
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
  current: {
    theme: string;
    measures: Record<string, number>;
    issuers: Record<string, Issuer>;
    /** Every held issuer's figure (0 outside the theme), for the next history entry. */
    relevance: Record<string, number>;
  };
  history: {
    theme: string;
    aiInfrastructure: number;
    relevance?: Record<string, number>;
    reasons?: Record<string, string>;
    why?: string;
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
    relevance: Object.fromEntries(e.issuers.map((i) => [i.issuer, i.relevance])),
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
  expect(computed.relevance).toEqual(snapshot.current.relevance);
});

test('every change of the measures in the history is explained: each figure that moved by its reason', () => {
  const history = snapshot.history;
  const latest = history.at(-1)!;
  expect(latest.theme).toBe(snapshot.current.theme);
  expect(latest.aiInfrastructure).toBeCloseTo(snapshot.current.measures.aiInfrastructure!, 12);
  expect(latest.relevance).toEqual(snapshot.current.relevance);
  for (const [k, next] of history.entries()) {
    if (k === 0) continue;
    const before = history[k - 1]!.relevance!;
    // Figures compared where both entries hold the issuer; issuers entering or leaving are holdings.
    const changed = Object.keys(next.relevance!).filter((id) => id in before && before[id] !== next.relevance![id]);
    const reasons = next.reasons ?? {};
    expect([k, changed.filter((id) => (reasons[id] ?? '').length < 20)]).toEqual([k, []]);
    // No reason for a figure that did not move: the list says exactly what did.
    expect([k, Object.keys(reasons).filter((id) => !changed.includes(id))]).toEqual([k, []]);
    // Measures that moved with no figure changing (new fund lists, say) say why.
    if (changed.length === 0) expect([k, (next.why ?? '').length > 40]).toEqual([k, true]);
  }
});
