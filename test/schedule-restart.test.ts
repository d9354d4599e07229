/**
 * The daily schedule survives a kill: the service (a real process, its clock moved by the test)
 * catches up ten missed market days, is killed with SIGKILL in the middle, and a new process on the
 * same database finishes them — every day run once, every alert event recorded once and delivered
 * at least once (only the delivery the kill interrupted may come twice, with the same id).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { analyse, loadReferenceData, parseOptions, plan } from '../src/analysis';
import { importHoldings } from '../src/holdings';
import { CsvMarketData } from '../src/market';
import { gather } from '../src/market/gather';
import { dueDays, DEFAULT_SCHEDULE } from '../src/monitor/schedule';
import { PortfolioOptionsSchema } from '../src/server/http/portfolio-fields';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'aix-restart-'));
const port = 3800 + Math.floor(Math.random() * 400);
const base = `http://127.0.0.1:${port}/api/v1`;
const FILE = readFileSync(path.join(ROOT, 'data/examples/portfolio.csv'));
const T0 = '2026-07-06T12:00:00.000Z';
const T1 = '2026-07-17T23:00:00.000Z';
const received: string[] = [];
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received.push(String(req.headers['x-event-id']));
    res.writeHead(204).end();
  });
});
const children: ChildProcess[] = [];

// The service's own settings only: no Redis, no PostgreSQL, no keys from the machine's environment.
const { REDIS_URL: _redis, DATABASE_URL: _pg, API_KEYS: _keys, ...inherited } = process.env;

function start(clock: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/service-process.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      TEST_CLOCK: clock,
      PORT: String(port),
      HOST: '127.0.0.1',
      PRICES_DIR,
      ETF_HOLDINGS_DIR: ETF_DIR,
      ANALYSES_DB: path.join(dir, 'a.sqlite'),
      REPORTS_DIR: path.join(dir, 'reports'),
      WORKER_THREADS: '1',
      LOG_LEVEL: 'silent',
      ALLOW_PRIVATE_WEBHOOKS: '1',
      BACKFILL_MONTHS: '0',
      SCHEDULE_CATCH_UP_DAYS: '20',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
}

async function until<T>(check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (const t = Date.now(); Date.now() - t < ms; await new Promise((r) => setTimeout(r, 100))) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
  }
  throw new Error('timed out');
}

const scheduled = async (id: string) => {
  const res = await fetch(`${base}/portfolios/${id}/history?limit=1000`);
  return (
    (await res.json()) as { points: { kind: string; asOf: string; headline: { aiRevenueShare: number } }[] }
  ).points.filter((p) => p.kind === 'scheduled');
};

/** The AI revenue share on each day, computed here, so the threshold sits among them (crossings happen). */
async function thresholdFor(days: string[]): Promise<number> {
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const imported = await importHoldings({ fileName: 'portfolio.csv', bytes: FILE });
  const options = {
    ...parseOptions(PortfolioOptionsSchema, { monteCarloPaths: 1000 }, 'http'),
    lang: 'en',
    paper: 'A4',
  } as const;
  const reference = loadReferenceData();
  const inputs = await gather(plan(imported, options), { market, reference });
  const shares = days
    .map(
      (asOf) =>
        analyse(imported, { market: inputs, reference, generatedAt: T0 }, { ...options, asOf }).exposure.headline
          .aiRevenueShare,
    )
    .sort();
  return (shares[4]! + shares[5]!) / 2;
}

beforeAll(() => new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r)));
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  receiver.close();
});

test('killed mid-schedule and restarted: the missed days are caught up once each, alerts once each', async () => {
  const days = dueDays({ ...DEFAULT_SCHEDULE, catchUpDays: 20 }, Date.parse(T0), Date.parse(T1), new Set());
  expect(days).toHaveLength(10);
  const threshold = await thresholdFor(days);
  const first = start(T0);
  await until(async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined));
  const form = new FormData();
  form.append('file', new Blob([FILE]), 'portfolio.csv');
  const saved = await fetch(`${base}/portfolios?monteCarloPaths=10000`, { method: 'POST', body: form });
  const id = ((await saved.json()) as { id: string }).id;
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await fetch(`${base}/portfolios/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ webhookUrl: hook, alerts: [`aiRevenueShare > ${threshold}`] }),
  });

  first.send({ now: T1 });
  const before = await until(async () => {
    const n = (await scheduled(id)).length;
    return n >= 3 ? n : undefined;
  });
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  expect(before).toBeLessThan(days.length); // killed mid-schedule, not after

  // Restarted after the dead process's claim on its run has expired (its lease is 10 minutes).
  const second = start(new Date(Date.parse(T1) + 11 * 60_000).toISOString());
  const points = await until(async () => {
    const p = await scheduled(id);
    return p.length === days.length ? p : undefined;
  });
  expect(points.map((p) => p.asOf)).toEqual(days);

  // The crossings the recorded points imply, in date order: each recorded once.
  let crossed = false;
  const expected: string[] = [];
  for (const p of points) {
    const holds = p.headline.aiRevenueShare > threshold;
    if (holds !== crossed) expected.push(holds ? 'crossed' : 'cleared');
    crossed = holds;
  }
  expect(expected.length).toBeGreaterThan(0);
  await until(async () => (received.length >= expected.length ? true : undefined));
  await new Promise((r) => setTimeout(r, 300));
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));

  const db = new Database(path.join(dir, 'a.sqlite'), { readonly: true });
  const runs = db.prepare('SELECT market_day, status FROM schedule_runs ORDER BY market_day').all();
  expect(runs).toEqual(days.map((d) => ({ market_day: d, status: 'done' })));
  const events = db.prepare('SELECT id, transition, status FROM alert_events ORDER BY as_of').all() as {
    id: string;
    transition: string;
    status: string;
  }[];
  db.close();
  expect(events.map((e) => e.transition)).toEqual(expected);
  expect(events.every((e) => e.status === 'delivered')).toBe(true);
  // Deliveries are at least once (receivers dedupe on the id): only the delivery in flight when
  // the first process was killed (sent, its 2xx not yet recorded) may arrive twice.
  expect([...new Set(received)].sort()).toEqual(events.map((e) => e.id).sort());
  expect(received.length - new Set(received).size).toBeLessThanOrEqual(1);
}, 120_000);
