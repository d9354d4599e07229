import type { Matrix } from './core';

/**
 * Betas on two-day returns for listings that close with New York, weekly ones for the rest: a Milan
 * or Xetra close comes 4½ hours before New York's, so a European listing's daily returns against US
 * closes understate its betas badly (SWDA.MI on SPY in euros, two years to April 2026: 0.32 daily,
 * 0.52 on two-day, 0.80 on weekly returns, correlation 0.39 / 0.64 / 0.93). For US listings two-day
 * returns rank AI drawdowns better than weekly ones (more points) while damping day-to-day noise.
 * Recent behaviour counts more (exponential weights, half-life six months) because the AI trade's
 * relationships have changed fast since 2023.
 */
const FACTOR_STEP_DAYS = 2;
const FACTOR_STEP_DAYS_ASYNCHRONOUS = 5;
const FACTOR_HALF_LIFE_DAYS = 126;

/** Yahoo symbols without an exchange suffix are US listings; Toronto closes with New York too. */
function closesWithNewYork(symbol: string): boolean {
  const dot = symbol.lastIndexOf('.');
  return dot <= 0 || symbol.endsWith('.TO') || symbol.endsWith('.V') || /^[A-Z]+\.[A-Z]$/.test(symbol);
}

/** The two factors on returns of one step length, weighted, centred and orthogonal. */
interface FactorFit {
  step: number;
  returns: Matrix;
  weights: Float64Array;
  market: Float64Array;
  residual: Float64Array;
  marketVariance: number;
  residualVariance: number;
  /** The basket's own market beta: its residual ε = b − β·m is the "net AI" factor. */
  basketMarketBeta: number;
}

/** Each column's exposure to the market and to the AI basket net of the market. */
export interface FactorModel {
  marketBeta: Float64Array;
  netAiBeta: Float64Array;
  /** The basket's market beta at the column's step length (what its scenario's residual uses). */
  basketMarketBeta: Float64Array;
  /** Step length (trading days) of each column's returns. */
  step: Int32Array;
  fits: ReadonlyMap<number, FactorFit>;
}

/**
 * Two-factor regression of every column on the market and the basket's market residual, by
 * weighted least squares: r_j = α + β_m m + β_ai ε. The factors are centred and orthogonal under the
 * weights, so each beta is a weighted covariance over a weighted variance: O(T·N).
 */
export function factorModel(
  prices: Matrix,
  basketColumns: readonly number[],
  marketColumn: number,
  symbols: readonly string[],
): FactorModel {
  const steps = symbols.map((s) => (closesWithNewYork(s) ? FACTOR_STEP_DAYS : FACTOR_STEP_DAYS_ASYNCHRONOUS));
  const fits = new Map(
    [...new Set([FACTOR_STEP_DAYS, ...steps])].map((k) => [k, fitFactors(prices, basketColumns, marketColumn, k)]),
  );
  const marketBeta = new Float64Array(prices.cols);
  const netAiBeta = new Float64Array(prices.cols);
  const basketMarketBeta = new Float64Array(prices.cols);
  for (let j = 0; j < prices.cols; j++) {
    const fit = fits.get(steps[j]!)!;
    const betas = columnBetas(fit, j);
    marketBeta[j] = betas.market;
    netAiBeta[j] = betas.netAi;
    basketMarketBeta[j] = fit.basketMarketBeta;
  }
  return { marketBeta, netAiBeta, basketMarketBeta, step: Int32Array.from(steps), fits };
}

function fitFactors(prices: Matrix, basketColumns: readonly number[], marketColumn: number, step: number): FactorFit {
  const returns = stepReturns(prices, step);
  const n = returns.rows;
  const weights = decayWeights(n, FACTOR_HALF_LIFE_DAYS / step);
  const rawMarket = returns.data.subarray(marketColumn * n, (marketColumn + 1) * n);
  const market = centred(rawMarket, weights);
  const basket = new Float64Array(n);
  for (const j of basketColumns)
    for (let t = 0; t < n; t++) basket[t]! += returns.data[j * n + t]! / basketColumns.length;
  const b = centred(basket, weights);
  // A market that never varies over the steps (a synthetic series) has no beta to give: 0, not x/ε.
  const flat = weightedDot(market, market, weights) <= 1e-12 * weightedDot(rawMarket, rawMarket, weights);
  const marketVariance = flat ? 0 : weightedDot(market, market, weights);
  const basketMarketBeta = marketVariance > 0 ? weightedDot(b, market, weights) / marketVariance : 0;
  const residual = new Float64Array(n);
  for (let t = 0; t < n; t++) residual[t] = b[t]! - basketMarketBeta * market[t]!;
  // A basket the market explains entirely (a synthetic market, or one series) has no net-AI factor
  // to load on: its betas are 0, not ±∞.
  const explained = weightedDot(residual, residual, weights) <= 1e-12 * weightedDot(basket, basket, weights);
  const residualVariance = explained ? 0 : weightedDot(residual, residual, weights);
  return { step, returns, weights, market, residual, marketVariance, residualVariance, basketMarketBeta };
}

/** Σ w (r − r̄) x = Σ w r x for a weighted-centred x: no column mean needed. */
function columnBetas(fit: FactorFit, j: number): { market: number; netAi: number } {
  const n = fit.returns.rows;
  const r = fit.returns.data.subarray(j * n, (j + 1) * n);
  return {
    market: fit.marketVariance > 0 ? weightedDot(r, fit.market, fit.weights) / fit.marketVariance : 0,
    netAi: fit.residualVariance > 0 ? weightedDot(r, fit.residual, fit.weights) / fit.residualVariance : 0,
  };
}

/**
 * The portfolio's betas (Σ w β, each listing at its own step) and the share of its variance each
 * factor explains, on weekly returns when it holds a listing that closes before New York (so the
 * lag does not hide co-movement), else on two-day returns. The two shares add up to its R².
 */
export function portfolioFactorShares(model: FactorModel, columnWeights: Float64Array) {
  let marketBeta = 0;
  let netAiBeta = 0;
  let step = FACTOR_STEP_DAYS;
  for (let j = 0; j < columnWeights.length; j++) {
    const w = columnWeights[j]!;
    marketBeta += w * model.marketBeta[j]!;
    netAiBeta += w * model.netAiBeta[j]!;
    if (w !== 0) step = Math.max(step, model.step[j]!);
  }
  const fit = model.fits.get(step)!;
  const n = fit.returns.rows;
  const p = new Float64Array(n);
  for (let j = 0; j < columnWeights.length; j++) {
    const w = columnWeights[j]!;
    if (w !== 0) for (let t = 0; t < n; t++) p[t]! += w * fit.returns.data[j * n + t]!;
  }
  const pc = centred(p, fit.weights);
  const variance = weightedDot(pc, pc, fit.weights);
  const own = (x: Float64Array, v: number) => (v > 0 ? weightedDot(pc, x, fit.weights) / v : 0);
  const [bm, bai] = [own(fit.market, fit.marketVariance), own(fit.residual, fit.residualVariance)];
  return {
    marketBeta,
    netAiBeta,
    marketR2: variance > 0 ? (bm * bm * fit.marketVariance) / variance : 0,
    netAiR2: variance > 0 ? (bai * bai * fit.residualVariance) / variance : 0,
  };
}

/** Returns over non-overlapping steps ending on the last day (so the latest prices always count). */
function stepReturns(prices: Matrix, step: number): Matrix {
  const T = prices.rows;
  const points = Math.floor((T - 1) / step) + 1;
  const first = T - 1 - (points - 1) * step;
  const n = points - 1;
  const data = new Float64Array(n * prices.cols);
  for (let j = 0; j < prices.cols; j++) {
    const src = j * T;
    for (let k = 0; k < n; k++) {
      const from = first + k * step;
      data[j * n + k] = prices.data[src + from + step]! / prices.data[src + from]! - 1;
    }
  }
  return { rows: n, cols: prices.cols, data };
}

const decayWeightsMade = new Map<string, Float64Array>();

/**
 * Weights halving every `halfLife` steps back from the latest, summing to 1. The same few lengths
 * come back in every analysis: made once each (read only).
 */
function decayWeights(n: number, halfLife: number): Float64Array {
  const key = `${n}|${halfLife}`;
  let w = decayWeightsMade.get(key);
  if (w === undefined) {
    w = new Float64Array(n);
    for (let t = 0; t < n; t++) w[t] = 0.5 ** ((n - 1 - t) / halfLife);
    const sum = w.reduce((s, x) => s + x, 0);
    for (let t = 0; t < n; t++) w[t]! /= sum;
    decayWeightsMade.set(key, w);
  }
  return w;
}

/** x minus its weighted mean (a plain loop: `Float64Array.from` with a callback costs 10× more). */
function centred(x: ArrayLike<number>, w: Float64Array): Float64Array {
  let m = 0;
  for (let t = 0; t < w.length; t++) m += w[t]! * x[t]!;
  const out = new Float64Array(w.length);
  for (let t = 0; t < w.length; t++) out[t] = x[t]! - m;
  return out;
}

function weightedDot(x: ArrayLike<number>, y: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  for (let t = 0; t < w.length; t++) s += w[t]! * x[t]! * y[t]!;
  return s;
}
