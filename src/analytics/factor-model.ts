import type { Matrix } from './core';

/**
 * Betas on two-day returns: a Milan or Xetra close comes 5½ hours before New York's, so daily
 * returns of a European listing against US closes understate its betas; over two days the lag is a
 * far smaller part of each interval. Recent behaviour counts more (exponential weights, half-life
 * six months) because the AI trade's relationships have changed fast since 2023.
 */
export const FACTOR_STEP_DAYS = 2;
export const FACTOR_HALF_LIFE_DAYS = 126;

/** Each column's exposure to the market and to the AI basket net of the market. */
export interface FactorModel {
  marketBeta: Float64Array;
  netAiBeta: Float64Array;
  /** The basket's own market beta: its residual ε = b − β·m is the "net AI" factor. */
  basketMarketBeta: number;
  /** Weighted variances (per two-day step) of the market and of ε; they split a portfolio's R². */
  marketVariance: number;
  residualVariance: number;
  /** Two-day returns (column-major), their weights, and the market series: for portfolio R². */
  returns: Matrix;
  weights: Float64Array;
}

/**
 * Two-factor regression of every column on the market and the basket's market residual, by
 * weighted least squares: r_j = α + β_m m + β_ai ε. The factors are centred and orthogonal under the
 * weights, so each beta is a weighted covariance over a weighted variance: O(T·N).
 */
export function factorModel(prices: Matrix, basketColumns: readonly number[], marketColumn: number): FactorModel {
  const returns = stepReturns(prices, FACTOR_STEP_DAYS);
  const n = returns.rows;
  const weights = decayWeights(n, FACTOR_HALF_LIFE_DAYS / FACTOR_STEP_DAYS);
  const rawMarket = returns.data.subarray(marketColumn * n, (marketColumn + 1) * n);
  const market = centred(rawMarket, weights);
  const basket = new Float64Array(n);
  for (const j of basketColumns)
    for (let t = 0; t < n; t++) basket[t]! += returns.data[j * n + t]! / basketColumns.length;
  const b = centred(basket, weights);
  // A market that never varies over two-day steps (a synthetic series) has no beta to give: 0, not x/ε.
  const flat = weightedDot(market, market, weights) <= 1e-12 * weightedDot(rawMarket, rawMarket, weights);
  const marketVariance = flat ? 0 : weightedDot(market, market, weights);
  const basketMarketBeta = marketVariance > 0 ? weightedDot(b, market, weights) / marketVariance : 0;
  const residual = Float64Array.from(b, (x, t) => x - basketMarketBeta * market[t]!);
  // A basket the market explains entirely (a synthetic market, or one series) has no net-AI factor
  // to load on: its betas are 0, not ±∞.
  const explained = weightedDot(residual, residual, weights) <= 1e-12 * weightedDot(basket, basket, weights);
  const residualVariance = explained ? 0 : weightedDot(residual, residual, weights);
  const marketBeta = new Float64Array(returns.cols);
  const netAiBeta = new Float64Array(returns.cols);
  for (let j = 0; j < returns.cols; j++) {
    // Σ w (r − r̄) x = Σ w r x for a weighted-centred x: no column mean needed.
    const r = returns.data.subarray(j * n, (j + 1) * n);
    marketBeta[j] = marketVariance > 0 ? weightedDot(r, market, weights) / marketVariance : 0;
    netAiBeta[j] = residualVariance > 0 ? weightedDot(r, residual, weights) / residualVariance : 0;
  }
  return { marketBeta, netAiBeta, basketMarketBeta, marketVariance, residualVariance, returns, weights };
}

/** Share of a portfolio's (weighted, two-day) variance that each factor explains: they add up to its R². */
export function portfolioFactorShares(model: FactorModel, columnWeights: Float64Array) {
  const n = model.returns.rows;
  const p = new Float64Array(n);
  for (let j = 0; j < model.returns.cols; j++) {
    const w = columnWeights[j]!;
    if (w === 0) continue;
    for (let t = 0; t < n; t++) p[t]! += w * model.returns.data[j * n + t]!;
  }
  const pc = centred(p, model.weights);
  const variance = weightedDot(pc, pc, model.weights);
  let marketBeta = 0;
  let netAiBeta = 0;
  for (let j = 0; j < columnWeights.length; j++) {
    marketBeta += columnWeights[j]! * model.marketBeta[j]!;
    netAiBeta += columnWeights[j]! * model.netAiBeta[j]!;
  }
  return {
    marketBeta,
    netAiBeta,
    marketR2: variance > 0 ? (marketBeta * marketBeta * model.marketVariance) / variance : 0,
    netAiR2: variance > 0 ? (netAiBeta * netAiBeta * model.residualVariance) / variance : 0,
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

/** Weights halving every `halfLife` steps back from the latest, summing to 1. */
function decayWeights(n: number, halfLife: number): Float64Array {
  const w = Float64Array.from({ length: n }, (_, t) => 0.5 ** ((n - 1 - t) / halfLife));
  const sum = w.reduce((s, x) => s + x, 0);
  for (let t = 0; t < n; t++) w[t]! /= sum;
  return w;
}

function centred(x: ArrayLike<number>, w: Float64Array): Float64Array {
  let m = 0;
  for (let t = 0; t < w.length; t++) m += w[t]! * x[t]!;
  return Float64Array.from({ length: w.length }, (_, t) => x[t]! - m);
}

function weightedDot(x: ArrayLike<number>, y: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  for (let t = 0; t < w.length; t++) s += w[t]! * x[t]! * y[t]!;
  return s;
}
