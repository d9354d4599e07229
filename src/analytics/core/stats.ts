/** Scalar statistics over one series. Sample (n−1) moments throughout, as numpy's ddof=1. */

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

export function sampleCovariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (n - 1);
}

export function sampleVariance(x: ArrayLike<number>): number {
  return sampleCovariance(x, x);
}

/** OLS slope of y on x with an intercept: cov(x, y) / var(x). */
export function beta(y: ArrayLike<number>, x: ArrayLike<number>): number {
  return sampleCovariance(x, y) / sampleVariance(x);
}

/** Quantile with linear interpolation between order statistics (numpy's default "linear" method). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/**
 * Historical VaR and expected shortfall at level p (e.g. 0.05) as positive loss fractions:
 * var = −quantile_p(r), es = −mean of the returns at or below that quantile.
 */
export function historicalVarEs(returns: ArrayLike<number>, p: number): { var: number; es: number } {
  const sorted = sortedCopy(returns);
  const q = quantileSorted(sorted, p);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < sorted.length && sorted[i]! <= q; i++) {
    sum += sorted[i]!;
    count++;
  }
  return { var: -q, es: -(sum / count) };
}

/** Largest peak-to-trough fall 1 − V_t / max_{s≤t} V_s of the wealth path V_0 = 1, V_t = Π(1 + r). */
export function maxDrawdown(returns: ArrayLike<number>): number {
  let value = 1;
  let peak = 1;
  let worst = 0;
  for (let t = 0; t < returns.length; t++) {
    value *= 1 + returns[t]!;
    if (value > peak) peak = value;
    const dd = 1 - value / peak;
    if (dd > worst) worst = dd;
  }
  return worst;
}
