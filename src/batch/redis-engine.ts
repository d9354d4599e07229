import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { analysePortfolio, type AnalysisInput } from '../analyse-portfolio';
import { InputError } from '../errors';
import type { MarketDataProvider } from '../market';
import type { AnalysisReport } from '../report';
import type { BatchItem } from './input';
import { prepareBatch, type BatchOptions, type BatchResult } from './run-batch';
import { SnapshotMarketData, type MarketSnapshot } from './snapshot';
import { rankRows, summaryRow, type BatchRow } from './summary';

export const QUEUE_NAME = 'ai-exposure-batch';
const key = (batchId: string, part: 'snapshot' | 'meta' | 'results' | 'failed') => `aix:batch:${batchId}:${part}`;
/** Batch data outlives a restart of the coordinator, not forever. */
const TTL_SECONDS = 7 * 24 * 3600;

interface JobData {
  batchId: string;
  id: string;
  input: AnalysisInput;
}

export function redisConnection(url: string): IORedis {
  // BullMQ needs commands to wait for a reconnect rather than fail: a Redis restart is survived.
  return new IORedis(url, { maxRetriesPerRequest: null });
}

/**
 * A batch on BullMQ: the coordinator reads the portfolios, fetches the market snapshot once and
 * stores it in Redis, and enqueues one job per portfolio (job id = batch.portfolio, so a retry or a
 * re-submission never duplicates a result). Workers anywhere (`npm run worker`) analyse and store
 * each report in a Redis hash; a portfolio that is the user's mistake fails at once, other errors
 * are retried with back-off and, after the last attempt, land in the failed hash with the reason.
 */
export async function runBatchRedis(items: readonly BatchItem[], market: MarketDataProvider, options: BatchOptions & { redisUrl: string; batchId: string; pollMs?: number }): Promise<BatchResult> {
  const prepared = await prepareBatch(items, market, options);
  const connection = redisConnection(options.redisUrl);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection });
  try {
    const { batchId } = options;
    await connection.set(key(batchId, 'snapshot'), encodeSnapshot(prepared.snapshot), 'EX', TTL_SECONDS);
    await connection.set(key(batchId, 'meta'), JSON.stringify({ generatedAt: prepared.generatedAt, total: prepared.ready.length }), 'EX', TTL_SECONDS);
    await queue.addBulk(
      prepared.ready.map((r) => ({
        name: 'analyse',
        data: { batchId, id: r.id, input: r.input },
        opts: { jobId: `${batchId}.${r.id}`, attempts: 3, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: 1000 },
      })),
    );
    const rows: BatchRow[] = [...prepared.rows];
    for (;;) {
      const [done, failed] = await Promise.all([connection.hlen(key(batchId, 'results')), connection.hlen(key(batchId, 'failed'))]);
      options.onProgress?.({ done, failed: failed + prepared.rows.length, total: prepared.total });
      if (done + failed >= prepared.ready.length) break;
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    const results = await connection.hgetall(key(batchId, 'results'));
    for (const id of Object.keys(results).sort()) {
      rows.push(summaryRow(id, JSON.parse(results[id]!) as AnalysisReport));
      await options.onReport?.(id, results[id]!);
    }
    const failures = await connection.hgetall(key(batchId, 'failed'));
    for (const id of Object.keys(failures).sort()) if (!(id in results)) rows.push({ id, status: 'failed', reason: failures[id]! });
    const done = Object.keys(results).length;
    return { generatedAt: prepared.generatedAt, rows: rankRows(rows), counts: { total: prepared.total, done, failed: prepared.total - done }, marketRequests: { symbols: Object.keys(prepared.snapshot.histories).length } };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** A worker process's BullMQ worker: any number can run, on any machine that reaches Redis. */
export function startRedisWorker(redisUrl: string, options: { concurrency?: number; stalledIntervalMs?: number } = {}): Worker<JobData> {
  const connection = redisConnection(redisUrl);
  const snapshots = new Map<string, { market: SnapshotMarketData; generatedAt: string }>();
  const load = async (batchId: string) => {
    let entry = snapshots.get(batchId);
    if (entry === undefined) {
      const [snapshot, meta] = await Promise.all([connection.get(key(batchId, 'snapshot')), connection.get(key(batchId, 'meta'))]);
      if (snapshot === null || meta === null) throw new Error(`batch ${batchId} has no market snapshot in Redis (expired?)`);
      entry = { market: new SnapshotMarketData(decodeSnapshot(snapshot)), generatedAt: (JSON.parse(meta) as { generatedAt: string }).generatedAt };
      snapshots.set(batchId, entry);
    }
    return entry;
  };
  const worker = new Worker<JobData>(
    QUEUE_NAME,
    async (job: Job<JobData>) => {
      const { batchId, id, input } = job.data;
      const { market, generatedAt } = await load(batchId);
      try {
        const report = await analysePortfolio(input, { market, now: () => new Date(generatedAt) });
        await connection.hset(key(batchId, 'results'), id, JSON.stringify(report));
      } catch (err) {
        if (!(err instanceof InputError)) throw err; // retried with back-off
        await connection.hset(key(batchId, 'failed'), id, err.message);
      }
    },
    { connection: redisConnection(redisUrl), concurrency: options.concurrency ?? 1, ...(options.stalledIntervalMs !== undefined && { stalledInterval: options.stalledIntervalMs, lockDuration: options.stalledIntervalMs * 2 }) },
  );
  worker.on('failed', (job, err) => {
    if (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1)) void connection.hset(key(job.data.batchId, 'failed'), job.data.id, `failed after ${job.attemptsMade} attempts: ${err.message}`);
  });
  return worker;
}

/** The snapshot as JSON, its typed arrays as base64 (a binary-safe, compact form for Redis). */
export function encodeSnapshot(snapshot: MarketSnapshot): string {
  return JSON.stringify(snapshot, (_k, v: unknown) => {
    if (v instanceof Float64Array) return { f64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Int32Array) return { i32: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    return v;
  });
}

export function decodeSnapshot(text: string): MarketSnapshot {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && 'f64' in v) {
      const b = Buffer.from((v as { f64: string }).f64, 'base64');
      return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
    if (v !== null && typeof v === 'object' && 'i32' in v) {
      const b = Buffer.from((v as { i32: string }).i32, 'base64');
      return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
    return v;
  }) as MarketSnapshot;
}
