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

/**
 * The p-quantile, linear between order statistics ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)p (numpy's default
 * "linear" method), found by selection in O(n) rather than by sorting: 10,000 Monte Carlo outcomes
 * took 1.1 ms to sort. `work` is reordered: pass a copy to keep an order.
 */
export function selectQuantile(work: Float64Array, p: number): number {
  return quantileOfLowest(work, work.length, p);
}

/**
 * The p-quantile of n values of which `lowest` holds the smallest: every value at or below the
 * order statistics ⌊h⌋ and ⌊h⌋ + 1 (all n values, or fewer when a bound has picked them out).
 */
function quantileOfLowest(lowest: Float64Array, n: number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  select(lowest, lo);
  if (lo + 1 >= n) return lowest[lo]!;
  let next = Infinity;
  for (let i = lo + 1; i < lowest.length; i++) if (lowest[i]! < next) next = lowest[i]!;
  return lowest[lo]! + (h - lo) * (next - lowest[lo]!);
}

/** Hoare's selection: afterwards a[k] is the k-th smallest, smaller ones before it, larger after. */
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Historical VaR and expected shortfall at level p (e.g. 0.05) as positive loss fractions:
 * var = −quantile_p(r), es = −mean of the returns at or below that quantile.
 */
export function historicalVarEs(returns: ArrayLike<number>, p: number): { var: number; es: number } {
  return varEsInPlace(Float64Array.from(returns), p);
}

/**
 * `historicalVarEs` of the values in `work`, which it reorders (neither figure depends on the order):
 * the Monte Carlo's nine sensitivity cells reuse one buffer instead of allocating 160 KB each.
 */
export function varEsInPlace(work: Float64Array, p: number): { var: number; es: number } {
  return varEsOfLowest(work, work.length, p);
}

/**
 * VaR and ES at p of n values given only their lowest (as `quantileOfLowest` needs them, which
 * also holds every value at or below the quantile): the Monte Carlo's tail without its other 90 %.
 * `lowest` is reordered.
 */
export function varEsOfLowest(lowest: Float64Array, n: number, p: number): { var: number; es: number } {
  if (lowest.length < Math.min(n, Math.floor((n - 1) * p) + 2)) throw new Error('varEsOfLowest: too few values');
  const q = quantileOfLowest(lowest, n, p);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < lowest.length; i++) {
    const r = lowest[i]!;
    if (r <= q) {
      sum += r;
      count++;
    }
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
