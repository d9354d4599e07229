import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { AnalysisInput } from '../analyse-portfolio';
import { ConfigError, InputError } from '../errors';
import type { MarketDataProvider } from '../market';
import type { BatchItem } from './input';
import { analyseOne, type BatchRendering } from './analyse-one';
import { prepareBatch, renderingOf, type BatchOptions, type BatchResult } from './run-batch';
import { SnapshotMarketData, type MarketSnapshot } from './snapshot';
import { rankRows, type BatchRow } from './summary';

export const QUEUE_NAME = 'ai-exposure-batch';
const key = (batchId: string, part: 'snapshot' | 'meta' | 'results' | 'rows' | 'pdfs' | 'failed') =>
  `aix:batch:${batchId}:${part}`;
/** Batch data outlives a restart of the coordinator, not forever. */
const TTL_SECONDS = 7 * 24 * 3600;
/** Results taken from Redis per round: the coordinator drains as workers fill, so Redis holds only what is in flight. */
const DRAIN_CHUNK = 200;
const REDIS_CONNECT_TIMEOUT_MS = 5000;
/** Jobs in Redis at once per batch: enough to keep hundreds of workers busy, a few tens of MB (about 3 KB a job). */
const JOB_WINDOW = 20_000;
/** Snapshots a worker keeps in memory (the newest batches); older ones are read again if needed. */
const SNAPSHOTS_KEPT = 2;

interface JobData {
  batchId: string;
  id: string;
  input: AnalysisInput;
}

interface BatchMeta {
  generatedAt: string;
  total: number;
  rendering: BatchRendering;
}

export function redisConnection(url: string): IORedis {
  // BullMQ needs commands to wait for a reconnect rather than fail: a Redis restart is survived.
  const connection = new IORedis(url, { maxRetriesPerRequest: null });
  // While Redis restarts every reconnect attempt emits an error; the commands wait, nothing is lost.
  connection.on('error', () => {});
  return connection;
}

/** A batch is not started on a Redis that does not answer: said at once, not a batch waiting forever. */
async function requireRedis(connection: IORedis, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    connection.ping().then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REDIS_CONNECT_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!answered)
    throw new ConfigError(
      `no Redis answers at ${url.replace(/\/\/[^@]*@/, '//***@')} within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s: start it, or fix REDIS_URL / --redis`,
    );
}

/**
 * A batch on BullMQ: the coordinator reads the portfolios, fetches the market snapshot once and
 * stores it in Redis, and enqueues one job per portfolio (job id = batch.portfolio, so a retry or a
 * re-submission never duplicates a result). Workers anywhere (`npm run worker`) analyse and put
 * each report in a Redis hash, which the coordinator drains as it fills (so Redis memory follows the
 * portfolios in flight, not the batch). A portfolio that is the user's mistake fails at once; other
 * errors are retried with back-off and, after the last attempt, land in the failed hash with the reason.
 */
export async function runBatchRedis(
  items: readonly BatchItem[],
  market: MarketDataProvider,
  options: BatchOptions & { redisUrl: string; batchId: string; pollMs?: number; window?: number },
): Promise<BatchResult> {
  const connection = redisConnection(options.redisUrl);
  try {
    await requireRedis(connection, options.redisUrl);
  } catch (err) {
    connection.disconnect();
    throw err;
  }
  const prepared = await prepareBatch(items, market, options);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection });
  try {
    const { batchId } = options;
    const meta: BatchMeta = {
      generatedAt: prepared.generatedAt,
      total: prepared.ready.length,
      rendering: renderingOf(options),
    };
    await connection.set(key(batchId, 'snapshot'), encodeSnapshot(prepared.snapshot), 'EX', TTL_SECONDS);
    await connection.set(key(batchId, 'meta'), JSON.stringify(meta), 'EX', TTL_SECONDS);
    // Jobs go in as a sliding window: Redis holds at most `window` portfolios' jobs, whatever the batch's size.
    const window = options.window ?? JOB_WINDOW;
    let enqueued = 0;
    const enqueueUpTo = async (limit: number) => {
      const end = Math.min(limit, prepared.ready.length);
      while (enqueued < end) {
        const chunk = prepared.ready.slice(enqueued, Math.min(enqueued + 1000, end));
        await queue.addBulk(
          chunk.map((r) => ({
            name: 'analyse',
            data: { batchId, id: r.id, input: r.input },
            opts: {
              jobId: `${batchId}.${r.id}`,
              attempts: 3,
              backoff: { type: 'exponential', delay: 500 },
              removeOnComplete: true,
              removeOnFail: 1000,
            },
          })),
        );
        enqueued += chunk.length;
      }
    };
    await enqueueUpTo(window);
    const rows: BatchRow[] = [...prepared.rows];
    // A result seen once is taken once: a job run twice (a worker died after writing) changes nothing.
    const taken = new Set<string>();
    const scan = { cursor: '0' };
    let failedIds: string[] = [];
    options.onProgress?.({ done: 0, failed: prepared.rows.length, total: prepared.total });
    for (;;) {
      const drained = await drainResults(connection, batchId, scan, taken, async (id, json, row, pdf) => {
        rows.push(row);
        await options.onReport?.(id, json, pdf);
      });
      failedIds = (await connection.hkeys(key(batchId, 'failed'))).filter((id) => !taken.has(id));
      if (drained > 0 || taken.size + failedIds.length >= prepared.ready.length)
        options.onProgress?.({
          done: taken.size,
          failed: failedIds.length + prepared.rows.length,
          total: prepared.total,
        });
      if (taken.size + failedIds.length >= prepared.ready.length) break;
      await enqueueUpTo(taken.size + failedIds.length + window);
      if (drained === 0) await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    const failures = failedIds.length === 0 ? [] : await connection.hmget(key(batchId, 'failed'), ...failedIds);
    failedIds.forEach((id, i) => rows.push({ id, status: 'failed', reason: failures[i] ?? 'failed' }));
    // The batch is over: its keys go, and with the snapshot gone a late duplicate of a job writes nothing.
    await connection.del(
      key(batchId, 'snapshot'),
      key(batchId, 'meta'),
      key(batchId, 'results'),
      key(batchId, 'rows'),
      key(batchId, 'pdfs'),
      key(batchId, 'failed'),
    );
    return {
      generatedAt: prepared.generatedAt,
      rows: rankRows(rows),
      counts: { total: prepared.total, done: taken.size, failed: prepared.total - taken.size },
      marketRequests: { symbols: Object.keys(prepared.snapshot.histories).length },
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/**
 * Takes finished reports out of Redis, about DRAIN_CHUNK at a time (first handled, then deleted);
 * returns how many were new. The scan cursor is kept between rounds: deleting while scanning is
 * safe, and every entry present for a whole pass is seen in it.
 */
async function drainResults(
  connection: IORedis,
  batchId: string,
  scan: { cursor: string },
  taken: Set<string>,
  handle: (id: string, json: string, row: BatchRow, pdf?: Buffer) => Promise<void>,
): Promise<number> {
  const found = new Set<string>();
  do {
    const [next, flat] = await connection.hscan(key(batchId, 'results'), scan.cursor, 'COUNT', DRAIN_CHUNK);
    scan.cursor = next;
    for (let i = 0; i < flat.length; i += 2) found.add(flat[i]!);
  } while (scan.cursor !== '0' && found.size < DRAIN_CHUNK);
  if (found.size === 0) return 0;
  const chunk = [...found];
  const [jsons, rows, pdfs] = await Promise.all([
    connection.hmget(key(batchId, 'results'), ...chunk),
    connection.hmget(key(batchId, 'rows'), ...chunk),
    connection.hmgetBuffer(key(batchId, 'pdfs'), ...chunk),
  ]);
  let fresh = 0;
  for (let i = 0; i < chunk.length; i++) {
    const id = chunk[i]!;
    if (taken.has(id) || jsons[i] === null || rows[i] === null) continue;
    await handle(id, jsons[i]!, JSON.parse(rows[i]!) as BatchRow, pdfs[i] ?? undefined);
    taken.add(id);
    fresh++;
  }
  await connection
    .multi()
    .hdel(key(batchId, 'results'), ...chunk)
    .hdel(key(batchId, 'rows'), ...chunk)
    .hdel(key(batchId, 'pdfs'), ...chunk)
    .exec();
  return fresh;
}

/** A worker process's BullMQ worker: any number can run, on any machine that reaches Redis. */
export function startRedisWorker(
  redisUrl: string,
  options: { concurrency?: number; stalledIntervalMs?: number } = {},
): Worker<JobData> {
  const connection = redisConnection(redisUrl);
  const batches = new Map<string, { market: SnapshotMarketData; meta: BatchMeta }>();
  const load = async (batchId: string) => {
    let entry = batches.get(batchId);
    if (entry === undefined) {
      const [snapshot, meta] = await Promise.all([
        connection.get(key(batchId, 'snapshot')),
        connection.get(key(batchId, 'meta')),
      ]);
      if (snapshot === null || meta === null)
        throw new Error(`batch ${batchId} has no market snapshot in Redis (expired?)`);
      entry = { market: new SnapshotMarketData(decodeSnapshot(snapshot)), meta: JSON.parse(meta) as BatchMeta };
      batches.set(batchId, entry);
      if (batches.size > SNAPSHOTS_KEPT) batches.delete(batches.keys().next().value!);
    }
    return entry;
  };
  const worker = new Worker<JobData>(
    QUEUE_NAME,
    async (job: Job<JobData>) => {
      const { batchId, id, input } = job.data;
      const { market, meta } = await load(batchId);
      try {
        const { json, row, pdf } = await analyseOne(id, input, market, meta.generatedAt, meta.rendering);
        // One transaction: when the coordinator sees the report, its summary row and PDF are there too.
        await writeOutcome(connection, batchId, id, { json, row: JSON.stringify(row), pdf: pdf ?? '' });
      } catch (err) {
        if (!(err instanceof InputError)) throw err; // retried with back-off
        await writeFailure(connection, batchId, id, err.message);
      }
    },
    {
      connection: redisConnection(redisUrl),
      concurrency: options.concurrency ?? 1,
      ...(options.stalledIntervalMs !== undefined && {
        stalledInterval: options.stalledIntervalMs,
        lockDuration: options.stalledIntervalMs * 2,
      }),
    },
  );
  worker.on('failed', (job, err) => {
    if (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1))
      void writeFailure(
        connection,
        job.data.batchId,
        job.data.id,
        `failed after ${job.attemptsMade} attempts: ${err.message}`,
      );
  });
  return worker;
}

/**
 * A finished portfolio, stored in one step and only while its batch is running (its snapshot
 * exists): the coordinator never sees a report without its row and PDF, and a duplicate run of a
 * job that ends after the batch (its worker died after writing) leaves nothing behind.
 */
const WRITE_OUTCOME = `
if redis.call('exists', KEYS[1]) == 0 then return 0 end
if ARGV[4] ~= '' then
  redis.call('hset', KEYS[4], ARGV[1], ARGV[4])
  redis.call('expire', KEYS[4], ARGV[5])
end
redis.call('hset', KEYS[3], ARGV[1], ARGV[3])
redis.call('expire', KEYS[3], ARGV[5])
redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
redis.call('expire', KEYS[2], ARGV[5])
return 1`;

const WRITE_FAILURE = `
if redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
redis.call('expire', KEYS[2], ARGV[3])
return 1`;

function writeOutcome(
  connection: IORedis,
  batchId: string,
  id: string,
  outcome: { json: string; row: string; pdf: Buffer | '' },
): Promise<unknown> {
  return connection.eval(
    WRITE_OUTCOME,
    4,
    key(batchId, 'snapshot'),
    key(batchId, 'results'),
    key(batchId, 'rows'),
    key(batchId, 'pdfs'),
    id,
    outcome.json,
    outcome.row,
    outcome.pdf,
    TTL_SECONDS,
  );
}

function writeFailure(connection: IORedis, batchId: string, id: string, reason: string): Promise<unknown> {
  return connection.eval(WRITE_FAILURE, 2, key(batchId, 'snapshot'), key(batchId, 'failed'), id, reason, TTL_SECONDS);
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
