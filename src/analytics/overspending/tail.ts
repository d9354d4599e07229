/**
 * VaR and expected shortfall at level p as positive losses, without sorting: the quantile is numpy's
 * "linear" one (between order statistics ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)p), found by selection in O(n);
 * ES is the mean of the outcomes at or below it. Same figures as sorting, a fraction of the time.
 */
export function tailOf(outcomes: Float64Array, p: number): { var: number; es: number } {
  const n = outcomes.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const work = Float64Array.from(outcomes);
  select(work, lo);
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (work[i]! < next) next = work[i]!;
  const q = lo + 1 < n ? work[lo]! + (h - lo) * (next - work[lo]!) : work[lo]!;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = outcomes[i]!;
    if (r <= q) {
      sum += r;
      count++;
    }
  }
  return { var: -q, es: -(sum / count) };
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
