/** Concentration rules at their boundaries, the overspending score by hand, and fundamentals. */
import {
  evaluateRules,
  RULE_DEFAULTS,
  SingleIssuerRule,
  ThemeConcentrationRule,
  Ucits51040Rule,
} from '../src/analytics/rules';
import { fundamentals, scaledMoves, scenarioReturn, scoreFromLoss } from '../src/analytics/overspending';
import { loadThemeModel } from './helpers/theme';

const issuers = (...w: number[]) => w.map((weight, i) => ({ issuer: `I${i}`, weight }));

describe('UCITS 5/10/40', () => {
  test('passes at exactly 10 % and a 40 % sum of large issuers', () => {
    const r = new Ucits51040Rule().evaluate({ issuers: issuers(0.1, 0.1, 0.1, 0.1, 0.05), themeWeight: 0 });
    expect(r.status).toBe('pass');
    expect(r.value).toBeCloseTo(0.4, 15);
  });
  test('fails above 10 % in one issuer, naming it', () => {
    const r = new Ucits51040Rule().evaluate({ issuers: issuers(0.11, 0.02), themeWeight: 0 });
    expect(r).toMatchObject({ status: 'fail', offenders: ['I0'] });
    expect(r.message).toBe('I0 11.0 % above the 10.0 % issuer limit');
  });
  test('fails when issuers above 5 % add up to more than 40 %', () => {
    const r = new Ucits51040Rule().evaluate({ issuers: issuers(0.09, 0.09, 0.09, 0.09, 0.09, 0.05), themeWeight: 0 });
    expect(r.status).toBe('fail');
    expect(r.value).toBeCloseTo(0.45, 15);
    expect(r.offenders).toEqual(['I0', 'I1', 'I2', 'I3', 'I4']);
  });
  test('thresholds are configurable', () => {
    expect(
      new Ucits51040Rule({ issuerLimit: 0.2, largeIssuer: 0.05, largeIssuersTotal: 0.4 }).evaluate({
        issuers: issuers(0.15),
        themeWeight: 0,
      }).status,
    ).toBe('pass');
  });
});

test('single issuer: pass at 5 %, warn above, fail above 10 %', () => {
  const rule = new SingleIssuerRule();
  expect(rule.evaluate({ issuers: issuers(0.05, 0.01), themeWeight: 0 }).status).toBe('pass');
  expect(rule.evaluate({ issuers: issuers(0.06, 0.01), themeWeight: 0 })).toMatchObject({
    status: 'warn',
    offenders: ['I0'],
    value: 0.06,
  });
  expect(rule.evaluate({ issuers: issuers(0.02, 0.12), themeWeight: 0 })).toMatchObject({
    status: 'fail',
    value: 0.12,
    message: 'largest issuer I1 at 12.0 % (limit 10.0 %)',
  });
});

test('theme concentration: warn above 25 %, fail above 50 %', () => {
  const rule = new ThemeConcentrationRule();
  expect(rule.evaluate({ issuers: [], themeWeight: 0.25 }).status).toBe('pass');
  expect(rule.evaluate({ issuers: [], themeWeight: 0.3 }).status).toBe('warn');
  expect(rule.evaluate({ issuers: [], themeWeight: 0.62 })).toMatchObject({
    status: 'fail',
    message: '62.0 % of the portfolio moves with the AI build-out (above 50.0 %)',
  });
});

test('evaluateRules applies overrides over the static defaults table', () => {
  const results = evaluateRules(
    { issuers: issuers(0.07), themeWeight: 0.3 },
    { 'single-issuer': { warnAbove: 0.08 }, 'theme-concentration': { warnAbove: 0.4 } },
  );
  expect(results.map((r) => [r.id, r.status])).toEqual([
    ['ucits-5-10-40', 'pass'],
    ['single-issuer', 'pass'],
    ['theme-concentration', 'pass'],
  ]);
  expect(results[1]!.thresholds).toEqual({ ...RULE_DEFAULTS['single-issuer'], warnAbove: 0.08 });
});

test("scenario: a holding's return compounds its betas in logs; sellers fall further; nothing loses more than all", () => {
  const moves = { basketMove: -0.4732, marketMove: -0.1968 };
  const lm = Math.log(1 - 0.1968);
  const lr = Math.log(1 - 0.4732) - 1.4 * lm;
  const nvdaLike = { marketBeta: 2, netAiBeta: 1.5, sellerRevenueShare: 0.9 };
  expect(scenarioReturn(nvdaLike, moves, 1.4, -0.123)).toBeCloseTo(Math.expm1(2 * lm + 1.5 * lr) - 0.123 * 0.9, 12);
  expect(scenarioReturn({ marketBeta: 1, netAiBeta: 0, sellerRevenueShare: 0 }, moves, 1.4, -0.123)).toBeCloseTo(
    -0.1968,
    12,
  );
  expect(scenarioReturn({ marketBeta: 9, netAiBeta: 9, sellerRevenueShare: 1 }, moves, 1.4, -0.5)).toBe(-1);
  // A negative net AI beta gains on the AI-specific part of the fall.
  expect(scenarioReturn({ marketBeta: 0, netAiBeta: -0.4, sellerRevenueShare: 0 }, moves, 1.4, -0.123)).toBeGreaterThan(
    0,
  );
  expect(scoreFromLoss(0.62, 1)).toBeCloseTo(62, 12);
  expect(scoreFromLoss(-0.05, 1)).toBe(0);
  expect(scoreFromLoss(1.4, 1)).toBe(100);
  // Another basket fall moves the market in the same log proportion.
  const scaled = scaledMoves(moves, -0.3);
  expect(Math.log1p(scaled.marketMove) / Math.log1p(-0.3)).toBeCloseTo(lm / Math.log(1 - 0.4732), 12);
});

test('fundamentals of held buyers and sellers, weighted by look-through weight', () => {
  const f = fundamentals(
    loadThemeModel(),
    new Map([
      ['AMZN', 0.1],
      ['MSFT', 0.3],
      ['NVDA', 0.2],
      ['JNJ', 0.4],
    ]),
  );
  expect(f.buyers.map((b) => b.issuer)).toEqual(['MSFT', 'AMZN']);
  const amzn = f.buyers.find((b) => b.issuer === 'AMZN')!;
  expect(amzn.capexToOperatingCashFlow).toBeCloseTo(131819 / 139514, 12);
  expect(amzn.capexToRevenue).toBeCloseTo(131819 / 716924, 12);
  expect(amzn.capexGrowth).toBeCloseTo(131819 / 82999 - 1, 12);
  const msft = f.buyers.find((b) => b.issuer === 'MSFT')!;
  expect(msft.capexToOperatingCashFlow).toBeCloseTo(115948 / 182935, 12);
  expect(f.aggregate.capexToOperatingCashFlow).toBeCloseTo(
    (0.1 * (131819 / 139514) + 0.3 * (115948 / 182935)) / 0.4,
    12,
  );
  expect(f.sellers.map((s) => [s.issuer, s.dependence])).toEqual([
    ['MSFT', 0.377195],
    ['NVDA', 0.897017],
    ['AMZN', 0.179517],
  ]);
  expect(f.aggregate.sellerDependence).toBeCloseTo((0.3 * 0.377195 + 0.2 * 0.897017 + 0.1 * 0.179517) / 0.6, 12);
});
