import { createMatrix, type Matrix } from './matrix';

/** Simple returns p[t]/p[t-1] − 1 of every column: a (rows−1) × cols matrix. */
export function simpleReturns(prices: Matrix): Matrix {
  return simpleReturnsInto(prices, createMatrix(Math.max(prices.rows - 1, 0), prices.cols));
}

/** The same into a matrix the caller owns (no allocation: reuse it across runs). */
export function simpleReturnsInto(prices: Matrix, out: Matrix): Matrix {
  const T = prices.rows - 1;
  const p = prices.data;
  const r = out.data;
  for (let j = 0; j < prices.cols; j++) {
    const src = j * prices.rows;
    const dst = j * T;
    for (let t = 0; t < T; t++) r[dst + t] = p[src + t + 1]! / p[src + t]! - 1;
  }
  return out;
}

/**
 * Σ_j w_j · column_j: the return series of a portfolio with constant weights. Four columns are
 * folded per sweep so the output is read and written a quarter as often.
 */
export function weightedRowSum(m: Matrix, weights: Float64Array): Float64Array {
  const T = m.rows;
  const out = new Float64Array(T);
  const d = m.data;
  const nonZero: number[] = [];
  for (let j = 0; j < m.cols; j++) if (weights[j] !== 0) nonZero.push(j);
  let k = 0;
  for (; k + 3 < nonZero.length; k += 4) {
    const a = nonZero[k]! * T;
    const b = nonZero[k + 1]! * T;
    const c = nonZero[k + 2]! * T;
    const e = nonZero[k + 3]! * T;
    const wa = weights[nonZero[k]!]!;
    const wb = weights[nonZero[k + 1]!]!;
    const wc = weights[nonZero[k + 2]!]!;
    const we = weights[nonZero[k + 3]!]!;
    for (let t = 0; t < T; t++) out[t]! += wa * d[a + t]! + wb * d[b + t]! + wc * d[c + t]! + we * d[e + t]!;
  }
  for (; k < nonZero.length; k++) {
    const base = nonZero[k]! * T;
    const wj = weights[nonZero[k]!]!;
    for (let t = 0; t < T; t++) out[t]! += wj * d[base + t]!;
  }
  return out;
}

/** Row-wise plain mean of the chosen columns (an equal-weight basket rebalanced every row). */
export function rowMeanOfColumns(m: Matrix, columns: readonly number[]): Float64Array {
  const weights = new Float64Array(m.cols);
  for (const j of columns) weights[j]! += 1 / columns.length;
  return weightedRowSum(m, weights);
}
