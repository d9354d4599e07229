import { AppError } from '../errors';
import type { HistoryResult, PriceHistory } from '../market';
import type { MarketInputs } from '../market/gather';
import { threadScript } from '../shared/project-root';
import { ThreadPool } from '../shared/thread-pool';
import type { AnalysedEntry } from './analyse-one';
import {
  failureRow,
  forEachConcurrent,
  portfolioFailure,
  type BatchEngine,
  type OutcomeSink,
  type PreparedBatch,
} from './engine';

/** One portfolio's analysis may take this long (10,000 holdings with a PDF) before its thread is replaced. */
const PORTFOLIO_TIMEOUT_MS = 120_000;

/**
 * The batch on worker threads in this process. The snapshot's price arrays are moved into shared
 * memory once, so every thread reads them without a copy of its own.
 */
export class ThreadEngine implements BatchEngine {
  readonly kind = 'threads';

  constructor(
    private readonly threads: number,
    private readonly timeoutMs = PORTFOLIO_TIMEOUT_MS,
  ) {}

  async analyse(batch: PreparedBatch, sink: OutcomeSink): Promise<void> {
    const n = batch.portfolios.length;
    if (n === 0) return;
    const pool = new ThreadPool({
      script: threadScript('batch/batch-worker', 'batch-worker-entry.cjs'),
      workerData: { context: { ...batch.context, snapshot: shareSnapshot(batch.context.snapshot) } },
      threads: Math.min(this.threads, n),
      taskTimeoutMs: this.timeoutMs,
      timeoutError: (ms) => new AppError('unprocessable', 'analysis_timeout', { params: { seconds: ms / 1000 } }),
    });
    try {
      await forEachConcurrent(n, this.threads, async (i) => {
        const portfolio = batch.portfolios[i]!;
        let entry: AnalysedEntry;
        try {
          entry = await pool.run<AnalysedEntry>('analyse', portfolio);
        } catch (err) {
          sink.failed(portfolioFailure(portfolio.id, err)); // past its time limit, or its thread died
          return;
        }
        if (entry.ok) await sink.done(entry.outcome);
        else sink.failed(failureRow(entry.id, entry.error));
      });
    } finally {
      await pool.close();
    }
  }
}

/** The snapshot with its price arrays in SharedArrayBuffers: threads read them in place. */
function shareSnapshot(snapshot: MarketInputs): MarketInputs {
  const share = <T extends Int32Array | Float64Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  const histories = Object.fromEntries(
    Object.entries(snapshot.histories).map(([s, r]): [string, HistoryResult] => {
      if (!r.ok) return [s, r];
      const h: PriceHistory = {
        ...r.history,
        days: share(r.history.days, (b) => new Int32Array(b)),
        close: share(r.history.close, (b) => new Float64Array(b)),
        adjClose: share(r.history.adjClose, (b) => new Float64Array(b)),
      };
      return [s, { ok: true, history: h }];
    }),
  );
  return { ...snapshot, histories };
}
