import { column, createMatrix, mean, type Matrix } from '../core';
import type { MonteCarloInputs } from './monte-carlo';

/** The simulation follows the largest holdings one by one and the rest as one blended asset. */
const MONTE_CARLO_ASSETS = 20;

/**
 * The simulated assets: the 19 largest holdings and a 20th made of every other holding (its
 * weighted return series), so any portfolio fits in 20 assets. `single` and `rest` are price
 * columns.
 */
export interface SimulatedAssets {
  single: number[];
  rest: number[];
  /** Portfolio weight of each asset (the rest's is the sum of its holdings'). */
  weights: Float64Array;
  /** Annualised covariance of the assets' log returns, row-major k×k. */
  covariance: Float64Array;
}

/**
 * What the simulation needs from the return series, taken in the risk stage while its returns are
 * at hand (they live in the panel's wasm memory only for that stage): the assets and their
 * annualised log-return covariance.
 */
export function simulatedAssets(returns: Matrix, weights: Float64Array): SimulatedAssets {
  const held = [...weights.keys()].filter((j) => weights[j]! > 0).sort((a, b) => weights[b]! - weights[a]!);
  const single = held.length <= MONTE_CARLO_ASSETS ? held : held.slice(0, MONTE_CARLO_ASSETS - 1);
  const rest = held.slice(single.length);
  const k = single.length + (rest.length > 0 ? 1 : 0);
  const T = returns.rows;
  const logs = createMatrix(T, k);
  const w = new Float64Array(k);
  single.forEach((j, a) => {
    const src = column(returns, j);
    const dst = column(logs, a);
    for (let t = 0; t < T; t++) dst[t] = Math.log1p(src[t]!);
    w[a] = weights[j]!;
  });
  if (rest.length > 0) {
    const restWeight = rest.reduce((s, j) => s + weights[j]!, 0);
    const dst = column(logs, k - 1);
    // Column by column (contiguous), each day's sum still taken in the order of `rest`.
    for (const j of rest) {
      const wj = weights[j]!;
      const src = column(returns, j);
      for (let t = 0; t < T; t++) dst[t]! += wj * src[t]!;
    }
    for (let t = 0; t < T; t++) dst[t] = Math.log1p(dst[t]! / restWeight);
    w[k - 1] = restWeight;
  }
  return { single, rest, weights: w, covariance: annualCovariance(logs) };
}

/** The simulation's inputs: the assets, with each one's return in the bust scenario and in each other basket fall. */
export function monteCarloInputs(
  assets: SimulatedAssets,
  weights: Float64Array,
  columnBustReturns: Float64Array,
  columnBustReturnsByFall: ReadonlyMap<number, Float64Array>,
): MonteCarloInputs {
  const perAsset = (byColumn: Float64Array) => {
    const out = Float64Array.from(assets.single, (j) => byColumn[j]!);
    if (assets.rest.length === 0) return out;
    const restWeight = assets.weights[assets.weights.length - 1]!;
    const blended = new Float64Array(out.length + 1);
    blended.set(out);
    blended[out.length] = assets.rest.reduce((s, j) => s + weights[j]! * byColumn[j]!, 0) / restWeight;
    return blended;
  };
  return {
    weights: assets.weights,
    covariance: assets.covariance,
    bustReturns: perAsset(columnBustReturns),
    bustReturnsByFall: new Map([...columnBustReturnsByFall].map(([f, byColumn]) => [f, perAsset(byColumn)])),
  };
}

/**
 * Sample covariance × 252 of every pair of columns, each column centred once (k passes, then one
 * per pair) rather than both means recomputed for each of the k(k+1)/2 pairs: the same figures to
 * the bit, a third of the passes.
 */
function annualCovariance(m: Matrix): Float64Array {
  const { rows: T, cols: k } = m;
  const centred = createMatrix(T, k);
  for (let a = 0; a < k; a++) {
    const src = column(m, a);
    const mu = mean(src);
    const dst = column(centred, a);
    for (let t = 0; t < T; t++) dst[t] = src[t]! - mu;
  }
  const covariance = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const x = column(centred, a);
    for (let b = 0; b <= a; b++) {
      const y = column(centred, b);
      let s = 0;
      for (let t = 0; t < T; t++) s += x[t]! * y[t]!;
      covariance[a * k + b] = covariance[b * k + a] = T < 2 ? NaN : (s / (T - 1)) * 252;
    }
  }
  return covariance;
}
