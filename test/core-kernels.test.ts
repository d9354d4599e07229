/** Kernels of the vectorised core against values computed by hand. */
import {
  beta,
  cholesky,
  createMatrix,
  historicalVarEs,
  maxDrawdown,
  selectQuantile,
  varEsInPlace,
  varEsOfLowest,
  Rng,
  rowMeanOfColumns,
  sampleCovariance,
  sampleVariance,
  simpleReturns,
  weightedRowSum,
} from '../src/analytics/core';
import { concentration } from '../src/analytics';
import { commonDays } from '../src/analytics/panel';
import type { PriceHistory } from '../src/market';

const matrix = (rows: number, columns: number[][]) => {
  const m = createMatrix(rows, columns.length);
  columns.forEach((c, j) => {
    m.data.set(c, j * rows);
  });
  return m;
};

test('simple returns per column', () => {
  const r = simpleReturns(
    matrix(3, [
      [100, 110, 99],
      [50, 25, 50],
    ]),
  );
  expect(r.rows).toBe(2);
  expect(Array.from(r.data)).toEqual([0.10000000000000009, -0.09999999999999998, -0.5, 1]);
});

test('portfolio series and equal-weight basket', () => {
  const m = matrix(2, [
    [0.1, -0.1],
    [0.2, 0.0],
    [-0.3, 0.4],
  ]);
  expect(Array.from(weightedRowSum(m, Float64Array.of(0.5, 0.25, 0.25)))).toEqual([
    0.05 + 0.05 - 0.075,
    -0.05 + 0 + 0.1,
  ]);
  const basket = rowMeanOfColumns(m, [0, 2]);
  expect(basket[0]).toBeCloseTo(-0.1, 15);
  expect(basket[1]).toBeCloseTo(0.15, 15);
});

test('sample (n−1) moments and beta', () => {
  expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
  expect(sampleCovariance([1, 2, 3], [2, 4, 7])).toBeCloseTo(2.5, 15);
  const x = [0.01, -0.02, 0.03, 0.005];
  expect(
    beta(
      x.map((v) => 2 * v + 0.001),
      x,
    ),
  ).toBeCloseTo(2, 12);
});

const quantile = (x: readonly number[], p: number) => selectQuantile(Float64Array.from(x), p);

/** numpy's "linear" quantile read off a sorted copy: the independent reference. */
const sortedQuantile = (sorted: Float64Array, p: number) => {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
};

test('quantile interpolates linearly between order statistics, as numpy does', () => {
  expect(quantile([5, 1, 4, 2, 3], 0.05)).toBeCloseTo(1.2, 15);
  expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
  expect(quantile([7], 0.05)).toBe(7);
  expect(quantile([], 0.5)).toBeNaN();
});

test('quantiles by selection equal the sorted order statistics, ties and all, selection after selection on one buffer', () => {
  const rng = new Rng(5);
  for (const n of [2, 3, 10, 101, 1000, 10_000]) {
    // Rounded to two decimals: many ties, which a careless partition mishandles.
    const x = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 100) / 100);
    const sorted = x.slice().sort();
    const work = x.slice();
    for (const p of [0.5, 0, 0.005, 0.05, 0.995, 1]) expect(selectQuantile(work, p)).toBe(sortedQuantile(sorted, p));
    expect(work.slice().sort()).toEqual(sorted); // reordered, nothing lost
    const q = sortedQuantile(sorted, 0.05);
    const below = sorted.filter((r) => r <= q);
    const tail = varEsInPlace(x.slice(), 0.05);
    expect(tail.var).toBe(-q);
    expect(tail.es).toBeCloseTo(-below.reduce((s, r) => s + r, 0) / below.length, 14);
  }
});

test('VaR and ES from only the lowest values equal those from all of them; too few lowest values are refused', () => {
  const rng = new Rng(9);
  const x = Float64Array.from({ length: 10_000 }, () => Math.round(rng.normal() * 1000) / 1000);
  const all = varEsInPlace(x.slice(), 0.05);
  for (const bound of [sortedQuantile(x.slice().sort(), 0.06), sortedQuantile(x.slice().sort(), 0.3), 10]) {
    const lowest = x.filter((v) => v <= bound);
    const tail = varEsOfLowest(lowest, x.length, 0.05);
    expect(tail.var).toBe(all.var);
    expect(tail.es).toBeCloseTo(all.es, 14);
  }
  const tooFew = x.filter((v) => v <= sortedQuantile(x.slice().sort(), 0.04));
  expect(() => varEsOfLowest(tooFew, x.length, 0.05)).toThrow('too few');
});

test('historical VaR and ES are positive losses; ES averages returns at or below the quantile', () => {
  const { var: v, es } = historicalVarEs([0.04, -0.05, 0.01, 0.03, -0.02], 0.05);
  expect(v).toBeCloseTo(0.044, 15); // −(−0.05 + 0.2 × 0.03)
  expect(es).toBeCloseTo(0.05, 15);
  const many = historicalVarEs(
    Array.from({ length: 101 }, (_, i) => (i - 50) / 1000),
    0.05,
  );
  expect(many.var).toBeCloseTo(0.045, 15); // order statistic 5 exactly
  expect(many.es).toBeCloseTo(0.0475, 15); // mean of −0.050 … −0.045
});

test('max drawdown from the running peak, starting at V0 = 1', () => {
  expect(maxDrawdown([0.1, -0.5, 0.2])).toBeCloseTo(0.5, 15);
  expect(maxDrawdown([-0.1, 0.05])).toBeCloseTo(0.1, 15);
  expect(maxDrawdown([0.01, 0.02])).toBe(0);
});

test('concentration: HHI, effective N, top-K with fewer positions than K', () => {
  const c = concentration([0.2, 0.5, 0.3]);
  expect(c.hhi).toBeCloseTo(0.38, 15);
  expect(c.effectiveN).toBeCloseTo(1 / 0.38, 12);
  expect(c.top1).toBe(0.5);
  expect(c.top5).toBeCloseTo(1, 15);
  expect(c.top10).toBeCloseTo(1, 15);
});

test('Cholesky factor of a small SPD matrix, and refusal of a non-SPD one', () => {
  expect(Array.from(cholesky([4, 2, 2, 3], 2))).toEqual([2, 0, 1, Math.SQRT2]);
  expect(() => cholesky([1, 2, 2, 1], 2)).toThrow(/not positive definite/);
});

test('seeded RNG: reproducible, uniform in [0,1), standard normals', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const seqA = Array.from({ length: 5 }, () => a.nextUint32());
  expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
  expect(new Rng(43).nextUint32()).not.toBe(seqA[0]);
  const rng = new Rng(1);
  const n = 200_000;
  let su = 0;
  let sn = 0;
  let sn2 = 0;
  let min = 1;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    su += u;
    min = Math.min(min, u);
    max = Math.max(max, u);
    const z = rng.normal();
    sn += z;
    sn2 += z * z;
  }
  expect(min).toBeGreaterThanOrEqual(0);
  expect(max).toBeLessThan(1);
  expect(su / n).toBeCloseTo(0.5, 2);
  expect(sn / n).toBeCloseTo(0, 2);
  expect(sn2 / n).toBeCloseTo(1, 1.5);
});

test('common days: every history priced on them, none left out, for random calendars with gaps and missing prices', () => {
  const rng = new Rng(31);
  const history = (first: number, length: number): PriceHistory => {
    const days: number[] = [];
    for (let d = first; days.length < length; d += 1 + (rng.uniform() < 0.1 ? 1 + (rng.nextUint32() % 10) : 0))
      days.push(d);
    const adjClose = Float64Array.from(days, () => (rng.uniform() < 0.05 ? Number.NaN : 100));
    return {
      symbol: 'X',
      currency: 'USD',
      days: Int32Array.from(days),
      close: adjClose,
      adjClose,
      adjCloseIsClose: true,
      origin: 'test',
    };
  };
  // A pool reused across rounds: each history's kept bits meet other partners and other end days.
  const pool = Array.from({ length: 12 }, () =>
    history(18_000 + (rng.nextUint32() % 70), 1 + (rng.nextUint32() % 600)),
  );
  let found = 0;
  for (let round = 0; round < 300; round++) {
    const histories = pool.filter(() => rng.uniform() < 0.4).slice(0, 6);
    if (histories.length === 0) continue;
    const maxDay = rng.uniform() < 0.5 ? null : 18_000 + (rng.nextUint32() % 500);
    // By definition: a day ≤ maxDay that every history lists with a price.
    const priced = histories.map((h) => new Set([...h.days].filter((_, i) => !Number.isNaN(h.adjClose[i]!))));
    const expected = [...priced[0]!].filter((d) => (maxDay === null || d <= maxDay) && priced.every((p) => p.has(d)));
    expect([...commonDays(histories, maxDay)]).toEqual(expected.sort((a, b) => a - b));
    if (expected.length > 0) found++;
  }
  // Most rounds have common days to find (the check would pass vacuously on empty answers).
  expect(found).toBeGreaterThan(150);
  expect(commonDays([], null)).toHaveLength(0);
});
