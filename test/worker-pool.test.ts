/** Analyses off the event loop: a pool of worker threads with a bounded queue and a time limit. */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { importHoldings } from '../src/holdings';
import { analysePortfolio } from '../src/analyse-portfolio';
import { DemoMarketData } from '../src/market';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { BusyError, TaskTimeoutError, WorkerPool } from '../src/server/worker-pool';
import { ROOT } from './helpers/paths';

const example = readFileSync(path.join(ROOT, 'data/examples/portfolio.csv'));
const now = () => new Date('2026-11-01T00:00:00Z');

test('a worker gives the same report as this thread; typed errors come back typed', async () => {
  const pool = new WorkerPool({ market: { kind: 'demo' }, threads: 1, maxQueue: 4, taskTimeoutMs: 60_000 });
  try {
    const holdings = await importHoldings({ fileName: 'p.csv', bytes: example });
    const fromWorker = await pool.analyse({ holdings, monteCarlo: { paths: 5000 } });
    const here = await analysePortfolio(
      { holdings, monteCarlo: { paths: 5000 } },
      { market: new DemoMarketData(), now },
    );
    expect({ ...fromWorker, generatedAt: '' }).toEqual({ ...here, generatedAt: '' });
    const bad = await importHoldings({ fileName: 'b.csv', text: 'symbol,quantity\nNOPE,1\n' });
    await expect(pool.analyse({ holdings: bad })).rejects.toMatchObject({
      name: 'InputError',
      code: 'unknown_symbol',
      location: { row: 2 },
    });
    const pdf = await pool.render({ report: fromWorker, format: 'pdf', lang: 'it', paper: 'A4' });
    expect(Buffer.isBuffer(pdf) && pdf.subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await pool.close();
  }
}, 60_000);

test('a full queue refuses at once with BusyError; a task past its limit fails and its worker is replaced', async () => {
  const pool = new WorkerPool({ market: { kind: 'demo' }, threads: 1, maxQueue: 1, taskTimeoutMs: 60_000 });
  try {
    const holdings = await importHoldings({ fileName: 'p.csv', bytes: example });
    const running = pool.analyse({ holdings });
    const queued = pool.analyse({ holdings });
    await expect(pool.analyse({ holdings })).rejects.toBeInstanceOf(BusyError);
    await Promise.all([running, queued]);
  } finally {
    await pool.close();
  }
  const slow = new WorkerPool({ market: { kind: 'demo' }, threads: 1, maxQueue: 1, taskTimeoutMs: 50 });
  try {
    const holdings = await importHoldings({ fileName: 'p.csv', bytes: example });
    await expect(slow.analyse({ holdings, monteCarlo: { paths: 2_000_000 } })).rejects.toBeInstanceOf(TaskTimeoutError);
    expect(slow.stats).toMatchObject({ threads: 1, busy: 0 });
  } finally {
    await slow.close();
  }
}, 60_000);

test('/healthz answers in milliseconds while analyses run on the pool; a full queue is a 503 with Retry-After', async () => {
  const market = new DemoMarketData();
  const pool = new WorkerPool({ market: { kind: 'demo' }, threads: 2, maxQueue: 2, taskTimeoutMs: 60_000 });
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-pool-'));
  const app = createApp({
    market,
    runner: pool,
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), dir),
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 1 << 20,
    rateLimitPerMinute: 0,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const post = (body: Buffer) =>
      fetch(`${base}/api/v1/analyses`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    // Different bytes each, so nothing is served from the recent-results cache.
    const uploads = Array.from({ length: 6 }, (_, i) =>
      post(Buffer.concat([example, Buffer.from(`\nJNJ,${i + 1},,USD\n`)])),
    );
    await new Promise((r) => setTimeout(r, 150));
    const t = performance.now();
    const health = await fetch(`${base}/healthz`);
    const healthMs = performance.now() - t;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(250);
    const statuses = await Promise.all(uploads.map(async (p) => (await p).status));
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(4);
    const busy = await Promise.all(uploads.map(async (p) => p)).then((rs) => rs.find((r) => r.status === 503));
    if (busy !== undefined) {
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('busy');
    }
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
  } finally {
    server.close();
    await pool.close();
  }
}, 60_000);
