/**
 * The v1 contract: for any portfolio of the shared symbols, every figure equals an independent
 * numpy computation (test/reference/analyse_reference.py) to 1e-9 relative.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { Rng } from '../src/analytics/core';
import { CsvMarketData } from '../src/market';
import type { AnalysisReport } from '../src/report';
import { ETF_DIR, PRICES_DIR, pythonWithNumpy, ROOT } from './helpers/paths';

const SYMBOLS = [
  'AMZN',
  'MSFT',
  'GOOGL',
  'GOOG',
  'NVDA',
  'AAPL',
  'META',
  'AVGO',
  'AMD',
  'ORCL',
  'EQIX',
  'DLR',
  'ANET',
  'MU',
  'INTC',
  'TSLA',
  'JPM',
  'JNJ',
  'XOM',
  'SPY',
  'QQQ',
  'SOXX',
  'GLD',
  'TSM',
  'SMH',
  'XLK',
  'VGT',
  'BND',
  'AGG',
];
const AS_OF = [undefined, '2026-06-30', '2025-01-27', '2024-08-03', '2022-10-14', '2021-03-01'];

interface Case {
  holdings: string;
  asOf: string | undefined;
}

interface ConcentrationFigures {
  hhi: number;
  effectiveN: number;
  top1: number;
  top5: number;
  top10: number;
}

/** What test/reference/analyse_reference.py prints for one case: numpy's figures, in its own shape. */
interface NumpyReference {
  asOf: string;
  holdings: { symbol: string; price: number; marketValue: number; weight: number }[];
  totals: { marketValue: number };
  exposure: { coreFour: Record<'AMZN' | 'MSFT' | 'GOOGL' | 'NVDA' | 'total', number> };
  concentration: ConcentrationFigures;
  risk: {
    lookbackDays: number;
    volatility: number;
    betaToAiBasket: number;
    var95: number;
    es95: number;
    maxDrawdown: number;
    betaToMarket: number;
    aiBasketRSquared: number;
    riskContributions: Record<string, number>;
    rollingBeta: number[];
    correlation: { symbols: string[]; matrix: number[][]; lw: number[][]; shrinkage: number };
  };
  shockBeta: number;
  /** A window the portfolio's prices do not cover has no dates and a null return. */
  historical: { id: string; start?: string; end?: string; portfolioReturn: number | null }[];
  issuerConcentration: ConcentrationFigures;
  theme: {
    aiInfrastructure: number;
    capexBuyers: number;
    capexSellers: number;
    bySegment: Record<string, number>;
    themeHoldings: number;
    themeHoldingsBuyers: number;
  };
  factors: { marketBeta: number; netAiBeta: number; marketR2: number; netAiR2: number };
  scenario: { loss: number; loss2000: number; returns: Record<string, number>; score: number };
}

function makeCases(): Case[] {
  const rng = new Rng(7);
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-diff-'));
  const cases: Case[] = [];
  for (let k = 0; k < 24; k++) {
    const n = 1 + (rng.nextUint32() % 12);
    const lines = ['symbol,quantity'];
    for (let i = 0; i < n; i++) {
      const symbol = SYMBOLS[rng.nextUint32() % SYMBOLS.length]!;
      // Fractional quantities and repeated symbols (merged rows) on purpose.
      lines.push(`${symbol},${(1 + rng.uniform() * 500).toFixed(k % 3 === 0 ? 0 : 4)}`);
    }
    const file = path.join(dir, `p${k}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    cases.push({ holdings: file, asOf: AS_OF[k % AS_OF.length] });
  }
  return cases;
}

function expectClose(actual: number, expected: number, label: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  const rel = Math.abs(actual - expected) / scale;
  if (!(expected === 0 ? Math.abs(actual) < 1e-15 : rel <= 1e-9)) {
    throw new Error(`${label}: got ${actual}, numpy says ${expected} (relative error ${rel})`);
  }
}

describe('analysePortfolio against an independent numpy implementation on real prices', () => {
  const python = pythonWithNumpy();
  const cases = makeCases();
  let expected: NumpyReference[];
  let actual: AnalysisReport[];

  beforeAll(async () => {
    if (python === null)
      throw new Error('python3 with numpy is required for the differential tests (.ci/run installs python3-numpy)');
    const input = JSON.stringify(
      cases.map((c) => ({ holdings: c.holdings, pricesDir: PRICES_DIR, etfDir: ETF_DIR, asOf: c.asOf ?? null })),
    );
    expected = JSON.parse(
      execFileSync(python, [path.join(ROOT, 'test/reference/analyse_reference.py')], {
        input,
        maxBuffer: 64 << 20,
      }).toString(),
    );
    const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
    actual = [];
    for (const c of cases) {
      const text = require('node:fs').readFileSync(c.holdings, 'utf8');
      const shrinkCorrelation = cases.indexOf(c) % 2 === 1;
      actual.push(
        await analysePortfolio(
          {
            file: { fileName: path.basename(c.holdings), text },
            shrinkCorrelation,
            monteCarlo: { paths: 2000 },
            ...(c.asOf !== undefined && { asOf: c.asOf }),
          },
          { market },
        ),
      );
    }
  });

  test.each(cases.map((c, i) => [i, c.asOf ?? 'latest'] as const))(
    'portfolio %i as of %s: every v1 figure within 1e-9',
    (i) => {
      const a = actual[i]!;
      const e = expected[i]!;
      expect(a.asOf).toBe(e.asOf);
      expect(a.risk.lookbackDays).toBe(e.risk.lookbackDays);
      expect(a.holdings.map((h) => h.symbol)).toEqual(e.holdings.map((h: { symbol: string }) => h.symbol));
      a.holdings.forEach((h, j) => {
        for (const f of ['price', 'marketValue', 'weight'] as const)
          expectClose(h[f], e.holdings[j]![f], `holdings[${h.symbol}].${f}`);
      });
      expectClose(a.totals.marketValue, e.totals.marketValue, 'totals.marketValue');
      for (const k of ['AMZN', 'MSFT', 'GOOGL', 'NVDA', 'total'] as const)
        expectClose(a.exposure.coreFour[k], e.exposure.coreFour[k], `coreFour.${k}`);
      for (const k of ['hhi', 'effectiveN', 'top1', 'top5', 'top10'] as const)
        expectClose(a.concentration[k], e.concentration[k], `concentration.${k}`);
      for (const k of ['volatility', 'betaToAiBasket', 'var95', 'es95', 'maxDrawdown'] as const)
        expectClose(a.risk[k], e.risk[k], `risk.${k}`);
    },
  );

  test.each(cases.map((c, i) => [i, c.asOf ?? 'latest'] as const))(
    'portfolio %i as of %s: theme, issuer concentration, extended risk and overspending figures within 1e-9',
    (i) => {
      const a = actual[i]!;
      const e = expected[i]!;
      expectClose(a.risk.betaToMarket, e.risk.betaToMarket, 'risk.betaToMarket');
      expectClose(a.risk.aiBasketRSquared, e.risk.aiBasketRSquared, 'risk.aiBasketRSquared');
      const contributions = Object.fromEntries(a.risk.riskContributions.map((r) => [r.symbol, r.share]));
      expect(Object.keys(contributions).sort()).toEqual(Object.keys(e.risk.riskContributions).sort());
      for (const [symbol, share] of Object.entries(e.risk.riskContributions))
        expectClose(contributions[symbol]!, share as number, `riskContributions.${symbol}`);
      expect(a.risk.riskContributions.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 12);
      // The report keeps weekly points: every fifth trading day and the last.
      const weekly = (e.risk.rollingBeta as number[])
        .map((_, i) => i)
        .filter((i) => i % 5 === 0 || i === e.risk.rollingBeta.length - 1);
      expect(a.risk.rollingBetaToAiBasket.length).toBe(weekly.length);
      a.risk.rollingBetaToAiBasket.forEach((r, k) => {
        expectClose(r.beta, e.risk.rollingBeta[weekly[k]!]!, `rollingBeta[${weekly[k]}]`);
      });
      expect(a.risk.correlation.symbols).toEqual(e.risk.correlation.symbols);
      const reference = a.risk.correlation.method === 'ledoit-wolf' ? e.risk.correlation.lw : e.risk.correlation.matrix;
      if (a.risk.correlation.method === 'ledoit-wolf')
        expectClose(a.risk.correlation.shrinkage, e.risk.correlation.shrinkage, 'correlation.shrinkage');
      a.risk.correlation.matrix.forEach((row, r) => {
        row.forEach((v, c) => {
          expectClose(v, reference[r]![c]!, `correlation[${r}][${c}]`);
        });
      });
      a.overspending.shocks.forEach((s) => {
        expectClose(s.portfolioReturn, s.shock * e.shockBeta, `shocks[${s.shock}]`);
        expectClose(s.fromBuyers + s.fromSellers + s.fromRest, s.portfolioReturn, `shocks[${s.shock}] parts`);
      });
      expect(a.overspending.historical.map((h) => h.id)).toEqual(e.historical.map((h: { id: string }) => h.id));
      a.overspending.historical.forEach((h, k) => {
        const ref = e.historical[k]!;
        if (ref.portfolioReturn === null) expect(h.portfolioReturn).toBeNull();
        else {
          expect([h.start, h.end]).toEqual([ref.start, ref.end]);
          expectClose(h.portfolioReturn!, ref.portfolioReturn, `historical.${h.id}`);
        }
      });
      for (const k of ['hhi', 'effectiveN', 'top1', 'top5', 'top10'] as const)
        expectClose(a.concentration.issuer![k], e.issuerConcentration[k], `concentration.issuer.${k}`);
      expectClose(a.exposure.aiInfrastructure, e.theme.aiInfrastructure, 'exposure.aiInfrastructure');
      expectClose(a.exposure.byRole.capexBuyers, e.theme.capexBuyers, 'byRole.capexBuyers');
      const h = a.exposure.headline;
      expectClose(h.aiRevenueShare, e.theme.aiInfrastructure, 'headline.aiRevenueShare');
      expectClose(h.themeHoldings, e.theme.themeHoldings, 'headline.themeHoldings');
      expectClose(
        h.themeHoldingsByRole.capexBuyers,
        e.theme.themeHoldingsBuyers,
        'headline.themeHoldingsByRole.capexBuyers',
      );
      expectClose(h.netAiBeta, e.factors.netAiBeta, 'headline.netAiBeta');
      expectClose(h.marketBeta, e.factors.marketBeta, 'headline.marketBeta');
      expectClose(h.netAiBetaR2, e.factors.netAiR2, 'headline.netAiBetaR2');
      expectClose(h.marketR2, e.factors.marketR2, 'headline.marketR2');
      expectClose(a.overspending.expectedLoss, e.scenario.loss, 'overspending.expectedLoss');
      expectClose(a.overspending.score, e.scenario.score, 'overspending.score');
      expectClose(a.overspending.reference2000.loss, e.scenario.loss2000, 'overspending.reference2000.loss');
      for (const c of a.overspending.contributions)
        expectClose(c.scenarioReturn, e.scenario.returns[c.symbol]!, `contributions.${c.symbol}.scenarioReturn`);
      expectClose(a.exposure.byRole.capexSellers, e.theme.capexSellers, 'byRole.capexSellers');
      for (const [k, v] of Object.entries(e.theme.bySegment))
        expectClose(a.exposure.bySegment[k as keyof typeof a.exposure.bySegment], v as number, `bySegment.${k}`);
    },
  );

  test('the cases cover merged rows, short histories and price files without an unadjusted close', () => {
    expect(actual.some((r) => r.holdings.some((h) => h.rows.length > 1))).toBe(true);
    expect(actual.some((r) => r.risk.lookbackDays < 756)).toBe(true);
    expect(actual.some((r) => r.warnings.some((w) => w.code === 'warn.valued_at_adjusted_close'))).toBe(true);
    expect(actual.some((r) => r.exposure.funds.length > 0)).toBe(true);
  });
});
