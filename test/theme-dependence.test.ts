/** Partner dependence: the rule at its thresholds, what our data says, and the report section. */
import { analysePortfolio } from '../src/analyse-portfolio';
import { loadReferenceData } from '../src/analysis/reference';
import { CsvMarketData } from '../src/market';
import { buildView } from '../src/report/view';
import type { Commitment } from '../src/theme/commitments';
import { assessDependence, DEPENDENCE_THRESHOLDS } from '../src/theme/dependence';
import type { Company, ThemeModel } from '../src/theme/model';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const company = (issuer: string, dependence: Company['dependence'], revenue: number | null = 100e9): Company => ({
  issuer,
  name: issuer,
  roles: ['capexSeller'],
  segments: { cloudPlatforms: 1 },
  relevance: {
    value: 1,
    fiscalYear: 'FY2025',
    numerator: revenue,
    denominator: revenue,
    basis: 'all',
    source: 'test',
    confidence: 'filing',
  },
  ...(dependence !== undefined && { dependence }),
});
const deal = (id: string, provider: string, buyer: string, valueUsd: number | null, extra: Partial<Commitment> = {}) =>
  ({
    id,
    buyer,
    buyerIssuer: null,
    provider,
    kind: 'cloud compute',
    valueUsd,
    valueKind: valueUsd === null ? null : 'purchase',
    termYears: 5,
    announced: '2025-06-01',
    description: 'test',
    source: 'test',
    confidence: 'reported',
    ...extra,
  }) as Commitment;
const model = (companies: Company[]) => ({ ...loadReferenceData().theme, companies }) as ThemeModel;
const dependent = (companies: Company[], deals: Commitment[] = []) =>
  assessDependence(model(companies), deals)
    .filter((a) => a.dependent)
    .map((a) => a.issuer);

test('one customer at 25 % of revenue is dependence; 24.9 %, or 50 % across two customers, is not', () => {
  const top = (share: number, customers = 1) => ({
    topCustomer: { share, customers, customer: 'X', period: 'FY2025', source: 's', confidence: 'filing' as const },
  });
  expect(dependent([company('A', top(DEPENDENCE_THRESHOLDS.topCustomerShare))])).toEqual(['A']);
  expect(dependent([company('B', top(0.249))])).toEqual([]);
  expect(dependent([company('C', top(0.5, 2))])).toEqual([]);
});

test('a counterparty at 25 % of the backlog is dependence, counting purchases announced by its date', () => {
  const backlog = { value: 100e9, asOf: '2025-12-31', what: 'RPO', source: 's', confidence: 'filing' as const };
  const p = company('P', { backlog });
  expect(dependent([p], [deal('a', 'P', 'OpenAI', 15e9), deal('b', 'P', 'OpenAI', 10e9)])).toEqual(['P']);
  expect(dependent([p], [deal('a', 'P', 'OpenAI', 15e9), deal('b', 'P', 'Meta', 10e9)])).toEqual([]);
  expect(dependent([p], [deal('late', 'P', 'OpenAI', 50e9, { announced: '2026-01' })])).toEqual([]);
  expect(dependent([p], [deal('inv', 'P', 'OpenAI', 50e9, { valueKind: 'investment' })])).toEqual([]);
  const disclosed = company('Q', { backlog: { ...backlog, largestCounterparty: { name: 'OpenAI', share: 0.45 } } });
  expect(assessDependence(model([disclosed]), [])[0]!.reasons).toEqual([
    expect.objectContaining({ kind: 'backlog', counterparty: 'OpenAI', share: 0.45, from: 'disclosed' }),
  ]);
});

test('without a backlog, a counterparty whose purchases per year reach 25 % of revenue is dependence', () => {
  // $125B over 5 years is $25B a year: 25 % of $100B revenue.
  expect(dependent([company('R', undefined)], [deal('a', 'R', 'Meta', 125e9)])).toEqual(['R']);
  expect(dependent([company('S', undefined)], [deal('a', 'S', 'Meta', 124e9)])).toEqual([]);
  expect(dependent([company('T', undefined, null)], [deal('a', 'T', 'Meta', 999e9)])).toEqual([]);
  expect(dependent([company('U', undefined)], [deal('a', 'U', 'Meta', 999e9, { termYears: null })])).toEqual([]);
});

test('our data: Microsoft, Oracle, CoreWeave, Nebius and Credo depend heavily on one customer; Amazon does not', () => {
  const reference = loadReferenceData();
  const by = new Map(reference.dependence.map((a) => [a.issuer, a]));
  expect(reference.dependence.filter((a) => a.dependent).map((a) => a.issuer)).toEqual([
    'MSFT',
    'ORCL',
    'CRDO',
    'CRWV',
    'NBIS',
  ]);
  expect(by.get('ORCL')!.reasons).toEqual([
    expect.objectContaining({ kind: 'backlog', counterparty: 'OpenAI', share: expect.closeTo(300 / 638, 12) }),
  ]);
  expect(by.get('CRWV')!.reasons.map((r) => [r.kind, r.counterparty])).toEqual([
    ['top-customer', 'Microsoft'],
    ['backlog', 'OpenAI'],
  ]);
  // OpenAI's $38B is 16 % of AWS's $244B backlog.
  expect(by.get('AMZN')).toMatchObject({ dependent: false, reasons: [] });
  expect(by.get('AMZN')!.commitments.map((c) => c.id)).toEqual(['openai-aws-2025']);
});

test('the report gives the look-through weight in dependent companies, naming the commitments', async () => {
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const report = await analysePortfolio(
    {
      file: { fileName: 'h.csv', text: 'symbol,quantity\nMSFT,10\nORCL,20\nAMZN,20\n' },
      asOf: '2026-06-30',
      monteCarlo: { paths: 500 },
    },
    { market },
  );
  const weight = (s: string) => report.holdings.find((h) => h.symbol === s)!.weight;
  const d = report.exposure.dependence;
  expect(d.weight).toBeCloseTo(weight('MSFT') + weight('ORCL'), 15);
  expect(d.companies.map((c) => [c.issuer, c.dependent])).toEqual([
    ['MSFT', true],
    ['ORCL', true],
    ['AMZN', false],
  ]);
  expect(d.companies[1]!.commitments.map((c) => c.id)).toEqual(['openai-oracle-2025']);
  const section = (lang: 'en' | 'it') => {
    const s = buildView(report, lang).sections.find((x) => x.id === 'theme-data')!;
    return JSON.stringify(s.blocks);
  };
  expect(section('en')).toContain('OpenAI: 45 % of the backlog at 31 December 2025');
  expect(section('en')).toContain('OpenAI buys from ORCL: 300 bn USD over 5 years (2025-09)');
  expect(section('en')).toContain(
    'Other commitments of companies you hold: OpenAI buys from AMZN: 38 bn USD over 7 years',
  );
  expect(section('it')).toContain('OpenAI: 45 % degli ordini contrattualizzati al 31 dicembre 2025');
  expect(section('it')).toContain('OpenAI acquista da ORCL: 300 mld USD in 5 anni (2025-09)');
});
