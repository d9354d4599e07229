import { createMatrix, type Matrix } from './matrix';

/** Simple returns p[t]/p[t-1] − 1 of every column: a (rows−1) × cols matrix. */
export function simpleReturns(prices: Matrix): Matrix {
  const T = prices.rows - 1;
  const out = createMatrix(Math.max(T, 0), prices.cols);
  const p = prices.data;
  const r = out.data;
  for (let j = 0; j < prices.cols; j++) {
    const src = j * prices.rows;
    const dst = j * T;
    for (let t = 0; t < T; t++) r[dst + t] = p[src + t + 1]! / p[src + t]! - 1;
  }
  return out;
}

/** Σ_j w_j · column_j: the return series of a portfolio with constant weights. */
export function weightedRowSum(m: Matrix, weights: Float64Array): Float64Array {
  const out = new Float64Array(m.rows);
  const d = m.data;
  for (let j = 0; j < m.cols; j++) {
    const w = weights[j]!;
    if (w === 0) continue;
    const base = j * m.rows;
    for (let t = 0; t < m.rows; t++) out[t]! += w * d[base + t]!;
  }
  return out;
}

/** Row-wise plain mean of the chosen columns (an equal-weight basket rebalanced every row). */
export function rowMeanOfColumns(m: Matrix, columns: readonly number[]): Float64Array {
  const weights = new Float64Array(m.cols);
  for (const j of columns) weights[j]! += 1 / columns.length;
  return weightedRowSum(m, weights);
}
