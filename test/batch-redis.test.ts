/**
 * Batches on BullMQ with a real Redis (Debian's redis-server, started here on 127.0.0.1 only, and
 * stopped after) and real worker processes: all results, none duplicated, through a killed worker
 * and a Redis restart; the same bytes as the embedded engine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { parseOptions } from '../src/analysis';
import {
  BatchOptionsSchema,
  RedisEngine,
  ThreadEngine,
  jsonLinesSource,
  runBatch,
  type BatchSource,
  type PortfolioOutcome,
} from '../src/batch';
import { DemoMarketData } from '../src/market';
import { pino } from 'pino';
import request from 'supertest';
import { AnalysisStore } from '../src/server/analysis-store';
import { createApp } from '../src/server/app';
import { BatchService } from '../src/server/batch-service';
import { ROOT } from './helpers/paths';

const SYMBOLS = ['NVDA', 'MSFT', 'AMZN', 'GOOGL', 'SPY', 'QQQ', 'SMH', 'AAPL', 'AVGO', 'JNJ', 'XOM', 'GLD', 'BND'];
const port = 6500 + Math.floor(Math.random() * 400);
const url = `redis://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(tmpdir(), 'aix-redis-'));
let redis: ChildProcess | undefined;
const workers: ChildProcess[] = [];

function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  return waitFor(async () => {
    const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const pong = await probe.ping().catch(() => '');
    probe.disconnect();
    return pong === 'PONG';
  });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

function startWorker(): ChildProcess {
  const w = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/batch/redis/worker-process.ts')], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: url, WORKER_STALLED_MS: '1000' },
    stdio: 'ignore',
  });
  workers.push(w);
  return w;
}

/** n portfolios as JSON lines (p0000, p0001…), and any extra lines after them. */
function lines(n: number, extra: string[] = []): BatchSource {
  const text = Array.from({ length: n }, (_, i) => {
    const picks = SYMBOLS.filter((_, k) => (i + k) % 3 === 0).slice(0, 2 + (i % 5));
    const holdings = picks.map((symbol, k) => ({ symbol, quantity: 1 + ((i * 7 + k * 3) % 40) }));
    return JSON.stringify({ id: `p${String(i).padStart(4, '0')}`, holdings });
  });
  return jsonLinesSource(Buffer.from([...text, ...extra].join('\n')), 'b.jsonl');
}

const options = (raw: Record<string, unknown> = {}) => parseOptions(BatchOptionsSchema, raw, 'cli');

beforeAll(async () => {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error("redis-server is missing: .ci/run installs Debian's redis-server for this test");
  await startRedis();
}, 30_000);

afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  redis?.kill('SIGTERM');
});

test('200 portfolios across 2 workers, one killed mid-batch and Redis restarted: exactly 200 results, identical to the embedded engine', async () => {
  startWorker();
  const doomed = startWorker();
  const generatedAt = '2026-11-25T12:00:00.000Z';
  const fromRedis = new Map<string, string>();
  let killed = false;
  let restarted = false;
  // Jobs enqueued as results arrive (a window of 64), not all at once.
  const engine = new RedisEngine({ url, pollMs: 100, window: 64 });
  const result = await runBatch(
    lines(200),
    { engine, market: new DemoMarketData() },
    {
      id: 'b-test-1',
      options: options(),
      generatedAt,
      onReport: (o: PortfolioOutcome) => void fromRedis.set(o.id, o.json),
      onProgress: ({ done }) => {
        if (!killed && done >= 20) {
          killed = true;
          doomed.kill('SIGKILL'); // its active job stalls and is taken by the other worker
        }
        if (!restarted && done >= 60) {
          restarted = true;
          const old = redis!;
          old.once('exit', () => void startRedis());
          old.kill('SIGTERM'); // AOF keeps the queue; clients reconnect
        }
      },
    },
  );
  expect([killed, restarted, result.counts]).toEqual([true, true, { total: 200, done: 200, failed: 0 }]);
  expect(result.counts).toEqual({ total: 200, done: 200, failed: 0 });
  expect(fromRedis.size).toBe(200);
  expect(new Set(result.rows.map((r) => r.id)).size).toBe(200);
  const embedded = new Map<string, string>();
  await runBatch(
    lines(25),
    { engine: new ThreadEngine(2), market: new DemoMarketData() },
    {
      id: 'b-embedded',
      options: options(),
      generatedAt,
      onReport: (o) => void embedded.set(o.id, o.json),
    },
  );
  for (const [id, json] of embedded) expect([id, fromRedis.get(id) === json]).toEqual([id, true]);
  // Drained as it went and cleared at the end; the killed worker's job, run again after the batch
  // was over, writes nothing.
  await new Promise((r) => setTimeout(r, 3500));
  const probe = new IORedis(url);
  try {
    expect(await probe.keys('aix:batch:b-test-1:*')).toEqual([]);
  } finally {
    probe.disconnect();
  }
}, 240_000);

test('PDFs on request reach the coordinator from the workers; a bad portfolio fails at once with its reason', async () => {
  const pdfs = new Map<string, Uint8Array | undefined>();
  const source = lines(3, ['{"id":"bad","holdings":[{"symbol":"NVDA","quantity":"ten"}]}']);
  const result = await runBatch(
    source,
    { engine: new RedisEngine({ url, pollMs: 50 }), market: new DemoMarketData() },
    {
      id: 'b-test-2',
      options: options({ pdf: true, paper: 'LETTER' }),
      onReport: (o) => void pdfs.set(o.id, o.pdf),
    },
  );
  expect(result.counts).toEqual({ total: 4, done: 3, failed: 1 });
  expect(result.rows.find((r) => r.id === 'bad')).toEqual({
    id: 'bad',
    status: 'failed',
    code: 'no_usable_positions',
    params: expect.any(Object),
    reason: expect.stringMatching(/holdings\[0\]\.quantity.*"ten" is not a number/),
  });
  expect([...pdfs.keys()].sort()).toEqual(['p0000', 'p0001', 'p0002']);
  for (const pdf of pdfs.values()) expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
}, 120_000);

test('the HTTP service with REDIS_URL hands the batch to the BullMQ workers and reports their progress', async () => {
  const logger = pino({ level: 'silent' });
  const market = new DemoMarketData();
  const batches = new BatchService({
    market,
    dir: path.join(dir, 'batches'),
    engine: new RedisEngine({ url }),
    logger,
  });
  const app = createApp({
    market,
    store: new AnalysisStore(':memory:', path.join(dir, 'reports')),
    logger,
    maxUploadBytes: 64 * 1024,
    rateLimitPerMinute: 0,
    batches,
  });
  const lines = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      id: `p${String(i).padStart(4, '0')}`,
      holdings: SYMBOLS.filter((_s, k) => (i + k) % 4 === 0).map((symbol, k) => ({ symbol, quantity: 1 + k })),
    }),
  );
  const submitted = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/x-ndjson')
    .send(lines.join('\n'));
  expect([submitted.status, submitted.body.engine]).toEqual([202, 'redis']);
  await batches.idle();
  const res = await request(app).get(`/api/v1/batches/${submitted.body.id}`);
  expect(res.body).toMatchObject({ state: 'done', progress: { done: 30, failed: 0, total: 30 } });
  const one = await request(app).get(`/api/v1/batches/${submitted.body.id}/portfolios/p0007`);
  expect(one.body.holdings.length).toBeGreaterThan(0);
}, 120_000);

test('a batch on a Redis that does not answer fails at once with a clear message', async () => {
  const started = Date.now();
  const engine = new RedisEngine({ url: 'redis://:secret@127.0.0.1:1' });
  await expect(
    runBatch(lines(2), { engine, market: new DemoMarketData() }, { id: 'b-none', options: options() }),
  ).rejects.toThrow(/^no Redis answers at redis:\/\/\*\*\*@127\.0\.0\.1:1 within 5 s: start it, or fix REDIS_URL/);
  expect(Date.now() - started).toBeLessThan(15_000);
}, 30_000);
