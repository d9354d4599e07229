import { cholesky, type DrawKernels, Rng, selectQuantile, simdDrawKernels, varEsInPlace, varEsOfLowest } from '../core';

/**
 * The one-year simulation's settings. Paths come in antithetic pairs (z, −z) and the regime is drawn
 * by stratified sampling, so the bust share of the paths is the bust probability to within one path.
 * Measured seed-to-seed spread of VaR95 at the default paths: see docs/methodology.md.
 */
export const MONTE_CARLO_DEFAULTS = {
  paths: 10_000,
  horizonDays: 252,
  seed: 20251103,
  histogramBins: 40,
} as const;

interface BustRegime {
  probability: number;
  volatilityScale: number;
  correlationBlend: number;
}

export interface MonteCarloSettings {
  paths: number;
  horizonDays: number;
  seed: number;
  histogramBins: number;
  regime: BustRegime;
  /** VaR/ES for these bust probabilities × basket falls (keys of `bustReturnsByFall`). */
  sensitivity: { bustProbabilities: readonly number[]; basketFalls: readonly number[] };
}

export interface MonteCarloInputs {
  /** Portfolio weight of each simulated asset (cash earns nothing and is left out). */
  weights: Float64Array;
  /** Annualised covariance of log returns, row-major k×k. */
  covariance: Float64Array;
  /** Each asset's expected return over the bust year: its loss in the scenario. */
  bustReturns: Float64Array;
  /** The same for other basket falls, for the sensitivity table. */
  bustReturnsByFall: ReadonlyMap<number, Float64Array>;
}

export interface MonteCarloResult {
  paths: number;
  horizonDays: number;
  seed: number;
  var95: number;
  es95: number;
  probLossOver20: number;
  mean: number;
  /** (1 − p)·0 + p·Σ w_i L_i: what the simulated mean estimates. */
  analyticalMean: number;
  /** Standard error of the simulated mean. */
  meanStandardError: number;
  median: number;
  bustProbability: number;
  histogram: { from: number; to: number; count: number }[];
  sensitivity: { bustProbability: number; basketFall: number; var95: number; es95: number }[];
}

/**
 * One-year outcomes under two regimes, each lognormal, so every moment is finite: heavy tails come
 * from the mixture, not from a fat-tailed scale on a one-year return. Normal year: ln(1 + r) ~
 * N(−σ²/2, Σ): each asset's expected simple return is zero (a stress model should not extrapolate
 * a boom). Bust year: ln(1 + r_i) ~ N(ln(1 + L_i) − σ̃_i²/2, Σ̃), so its expected return is its
 * scenario loss L_i; Σ̃ has volatilities and correlations as they were in the 2021-22 bust.
 */
export function simulateOutcomes(inputs: MonteCarloInputs, settings: MonteCarloSettings): MonteCarloResult {
  const k = inputs.weights.length;
  const probabilities = [settings.regime.probability, ...settings.sensitivity.bustProbabilities];
  const scenarios = [inputs.bustReturns, ...inputs.bustReturnsByFall.values()];
  const draws = drawPaths(inputs, settings, k, Math.min(...probabilities), Math.max(...probabilities), scenarios);
  const normal = draws.normal;
  const bustHeadline = draws.bust.get(inputs.bustReturns)!;
  const headline = mixInto(new Float64Array(draws.paths), normal, bustHeadline, draws, settings.regime.probability);
  // One copy for every order statistic: each selection leaves it a permutation of the outcomes.
  const work = headline.slice();
  const tail = varEsInPlace(work, 0.05);
  const { n, mean, meanSquare, lossOver20 } = moments(headline);
  let expectedBust = 0;
  for (let i = 0; i < k; i++) expectedBust += inputs.weights[i]! * inputs.bustReturns[i]!;
  return {
    paths: n,
    horizonDays: settings.horizonDays,
    seed: settings.seed,
    var95: tail.var,
    es95: tail.es,
    probLossOver20: lossOver20 / n,
    mean,
    analyticalMean: settings.regime.probability * expectedBust,
    meanStandardError: Math.sqrt(Math.max(0, meanSquare - mean * mean) / n),
    median: selectQuantile(work, 0.5),
    bustProbability: settings.regime.probability,
    histogram: histogram(headline, work, settings.histogramBins),
    sensitivity: sensitivityTable(normal, draws, inputs, settings),
  };
}

/**
 * Mean, mean square and the paths losing over 20 %, in an indexed loop of its own: a `for … of`
 * over the outcomes in the body above allocated an iterator result per path (320-550 KB per analysis).
 */
function moments(outcomes: Float64Array) {
  let sum = 0;
  let sumSq = 0;
  let lossOver20 = 0;
  for (let b = 0; b < outcomes.length; b++) {
    const r = outcomes[b]!;
    sum += r;
    sumSq += r * r;
    if (r < -0.2) lossOver20++;
  }
  const n = outcomes.length;
  return { n, mean: sum / n, meanSquare: sumSq / n, lossOver20 };
}

/**
 * Path b is in the regime stratum [b/n, (b+1)/n): paths are exchangeable, so for any bust
 * probability p the bust years are simply the first ≈ p·n paths. Growth factors are computed only
 * for the paths some probability needs: normal ones from the smallest p on, bust ones up to the largest.
 */
interface Draws {
  paths: number;
  /** The stratified regime uniform of each path (ascending). */
  regime: Float64Array;
  /** Normal-regime outcomes Σ w_i (exp(μ_i + (L z)_i) − 1) of paths [normalFrom, paths), 0 before. */
  normal: Float64Array;
  normalFrom: number;
  /**
   * Bust-regime outcomes Σ w_i ((1 + L_i) exp((L̃ z)_i − σ̃_i²/2) − 1) of paths [0, bustTo), for
   * each vector of scenario losses L asked for.
   */
  bust: ReadonlyMap<Float64Array, Float64Array>;
  bustTo: number;
}

/**
 * The paths' outcomes, summed asset by asset as each asset's growth row is made: the growth rows
 * are never kept (20 assets × 10,000 paths were 2 MB written and read back four times, past the
 * 512 KB of L2), and the sums are taken in the same order, so the figures are the same to the bit.
 */
function drawPaths(
  inputs: MonteCarloInputs,
  settings: MonteCarloSettings,
  k: number,
  minProbability: number,
  maxProbability: number,
  scenarios: readonly Float64Array[],
): Draws {
  const pairs = Math.ceil(settings.paths / 2);
  const paths = pairs * 2;
  const w = inputs.weights;
  const { z, regime } = randomDraws(settings.seed, pairs, k);
  const normalFrom = countBelow(regime, minProbability);
  const bustTo = countBelow(regime, maxProbability);
  const normalCov = scale(inputs.covariance, settings.horizonDays / 252, k);
  const bustCov = bustCovariance(normalCov, k, settings.regime);
  // In wasm when the analysis runs in a panel scope (two pairs per instruction, the same bits).
  const kernels = simdDrawKernels(z, pairs, k, 1 + scenarios.length) ?? jsDrawKernels(z, pairs);
  const growthRows = (cov: Float64Array, from: number, to: number, visit: (i: number, row: Float64Array) => void) =>
    correlate(kernels, cholesky(cov, k), k, pairs, from, to, (i) => -0.5 * cov[i * k + i]!, visit);
  const normal = kernels.series(paths);
  const normalPaths = normal.subarray(normalFrom);
  growthRows(normalCov, normalFrom, paths, (i, row) => kernels.accumulate(normalPaths, row, w[i]!, 1));
  const bust = new Map(scenarios.map((losses) => [losses, kernels.series(bustTo)]));
  growthRows(bustCov, 0, bustTo, (i, row) => {
    for (const [losses, out] of bust) kernels.accumulate(out, row, w[i]!, 1 + losses[i]!);
  });
  return { paths, regime, normal, normalFrom, bust, bustTo };
}

/** The draws' arithmetic in JavaScript: what the SIMD kernels compute, in the same order. */
function jsDrawKernels(z: Float64Array, pairs: number): DrawKernels {
  const x = new Float64Array(pairs);
  return {
    x,
    combine: (l, lo, hi) => combine(x, z, l, pairs, lo, hi),
    row: (width) => new Float64Array(width),
    series: (length) => new Float64Array(length),
    // g · row[b] with g = 1 is row[b] exactly: the normal regime's sum is this one too.
    accumulate: (out, row, w, g) => {
      for (let b = 0; b < row.length; b++) out[b]! += w * (g * row[b]! - 1);
    },
    // m + 1·x is m + x, and m + (−1)·x is m − x, to the bit.
    exp: (row, at, a, b, m, sign) => {
      for (let p = a; p < b; p++) row[at + p - a] = Math.exp(m + sign * x[p]!);
    },
    divide: (row, to, from, n, num) => {
      for (let j = 0; j < n; j++) row[to + j] = num / row[from + j]!;
    },
  };
}

interface RandomDraws {
  /** Standard normals, asset-major: asset j's for every pair at [j·pairs, (j + 1)·pairs). */
  z: Float64Array;
  /** The stratified regime uniform of each path, ascending. */
  regime: Float64Array;
}

const recentDraws = new Map<string, RandomDraws>();

/**
 * The draws depend only on the seed, the paths and the number of assets, and every analysis with
 * the default seed makes the same ones: the last few sets are kept (read-only) rather than drawn
 * again (a service analysing portfolio after portfolio drew and freed 800 KB of normals each time).
 */
function randomDraws(seed: number, pairs: number, k: number): RandomDraws {
  const key = `${seed}:${pairs}:${k}`;
  let draws = recentDraws.get(key);
  if (draws === undefined) {
    const rng = new Rng(seed);
    const z = new Float64Array(pairs * k);
    rng.fillNormal(z);
    const regime = new Float64Array(2 * pairs);
    rng.fillUniform(regime);
    for (let b = 0; b < regime.length; b++) regime[b] = (b + regime[b]!) / regime.length;
    draws = { z, regime };
    if (recentDraws.size >= 4) recentDraws.delete(recentDraws.keys().next().value!);
  } else recentDraws.delete(key);
  recentDraws.set(key, draws);
  return draws;
}

function countBelow(sorted: Float64Array, p: number): number {
  let n = 0;
  while (n < sorted.length && sorted[n]! < p) n++;
  return n;
}

/**
 * exp(shift_i + (L z)_i) for paths [from, to), handed to `visit` one asset's row at a time (the row
 * is reused): path b draws z of pair b mod pairs, with the sign flipped for the second half
 * (antithetic). `kernels.combine` writes x = (L z)_i: the SIMD kernel inside an analysis's panel
 * scope (2 ns per multiply-add in JavaScript, blocked for the cache or not), `combine` elsewhere. Measured
 * (callgrind, 10,000 paths × 20 assets): four rows of L folded per sweep over the pairs (x is
 * read and written a quarter as often), and one exp per pair where both of its paths are wanted,
 * the antithetic one being exp(2·shift)/exp(shift + x) (within 2 ulp), halve the instructions.
 * In a scope the exps run in SIMD too (`kernels.exp`: fdlibm's exp, V8's Math.exp, 9.5–14 ns a value
 * against 15–20 for Math.exp in a loop, measured in one hour).
 */
function correlate(
  kernels: DrawKernels,
  chol: Float64Array,
  k: number,
  pairs: number,
  from: number,
  to: number,
  shift: (i: number) => number,
  visit: (i: number, row: Float64Array) => void,
): void {
  const row = kernels.row(to - from);
  // Only the pairs some wanted path draws: the bust regime's 30 % of the paths use 60 % of the pairs.
  const lo = Math.min(from, Math.max(from, pairs) - pairs);
  const hi = Math.max(Math.min(to, pairs), to - pairs);
  for (let i = 0; i < k; i++) {
    kernels.combine(chol.subarray(i * k, i * k + i + 1), lo, hi);
    growthRow(kernels, row, shift(i), pairs, from, to);
    visit(i, row);
  }
}

/** x = Σ_j l_j · z_j over the pairs [lo, hi), four terms per sweep. */
function combine(x: Float64Array, z: Float64Array, l: Float64Array, pairs: number, lo: number, hi: number): void {
  x.fill(0, lo, hi);
  const row = (j: number) => z.subarray(j * pairs, (j + 1) * pairs);
  let j = 0;
  for (; j + 3 < l.length; j += 4) {
    const [l0, l1, l2, l3] = [l[j]!, l[j + 1]!, l[j + 2]!, l[j + 3]!];
    const [z0, z1, z2, z3] = [row(j), row(j + 1), row(j + 2), row(j + 3)];
    for (let p = lo; p < hi; p++) x[p]! += l0 * z0[p]! + l1 * z1[p]! + l2 * z2[p]! + l3 * z3[p]!;
  }
  for (; j < l.length; j++) {
    const lj = l[j]!;
    const zj = row(j);
    for (let p = lo; p < hi; p++) x[p]! += lj * zj[p]!;
  }
}

/**
 * exp(m ± x) of paths [from, to) into `row`: path b < pairs is pair b with +, path b ≥ pairs is
 * pair b − pairs with − (its antithetic twin). Where a pair's two paths are both wanted, the twin is
 * exp(2m) / exp(m + x) (within 2 ulp): one exp per pair.
 */
function growthRow(kernels: DrawKernels, row: Float64Array, m: number, pairs: number, from: number, to: number): void {
  const [posFrom, posTo] = [from, Math.min(to, pairs)];
  const [negFrom, negTo] = [Math.max(from, pairs) - pairs, Math.max(to - pairs, 0)];
  const negative = (a: number, b: number) => kernels.exp(row, pairs + a - from, a, b, m, -1);
  kernels.exp(row, 0, posFrom, posTo, m, 1);
  const [bothFrom, bothTo] = [Math.max(posFrom, negFrom), Math.min(posTo, negTo)];
  if (bothFrom >= bothTo) {
    negative(negFrom, negTo);
    return;
  }
  negative(negFrom, bothFrom);
  negative(bothTo, negTo);
  kernels.divide(row, pairs + bothFrom - from, bothFrom - from, bothTo - bothFrom, Math.exp(2 * m));
}

/** The outcomes at a bust probability: the first ≈ p·n paths bust, the others normal. */
function mixInto(out: Float64Array, normal: Float64Array, bust: Float64Array, d: Draws, probability: number) {
  const busts = countBelow(d.regime, probability);
  out.set(bust.subarray(0, busts));
  out.set(normal.subarray(busts), busts);
  return out;
}

function sensitivityTable(
  normal: Float64Array,
  d: Draws,
  inputs: MonteCarloInputs,
  settings: MonteCarloSettings,
): MonteCarloResult['sensitivity'] {
  const rows: MonteCarloResult['sensitivity'] = [];
  const work = new Float64Array(d.paths);
  for (const basketFall of settings.sensitivity.basketFalls) {
    const returns = inputs.bustReturnsByFall.get(basketFall);
    if (returns === undefined) continue;
    const outcomes = d.bust.get(returns)!;
    for (const bustProbability of settings.sensitivity.bustProbabilities) {
      const tail = mixedTail(work, normal, outcomes, d, bustProbability, 0.05);
      rows.push({ bustProbability, basketFall, var95: tail.var, es95: tail.es });
    }
  }
  return rows;
}

/** Every `TAIL_SAMPLE_STRIDE`-th outcome bounds the tail; the bound aims at twice the tail's size. */
const TAIL_SAMPLE_STRIDE = 8;

/**
 * VaR and ES at `level` of the outcomes at a bust probability, without writing them all out: a
 * strided sample gives a bound τ near twice the tail, one pass keeps the outcomes at or below τ,
 * and the selection runs on those (about a tenth). The same figures as selecting among all of them
 * (the quantile's order statistics and every outcome below it are kept: VaR to the bit, ES within
 * 4e-15 over 108 cells); should τ keep too few, all are used. The Monte Carlo stage of a 25-holding
 * analysis went 13.4 → 12.2 ms (alternating in one process).
 */
function mixedTail(work: Float64Array, normal: Float64Array, bust: Float64Array, d: Draws, p: number, level: number) {
  const busts = countBelow(d.regime, p);
  const n = d.paths;
  const sample = new Float64Array(Math.ceil(n / TAIL_SAMPLE_STRIDE));
  for (let b = 0, s = 0; b < n; b += TAIL_SAMPLE_STRIDE) sample[s++] = b < busts ? bust[b]! : normal[b]!;
  const needed = Math.floor((n - 1) * level) + 2;
  const bound = selectQuantile(sample, Math.min(1, (2 * needed) / n));
  let kept = 0;
  for (let b = 0; b < busts; b++) if (bust[b]! <= bound) work[kept++] = bust[b]!;
  for (let b = busts; b < n; b++) if (normal[b]! <= bound) work[kept++] = normal[b]!;
  if (kept < needed) return varEsInPlace(mixInto(work, normal, bust, d, p), level);
  return varEsOfLowest(work.subarray(0, kept), n, level);
}

function scale(cov: Float64Array, factor: number, k: number): Float64Array {
  const out = new Float64Array(cov.length);
  for (let i = 0; i < cov.length; i++) out[i] = cov[i]! * factor;
  // A tiny ridge keeps the factorisation defined when two assets are (nearly) the same series.
  for (let i = 0; i < k; i++) out[i * k + i]! *= 1 + 1e-10;
  return out;
}

/** Volatilities scaled up and every correlation moved part of the way to 1, as they were in the bust. */
function bustCovariance(cov: Float64Array, k: number, r: BustRegime): Float64Array {
  const out = new Float64Array(k * k);
  const vol = Array.from({ length: k }, (_, i) => Math.sqrt(cov[i * k + i]!) * r.volatilityScale);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const corr = i === j ? 1 : cov[i * k + j]! / Math.sqrt(cov[i * k + i]! * cov[j * k + j]!);
      const blended = i === j ? 1 + 1e-10 : (1 - r.correlationBlend) * corr + r.correlationBlend;
      out[i * k + j] = blended * vol[i]! * vol[j]!;
    }
  }
  return out;
}

/** Equal-width bins between the 0.5th and 99.5th percentiles; the end bins hold the tails. */
function histogram(outcomes: Float64Array, work: Float64Array, bins: number): MonteCarloResult['histogram'] {
  const lo = selectQuantile(work, 0.005);
  const hi = selectQuantile(work, 0.995);
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let p = 0; p < outcomes.length; p++)
    counts[Math.min(bins - 1, Math.max(0, Math.floor((outcomes[p]! - lo) / width)))]!++;
  return counts.map((count, b) => ({ from: lo + b * width, to: lo + (b + 1) * width, count }));
}
