import { scratchColumns, simdDot } from './kernel-arena';
import { createMatrix, type Matrix } from './matrix';
import { mean } from './stats';

/**
 * cov(column_j, y) for every column (sample, n−1) in one pass per column, O(T·N), no N×N matrix:
 * with y centred, Σ (x − x̄)(y − ȳ) = Σ x (y − ȳ), so no column mean is needed.
 */
export function covarianceWithSeries(m: Matrix, y: ArrayLike<number>): Float64Array {
  const T = m.rows;
  const my = mean(y);
  const yc = new Float64Array(T);
  for (let t = 0; t < T; t++) yc[t] = y[t]! - my;
  const out = new Float64Array(m.cols);
  const d = m.data;
  for (let j = 0; j < m.cols; j++) {
    const base = j * T;
    let s = 0;
    for (let t = 0; t < T; t++) s += d[base + t]! * yc[t]!;
    out[j] = s / (T - 1);
  }
  return out;
}

/**
 * Σ x[i]·y[i] over T values from two offsets of `m`, in four running sums: one sum waits on each
 * addition in turn, four keep the adder busy (15 × 15 correlation of 756 days: 1.6× faster). The
 * wasm twin (kernels.wat's dot) adds in the same order.
 */
export function dot(m: Float64Array, x: number, y: number, T: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < T; t += 4) {
    s0 += m[x + t]! * m[y + t]!;
    s1 += m[x + t + 1]! * m[y + t + 1]!;
    s2 += m[x + t + 2]! * m[y + t + 2]!;
    s3 += m[x + t + 3]! * m[y + t + 3]!;
  }
  for (; t < T; t++) s0 += m[x + t]! * m[y + t]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Beta of y on x over a trailing window, for every end point from window−1 on (NaN before):
 * running sums make it O(T) whatever the window.
 */
export function rollingBeta(y: ArrayLike<number>, x: ArrayLike<number>, window: number): Float64Array {
  const T = y.length;
  const out = new Float64Array(T).fill(NaN);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < T; t++) {
    const xt = x[t]!;
    const yt = y[t]!;
    sx += xt;
    sy += yt;
    sxx += xt * xt;
    sxy += xt * yt;
    if (t >= window) {
      const xo = x[t - window]!;
      const yo = y[t - window]!;
      sx -= xo;
      sy -= yo;
      sxx -= xo * xo;
      sxy -= xo * yo;
    }
    if (t >= window - 1) {
      const cov = sxy - (sx * sy) / window;
      const varx = sxx - (sx * sx) / window;
      out[t] = cov / varx;
    }
  }
  return out;
}

export interface CorrelationResult {
  matrix: Float64Array;
  /** Ledoit–Wolf shrinkage intensity applied to the covariance (0 = plain sample estimate). */
  shrinkage: number;
}

/**
 * Correlation of the chosen columns (row-major n×n). With `shrink`, the covariance is first shrunk
 * toward a scaled identity by the Ledoit–Wolf (2004) optimal intensity, which steadies the estimate
 * when there are few observations per series.
 */
export function correlationOfColumns(m: Matrix, columns: readonly number[], shrink: boolean): CorrelationResult {
  const n = columns.length;
  const T = m.rows;
  // Returns in a panel's wasm memory are centred beside it, where the SIMD dot product reads them.
  const centred = scratchColumns(m, n) ?? createMatrix(T, n);
  const c = centred.data;
  const dotOf = simdDot(c) ?? ((x: number, y: number, length: number) => dot(c, x, y, length));
  for (let k = 0; k < n; k++) {
    const src = columns[k]! * T;
    let sum = 0;
    for (let t = 0; t < T; t++) sum += m.data[src + t]!;
    const mu = sum / T;
    const dst = k * T;
    for (let t = 0; t < T; t++) c[dst + t] = m.data[src + t]! - mu;
  }
  // Biased (1/T) covariance, as Ledoit–Wolf define it; the correlation is the same either way.
  const cov = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) cov[a * n + b] = cov[b * n + a] = dotOf(a * T, b * T, T) / T;
  }
  let shrinkage = 0;
  if (shrink && n > 1) {
    let trace = 0;
    for (let a = 0; a < n; a++) trace += cov[a * n + a]!;
    const mu = trace / n;
    let delta = 0;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) delta += (cov[a * n + b]! - (a === b ? mu : 0)) ** 2;
    delta /= n;
    const betaBar = sumOfSquaredDeviations(centred, cov) / (n * T * T);
    shrinkage = delta > 0 ? Math.min(betaBar, delta) / delta : 0;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) cov[a * n + b] = (1 - shrinkage) * cov[a * n + b]! + (a === b ? shrinkage * mu : 0);
  }
  const matrix = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) matrix[a * n + b] = cov[a * n + b]! / Math.sqrt(cov[a * n + a]! * cov[b * n + b]!);
  return { matrix, shrinkage };
}

/**
 * Σ_t Σ_a Σ_b (x_at x_bt − s_ab)², Ledoit–Wolf's β̄ before scaling, for centred columns x and their
 * biased covariance s. Since Σ_t x_at x_bt = T s_ab, each pair's sum is Σ_t x_at² x_bt² − T s_ab²:
 * dot products of the squared columns, contiguous and once per pair, instead of n² strided
 * products per day (the 15×15 shrunk correlation: 0.52 → 0.28 ms in `npm run bench -- kernels`).
 */
function sumOfSquaredDeviations(centred: Matrix, cov: Float64Array): number {
  const { rows: T, cols: n } = centred;
  const squares = new Float64Array(centred.data.length);
  for (let i = 0; i < squares.length; i++) squares[i] = centred.data[i]! * centred.data[i]!;
  let total = 0;
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      const pair = dot(squares, a * T, b * T, T) - T * cov[a * n + b]! ** 2;
      total += a === b ? pair : 2 * pair;
    }
  return total;
}
