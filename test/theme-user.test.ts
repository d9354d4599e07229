/**
 * Users' own theme: an overrides file changes the result through the figures it names, a whole
 * theme file replaces ours, and a malformed file is refused with the path of the bad field — in the
 * library and through the CLI (`--theme`, THEME_FILE).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { loadReferenceData, type ReferenceData } from '../src/analysis/reference';
import { AppError } from '../src/errors';
import { CsvMarketData } from '../src/market';
import { loadUserTheme, parseUserTheme } from '../src/theme/user-theme';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const EXAMPLE = path.join(ROOT, 'data/examples/theme-overrides.json');
const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const HOLDINGS = 'symbol,quantity\nTSM,100\nSMH,20\nNVDA,10\n';

const analyse = (reference?: ReferenceData) =>
  analysePortfolio(
    { file: { fileName: 'h.csv', text: HOLDINGS }, asOf: '2026-06-30', monteCarlo: { paths: 500 } },
    { market, ...(reference !== undefined && { reference }) },
  );

/** The refusal's path and reason code, or a failure when the file was accepted. */
function refusal(text: string, fileName = 'mine.json'): { path: unknown; reason: unknown; status: number } {
  try {
    loadUserTheme(text, fileName, loadReferenceData());
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = err.params.reason as { code: string };
    return { path: err.params.path, reason: reason.code, status: err.status };
  }
  throw new Error('the file was accepted');
}

test('an overrides file changes the result through exactly the figures it names', async () => {
  const ours = await analyse();
  const mine = await analyse(loadUserTheme(readFileSync(EXAMPLE, 'utf8'), 'theme-overrides.json', loadReferenceData()));
  const tsm = (r: typeof ours) => r.exposure.issuers.find((i) => i.issuer === 'TSM')!;
  // 2330.TW names TSMC: the ADR held directly and TSM inside SMH take the user's 0.58 instead of our 0.18.
  expect(tsm(ours).relevance).toBe(0.18);
  expect(tsm(mine).relevance).toBe(0.58);
  expect(tsm(mine).confidence).toBe('filing');
  const change = mine.exposure.issuers.reduce(
    (s, i, k) => s + i.themeWeight - (ours.exposure.issuers[k]?.themeWeight ?? 0),
    0,
  );
  expect(mine.exposure.aiInfrastructure - ours.exposure.aiInfrastructure).toBeCloseTo(change, 12);
  const expected = tsm(ours).weight * (0.58 - 0.18);
  // CIEN is not in SMH's 2022 list nor held: only TSMC moves.
  expect(mine.exposure.aiInfrastructure - ours.exposure.aiInfrastructure).toBeCloseTo(expected, 12);
  expect(mine.versions.data.theme).toMatch(/with overrides from user file theme-overrides\.json [0-9a-f]{12}$/);
  expect(mine.warnings.map((w) => w.code)).toContain('warn.user_theme_overrides');
  expect(mine.warnings.find((w) => w.code === 'warn.user_theme_overrides')!.message).toBe(
    'your theme file theme-overrides.json replaces our figures for TSM and CIEN',
  );
  expect(ours.warnings.map((w) => w.code)).not.toContain('warn.user_theme_overrides');
});

test('an override scales the segments unless it gives them, and can add a company the model lacks', () => {
  const ref = loadUserTheme(
    JSON.stringify({
      overrides: [
        { issuer: 'NVDA', relevance: { value: 0.5, fiscalYear: 'FY2026', source: 'mine', confidence: 'reported' } },
        {
          issuer: 'ACME',
          name: 'Acme Optics',
          roles: ['capexSeller'],
          segments: { networking: 0.7 },
          relevance: { value: 0.7, fiscalYear: 'FY2025', source: 'annual report', confidence: 'filing' },
        },
      ],
    }),
    'x.json',
    loadReferenceData(),
  );
  const nvda = ref.theme.companies.find((c) => c.issuer === 'NVDA')!;
  expect(nvda.segments.accelerators! + nvda.segments.networking!).toBeCloseTo(0.5, 12);
  expect(nvda.segments.networking).toBeCloseTo((0.1455 / 0.897017) * 0.5, 12);
  expect(ref.theme.companies.find((c) => c.issuer === 'ACME')).toMatchObject({ name: 'Acme Optics' });
  expect(ref.userTheme).toEqual({ fileName: 'x.json', kind: 'overrides', issuers: ['NVDA', 'ACME'] });
  // Our own data is untouched.
  expect(loadReferenceData().theme.companies.find((c) => c.issuer === 'NVDA')!.relevance.value).toBe(0.897017);
});

test('a whole theme file replaces ours', async () => {
  const whole = JSON.parse(readFileSync(path.join(ROOT, 'data/themes/ai-infrastructure.json'), 'utf8'));
  whole.id = 'my-theme';
  whole.companies = whole.companies.filter((c: { issuer: string }) => c.issuer !== 'NVDA');
  const report = await analyse(loadUserTheme(JSON.stringify(whole), 'my-theme.json', loadReferenceData()));
  // NVDA is no longer in the theme, and our table gives it no industry: outside the theme.
  expect(report.exposure.issuers.find((i) => i.issuer === 'NVDA')).toMatchObject({ relevance: 0, confidence: 'none' });
  expect(report.versions.data.theme).toMatch(/^user file my-theme\.json: my-theme@2 [0-9a-f]{12}$/);
  expect(report.warnings.map((w) => w.code)).toContain('warn.user_theme_full');
});

test('a malformed file is refused as unprocessable, naming the bad field by its path', () => {
  const override = (relevance: object, extra: object = {}) =>
    JSON.stringify({ overrides: [{ issuer: 'TSM', relevance, ...extra }] });
  const ok = { value: 0.3, fiscalYear: 'FY2025', source: 'x', confidence: 'reported' };
  expect(refusal(override({ ...ok, value: 1.5 }))).toEqual({
    path: 'overrides[0].relevance.value',
    reason: 'themefile.too_big',
    status: 422,
  });
  expect(refusal(override({ ...ok, confidence: 'estimate' }))).toMatchObject({
    path: 'overrides[0].relevance.reasoning',
    reason: 'themefile.estimate_reasoning',
  });
  expect(refusal(override({ ...ok, fiscalYear: '2025' }))).toMatchObject({
    path: 'overrides[0].relevance.fiscalYear',
    reason: 'themefile.invalid_format',
  });
  expect(refusal(override(ok, { segmnts: {} }))).toMatchObject({
    path: 'overrides[0]',
    reason: 'themefile.unrecognized_keys',
  });
  expect(refusal(JSON.stringify({ overrides: [{ issuer: 'NEWCO', relevance: ok }] }))).toMatchObject({
    path: 'overrides[0].segments',
    reason: 'themefile.needed_for_new_company',
  });
  const whole = JSON.parse(readFileSync(path.join(ROOT, 'data/themes/ai-infrastructure.json'), 'utf8'));
  whole.companies[3].relevance.value = 'high';
  expect(refusal(JSON.stringify(whole))).toMatchObject({
    path: 'companies[3].relevance.value',
    reason: 'themefile.invalid_type',
  });
  whole.companies[3].relevance.value = 0.5;
  expect(refusal(JSON.stringify(whole))).toMatchObject({
    path: 'companies[3].relevance.value',
    reason: 'themefile.ratio',
  });
  whole.companies[3].relevance.numerator = null;
  expect(refusal(JSON.stringify(whole))).toMatchObject({
    path: 'companies[3].segments',
    reason: 'themefile.segments_sum',
  });
  const unknownDeal = JSON.parse(readFileSync(path.join(ROOT, 'data/themes/ai-infrastructure.json'), 'utf8'));
  unknownDeal.companies[4].dependence.commitments.push('no-such-deal');
  expect(refusal(JSON.stringify(unknownDeal))).toMatchObject({
    path: 'companies[4].dependence.commitments[5]',
    reason: 'themefile.unknown_commitment',
  });
  expect(refusal('{"overrides": [')).toMatchObject({ path: '(file)', reason: 'themefile.not_json' });
});

test('the refusal reads as one line in English and in Italian', () => {
  try {
    parseUserTheme('{"overrides": [{"issuer": "TSM", "relevance": {"value": 2}}]}', 'mine.json');
    throw new Error('accepted');
  } catch (err) {
    const e = err as AppError;
    expect(e.message).toBe(
      'file mine.json: the theme file is not valid at overrides[0].relevance.value: must be at most 1',
    );
    expect(e.describe('it')).toBe(
      'file mine.json: il file del tema non è valido in overrides[0].relevance.value: deve valere al massimo 1',
    );
  }
});

describe('the CLI takes a theme file with --theme or THEME_FILE', () => {
  const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-theme-cli-'));
  const holdings = path.join(dir, 'h.csv');
  writeFileSync(holdings, HOLDINGS);
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const base = [
        '--prices-dir',
        PRICES_DIR,
        '--etf-holdings-dir',
        ETF_DIR,
        '--as-of',
        '2026-06-30',
        '--mc-paths',
        '500',
      ];
      execFile(
        TSX,
        [path.join(ROOT, 'src/cli/analyse.ts'), holdings, ...base, ...args],
        { cwd: dir, env: { ...process.env, ...env } },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });

  test('a valid overrides file is used, and a malformed one exits 2 naming the field', async () => {
    const good = await run(['--theme', EXAMPLE]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).exposure.issuers.find((i: { issuer: string }) => i.issuer === 'TSM').relevance).toBe(
      0.58,
    );
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"overrides": [{"issuer": "TSM", "relevance": {"value": 0.3}}]}');
    const refused = await run([], { THEME_FILE: bad });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: file bad.json: the theme file is not valid at overrides[0].relevance.fiscalYear: expected string\n',
    );
  }, 60_000);
});

describe('the service takes a theme file in the upload part "theme"', () => {
  const { createApp } = require('../src/server/app') as typeof import('../src/server/app');
  const { AnalysisStore } = require('../src/server/analysis-store') as typeof import('../src/server/analysis-store');
  const { pino } = require('pino') as typeof import('pino');
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-theme-http-'));
  const app = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }),
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'reports')),
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 64 * 1024,
    rateLimitPerMinute: 0,
    resultCacheSeconds: 60,
  });
  const request = require('supertest') as typeof import('supertest');
  const csv = Buffer.from('symbol,quantity\nTSM,100\nNVDA,10\n');
  const post = (theme?: string) => {
    const r = request(app).post('/api/v1/analyses').field('asOf', '2026-06-30').attach('file', csv, 'mine.csv');
    return theme === undefined ? r : r.attach('theme', Buffer.from(theme), 'my-theme.json');
  };

  test('an overrides file changes the result; the same upload without it is not served from the cache', async () => {
    const overrides = readFileSync(path.join(ROOT, 'data', 'examples', 'theme-overrides.json'), 'utf8');
    const ours = await post();
    const theirs = await post(overrides);
    expect([ours.status, theirs.status]).toEqual([201, 201]);
    const tsm = (r: { body: { report: { exposure: { issuers: { issuer: string; relevance: number }[] } } } }) =>
      r.body.report.exposure.issuers.find((i) => i.issuer === 'TSM')!.relevance;
    expect(tsm(theirs)).toBeCloseTo(0.58, 9);
    expect(tsm(ours)).not.toBeCloseTo(0.58, 3);
  });

  test('a malformed theme file is a 422 naming the bad field, before any analysis', async () => {
    const res = await post('{"overrides":[{"issuer":"NVDA","relevance":{"value":7}}]}');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/overrides\[0\]\.relevance/);
    expect(res.body.error.message).not.toMatch(/\//);
  });
});

describe('a batch takes one theme file for every portfolio', () => {
  const { ThreadEngine, jsonLinesSource, runBatch, BatchOptionsSchema } =
    require('../src/batch') as typeof import('../src/batch');
  const { parseOptions } = require('../src/analysis') as typeof import('../src/analysis');
  const lines = [
    '{"id":"a","holdings":[{"symbol":"TSM","quantity":100}]}',
    '{"id":"b","holdings":[{"symbol":"SMH","quantity":20}]}',
  ];
  const batch = (theme?: { fileName: string; text: string }) =>
    runBatch(
      jsonLinesSource(Buffer.from(lines.join('\n')), 'b.jsonl'),
      { engine: new ThreadEngine(1), market },
      {
        id: 't',
        options: parseOptions(BatchOptionsSchema, { asOf: '2026-06-30', monteCarloPaths: '500' }, 'cli'),
        ...(theme !== undefined && { theme }),
        generatedAt: '2026-07-01T00:00:00.000Z',
      },
    );
  const exposureOf = (rows: Awaited<ReturnType<typeof batch>>['rows'], id: string) => {
    const row = rows.find((r) => r.id === id)!;
    if (row.status !== 'ok') throw new Error(`${id} failed`);
    return row.aiInfrastructure;
  };

  test('the overrides reach the threads: TSMC at 0.58 instead of 0.18 raises both portfolios', async () => {
    const ours = await batch();
    const mine = await batch({ fileName: 'theme-overrides.json', text: readFileSync(EXAMPLE, 'utf8') });
    // Portfolio a is TSM alone: its theme share is TSMC's relevance.
    expect(exposureOf(ours.rows, 'a')).toBeCloseTo(0.18, 12);
    expect(exposureOf(mine.rows, 'a')).toBeCloseTo(0.58, 12);
    expect(exposureOf(mine.rows, 'b')).toBeGreaterThan(exposureOf(ours.rows, 'b'));
  }, 60_000);

  test('a malformed theme stops the batch before any portfolio is read', async () => {
    await expect(batch({ fileName: 'bad.json', text: '{"overrides": [{"issuer": "TSM"}]}' })).rejects.toMatchObject({
      status: 422,
      params: { path: 'overrides[0].relevance' },
    });
  });
});
