import { AppError } from '../errors';
import type { MarketDataProvider } from '../market';
import { answerIsinRequests } from '../shared/isin-bridge';
import { threadScript } from '../shared/project-root';
import { ThreadPool } from '../shared/thread-pool';
import type { ReadyPortfolio } from './analyse-one';
import { failureRow, forEachConcurrent, portfolioFailure } from './engine';
import { failedRow, type BatchSource, type FailedRow, type ParseTask } from './input';
import { BATCH_LIMITS } from './limits';
import type { ParsedEntry } from './parse-entry';

/** Time budget of reading one portfolio file (or JSON line), as for a single upload. */
const IMPORT_TIME_BUDGET_MS = 2_000;

export interface ReadDeps {
  /** Answers the threads' ISIN look-ups (its cache, its limits on Yahoo). */
  market: MarketDataProvider;
  threads: number;
  importTimeoutMs?: number;
}

/**
 * Every portfolio of the batch read on worker threads, never on the coordinator's event loop, each
 * within its time budget: a portfolio that cannot be read becomes a failed row (`onFailed`), never
 * a failed batch, unless more than BATCH_LIMITS.slowFiles of them run out of time (a hostile
 * batch is stopped, not ground through for hours). A JSON line repeating an earlier line's id fails.
 */
export async function readPortfolios(
  source: BatchSource,
  deps: ReadDeps,
  onFailed: (row: FailedRow) => void,
): Promise<ReadyPortfolio[]> {
  const budget = deps.importTimeoutMs ?? IMPORT_TIME_BUDGET_MS;
  const pool = new ThreadPool({
    script: threadScript('batch/batch-worker', 'batch-worker-entry.cjs'),
    threads: Math.max(1, Math.min(deps.threads, source.count)),
    taskTimeoutMs: budget,
    timeoutError: () => slowFile(budget),
    onRequest: answerIsinRequests(deps.market),
  });
  const parsed: (ParsedEntry | undefined)[] = new Array(source.count);
  let slow = 0;
  try {
    await forEachConcurrent(source.count, deps.threads, async (i) => {
      let task: ParseTask | undefined;
      try {
        task = source.task(i);
        parsed[i] = await pool.run<ParsedEntry>('parse', task, { transfer: transferable(task) });
      } catch (err) {
        if (err instanceof AppError && err.code === 'import_timeout' && ++slow > BATCH_LIMITS.slowFiles)
          throw new AppError('unprocessable', 'batch_too_slow', {
            params: { limit: BATCH_LIMITS.slowFiles, seconds: budget / 1000 },
          });
        onFailed(
          portfolioFailure(task === undefined || task.kind === 'line' ? entryLabel(source, task, i) : task.id, err),
        );
      }
    });
  } finally {
    await pool.close();
  }
  return keepFirstOfEachId(parsed, source.label, onFailed);
}

function slowFile(budgetMs: number): AppError {
  return new AppError('unprocessable', 'import_timeout', {
    params: { seconds: Math.max(1, Math.round(budgetMs / 1000)) },
  });
}

function entryLabel(source: BatchSource, task: ParseTask | undefined, i: number): string {
  return task?.kind === 'line' ? `${task.label}:${task.line}` : `${source.label}#${i + 1}`;
}

/** The buffer made for this task alone, moved to the thread rather than copied. */
function transferable(task: ParseTask): ArrayBuffer[] {
  if (task.kind === 'zip') return [task.data.buffer as ArrayBuffer];
  if (task.kind === 'line') return [task.text.buffer as ArrayBuffer];
  return [];
}

function keepFirstOfEachId(
  parsed: readonly (ParsedEntry | undefined)[],
  label: string,
  onFailed: (row: FailedRow) => void,
): ReadyPortfolio[] {
  const ready: ReadyPortfolio[] = [];
  const seen = new Set<string>();
  for (const entry of parsed) {
    if (entry === undefined) continue;
    const where = entry.line === undefined ? entry.id : `${label}:${entry.line}`;
    if (entry.ok && seen.has(entry.id)) onFailed(failedRow(where, 'batch.duplicate_id', { id: entry.id }));
    else if (entry.ok) {
      seen.add(entry.id);
      ready.push({ id: entry.id, imported: entry.imported });
    } else {
      if (entry.line !== undefined) seen.add(entry.id);
      onFailed(failureRow(entry.id, entry.error));
    }
  }
  return ready;
}
