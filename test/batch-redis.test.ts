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
import { runBatchEmbedded, type BatchItem } from '../src/batch';
import { runBatchRedis } from '../src/batch/redis-engine';
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
  const w = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: url, WORKER_STALLED_MS: '1000' },
    stdio: 'ignore',
  });
  workers.push(w);
  return w;
}

function items(n: number): BatchItem[] {
  return Array.from({ length: n }, (_, i) => {
    const picks = SYMBOLS.filter((_, k) => (i + k) % 3 === 0).slice(0, 2 + (i % 5));
    return {
      id: `p${String(i).padStart(4, '0')}`,
      fileName: `p${i}.csv`,
      bytes: Buffer.from(`symbol,quantity\n${picks.map((s, k) => `${s},${1 + ((i * 7 + k * 3) % 40)}`).join('\n')}\n`),
    };
  });
}

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
  const batch = items(200);
  const generatedAt = '2026-11-25T12:00:00.000Z';
  const fromRedis = new Map<string, string>();
  let killed = false;
  let restarted = false;
  const result = await runBatchRedis(batch, new DemoMarketData(), {
    threads: 1,
    generatedAt,
    redisUrl: url,
    batchId: 'b-test-1',
    pollMs: 100,
    window: 64, // jobs enqueued as results arrive, not all at once
    onReport: (id, json) => void fromRedis.set(id, json),
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
  });
  expect(killed && restarted).toBe(true);
  expect(result.counts).toEqual({ total: 200, done: 200, failed: 0 });
  expect(fromRedis.size).toBe(200);
  expect(new Set(result.rows.map((r) => r.id)).size).toBe(200);
  const embedded = new Map<string, string>();
  await runBatchEmbedded(batch.slice(0, 25), new DemoMarketData(), {
    threads: 2,
    generatedAt,
    onReport: (id, json) => void embedded.set(id, json),
  });
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
  const batch: BatchItem[] = [
    ...items(3),
    { id: 'bad', holdings: { holdings: [{ symbol: 'NVDA', quantity: 'ten' }] } },
  ];
  const pdfs = new Map<string, Uint8Array | undefined>();
  const result = await runBatchRedis(batch, new DemoMarketData(), {
    threads: 1,
    redisUrl: url,
    batchId: 'b-test-2',
    pollMs: 50,
    pdf: { lang: 'en', paper: 'LETTER' },
    onReport: (id, _json, pdf) => void pdfs.set(id, pdf),
  });
  expect(result.counts).toEqual({ total: 4, done: 3, failed: 1 });
  expect(result.rows.find((r) => r.id === 'bad')).toEqual({
    id: 'bad',
    status: 'failed',
    reason: expect.stringMatching(/holdings\[0\]\.quantity.*"ten" is not a number/),
  });
  expect([...pdfs.keys()].sort()).toEqual(['p0000', 'p0001', 'p0002']);
  for (const pdf of pdfs.values()) expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
}, 120_000);

test('the HTTP service with REDIS_URL hands the batch to the BullMQ workers and reports their progress', async () => {
  const logger = pino({ level: 'silent' });
  const market = new DemoMarketData();
  const batches = new BatchService({ market, dir: path.join(dir, 'batches'), engine: { kind: 'redis', url }, logger });
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
  await expect(
    runBatchRedis(items(2), new DemoMarketData(), {
      threads: 1,
      redisUrl: 'redis://:secret@127.0.0.1:1',
      batchId: 'b-none',
    }),
  ).rejects.toThrow(/^no Redis answers at redis:\/\/\*\*\*@127\.0\.0\.1:1 within 5 s: start it, or fix REDIS_URL/);
  expect(Date.now() - started).toBeLessThan(15_000);
}, 30_000);
