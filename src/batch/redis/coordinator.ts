import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { AppError, type SerialisedError } from '../../errors';
import type { PortfolioOutcome } from '../analyse-one';
import { failureRow, portfolioFailure, type BatchEngine, type OutcomeSink, type PreparedBatch } from '../engine';
import type { OkRow } from '../summary';
import { QUEUE_NAME, TTL_SECONDS, batchKeys, redisConnection, requireRedis } from './connection';
import { encodeSnapshot } from './snapshot-codec';
import type { BatchMeta, JobData } from './worker';

/** Results taken from Redis per round: drained as workers fill, so Redis holds only what is in flight. */
const DRAIN_CHUNK = 200;
/** Jobs in Redis at once per batch: enough to keep hundreds of workers busy, a few tens of MB (about 3 KB a job). */
const JOB_WINDOW = 20_000;
/** With nothing new for this long, BullMQ is asked about the jobs still out (one may have failed for good). */
const RECONCILE_AFTER_MS = 30_000;

export interface RedisEngineOptions {
  url: string;
  pollMs?: number;
  window?: number;
  reconcileAfterMs?: number;
}

/** Where a batch's jobs stand on the coordinator's side. */
interface Progress {
  enqueued: number;
  /** Portfolios whose outcome (report or failure) was taken: taken once, whatever a worker does twice. */
  settled: Set<string>;
  lastNews: number;
}

/**
 * The coordinator of a batch on BullMQ: it stores the market snapshot in Redis, enqueues one job
 * per portfolio (job id = batch.portfolio, so a retry or a re-submission never duplicates a
 * result) as a sliding window, and drains the reports and failures workers write into Redis
 * hashes, so Redis memory follows the portfolios in flight, not the batch. When the batch ends,
 * however it ends, its keys go: a late duplicate of a job then writes nothing.
 */
export class RedisEngine implements BatchEngine {
  readonly kind = 'redis';

  constructor(private readonly options: RedisEngineOptions) {}

  async analyse(batch: PreparedBatch, sink: OutcomeSink): Promise<void> {
    const connection = redisConnection(this.options.url);
    try {
      await requireRedis(connection, this.options.url);
    } catch (err) {
      connection.disconnect();
      throw err;
    }
    const queue = new Queue<JobData>(QUEUE_NAME, { connection });
    const keys = batchKeys(batch.id);
    try {
      await storeBatch(connection, batch);
      await this.follow(connection, queue, batch, sink);
    } finally {
      await connection.del(...Object.values(keys)).catch(() => {});
      await queue.close();
      connection.disconnect();
    }
  }

  private async follow(connection: IORedis, queue: Queue<JobData>, batch: PreparedBatch, sink: OutcomeSink) {
    const window = this.options.window ?? JOB_WINDOW;
    const state: Progress = { enqueued: 0, settled: new Set(), lastNews: Date.now() };
    const total = batch.portfolios.length;
    const scans = { rows: { cursor: '0' }, failed: { cursor: '0' } };
    while (state.settled.size < total) {
      await enqueueUpTo(queue, batch, state, state.settled.size + window);
      const news =
        (await drainResults(connection, batch.id, scans.rows, state.settled, sink)) +
        (await drainFailures(connection, batch.id, scans.failed, state.settled, sink));
      if (news > 0) state.lastNews = Date.now();
      else if (Date.now() - state.lastNews > (this.options.reconcileAfterMs ?? RECONCILE_AFTER_MS)) {
        await reconcile(queue, batch, state, sink);
        state.lastNews = Date.now();
      } else await new Promise((r) => setTimeout(r, this.options.pollMs ?? 250));
    }
  }
}

async function storeBatch(connection: IORedis, batch: PreparedBatch): Promise<void> {
  const keys = batchKeys(batch.id);
  const meta: BatchMeta = {
    generatedAt: batch.context.generatedAt,
    options: batch.context.options,
    reference: batch.reference,
    ...(batch.context.theme !== undefined && { theme: batch.context.theme }),
  };
  await connection.set(keys.snapshot, encodeSnapshot(batch.context.snapshot), 'EX', TTL_SECONDS);
  await connection.set(keys.meta, JSON.stringify(meta), 'EX', TTL_SECONDS);
}

const jobId = (batchId: string, portfolioId: string) => `${batchId}.${portfolioId}`;

/** Jobs go in as a sliding window: Redis holds at most `limit − settled` jobs, whatever the batch's size. */
async function enqueueUpTo(queue: Queue<JobData>, batch: PreparedBatch, state: Progress, limit: number): Promise<void> {
  const end = Math.min(limit, batch.portfolios.length);
  while (state.enqueued < end) {
    const chunk = batch.portfolios.slice(state.enqueued, Math.min(state.enqueued + 1000, end));
    await queue.addBulk(
      chunk.map((portfolio) => ({
        name: 'analyse',
        data: { batchId: batch.id, portfolio },
        opts: {
          jobId: jobId(batch.id, portfolio.id),
          attempts: 3,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
    state.enqueued += chunk.length;
  }
}

/** Field names of a hash, about DRAIN_CHUNK at a time, continuing the scan where the last round stopped. */
async function scanFields(connection: IORedis, key: string, scan: { cursor: string }): Promise<string[]> {
  const found = new Set<string>();
  do {
    const [next, flat] = await connection.hscan(key, scan.cursor, 'COUNT', DRAIN_CHUNK);
    scan.cursor = next;
    for (let i = 0; i < flat.length; i += 2) found.add(flat[i]!);
  } while (scan.cursor !== '0' && found.size < DRAIN_CHUNK);
  return [...found];
}

/** Finished reports, taken out of Redis (handed over first, then deleted); returns how many were new. */
async function drainResults(
  connection: IORedis,
  batchId: string,
  scan: { cursor: string },
  settled: Set<string>,
  sink: OutcomeSink,
): Promise<number> {
  const keys = batchKeys(batchId);
  const ids = await scanFields(connection, keys.rows, scan);
  if (ids.length === 0) return 0;
  const [jsons, rows, pdfs] = await Promise.all([
    connection.hmget(keys.results, ...ids),
    connection.hmget(keys.rows, ...ids),
    connection.hmgetBuffer(keys.pdfs, ...ids),
  ]);
  let fresh = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (settled.has(id) || jsons[i] == null || rows[i] == null) continue;
    const pdf = pdfs[i];
    const outcome: PortfolioOutcome = {
      id,
      json: jsons[i]!,
      row: JSON.parse(rows[i]!) as OkRow,
      ...(pdf != null && pdf.length > 0 && { pdf }),
    };
    await sink.done(outcome);
    settled.add(id);
    fresh++;
  }
  await connection
    .multi()
    .hdel(keys.results, ...ids)
    .hdel(keys.rows, ...ids)
    .hdel(keys.pdfs, ...ids)
    .exec();
  return fresh;
}

/** Portfolios a worker gave up on (the user's mistake at once, anything else after its retries). */
async function drainFailures(
  connection: IORedis,
  batchId: string,
  scan: { cursor: string },
  settled: Set<string>,
  sink: OutcomeSink,
): Promise<number> {
  const keys = batchKeys(batchId);
  const ids = await scanFields(connection, keys.failed, scan);
  if (ids.length === 0) return 0;
  const errors = await connection.hmget(keys.failed, ...ids);
  let fresh = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (settled.has(id) || errors[i] == null) continue;
    settled.add(id);
    sink.failed(failureRow(id, JSON.parse(errors[i]!) as SerialisedError));
    fresh++;
  }
  await connection.hdel(keys.failed, ...ids);
  return fresh;
}

/**
 * A safety net for a job that failed for good without its failure reaching Redis (the worker
 * could not write it): BullMQ keeps it in its failed set with the reason, and that becomes the row.
 */
async function reconcile(queue: Queue<JobData>, batch: PreparedBatch, state: Progress, sink: OutcomeSink) {
  for (const portfolio of batch.portfolios.slice(0, state.enqueued)) {
    if (state.settled.has(portfolio.id)) continue;
    const job = await queue.getJob(jobId(batch.id, portfolio.id));
    if (job === undefined || !(await job.isFailed())) continue;
    state.settled.add(portfolio.id);
    const cause = new AppError('internal', 'internal', { details: { cause: job.failedReason } });
    sink.failed(portfolioFailure(portfolio.id, cause));
  }
}
