import { column, createMatrix, dot, mean, type Matrix } from '../core';
import type { MonteCarloInputs } from './monte-carlo';

/** The simulation follows the largest holdings one by one and the rest as one blended asset. */
const MONTE_CARLO_ASSETS = 20;

/**
 * Annualised log-return covariance of the simulated assets: the 19 largest holdings and a 20th asset
 * made of every other holding (its weighted return series), so any portfolio fits in 20 assets.
 */
export function monteCarloInputs(
  returns: Matrix,
  weights: Float64Array,
  columnBustReturns: Float64Array,
  columnBustReturnsByFall: ReadonlyMap<number, Float64Array>,
): MonteCarloInputs {
  const held = [...weights.keys()].filter((j) => weights[j]! > 0).sort((a, b) => weights[b]! - weights[a]!);
  const single = held.length <= MONTE_CARLO_ASSETS ? held : held.slice(0, MONTE_CARLO_ASSETS - 1);
  const rest = held.slice(single.length);
  const k = single.length + (rest.length > 0 ? 1 : 0);
  const T = returns.rows;
  const logs = createMatrix(T, k);
  const w = new Float64Array(k);
  const bust = new Float64Array(k);
  const byFall = new Map([...columnBustReturnsByFall.keys()].map((f) => [f, new Float64Array(k)]));
  single.forEach((j, a) => {
    const src = column(returns, j);
    const dst = column(logs, a);
    for (let t = 0; t < T; t++) dst[t] = Math.log1p(src[t]!);
    w[a] = weights[j]!;
    bust[a] = columnBustReturns[j]!;
    for (const [f, out] of byFall) out[a] = columnBustReturnsByFall.get(f)![j]!;
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
    const blend = (col: Float64Array) => rest.reduce((s, j) => s + weights[j]! * col[j]!, 0) / restWeight;
    bust[k - 1] = blend(columnBustReturns);
    for (const [f, out] of byFall) out[k - 1] = blend(columnBustReturnsByFall.get(f)!);
  }
  return { weights: w, covariance: annualCovariance(logs), bustReturns: bust, bustReturnsByFall: byFall };
}

/**
 * Sample covariance × 252 of every pair of columns, each column centred once (k passes, then one
 * per pair) rather than both means recomputed for each of the k(k+1)/2 pairs, and each pair's
 * products summed in four running sums (one sum waited on the previous addition: 210 pairs × 750
 * days took 0.25-0.5 ms of each analysis).
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
    for (let b = 0; b <= a; b++) {
      const s = dot(centred.data, a * T, b * T, T);
      covariance[a * k + b] = covariance[b * k + a] = T < 2 ? NaN : (s / (T - 1)) * 252;
    }
  }
  return covariance;
}
