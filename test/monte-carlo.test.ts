/** The two-regime lognormal simulation against closed forms. */
import { simulateOutcomes, type MonteCarloSettings } from '../src/analytics/overspending';
import { MONTE_CARLO_DEFAULTS } from '../src/analytics/overspending/monte-carlo';

const settings = (over: Partial<MonteCarloSettings['regime']> = {}, paths = 20_000, seed = 7): MonteCarloSettings => ({
  ...MONTE_CARLO_DEFAULTS,
  paths,
  seed,
  regime: { probability: 0.15, volatilityScale: 1.29, correlationBlend: 0.37, ...over },
  sensitivity: { bustProbabilities: [0.05, 0.3], basketFalls: [-0.3] },
});

const one = (variance: number, bust: number) => ({
  weights: Float64Array.of(1),
  covariance: Float64Array.of(variance),
  bustReturns: Float64Array.of(bust),
  bustReturnsByFall: new Map([[-0.3, Float64Array.of(bust / 2)]]),
});

test('a certain bust with no volatility returns exactly the scenario loss on every path', () => {
  const r = simulateOutcomes(one(1e-30, -0.4), settings({ probability: 1 }, 1000));
  expect(r.median).toBeCloseTo(-0.4, 9);
  expect(r.var95).toBeCloseTo(0.4, 9);
  expect(r.mean).toBeCloseTo(-0.4, 9);
  expect(r.probLossOver20).toBe(1);
});

test('normal regime: lognormal quantiles, a mean of zero, and the histogram counts every path', () => {
  const sigma = 0.3;
  const r = simulateOutcomes(one(sigma * sigma, -0.4), settings({ probability: 1e-12 }, 200_000, 5));
  // ln(1 + r) ~ N(−σ²/2, σ²): the 5 % quantile is exp(−σ²/2 − 1.6449σ) − 1, the median exp(−σ²/2) − 1.
  expect(r.var95).toBeCloseTo(1 - Math.exp(-0.5 * sigma * sigma - 1.6448536 * sigma), 2);
  expect(r.median).toBeCloseTo(Math.exp(-0.5 * sigma * sigma) - 1, 2);
  expect(Math.abs(r.mean)).toBeLessThan(3 * r.meanStandardError);
  expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(200_000);
});

test('the simulated mean is finite and within three standard errors of its closed form, seed after seed', () => {
  const inputs = {
    weights: Float64Array.of(0.6, 0.4),
    covariance: Float64Array.of(0.09, 0.03, 0.03, 0.04),
    bustReturns: Float64Array.of(-0.55, -0.1),
    bustReturnsByFall: new Map([[-0.3, Float64Array.of(-0.35, -0.05)]]),
  };
  for (let seed = 1; seed <= 10; seed++) {
    const r = simulateOutcomes(inputs, settings({}, 20_000, seed));
    expect(r.analyticalMean).toBeCloseTo(0.15 * (0.6 * -0.55 + 0.4 * -0.1), 12);
    expect(Math.abs(r.mean - r.analyticalMean)).toBeLessThan(3 * r.meanStandardError);
  }
});

test('seeded: same seed, same outcomes; another seed differs', () => {
  const inputs = one(0.09, -0.5);
  expect(simulateOutcomes(inputs, settings())).toEqual(simulateOutcomes(inputs, settings()));
  expect(simulateOutcomes(inputs, settings({}, 20_000, 1)).var95).not.toBe(simulateOutcomes(inputs, settings()).var95);
});

test('sensitivity: VaR and ES rise with the bust probability and with the fall', () => {
  const inputs = one(0.09, -0.5);
  const r = simulateOutcomes(inputs, {
    ...settings(),
    sensitivity: { bustProbabilities: [0.05, 0.15, 0.3], basketFalls: [-0.3, -0.55] },
  });
  inputs.bustReturnsByFall.set(-0.55, Float64Array.of(-0.7));
  const r2 = simulateOutcomes(inputs, {
    ...settings(),
    sensitivity: { bustProbabilities: [0.05, 0.15, 0.3], basketFalls: [-0.3, -0.55] },
  });
  const cell = (p: number, f: number) => r2.sensitivity.find((x) => x.bustProbability === p && x.basketFall === f)!;
  expect(cell(0.05, -0.3).var95).toBeLessThan(cell(0.15, -0.3).var95);
  expect(cell(0.15, -0.3).var95).toBeLessThan(cell(0.3, -0.3).var95);
  expect(cell(0.3, -0.3).var95).toBeLessThan(cell(0.3, -0.55).var95);
  expect(cell(0.3, -0.55).es95).toBeGreaterThanOrEqual(cell(0.3, -0.55).var95);
  expect(r.sensitivity).toHaveLength(3); // a fall without bust returns is left out, not guessed
});
