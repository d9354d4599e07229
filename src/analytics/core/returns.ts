import { claimReturnsMatrix, simdSimpleReturns, simdWeightedRowSum } from './kernel-arena';
import { createMatrix, type Matrix } from './matrix';

/**
 * Simple returns p[t]/p[t-1] − 1 of every column: a (rows−1) × cols matrix. A panel made by
 * createPanelMatrix gets them in wasm beside it (kernel-arena.ts), two divisions at a time.
 */
export function simpleReturns(prices: Matrix): Matrix {
  return simpleReturnsInto(
    prices,
    claimReturnsMatrix(prices) ?? createMatrix(Math.max(prices.rows - 1, 0), prices.cols),
  );
}

/**
 * The same into a matrix the caller owns (no allocation: reuse it across runs). Four days per step,
 * each price read once: 1.5× faster than one day per step (500 × 756 returns: 0.88 → 0.59 ms
 * alone on a core); what is left is one division per return, which numpy does two or four at a time.
 */
export function simpleReturnsInto(prices: Matrix, out: Matrix): Matrix {
  if (simdSimpleReturns(prices, out)) return out;
  const T = prices.rows - 1;
  const p = prices.data;
  const r = out.data;
  for (let j = 0; j < prices.cols; j++) {
    const src = j * prices.rows;
    const dst = j * T;
    let t = 0;
    for (; t + 3 < T; t += 4) {
      const at = src + t;
      // Separate consts: an array destructuring here is not optimised away (2.4× slower).
      const p0 = p[at]!;
      const p1 = p[at + 1]!;
      const p2 = p[at + 2]!;
      const p3 = p[at + 3]!;
      const p4 = p[at + 4]!;
      r[dst + t] = p1 / p0 - 1;
      r[dst + t + 1] = p2 / p1 - 1;
      r[dst + t + 2] = p3 / p2 - 1;
      r[dst + t + 3] = p4 / p3 - 1;
    }
    for (; t < T; t++) r[dst + t] = p[src + t + 1]! / p[src + t]! - 1;
  }
  return out;
}

/**
 * Σ_j w_j · column_j: the return series of a portfolio with constant weights. Eight columns are
 * folded per sweep, so the output is read and written an eighth as often (the loop is bound by
 * memory traffic, not arithmetic).
 */
export function weightedRowSum(m: Matrix, weights: Float64Array): Float64Array {
  const simd = simdWeightedRowSum(m, weights);
  if (simd !== undefined) return simd;
  const T = m.rows;
  const out = new Float64Array(T);
  const d = m.data;
  let j = 0;
  for (; j + 7 < m.cols; j += 8) {
    const w0 = weights[j]!;
    const w1 = weights[j + 1]!;
    const w2 = weights[j + 2]!;
    const w3 = weights[j + 3]!;
    const w4 = weights[j + 4]!;
    const w5 = weights[j + 5]!;
    const w6 = weights[j + 6]!;
    const w7 = weights[j + 7]!;
    if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0 && w6 === 0 && w7 === 0) continue;
    const b = j * T;
    for (let t = 0; t < T; t++) {
      const i = b + t;
      out[t]! +=
        w0 * d[i]! +
        w1 * d[i + T]! +
        w2 * d[i + 2 * T]! +
        w3 * d[i + 3 * T]! +
        w4 * d[i + 4 * T]! +
        w5 * d[i + 5 * T]! +
        w6 * d[i + 6 * T]! +
        w7 * d[i + 7 * T]!;
    }
  }
  for (; j < m.cols; j++) {
    const wj = weights[j]!;
    if (wj === 0) continue;
    const b = j * T;
    for (let t = 0; t < T; t++) out[t]! += wj * d[b + t]!;
  }
  return out;
}

/** Row-wise plain mean of the chosen columns (an equal-weight basket rebalanced every row). */
export function rowMeanOfColumns(m: Matrix, columns: readonly number[]): Float64Array {
  const weights = new Float64Array(m.cols);
  for (const j of columns) weights[j]! += 1 / columns.length;
  return weightedRowSum(m, weights);
}
