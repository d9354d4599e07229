/** The theme model file, look-through (nested funds, no double counting) and theme exposure by hand. */
import { readFileSync } from 'node:fs';
import {
  classifier,
  loadThemeModel,
  lookThrough,
  themeExposure,
  ThemeModelSchema,
  THEME_REQUIRED,
} from './helpers/theme';
import type { FundHoldings } from '../src/market';

test('data/themes/ai-infrastructure.json validates and covers the names the model must have', () => {
  const model = ThemeModelSchema.parse(JSON.parse(readFileSync('data/themes/ai-infrastructure.json', 'utf8')));
  const symbols = new Set(model.companies.map((c) => c.symbol));
  for (const s of THEME_REQUIRED) expect([s, symbols.has(s)]).toEqual([s, true]);
  // The core four carry their filing-based facts.
  const nvda = model.companies.find((c) => c.symbol === 'NVDA')!;
  expect(nvda.relevance).toBeCloseTo(115.186 / 130.497, 3);
  const amzn = model.companies.find((c) => c.symbol === 'AMZN')!;
  expect(amzn.roles).toEqual(['capexBuyer', 'capexSeller']);
  expect(amzn.financials?.at(-1)).toMatchObject({
    fiscalYear: '2025',
    capex: { value: 131819e6 },
    operatingCashFlow: { value: 139514e6 },
  });
  for (const c of model.companies)
    expect(['filing', 'reported', 'derived', 'memory-unverified']).toContain(c.basis.confidence);
});

test('a model whose segments do not add up to relevance is refused', () => {
  const model = JSON.parse(readFileSync('data/themes/ai-infrastructure.json', 'utf8'));
  model.companies[0].relevance = 0.1;
  expect(() => ThemeModelSchema.parse(model)).toThrow(/segment shares must add up to relevance/);
});

test('classification: model entries, aliases, industry defaults marked inferred, and outsiders', () => {
  const classify = classifier(loadThemeModel());
  expect(classify('GOOG')).toMatchObject({ issuer: 'GOOGL', roles: ['capexBuyer', 'capexSeller'] });
  expect(classify('ASML.AS').issuer).toBe('ASML');
  expect(classify('XYZ', 'Semiconductors')).toMatchObject({
    roles: ['capexSeller'],
    relevance: 0.3,
    confidence: 'inferred',
    segments: { accelerators: 0.3 },
  });
  expect(classify('JNJ')).toMatchObject({ roles: [], relevance: 0, confidence: 'none' });
});

const fund = (fund: string, constituents: [string, number][]): FundHoldings => ({
  fund,
  asOf: '2026-01-01',
  source: 'test',
  constituents: constituents.map(([symbol, weight]) => ({ symbol, weight })),
});

test('look-through: direct and fund paths add up; a nested fund lands on its issuers once; remainders are unresolved', () => {
  const funds = new Map([
    [
      'OUTER',
      fund('OUTER', [
        ['NVDA', 10],
        ['INNER', 50],
        ['GOOG', 20],
      ]),
    ],
    [
      'INNER',
      fund('INNER', [
        ['NVDA', 40],
        ['MSFT', 60],
      ]),
    ],
  ]);
  const result = lookThrough(
    [
      { symbol: 'NVDA', weight: 0.3, kind: 'security', isFund: false },
      { symbol: 'OUTER', weight: 0.5, kind: 'security', isFund: true },
      { symbol: 'BOND', weight: 0.1, kind: 'security', isFund: true },
      { symbol: 'CASH', weight: 0.1, kind: 'cash', isFund: false },
    ],
    funds,
    (s) => funds.has(s) || s === 'BOND',
  );
  const by = Object.fromEntries(result.issuers.map((e) => [e.issuer, e]));
  // NVDA: 0.3 direct + 0.5×10 % via OUTER + 0.5×50 %×40 % via OUTER > INNER.
  expect(by.NVDA!.weight).toBeCloseTo(0.3 + 0.05 + 0.1, 15);
  expect(by.NVDA!.paths).toEqual([
    { via: 'direct', weight: 0.3 },
    { via: 'OUTER', weight: 0.05 },
    { via: 'OUTER > INNER', weight: 0.1 },
  ]);
  expect(by.MSFT!.weight).toBeCloseTo(0.15, 15);
  expect(by.GOOGL!.weight).toBeCloseTo(0.1, 15);
  expect(by.INNER).toBeUndefined(); // never counted as an issuer as well as through its holdings
  expect(result.unresolved).toEqual([
    { fund: 'OUTER', weight: expect.closeTo(0.1, 15), reason: 'unlisted-remainder' },
    { fund: 'BOND', weight: 0.1, reason: 'no-constituents' },
  ]);
  expect(result.fundWeight).toBeCloseTo(0.6, 15);
  expect(result.coverage).toBeCloseTo(1 - 0.2 / 0.6, 15);
});

test('theme exposure: weight × relevance, both-role issuers in both role totals, segments exact', () => {
  const classify = classifier(loadThemeModel());
  const t = themeExposure(
    [
      { issuer: 'NVDA', weight: 0.2, paths: [] },
      { issuer: 'AMZN', weight: 0.1, paths: [] },
      { issuer: 'JNJ', weight: 0.7, paths: [] },
    ],
    (i) => classify(i),
  );
  expect(t.aiInfrastructure).toBeCloseTo(0.2 * 0.8827 + 0.1 * 0.1795, 15);
  expect(t.byRole.capexSellers).toBeCloseTo(0.2 * 0.8827 + 0.1 * 0.1795, 15);
  expect(t.byRole.capexBuyers).toBeCloseTo(0.1 * 0.1795, 15);
  expect(t.bySegment.accelerators).toBeCloseTo(0.2 * 0.8827, 15);
  expect(t.bySegment.cloudPlatforms).toBeCloseTo(0.1 * 0.1795, 15);
  expect(Object.values(t.bySegment).reduce((a, b) => a + b, 0)).toBeCloseTo(t.aiInfrastructure, 15);
});
