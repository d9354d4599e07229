/** The two-regime simulation against closed forms. */
import { MONTE_CARLO_DEFAULTS, simulateOutcomes } from '../src/analytics/overspending';

const one = (variance: number, beta = 1) => ({
  weights: Float64Array.of(1),
  covariance: Float64Array.of(variance),
  betaToBasket: Float64Array.of(beta),
});

test('a certain bust with no volatility gives exactly β·ln(1 + basket return) for every path', () => {
  const r = simulateOutcomes(one(1e-30, 0.5), { ...MONTE_CARLO_DEFAULTS, paths: 1000, bustProbability: 1 });
  const expected = Math.exp(0.5 * Math.log(0.6)) - 1;
  expect(r.median).toBeCloseTo(expected, 9);
  expect(r.var95).toBeCloseTo(-expected, 9);
  expect(r.probLossOver20).toBe(1);
});

test('normal regime: the 5 % quantile follows the scaled Student-t(5) law', () => {
  const sigma = 0.3;
  const r = simulateOutcomes(one(sigma * sigma), {
    ...MONTE_CARLO_DEFAULTS,
    paths: 200_000,
    bustProbability: 0,
    seed: 5,
  });
  // x = −σ²/2 + σ·√(3/5)·t₅; t₅'s 5 % quantile is −2.015048.
  const x5 = -0.5 * sigma * sigma + sigma * Math.sqrt(3 / 5) * -2.015048;
  expect(r.var95).toBeCloseTo(1 - Math.exp(x5), 2);
  expect(r.median).toBeCloseTo(Math.exp(-0.5 * sigma * sigma) - 1, 2);
  expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(200_000);
});

test('seeded: same seed, same outcomes; another seed differs', () => {
  const inputs = {
    weights: Float64Array.of(0.6, 0.4),
    covariance: Float64Array.of(0.09, 0.03, 0.03, 0.04),
    betaToBasket: Float64Array.of(1.2, 0.5),
  };
  const s = { ...MONTE_CARLO_DEFAULTS, paths: 5000 };
  expect(simulateOutcomes(inputs, s)).toEqual(simulateOutcomes(inputs, s));
  expect(simulateOutcomes(inputs, { ...s, seed: 1 }).var95).not.toBe(simulateOutcomes(inputs, s).var95);
});

test('a capex bust makes losses larger and likelier', () => {
  const inputs = {
    weights: Float64Array.of(0.6, 0.4),
    covariance: Float64Array.of(0.09, 0.03, 0.03, 0.04),
    betaToBasket: Float64Array.of(1.2, 0.5),
  };
  const calm = simulateOutcomes(inputs, { ...MONTE_CARLO_DEFAULTS, paths: 50_000, bustProbability: 0 });
  const busty = simulateOutcomes(inputs, { ...MONTE_CARLO_DEFAULTS, paths: 50_000, bustProbability: 0.5 });
  expect(busty.var95).toBeGreaterThan(calm.var95);
  expect(busty.probLossOver20).toBeGreaterThan(calm.probLossOver20);
});
