/** The theme data (v2), its validation, issuer identity, look-through and theme exposure by hand. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppError } from '../src/errors';
import { parseFundHoldingsCsv, type FundHoldings } from '../src/market';
import { parseInstruments } from '../src/theme/instruments';
import { ETF_DIR } from './helpers/paths';
import {
  classifier,
  loadReference,
  loadThemeModel,
  lookThrough,
  themeExposure,
  ThemeModelSchema,
  THEME_REQUIRED,
} from './helpers/theme';

const THEME_FILE = 'data/themes/ai-infrastructure.json';
const rawTheme = () => JSON.parse(readFileSync(THEME_FILE, 'utf8'));

describe('data/themes/ai-infrastructure.json', () => {
  const model = ThemeModelSchema.parse(rawTheme());

  test('validates, covers at least 60 companies and every name the issues ask for', () => {
    expect(model.version).toBe(2);
    expect(model.companies.length).toBeGreaterThanOrEqual(60);
    const issuers = new Set(model.companies.map((c) => c.issuer));
    expect(THEME_REQUIRED.filter((s) => !issuers.has(s))).toEqual([]);
  });

  test('every company has a fiscal year, a source and a documented confidence; every estimate its reasoning', () => {
    for (const c of model.companies) {
      const r = c.relevance;
      expect([c.issuer, r.fiscalYear]).toEqual([c.issuer, expect.stringMatching(/^FY20\d\d$/)]);
      expect([c.issuer, r.source.length > 10]).toEqual([c.issuer, true]);
      expect(Object.keys(model.confidenceLevels)).toContain(r.confidence);
      if (r.confidence === 'estimate') expect([c.issuer, (r.reasoning ?? '').length > 20]).toEqual([c.issuer, true]);
    }
  });

  test('the core four and every company above 0.5 % of the MSCI ACWI list have a filing-level figure', () => {
    const reference = loadReference();
    const acwi = parseFundHoldingsCsv(readFileSync(path.join(ETF_DIR, 'ACWI.csv'), 'utf8'), 'ACWI');
    const large = acwi.constituents.filter((c) => c.weight > 0.5).map((c) => reference.issuers.ofConstituent(c));
    const byIssuer = new Map(model.companies.map((c) => [c.issuer, c]));
    const filingLevel = (issuer: string) => {
      const r = byIssuer.get(issuer)?.relevance;
      return r?.confidence === 'filing' || r?.bound?.confidence === 'filing';
    };
    expect(large).toEqual(expect.arrayContaining(['AAPL', 'NVDA', 'MSFT', 'AMZN', 'GOOGL', 'TSM', 'BRK-B']));
    expect([...new Set([...large, 'AMZN', 'MSFT', 'GOOGL', 'NVDA'])].filter((i) => !filingLevel(i))).toEqual([]);
    for (const core of ['AMZN', 'MSFT', 'GOOGL', 'NVDA'])
      expect(byIssuer.get(core)!.relevance.confidence).toBe('filing');
  });

  test('buyers carry capex and operating cash flow by fiscal year; every company has a listing', () => {
    const reference = loadReference();
    for (const c of model.companies) {
      expect([c.issuer, reference.issuers.listingsOf(c.issuer).length > 0]).toEqual([c.issuer, true]);
      if (!c.roles.includes('capexBuyer')) continue;
      const years = c.buyer?.financials ?? [];
      expect([c.issuer, years.some((y) => y.capex !== null && y.operatingCashFlow !== null)]).toEqual([c.issuer, true]);
    }
  });
});

test('a model whose segments do not add up, or whose estimate has no reasoning, is refused by path', () => {
  const bad = rawTheme();
  bad.companies[0].relevance.value = 0.1;
  bad.companies[0].relevance.numerator = null;
  const first = ThemeModelSchema.safeParse(bad).error!.issues[0]!;
  expect(first.path).toEqual(['companies', 0, 'segments']);
  const unreasoned = rawTheme();
  const i = unreasoned.companies.findIndex(
    (c: { relevance: { confidence: string } }) => c.relevance.confidence === 'estimate',
  );
  delete unreasoned.companies[i].relevance.reasoning;
  expect(ThemeModelSchema.safeParse(unreasoned).error!.issues[0]!.path).toEqual([
    'companies',
    i,
    'relevance',
    'reasoning',
  ]);
});

describe('one issuer per company, however it is written', () => {
  const { issuers } = loadReference();

  test('listings, share classes and ADRs', () => {
    expect(['GOOG', 'GOOGL'].map(issuers.ofListing)).toEqual(['GOOGL', 'GOOGL']);
    expect(['ASML', 'ASML.AS'].map(issuers.ofListing)).toEqual(['ASML', 'ASML']);
    expect(['TSM', '2330.TW'].map(issuers.ofListing)).toEqual(['TSM', 'TSM']);
    expect(['BRK-B', 'BRK.B', 'BRK-A', 'brk b'].map(issuers.ofListing)).toEqual(['BRK-B', 'BRK-B', 'BRK-B', 'BRK-B']);
    expect(['SAP', 'SAP.DE'].map(issuers.ofListing)).toEqual(['SAP', 'SAP']);
    expect(['005930.KS', '005935.KS'].map(issuers.ofListing)).toEqual(['005930.KS', '005930.KS']);
    expect(issuers.ofListing('XYZ')).toBe('XYZ');
  });

  test('fund constituents by local code and exchange', () => {
    const at = (symbol: string, exchange?: string) => issuers.ofConstituent({ symbol, ...(exchange && { exchange }) });
    expect(at('2330', 'Taiwan Stock Exchange')).toBe('TSM');
    expect(at('5930', 'Korea Exchange (Stock Market)')).toBe('005930.KS');
    expect(at('660', 'Korea Exchange (Stock Market)')).toBe('000660.KS');
    expect(at('ASML', 'Euronext Amsterdam')).toBe('ASML');
    expect(at('BRKB', 'New York Stock Exchange Inc.')).toBe('BRK-B');
    // SU is Schneider in Paris and Suncor in Toronto: never one issuer.
    expect(at('SU', 'Nyse Euronext - Euronext Paris')).toBe('SU.PA');
    expect(at('SU', 'Toronto Stock Exchange')).toBe('SU.TO');
    // Not in our table: named as Yahoo names the listing, so a direct holding of it is the same issuer.
    expect(at('700', 'Hong Kong Exchanges And Clearing Ltd')).toBe('0700.HK');
    expect(at('NOVO B', 'Omx Nordic Exchange Copenhagen A/S')).toBe('NOVO-B.CO');
    expect(at('TSM')).toBe('TSM');
  });

  test('ISINs, primary listing first', () => {
    expect(issuers.listingsOfIsin('US8740391003').map((l) => l.symbol)).toEqual(['TSM']);
    expect(issuers.listingsOfIsin('NL0000226223').map((l) => l.symbol)).toEqual(['STMPA.PA', 'STMMI.MI']);
  });

  test('the ACWI file names exchanges at the end of each name, so 2330 lands on TSM', () => {
    const acwi = parseFundHoldingsCsv(readFileSync(path.join(ETF_DIR, 'ACWI.csv'), 'utf8'), 'ACWI');
    const tsmc = acwi.constituents.find((c) => c.symbol === '2330')!;
    expect(tsmc.name).toBe('TAIWAN SEMICONDUCTOR MANUFACTURING [Taiwan; Taiwan Stock Exchange]');
    expect(issuers.ofConstituent(tsmc)).toBe('TSM');
    // A line on no market or an unknown exchange is its own issuer: a fund's Colombian peso cash is not ConocoPhillips.
    expect(issuers.ofConstituent({ symbol: 'COP', name: 'COP CASH [Colombia; -]' })).toBe('COP@-');
    expect(issuers.ofConstituent({ symbol: 'ESH5', name: 'S&P500 EMINI [-; Index And Options Market]' })).toBe(
      'ESH5@Index And Options Market',
    );
    expect(
      issuers.ofConstituent({ symbol: 'TEL', name: 'PLDT INC [Philippines; Philippine Stock Exchange Inc.]' }),
    ).toBe('TEL.PS');
    // An exchange column wins over the name.
    const file = 'symbol,name,weight,exchange\n2330,TSMC,1.0,XTAI\n';
    expect(issuers.ofConstituent(parseFundHoldingsCsv(file, 'X').constituents[0]!)).toBe('TSM');
  });
});

test('funds are instruments: the listings of a fund name it, and no listing or ISIN is written twice', () => {
  const { issuers, instruments, funds } = loadReference();
  // IWDA.AS and SWDA.MI are listings of one fund, whose attributes answer for either.
  expect(['SWDA.MI', 'IWDA.AS'].map(issuers.ofListing)).toEqual(['SWDA', 'SWDA']);
  expect(funds.get('IWDA.AS')).toBe(funds.get('SWDA.MI'));
  expect(issuers.listingsOfIsin('IE00B5BMR087').map((l) => l.symbol)).toEqual([
    'CSPX.L',
    'SXR8.DE',
    'CSSPX.MI',
    'CSPX.AS',
  ]);
  const companies = parseInstruments(readFileSync('data/instruments.csv', 'utf8')).listings;
  const fundIsins = new Set(instruments.listings.filter((l) => l.kind === 'fund').map((l) => l.isin));
  const twice = companies.filter((l) => l.kind !== 'equity' || (l.isin !== undefined && fundIsins.has(l.isin)));
  expect(twice.map((l) => l.symbol)).toEqual([]);
});

test('the instruments table is refused with the row and column of a bad cell', () => {
  const header = 'issuer,issuer_name,country,kind,isin,symbol,exchange,currency,shares_per_unit,local_code,industry';
  const good = 'TSM,TSMC,TW,equity,US8740391003,TSM,XNYS,USD,5,TSM,';
  expect(parseInstruments(`${header}\n${good}\n`).listings[0]).toMatchObject({ issuer: 'TSM', shares_per_unit: 5 });
  const refusal = (text: string) => {
    try {
      parseInstruments(text);
    } catch (err) {
      return (err as AppError).params;
    }
    throw new Error('accepted');
  };
  expect(refusal(`${header}\n${good}\nTSM,TSMC,TW,equity,US874,TSM.X,XNYS,USD,5,TSM,\n`)).toMatchObject({
    row: 3,
    column: 'isin',
  });
  expect(refusal(`${header}\n${good}\n${good}\n`)).toMatchObject({ row: 3, column: 'symbol' });
  expect(refusal(`${header}\nTSM,TSMC,TW,equity,,TSM,NOWHERE,USD,5,TSM,\n`)).toMatchObject({ column: 'exchange' });
});

describe('classification', () => {
  const reference = loadReference();
  const classify = classifier(reference.theme, reference.issuers);

  test('model figures with their confidence and fiscal year', () => {
    expect(classify('NVDA')).toMatchObject({ relevance: 0.897017, confidence: 'filing', fiscalYear: 'FY2026' });
    expect(classify('GOOGL')).toMatchObject({ roles: ['capexSeller', 'capexBuyer'], confidence: 'filing' });
    expect(classify('JNJ')).toMatchObject({ roles: [], relevance: 0, confidence: 'none', fiscalYear: null });
  });

  test('an industry default reaches an issuer through our table, however it is held; tower REITs are excluded', () => {
    // QCOM's industry is in data/instruments.csv: no market data needed.
    expect(classify('QCOM')).toMatchObject({ relevance: 0.3, confidence: 'inferred', segments: { accelerators: 0.3 } });
    expect(classify('XYZ', 'Semiconductors')).toMatchObject({ relevance: 0.3, confidence: 'inferred' });
    expect(classify('XYZ', 'REIT - Specialty')).toMatchObject({ relevance: 0.3, segments: { dataCentres: 0.3 } });
    expect(classify('CCI', 'REIT - Specialty')).toMatchObject({ relevance: 0, confidence: 'none' });
    expect(classify('SBAC', 'REIT - Specialty')).toMatchObject({ relevance: 0, confidence: 'none' });
  });
});

const fund = (name: string, constituents: [string, number][]): FundHoldings => ({
  fund: name,
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
    loadReference().issuers,
  );
  const by = Object.fromEntries(result.issuers.map((e) => [e.issuer, e]));
  // NVDA: 0.3 direct + 0.5×10 % via OUTER + 0.5×50 %×40 % via OUTER > INNER.
  expect(by.NVDA!.weight).toBeCloseTo(0.3 + 0.05 + 0.1, 15);
  expect(by.NVDA!.paths).toEqual([
    { via: 'direct', listing: 'NVDA', weight: 0.3 },
    { via: 'OUTER', weight: 0.05 },
    { via: 'OUTER > INNER', weight: 0.1 },
  ]);
  expect(by.MSFT!.weight).toBeCloseTo(0.15, 15);
  expect(by.GOOGL!.weight).toBeCloseTo(0.1, 15);
  expect(by.INNER).toBeUndefined(); // never counted as an issuer as well as through its holdings
  expect(result.unresolved).toEqual([
    // OUTER's unlisted 20 % (0.1 of the portfolio) is bounded by its smallest listed piece,
    // NVDA's 10 % of OUTER = 0.05, so no single unseen issuer weighs more than that.
    {
      fund: 'OUTER',
      weight: expect.closeTo(0.1, 15),
      reason: 'unlisted-remainder',
      largestPiece: expect.closeTo(0.05, 15),
    },
    { fund: 'BOND', weight: 0.1, reason: 'no-constituents' },
  ]);
  expect(result.fundWeight).toBeCloseTo(0.6, 15);
  expect(result.coverage).toBeCloseTo(1 - 0.2 / 0.6, 15);
});

test('theme exposure: weight × relevance, each issuer once by its primary role, segments exact', () => {
  const reference = loadReference();
  const classify = classifier(reference.theme, reference.issuers);
  const t = themeExposure(
    [
      { issuer: 'NVDA', weight: 0.2, paths: [] },
      { issuer: 'AMZN', weight: 0.1, paths: [] },
      { issuer: 'JNJ', weight: 0.7, paths: [] },
    ],
    (i) => classify(i),
  );
  expect(t.aiInfrastructure).toBeCloseTo(0.2 * 0.897017 + 0.1 * 0.179517, 15);
  // AMZN both buys and sells: it counts once, as a buyer.
  expect(t.byRole.capexSellers).toBeCloseTo(0.2 * 0.897017, 15);
  expect(t.byRole.capexBuyers).toBeCloseTo(0.1 * 0.179517, 15);
  expect(t.bySegment.accelerators).toBeCloseTo(0.2 * 0.751517, 15);
  expect(t.bySegment.networking).toBeCloseTo(0.2 * 0.1455, 15);
  expect(t.bySegment.cloudPlatforms).toBeCloseTo(0.1 * 0.179517, 15);
  expect(Object.values(t.bySegment).reduce((a, b) => a + b, 0)).toBeCloseTo(t.aiInfrastructure, 15);
  expect(loadThemeModel().companies.find((c) => c.issuer === 'NVDA')!.segments).toEqual({
    networking: 0.1455,
    accelerators: 0.751517,
  });
});
