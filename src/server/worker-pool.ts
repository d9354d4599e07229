import type { AnalysisOptions } from '../analysis';
import { AppError } from '../errors';
import type { HoldingsImport } from '../holdings';
import type { MarketDataChoice, MarketDataProvider } from '../market';
import { priceMemory } from '../market/price-memory';
import type { HistoryRequest, HistoryResult } from '../monitor/backfill';
import { answerIsinRequests } from '../shared/isin-bridge';
import { answerPriceRequests, isPriceRequest } from '../shared/price-bridge';
import { threadScript } from '../shared/project-root';
import { ThreadPool } from '../shared/thread-pool';
import type { ThemeUpload } from '../theme/user-theme';
import type { AnalysisRunner, HoldingsUpload, RenderRequest, WhatIfRequest } from './analysis-runner';

export interface WorkerPoolOptions {
  /** How each thread builds its market data (a provider object cannot cross threads). */
  market: MarketDataChoice;
  /** The service's own theme file (THEME_FILE), checked at start; each thread reads it once. */
  themeFile?: string;
  /** This thread's provider: it answers the threads' ISIN look-ups. */
  isinSource: MarketDataProvider;
  threads: number;
  /** Tasks waiting beyond the running ones; one more is refused (503 with Retry-After). */
  maxQueue: number;
  /** Time limit of an analysis or a render. */
  taskTimeoutMs: number;
  /** Time budget of reading one upload; past it the read is stopped (422 naming the limit). */
  importTimeoutMs: number;
}

/**
 * Imports, analyses and rendering off the event loop, on a fixed set of worker threads, so /healthz
 * and other requests stay responsive whatever a client uploads.
 */
export class WorkerPool implements AnalysisRunner {
  private readonly pool: ThreadPool;

  constructor(private readonly options: WorkerPoolOptions) {
    const isins = answerIsinRequests(options.isinSource);
    // The threads' parsed prices live here, in shared memory: each file is parsed once for all of them.
    const prices = answerPriceRequests(priceMemory());
    this.pool = new ThreadPool({
      script: threadScript('server/analysis-worker', 'worker-entry.cjs'),
      workerData: { market: options.market, themeFile: options.themeFile, priceEvictions: priceMemory().evictions },
      threads: options.threads,
      maxQueue: options.maxQueue,
      taskTimeoutMs: options.taskTimeoutMs,
      timeoutError: (ms) =>
        new AppError('busy', 'analysis_timeout', { params: { seconds: Math.round(ms / 1000) }, retryAfter: 30 }),
      onRequest: (kind, payload) => (isPriceRequest(kind) ? prices : isins)(kind, payload),
    });
  }

  importHoldings(upload: HoldingsUpload): Promise<HoldingsImport> {
    // A copy of just these bytes in a buffer of its own, moved to the thread: the upload's may be a view of a larger
    // one (Buffer#slice copies nothing), which would travel whole or, moved, break its other views.
    const payload = upload.kind === 'file' ? { ...upload, bytes: new Uint8Array(upload.bytes) } : upload;
    return this.pool.run('import', payload, {
      timeoutMs: this.options.importTimeoutMs,
      timeoutError: importTimeout,
      ...(payload.kind === 'file' && { transfer: [payload.bytes.buffer as ArrayBuffer] }),
    });
  }

  analyse(imported: HoldingsImport, options: AnalysisOptions, theme?: ThemeUpload): Promise<string> {
    return this.pool.run('analyse', { imported, options, ...(theme !== undefined && { theme }) });
  }

  whatIf(request: WhatIfRequest): Promise<string> {
    return this.pool.run('whatif', request);
  }

  history(imported: HoldingsImport, options: AnalysisOptions, request: HistoryRequest): Promise<HistoryResult> {
    return this.pool.run('history', { imported, options, request });
  }

  async render(request: RenderRequest): Promise<Buffer> {
    const bytes = await this.pool.run<Uint8Array>('render', request);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get stats() {
    return this.pool.stats;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A file that takes longer than its budget to read is refused, naming the budget. */
function importTimeout(ms: number): AppError {
  return new AppError('unprocessable', 'import_timeout', { params: { seconds: Math.max(1, Math.round(ms / 1000)) } });
}
