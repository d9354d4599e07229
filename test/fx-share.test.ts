/**
 * The share of a portfolio's variance that comes from exchange rates, through the risk stage: only
 * converted columns carry an FX return. Checked against the rate series itself (not the prices the
 * stage divides), and at its two ends: all in the base currency → 0; a foreign stock whose own price
 * never moves → 1.
 */
import type { Position } from '../src/holdings';
import type { PriceHistory } from '../src/market';
import { riskStage } from '../src/analytics/risk-stage';
import { AI_BASKET, MARKET_BENCHMARK } from '../src/theme/enums';
import { Rng } from '../src/analytics/core';

const T = 300;
const days = Int32Array.from({ length: T }, (_, t) => 20_000 + t);
const rng = new Rng(3);

function walk(vol: number): Float64Array {
  const out = new Float64Array(T);
  let p = 100;
  for (let t = 0; t < T; t++) out[t] = p *= Math.exp(vol * rng.normal());
  return out;
}

const history = (symbol: string, currency: string, adjClose: Float64Array): PriceHistory => ({
  symbol,
  currency,
  days,
  close: adjClose,
  adjClose,
  adjCloseIsClose: false,
  origin: 'test',
});

const held = (symbol: string): Position => ({
  kind: 'security',
  basis: 'quantity',
  quantity: 1,
  symbol,
  rows: [1],
  file: {},
});

/** EUR per USD, a random walk; a USD price in euros is its dollar price times this rate. */
const eurPerUsd = walk(0.006);
const factorColumns = [...AI_BASKET, MARKET_BENCHMARK].map((s) => history(s, 'EUR', walk(0.02)));

function fxShare(columns: { local: PriceHistory; base: PriceHistory; weight: number }[]): number {
  const local = [...columns.map((c) => c.local), ...factorColumns];
  const base = [...columns.map((c) => c.base), ...factorColumns];
  const positions = columns.map((c) => held(c.local.symbol));
  const weights = Float64Array.from(columns, (c) => c.weight);
  return riskStage(base, local, days, positions, weights, false).stage.fxShareOfVariance;
}

function inEuros(h: PriceHistory): PriceHistory {
  return history(
    h.symbol,
    'EUR',
    Float64Array.from(h.adjClose, (p, t) => p * eurPerUsd[t]!),
  );
}

/** cov(f, p) / var(p), two passes, with f from the rate's own returns. */
function expected(columns: { base: Float64Array; weight: number; usd: boolean }[]): number {
  const n = T - 1;
  const p = new Float64Array(n);
  const f = new Float64Array(n);
  for (const c of columns)
    for (let t = 1; t < T; t++) {
      p[t - 1]! += c.weight * (c.base[t]! / c.base[t - 1]! - 1);
      if (c.usd) f[t - 1]! += c.weight * (eurPerUsd[t]! / eurPerUsd[t - 1]! - 1);
    }
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / n;
  const [mp, mf] = [mean(p), mean(f)];
  let cov = 0;
  let varP = 0;
  for (let t = 0; t < n; t++) {
    cov += (f[t]! - mf) * (p[t]! - mp);
    varP += (p[t]! - mp) ** 2;
  }
  return cov / varP;
}

test('a mix of a US stock and a euro fund: the FX part is the rate’s, weighted by the converted column', () => {
  const usd = history('USSTOCK', 'USD', walk(0.015));
  const usdInEur = inEuros(usd);
  const eur = history('EUFUND', 'EUR', walk(0.01));
  const share = fxShare([
    { local: usd, base: usdInEur, weight: 0.4 },
    { local: eur, base: eur, weight: 0.6 },
  ]);
  const want = expected([
    { base: usdInEur.adjClose, weight: 0.4, usd: true },
    { base: eur.adjClose, weight: 0.6, usd: false },
  ]);
  expect(share).toBeGreaterThan(0.01);
  expect(share).toBeCloseTo(want, 12);
});

test('all in the base currency: no FX share; a foreign stock whose own price never moves: all of it', () => {
  const eur = history('EUFUND', 'EUR', walk(0.01));
  expect(fxShare([{ local: eur, base: eur, weight: 1 }])).toBe(0);
  const flat = history('FLAT', 'USD', new Float64Array(T).fill(50));
  expect(fxShare([{ local: flat, base: inEuros(flat), weight: 1 }])).toBeCloseTo(1, 12);
});
