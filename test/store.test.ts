/**
 * The one store on both backends: the same tests on the embedded SQLite and on a real PostgreSQL
 * started here on a loopback port (and stopped after). Analyses, saved portfolios, history,
 * alert states and events, schedule runs, deliveries, deletion and retention.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HistoryPoint } from '../src/monitor/point';
import { PostgresDriver, SqliteDriver, Store, type AlertEvent, type PortfolioFields } from '../src/store';
import { startPostgres } from './helpers/postgres';

let pg: { url: string; stop: () => void } | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

let clock = Date.parse('2026-07-31T22:00:00Z');
const now = () => clock;

const fields: PortfolioFields = {
  name: 'Growth',
  upload: { kind: 'file', fileName: 'p.csv', base64: Buffer.from('symbol,quantity\nNVDA,1\n').toString('base64') },
  inputHash: 'h1',
  options: { monteCarloPaths: 1000 },
  webhookUrl: 'https://example.com/hook',
  webhookSecret: 'whsec_x',
  alerts: ['score >= 60'],
  schedule: true,
};

function point(asOf: string, score: number, kind: HistoryPoint['kind'] = 'scheduled'): HistoryPoint {
  return {
    asOf,
    kind,
    backfilled: kind === 'backfill',
    generatedAt: '2026-07-31T22:00:00.000Z',
    analysisId: null,
    inputHash: 'h1',
    versions: { product: '0.1.0', methodology: '3.0', data: { theme: 't' } },
    baseCurrency: 'USD',
    marketValue: 1000,
    headline: {
      themeHoldings: 0.5,
      aiRevenueShare: 0.3,
      netAiBeta: 1,
      netAiBetaR2: 0.2,
      marketBeta: 1,
      marketR2: 0.7,
      coreFour: 0.4,
    },
    score,
    coreFour: { AMZN: 0.1, MSFT: 0.1, GOOGL: 0.1, NVDA: 0.1, total: 0.4 },
    issuer: { effectiveN: 10, top1: 0.2 },
    rules: [{ id: 'single-issuer', status: 'fail', value: 0.2 }],
  };
}

/** Records an event whenever the score reaches 60 from below (the monitor's own logic is tested elsewhere). */
const evaluate =
  (p: { id: string }) =>
  (states: Map<string, { crossed: boolean; asOf: string; value: number | null }>, pt: HistoryPoint) => {
    const before = states.get('score >= 60')?.crossed ?? false;
    const holds = pt.score >= 60;
    const events: AlertEvent[] =
      holds && !before
        ? [
            {
              id: `e-${pt.asOf}`,
              portfolioId: p.id,
              alert: 'score >= 60',
              transition: 'crossed',
              asOf: pt.asOf,
              created: clock,
              payload: '{}',
              status: 'pending',
              attempts: 0,
              nextAttempt: clock,
              lastError: null,
              delivered: null,
            },
          ]
        : [];
    return {
      states: [['score >= 60', { crossed: holds, asOf: pt.asOf, value: pt.score }]] as [
        string,
        { crossed: boolean; asOf: string; value: number | null },
      ][],
      events,
    };
  };

const backends: [string, () => Store][] = [
  [
    'SQLite',
    () =>
      new Store(new SqliteDriver(path.join(mkdtempSync(path.join(tmpdir(), 'aix-store-')), 's.sqlite')), tmpdir(), now),
  ],
  ['PostgreSQL', () => new Store(new PostgresDriver(pg!.url), mkdtempSync(path.join(tmpdir(), 'aix-store-')), now)],
];

describe.each(backends)('%s', (name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = open();
    await store.ready;
  });
  afterAll(() => store.close());

  test('migrations are versioned and applied once', async () => {
    const again = name === 'SQLite' ? null : new Store(new PostgresDriver(pg!.url), tmpdir(), now);
    await again?.ready;
    await again?.close();
    const versions = await store.db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => Number(v.version))).toEqual([1, 2]);
  });

  test('analyses and portfolios are found by their owner only', async () => {
    const a = await store.analyses.save('k1', 'hash', { asOf: '2026-07-31' }, '{"x":1}');
    expect((await store.analyses.get(a.id, 'k1'))?.reportJson).toBe('{"x":1}');
    expect(await store.analyses.get(a.id, 'k2')).toBeNull();
    const p = await store.portfolios.create('k1', fields);
    expect((await store.portfolios.get(p.id, 'k1'))?.alerts).toEqual(['score >= 60']);
    expect(await store.portfolios.get(p.id, 'k2')).toBeNull();
    expect((await store.portfolios.list('k2', { limit: 10, offset: 0 })).total).toBe(0);
    expect(await store.portfolios.update(p.id, 'k2', { ...fields, name: 'stolen' })).toBeNull();
    expect((await store.portfolios.update(p.id, 'k1', { ...fields, name: 'Renamed' }))?.name).toBe('Renamed');
    expect((await store.portfolios.list('k1', { limit: 10, offset: 0 })).items.map((x) => x.name)).toContain('Renamed');
  });

  test('a run stores its report, point, alert states and events at once; repeating it adds nothing', async () => {
    const p = await store.portfolios.create('k1', fields);
    const run = { portfolio: p, report: { json: '{"r":1}' }, point: point('2026-07-30', 70), evaluate: evaluate(p) };
    expect(await store.runs.claim(p.id, '2026-07-30', now(), 60_000)).toBe(true);
    const first = await store.record({ ...run, run: { marketDay: '2026-07-30' } });
    expect(first?.events.map((e) => e.transition)).toEqual(['crossed']);
    const again = await store.record(run);
    expect(again?.events).toEqual([]);
    // A back-filled point never replaces what was seen at the time; it fills dates without one.
    await store.record({ portfolio: p, point: point('2026-07-30', 10, 'backfill') });
    await store.record({ portfolio: p, point: point('2026-06-30', 20, 'backfill') });
    const history = await store.history.list(p.id, { limit: 10, offset: 0 });
    expect(history.points.map((x) => [x.asOf, x.score, x.kind])).toEqual([
      ['2026-06-30', 20, 'backfill'],
      ['2026-07-30', 70, 'scheduled'],
    ]);
    expect(history.points[1]!.analysisId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.history.list(p.id, { from: '2026-07-01', limit: 10, offset: 0 })).total).toBe(1);
    expect((await store.alerts.events(p.id, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await store.runs.list(p.id)).map((r) => r.status)).toEqual(['done']);
  });

  test('a run is claimed once however many try; a dead claim expires; a done run is never claimed again', async () => {
    const p = await store.portfolios.create('k1', fields);
    const claims = await Promise.all([1, 2, 3, 4].map(() => store.runs.claim(p.id, '2026-07-29', now(), 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.runs.claim(p.id, '2026-07-29', now() + 61_000, 60_000)).toBe(true);
    await store.db.transaction((tx) => store.runs.done(tx, p.id, '2026-07-29', now()));
    expect(await store.runs.claim(p.id, '2026-07-29', now() + 10 ** 9, 60_000)).toBe(false);
    expect(await store.runs.doneDays(p.id, '2026-07-01')).toEqual(new Set(['2026-07-29']));
  });

  test('a delivery is claimed by one process at a time and settled', async () => {
    const p = await store.portfolios.create('k1', fields);
    const r = await store.record({ portfolio: p, point: point('2026-07-28', 90), evaluate: evaluate(p) });
    const id = r!.events[0]!.id;
    expect((await store.alerts.due(now(), 10)).map((e) => e.id)).toContain(id);
    const claims = await Promise.all([1, 2, 3].map(() => store.alerts.claim(id, now(), 30_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.alerts.due(now(), 10)).map((e) => e.id)).not.toContain(id);
    await store.alerts.settle(id, {
      status: 'delivered',
      attempts: 1,
      nextAttempt: null,
      lastError: null,
      delivered: now(),
    });
    const [event] = (await store.alerts.events(p.id, { limit: 1, offset: 0 })).items;
    expect([event!.status, event!.attempts]).toEqual(['delivered', 1]);
  });

  test('deleting a portfolio deletes its history, alerts, runs and reports; retention purges old points', async () => {
    const p = await store.portfolios.create('k1', fields);
    const r = await store.record({
      portfolio: p,
      report: { json: '{"only":"mine"}' },
      point: point('2026-07-27', 99),
      evaluate: evaluate(p),
    });
    await store.runs.claim(p.id, '2026-07-27', now(), 1000);
    expect(await store.deletePortfolio(p.id, 'k2')).toBe(false);
    expect(await store.deletePortfolio(p.id, 'k1')).toBe(true);
    expect(await store.analyses.get(r!.analysis!.id, 'k1')).toBeNull();
    for (const table of ['history', 'alert_events', 'alert_states', 'schedule_runs', 'analyses'])
      expect(
        await store.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE portfolio_id = ?`, [p.id]),
      ).toEqual({ n: 0 });
    expect(await store.db.get('SELECT hash FROM reports WHERE json = ?', ['{"only":"mine"}'])).toBeUndefined();

    const q = await store.portfolios.create('k1', fields);
    await store.record({ portfolio: q, point: point('2019-01-31', 5, 'backfill') });
    await store.record({ portfolio: q, report: { json: '{"q":1}' }, point: point('2026-07-31', 5) });
    clock += 40 * 86_400_000;
    await store.purge({ reportDays: 30, historyDays: 365 });
    const left = await store.history.list(q.id, { limit: 10, offset: 0 });
    expect(left.points.map((x) => x.asOf)).toEqual(['2026-07-31']);
    // The latest report of a portfolio outlives the report retention period.
    expect(await store.analyses.get(left.points[0]!.analysisId!, 'k1')).not.toBeNull();
  });
});
