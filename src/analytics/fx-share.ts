import { mean } from './core';

/** A held column priced in another currency: its weight and its prices over the window, both ways. */
export interface ConvertedColumn {
  weight: number;
  /** In the listing's own currency. */
  local: Float64Array;
  /** Converted into the base currency. */
  base: Float64Array;
}

/**
 * The part of the portfolio's variance that comes from exchange rates. Each holding's base-currency
 * return is (1 + local return)(1 + FX return) − 1; the FX part of the portfolio, f = Σ w_i fx_i,
 * contributes cov(f, r_p) / var(r_p) of the variance (Euler's split, so local + FX add up to 1).
 * Only the converted columns add to f (a listing in the base currency has no FX return), so the
 * portfolio's own return series is taken as given: at 500 holdings in one currency this costs nothing.
 */
export function fxShareOfVariance(portfolio: Float64Array, converted: readonly ConvertedColumn[]): number {
  const f = new Float64Array(portfolio.length);
  for (const { weight: w, local, base } of converted) {
    for (let t = 1; t <= f.length; t++) {
      const rBase = base[t]! / base[t - 1]! - 1;
      const rLocal = local[t]! / local[t - 1]! - 1;
      f[t - 1]! += w * ((1 + rBase) / (1 + rLocal) - 1);
    }
  }
  // Plain loops: `reduce` over a Float64Array boxes every partial sum (24 KB of garbage per analysis).
  const mp = mean(portfolio);
  const mf = mean(f);
  let cov = 0;
  let varP = 0;
  for (let t = 0; t < portfolio.length; t++) {
    cov += (f[t]! - mf) * (portfolio[t]! - mp);
    varP += (portfolio[t]! - mp) ** 2;
  }
  return varP > 0 ? cov / varP : 0;
}
