import type { Matrix } from './core';

/**
 * The part of the portfolio's variance that comes from exchange rates. Each holding's base-currency
 * return is (1 + local return)(1 + FX return) − 1; the FX part of the portfolio, f = Σ w_i fx_i,
 * contributes cov(f, r_p) / var(r_p) of the variance (Euler's split, so local + FX add up to 1).
 */
export function fxShareOfVariance(local: Matrix, base: Matrix, columnWeights: Float64Array): number {
  const T = base.rows;
  const p = new Float64Array(T - 1);
  const f = new Float64Array(T - 1);
  for (let j = 0; j < base.cols; j++) {
    const w = columnWeights[j]!;
    if (w === 0) continue;
    const o = j * T;
    for (let t = 1; t < T; t++) {
      const rBase = base.data[o + t]! / base.data[o + t - 1]! - 1;
      const rLocal = local.data[o + t]! / local.data[o + t - 1]! - 1;
      p[t - 1]! += w * rBase;
      f[t - 1]! += w * ((1 + rBase) / (1 + rLocal) - 1);
    }
  }
  const mp = p.reduce((s, x) => s + x, 0) / p.length;
  const mf = f.reduce((s, x) => s + x, 0) / f.length;
  let cov = 0;
  let varP = 0;
  for (let t = 0; t < p.length; t++) {
    cov += (f[t]! - mf) * (p[t]! - mp);
    varP += (p[t]! - mp) ** 2;
  }
  return varP > 0 ? cov / varP : 0;
}
