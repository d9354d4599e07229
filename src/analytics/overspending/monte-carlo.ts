import { cholesky, quantileSorted, Rng } from '../core';

/** The two-regime model's settings, with the defaults the report states. */
export const MONTE_CARLO_DEFAULTS = {
  paths: 100_000,
  horizonDays: 252,
  seed: 20251103,
  /** Degrees of freedom of the Student-t shocks (one tail draw per path, shared by all assets). */
  tailDof: 5,
  /** Probability that the coming year is a "capex bust". */
  bustProbability: 0.15,
  /** The AI basket's return over the year in a bust (a repricing like 2022's −40 % drawdown of the basket). */
  bustBasketReturn: -0.4,
  /** In a bust every pairwise correlation moves this fraction of the way toward 1. */
  bustCorrelationBlend: 0.5,
  /** …and volatilities rise by this factor. */
  bustVolatilityScale: 1.25,
  histogramBins: 40,
} as const;

export type MonteCarloSettings = { -readonly [K in keyof typeof MONTE_CARLO_DEFAULTS]: number };

export interface MonteCarloInputs {
  /** Portfolio weight of each simulated asset (cash, which earns nothing, is simply left out). */
  weights: Float64Array;
  /** Annualised covariance of log returns, row-major k×k. */
  covariance: Float64Array;
  /** Each asset's beta to the AI basket: how far it falls when the basket does. */
  betaToBasket: Float64Array;
}

export interface MonteCarloResult {
  paths: number;
  horizonDays: number;
  seed: number;
  var95: number;
  es95: number;
  probLossOver20: number;
  mean: number;
  median: number;
  bustProbability: number;
  histogram: { from: number; to: number; count: number }[];
}

/**
 * One-year portfolio outcomes under two regimes. Normal: log returns ~ m + L·z·s, with L the
 * Cholesky factor of the covariance, s = √((ν−2)/χ²_ν) a Student-t scale shared across assets and
 * m = −σ²/2 per asset: no past return is extrapolated (a stress model should not expect the boom
 * to go on), so each asset's expected simple return is about zero.
 * Capex bust (probability p): each asset's mean becomes β_i·ln(1 + basket return), correlations are
 * pulled toward 1 and volatilities scaled up. Portfolio return = Σ w_i (e^{x_i} − 1).
 */
export function simulateOutcomes(inputs: MonteCarloInputs, settings: MonteCarloSettings): MonteCarloResult {
  const k = inputs.weights.length;
  const horizon = settings.horizonDays / 252;
  const normalChol = cholesky(scaleCov(inputs.covariance, k, horizon), k);
  const bustChol = cholesky(bustCovariance(inputs.covariance, k, horizon, settings), k);
  const normalMean = Float64Array.from({ length: k }, (_, i) => -0.5 * inputs.covariance[i * k + i]! * horizon);
  const bustLog = Math.log(1 + settings.bustBasketReturn);
  const bustMean = Float64Array.from(inputs.betaToBasket, (b) => b * bustLog);
  const rng = new Rng(settings.seed);
  const outcomes = new Float64Array(settings.paths);
  const w = inputs.weights;
  const dof = settings.tailDof;
  if (!Number.isInteger(dof) || dof < 3) throw new Error('tailDof must be a whole number of at least 3');
  // Paths are simulated a block at a time, asset by asset, so every inner loop runs down a
  // contiguous array of paths. Per path: k normals for the assets, (dof mod 2) normals and
  // ⌊dof/2⌋ uniforms for χ²_dof (its even part is −2·ln of a product of uniforms), one uniform
  // for the regime. Paths are exchangeable, so a block's bust paths are simply its first m.
  const block = 4096;
  const extraNormals = dof % 2;
  const halfDof = dof >> 1;
  const z = new Float64Array(block * (k + extraNormals));
  const u = new Float64Array(block * (halfDof + 1));
  const x = new Float64Array(block * k);
  const scale = new Float64Array(block);
  const tScale = dof - 2;
  for (let start = 0; start < settings.paths; start += block) {
    const count = Math.min(block, settings.paths - start);
    rng.fillNormal(z);
    rng.fillUniform(u);
    let busts = 0;
    for (let b = 0; b < count; b++) if (u[b]! < settings.bustProbability) busts++;
    for (let b = 0; b < count; b++) {
      let product = 1;
      for (let h = 1; h <= halfDof; h++) product *= u[h * block + b]!;
      let chi2 = -2 * Math.log(product);
      if (extraNormals === 1) chi2 += z[k * block + b]! * z[k * block + b]!;
      scale[b] = Math.sqrt(tScale / chi2);
    }
    x.fill(0);
    for (let i = 0; i < k; i++) {
      const xi = i * block;
      for (let j = 0; j <= i; j++) {
        const zj = j * block;
        const lb = bustChol[i * k + j]!;
        const ln = normalChol[i * k + j]!;
        for (let b = 0; b < busts; b++) x[xi + b]! += lb * z[zj + b]!;
        for (let b = busts; b < count; b++) x[xi + b]! += ln * z[zj + b]!;
      }
    }
    const out = outcomes.subarray(start, start + count);
    for (let i = 0; i < k; i++) {
      const xi = i * block;
      const wi = w[i]!;
      const mb = bustMean[i]!;
      const mn = normalMean[i]!;
      for (let b = 0; b < busts; b++) out[b]! += wi * (Math.exp(mb + x[xi + b]! * scale[b]!) - 1);
      for (let b = busts; b < count; b++) out[b]! += wi * (Math.exp(mn + x[xi + b]! * scale[b]!) - 1);
    }
  }
  outcomes.sort();
  const q = quantileSorted(outcomes, 0.05);
  let tail = 0;
  let tailCount = 0;
  let sum = 0;
  let lossOver20 = 0;
  for (let p = 0; p < outcomes.length; p++) {
    const r = outcomes[p]!;
    sum += r;
    if (r <= q) {
      tail += r;
      tailCount++;
    }
    if (r < -0.2) lossOver20++;
  }
  return {
    paths: settings.paths,
    horizonDays: settings.horizonDays,
    seed: settings.seed,
    var95: -q,
    es95: -(tail / tailCount),
    probLossOver20: lossOver20 / outcomes.length,
    mean: sum / outcomes.length,
    median: quantileSorted(outcomes, 0.5),
    bustProbability: settings.bustProbability,
    histogram: histogram(outcomes, settings.histogramBins),
  };
}

function scaleCov(cov: Float64Array, k: number, factor: number): Float64Array {
  const out = Float64Array.from(cov, (v) => v * factor);
  // A tiny ridge keeps the factorisation defined when two assets are (nearly) the same series.
  for (let i = 0; i < k; i++) out[i * k + i]! *= 1 + 1e-10;
  return out;
}

function bustCovariance(cov: Float64Array, k: number, horizon: number, s: MonteCarloSettings): Float64Array {
  const out = new Float64Array(k * k);
  const vol = Array.from({ length: k }, (_, i) => Math.sqrt(cov[i * k + i]! * horizon) * s.bustVolatilityScale);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const corr = i === j ? 1 : cov[i * k + j]! / Math.sqrt(cov[i * k + i]! * cov[j * k + j]!);
      const blended = i === j ? 1 : (1 - s.bustCorrelationBlend) * corr + s.bustCorrelationBlend;
      out[i * k + j] = blended * vol[i]! * vol[j]! * (i === j ? 1 + 1e-10 : 1);
    }
  }
  return out;
}

/** Equal-width bins between the 0.5th and 99.5th percentiles; the end bins hold the tails. */
function histogram(sorted: Float64Array, bins: number): MonteCarloResult['histogram'] {
  const lo = quantileSorted(sorted, 0.005);
  const hi = quantileSorted(sorted, 0.995);
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let p = 0; p < sorted.length; p++)
    counts[Math.min(bins - 1, Math.max(0, Math.floor((sorted[p]! - lo) / width)))]!++;
  return counts.map((count, b) => ({ from: lo + b * width, to: lo + (b + 1) * width, count }));
}
