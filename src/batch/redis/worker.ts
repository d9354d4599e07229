import { type Job, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { type DataVersions, loadReferenceData } from '../../analysis';
import { AppError, type ErrorKind, serialiseError } from '../../errors';
import { type BatchContext, type ReadyPortfolio, analyseOne } from '../analyse-one';
import type { BatchOptions } from '../options';
import type { ThemeUpload } from '../../theme/user-theme';
import { QUEUE_NAME, TTL_SECONDS, batchKeys, redisConnection } from './connection';
import { decodeSnapshot } from './snapshot-codec';

export interface JobData {
  batchId: string;
  portfolio: ReadyPortfolio;
}

/** What every job of a batch shares, stored once beside the snapshot. */
export interface BatchMeta {
  generatedAt: string;
  options: BatchOptions;
  /** The coordinator's reference data: a worker with other data must not mix its figures into the ranking. */
  reference: DataVersions;
  theme?: ThemeUpload;
}

/** Snapshots a worker keeps in memory (the newest batches); older ones are read again if needed. */
const SNAPSHOTS_KEPT = 2;
/** Failures that are the portfolio's own (its file, its figures): retrying cannot help. */
const FINAL: ReadonlySet<ErrorKind> = new Set(['bad_request', 'unprocessable', 'too_large', 'unsupported_media']);

export interface RedisWorkerOptions {
  concurrency?: number;
  stalledIntervalMs?: number;
  /** Where a worker reports what it could not store (default stderr). */
  log?: (message: string) => void;
}

/**
 * A BullMQ worker for batch analyses (`npm run worker`): any number can run, on any machine that
 * reaches Redis; everything a job reads comes from its batch's snapshot. A failure that is the
 * portfolio's own is recorded at once; others are retried with back-off and recorded on the last
 * attempt. Recording is awaited: a failure that cannot be written fails the job in BullMQ, where
 * the coordinator finds it.
 */
export function startRedisWorker(redisUrl: string, options: RedisWorkerOptions = {}): Worker<JobData> {
  const connection = redisConnection(redisUrl);
  const batches = new BatchCache(connection);
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  return new Worker<JobData>(
    QUEUE_NAME,
    async (job: Job<JobData>) => {
      const { batchId, portfolio } = job.data;
      try {
        const context = await batches.get(batchId);
        if (context === null) return; // the batch is over (a job run again after it ended): nothing to write
        const outcome = await analyseOne(portfolio, context);
        await writeOutcome(connection, batchId, portfolio.id, outcome);
      } catch (err) {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const final = err instanceof AppError && (FINAL.has(err.kind) || err.kind === 'misconfigured');
        if (!final && !lastAttempt) throw err; // retried with back-off
        try {
          await writeFailure(connection, batchId, portfolio.id, err);
        } catch (writeErr) {
          log(`batch ${batchId}: the failure of ${portfolio.id} could not be stored: ${String(writeErr)}`);
          throw err;
        }
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
}

/** Each batch's snapshot and meta, read once per worker (the newest few kept). */
class BatchCache {
  private readonly entries = new Map<string, BatchContext>();
  constructor(private readonly connection: IORedis) {}

  async get(batchId: string): Promise<BatchContext | null> {
    const hit = this.entries.get(batchId);
    if (hit !== undefined) return hit;
    const keys = batchKeys(batchId);
    const [snapshot, metaText] = await Promise.all([
      this.connection.get(keys.snapshot),
      this.connection.get(keys.meta),
    ]);
    if (snapshot === null || metaText === null) return null;
    const meta = JSON.parse(metaText) as BatchMeta;
    checkReference(meta.reference);
    const context: BatchContext = {
      generatedAt: meta.generatedAt,
      options: meta.options,
      snapshot: decodeSnapshot(snapshot),
      ...(meta.theme !== undefined && { theme: meta.theme }),
    };
    this.entries.set(batchId, context);
    if (this.entries.size > SNAPSHOTS_KEPT) this.entries.delete(this.entries.keys().next().value!);
    return context;
  }
}

function checkReference(batch: DataVersions): void {
  const own = loadReferenceData().versions;
  if (JSON.stringify(own) !== JSON.stringify(batch))
    throw new AppError('misconfigured', 'misconfigured', {
      params: {
        reason: { code: 'config.worker_version', params: { worker: versionLine(own), batch: versionLine(batch) } },
      },
    });
}

function versionLine(v: DataVersions): string {
  return `${v.product}/${v.methodology}/${Object.values(v.data).join(',')}`;
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
redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
redis.call('expire', KEYS[2], ARGV[5])
redis.call('hset', KEYS[3], ARGV[1], ARGV[3])
redis.call('expire', KEYS[3], ARGV[5])
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
  outcome: { json: string; row: unknown; pdf?: Uint8Array },
): Promise<unknown> {
  const keys = batchKeys(batchId);
  const pdf =
    outcome.pdf === undefined ? '' : Buffer.from(outcome.pdf.buffer, outcome.pdf.byteOffset, outcome.pdf.byteLength);
  return connection.eval(
    WRITE_OUTCOME,
    4,
    keys.snapshot,
    keys.results,
    keys.rows,
    keys.pdfs,
    id,
    outcome.json,
    JSON.stringify(outcome.row),
    pdf,
    TTL_SECONDS,
  );
}

/** The failure as a serialised AppError: the coordinator revives it with its code and reason. */
function writeFailure(connection: IORedis, batchId: string, id: string, err: unknown): Promise<unknown> {
  const keys = batchKeys(batchId);
  const error = serialiseError(err);
  // A bug's stack stays in this worker's log, not in Redis or the ranking.
  const stored = error.kind === 'internal' ? { ...error, details: {} } : error;
  return connection.eval(WRITE_FAILURE, 2, keys.snapshot, keys.failed, id, JSON.stringify(stored), TTL_SECONDS);
}
