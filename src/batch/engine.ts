import type { DataVersions } from '../analysis';
import { AppError, type ErrorKind, reviveError, type SerialisedError } from '../errors';
import type { BatchContext, PortfolioOutcome, ReadyPortfolio } from './analyse-one';
import { failedRow, failedRowOf, type FailedRow } from './input';

/** A batch ready for its engine: portfolios read, market snapshot gathered, clock and options fixed. */
export interface PreparedBatch {
  id: string;
  context: BatchContext;
  portfolios: ReadyPortfolio[];
  /** Versions of the reference data the coordinator planned with; every worker must have the same. */
  reference: DataVersions;
}

/** Where an engine hands each portfolio's outcome, as it arrives. */
export interface OutcomeSink {
  /** Awaited: the report is stored before the engine takes more results. */
  done(outcome: PortfolioOutcome): Promise<void>;
  failed(row: FailedRow): void;
}

/**
 * Where a batch's analyses run. Reading the portfolios and gathering the market data happen
 * before (run-batch.ts), the same for every engine; an engine only analyses, and reports each
 * portfolio once. It rejects only when the batch as a whole cannot go on.
 */
export interface BatchEngine {
  readonly kind: 'threads' | 'redis';
  analyse(batch: PreparedBatch, sink: OutcomeSink): Promise<void>;
}

/**
 * Errors about the batch rather than one portfolio (the market data every analysis needs, the
 * disk, the deployment): they stop the batch instead of failing its portfolios one by one.
 */
const BATCH_FATAL: ReadonlySet<ErrorKind> = new Set(['market_data_unavailable', 'storage_full', 'misconfigured']);

/** One portfolio's failure as its row; rethrown when it is the batch's failure. */
export function portfolioFailure(id: string, err: unknown): FailedRow {
  const known =
    err instanceof AppError ? err : new AppError('internal', 'internal', { details: { cause: String(err) } });
  if (BATCH_FATAL.has(known.kind)) throw known;
  return known.code === 'internal' ? failedRow(id, 'error.internal') : failedRowOf(id, known);
}

/**
 * The same from an error as it crossed a thread or Redis, without reviving it: thousands of failed
 * portfolios must not cost the coordinator's event loop an AppError each.
 */
export function failureRow(id: string, error: SerialisedError): FailedRow {
  if (BATCH_FATAL.has(error.kind)) throw reviveError(error);
  if (error.kind === 'internal' || error.code === 'internal') return failedRow(id, 'error.internal');
  return { id, status: 'failed', code: error.code, params: error.params, reason: error.message };
}

/** Runs `work` for indexes 0…n−1, at most `concurrency` at a time, in order; stops at the first failure. */
export async function forEachConcurrent(
  n: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < n) {
      const i = next++;
      try {
        await work(i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, lane));
}
