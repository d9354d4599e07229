import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { PaperSize } from '../analysis';
import {
  BATCH_LIMITS,
  BatchOutputs,
  batchSource,
  isPortfolioId,
  runBatchToFolder,
  type BatchEngine,
  type BatchOptions,
  type BatchProgress,
  type BatchRow,
  type BatchSource,
  type SkippedFiles,
} from '../batch';
import { AppError } from '../errors';
import { type Lang, message } from '../i18n';
import type { MarketDataProvider } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { storageError } from '../shared/storage-error';
import { isUuid } from './http/params';

type BatchState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

/** What GET /api/v1/batches/:id answers (with the first rows of the ranking once the batch is done). */
export interface BatchStatus {
  id: string;
  state: BatchState;
  engine: BatchEngine['kind'];
  created: string;
  started: string | null;
  finished: string | null;
  progress: BatchProgress;
  /** Portfolios per second since the analyses began, and the time left at that pace. */
  portfoliosPerSecond: number | null;
  etaSeconds: number | null;
  options: BatchOptions;
  /** Files in the upload that were not portfolios (the first names, and how many). */
  skipped: SkippedFiles;
  /** Why the batch as a whole stopped (state failed or interrupted), and its code. */
  error?: string;
  errorCode?: string;
  /** Once done: the counts and the top of the ranking (the whole of it is summary.csv). */
  ranking?: { rows: BatchRow[]; rowsTotal: number };
}

/** The status as stored: with the owner it belongs to (never sent). */
interface StoredStatus extends BatchStatus {
  owner: string;
}

interface Running {
  status: StoredStatus;
  source: BatchSource | null;
  analysingSince: number | null;
  /** Status writes in order: a late progress write never overwrites the final state. */
  writes: Promise<void>;
}

export interface BatchServiceDeps {
  market: MarketDataProvider;
  dir: string;
  engine: BatchEngine;
  logger: Logger;
  maxQueued?: number;
  now?: () => number;
  /** Threads that read a batch's portfolios (default 1). */
  readThreads?: number;
  importTimeoutMs?: number;
}

const interrupted = () => message('batch.interrupted');

/**
 * Batches submitted over HTTP: listed and refused early on the request (counts and sizes, before
 * anything is read), then run one at a time in submission order (a queue of `maxQueued`), with
 * their files under `dir/<id>/` and their status in `dir/<id>/status.json`, so a finished batch is
 * still answered after a restart and one the process was running when it stopped says so
 * ("interrupted"). A batch belongs to the key that submitted it: another key is told it does not exist.
 */
export class BatchService {
  private readonly live = new Map<string, Running>();
  private readonly waiting: string[] = [];
  private current: Promise<void> = Promise.resolve();

  constructor(private readonly deps: BatchServiceDeps) {}

  get engineKind(): BatchEngine['kind'] {
    return this.deps.engine.kind;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async submit(upload: { fileName: string; bytes: Uint8Array }, options: BatchOptions, owner: string) {
    // Listed first: a malformed batch is told so, not asked to come back later.
    const source = batchSource(upload.bytes, upload.fileName);
    if (this.waiting.length >= (this.deps.maxQueued ?? 4))
      throw new AppError('busy', 'batch_queue_full', { retryAfter: 60 });
    const status: StoredStatus = {
      id: randomUUID(),
      owner,
      state: 'queued',
      engine: this.deps.engine.kind,
      created: new Date(this.now()).toISOString(),
      started: null,
      finished: null,
      progress: { done: 0, failed: source.problems.length, total: source.count + source.problems.length },
      portfoliosPerSecond: null,
      etaSeconds: null,
      options,
      skipped: source.skipped,
    };
    const entry: Running = { status, source, analysingSince: null, writes: Promise.resolve() };
    try {
      await this.persist(entry);
    } catch (err) {
      throw storageError(err, 'storage.batch');
    }
    this.live.set(status.id, entry);
    this.waiting.push(status.id);
    this.current = this.current.then(() => this.run(status.id));
    return publicStatus(status);
  }

  /** The batch's status for its owner: live while this process runs it, else as last written. */
  async status(id: string, owner: string): Promise<BatchStatus | null> {
    const stored = await this.stored(id);
    return stored === null || stored.owner !== owner ? null : publicStatus(stored);
  }

  private async stored(id: string): Promise<StoredStatus | null> {
    const running = this.live.get(id);
    if (running !== undefined) return { ...running.status, progress: { ...running.status.progress } };
    if (!isUuid(id)) return null;
    let stored: StoredStatus;
    try {
      stored = JSON.parse(await readFile(path.join(this.deps.dir, id, 'status.json'), 'utf8')) as StoredStatus;
    } catch {
      return null;
    }
    stored.owner ??= '';
    // Written as queued or running by a process that is gone: that run will not finish.
    if (stored.state === 'queued' || stored.state === 'running')
      return {
        ...stored,
        state: 'interrupted',
        etaSeconds: null,
        error: interrupted().message,
        errorCode: 'interrupted',
      };
    return stored;
  }

  async summaryCsv(id: string, owner: string): Promise<Buffer | null> {
    return (await this.status(id, owner)) === null
      ? null
      : readFile(path.join(this.deps.dir, id, 'summary.csv')).catch(() => null);
  }

  /** A portfolio's report JSON, or null when the batch (for this owner) or the portfolio is unknown, or it failed. */
  async portfolioReport(id: string, owner: string, portfolioId: string): Promise<Buffer | null> {
    if (!isPortfolioId(portfolioId) || (await this.status(id, owner)) === null) return null;
    return readFile(this.outputs(id).reportFile(portfolioId)).catch(() => null);
  }

  /**
   * A portfolio's PDF in a language and paper: the one the batch made, or one made before on
   * request, else rendered now from the stored report and kept beside it.
   */
  async portfolioPdf(
    id: string,
    owner: string,
    portfolioId: string,
    format: { lang: Lang; paper: PaperSize },
    render: (reportJson: string) => Promise<Buffer>,
  ): Promise<Buffer | null> {
    const json = await this.portfolioReport(id, owner, portfolioId);
    if (json === null) return null;
    const file = this.outputs(id).pdfFile(portfolioId, format.lang, format.paper);
    const kept = await readFile(file).catch(() => null);
    if (kept !== null) return kept;
    const pdf = await render(json.toString('utf8'));
    try {
      await writeFileAtomic(file, pdf);
    } catch (err) {
      throw storageError(err, 'storage.report_file');
    }
    return pdf;
  }

  private outputs(id: string): BatchOutputs {
    return new BatchOutputs(path.join(this.deps.dir, id));
  }

  /** Waits for the batches already submitted (tests; a graceful stop does not wait for hours of work). */
  async idle(): Promise<void> {
    await this.current;
  }

  /** Marks what is still queued or running as interrupted, so readers are told rather than left waiting. */
  async close(): Promise<void> {
    for (const entry of this.live.values()) {
      if (entry.status.state !== 'queued' && entry.status.state !== 'running') continue;
      Object.assign(entry.status, {
        state: 'interrupted',
        etaSeconds: null,
        error: interrupted().message,
        errorCode: 'interrupted',
      });
      await this.persist(entry).catch(() => {});
    }
  }

  /** Deletes batches created more than `days` ago. */
  purgeOlderThan(days: number): number {
    let names: string[];
    try {
      names = readdirSync(this.deps.dir).filter(isUuid);
    } catch {
      return 0;
    }
    const cutoff = this.now() - days * 86_400_000;
    let removed = 0;
    for (const id of names) {
      if (this.live.has(id)) continue;
      let created: number;
      try {
        created = Date.parse(
          (JSON.parse(readFileSync(path.join(this.deps.dir, id, 'status.json'), 'utf8')) as BatchStatus).created,
        );
      } catch {
        continue;
      }
      if (created < cutoff) {
        rmSync(path.join(this.deps.dir, id), { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  private async run(id: string): Promise<void> {
    this.waiting.splice(this.waiting.indexOf(id), 1);
    const entry = this.live.get(id)!;
    const { status } = entry;
    Object.assign(status, { state: 'running', started: new Date(this.now()).toISOString() });
    await this.persist(entry).catch(() => {});
    try {
      await this.execute(entry);
    } catch (err) {
      this.fail(entry, err);
    }
    entry.source = null;
    await this.persist(entry).catch((err: unknown) =>
      this.deps.logger.error({ err, batchId: id }, 'batch status could not be written'),
    );
    this.live.delete(id);
  }

  private async execute(entry: Running): Promise<void> {
    const { status } = entry;
    const { result } = await runBatchToFolder(
      entry.source!,
      {
        engine: this.deps.engine,
        market: this.deps.market,
        readThreads: this.deps.readThreads ?? 1,
        ...(this.deps.importTimeoutMs !== undefined && { importTimeoutMs: this.deps.importTimeoutMs }),
      },
      {
        id: status.id,
        options: status.options,
        generatedAt: status.started!,
        outDir: path.join(this.deps.dir, status.id),
        onProgress: (p) => this.progress(entry, p),
      },
    );
    Object.assign(status, {
      state: 'done',
      progress: result.counts,
      etaSeconds: 0,
      finished: new Date(this.now()).toISOString(),
      ranking: { rows: result.rows.slice(0, BATCH_LIMITS.statusRows), rowsTotal: result.rows.length },
    });
  }

  private lastWrite = 0;

  private progress(entry: Running, p: BatchProgress): void {
    const t = this.now();
    const { status } = entry;
    status.progress = p;
    if (p.done > 0) entry.analysingSince ??= t;
    const since = entry.analysingSince ?? t;
    Object.assign(status, batchPace((t - since) / 1000, p.done, p.total - p.done - p.failed));
    if (t - this.lastWrite > 2000) {
      this.lastWrite = t;
      void this.persist(entry).catch(() => {});
    }
  }

  /**
   * The batch as a whole could not go on (no market data for the basket, a full disk, Redis gone,
   * a hostile upload): said in its status; the portfolios already written stay readable.
   */
  private fail(entry: Running, err: unknown): void {
    this.deps.logger.error({ err, batchId: entry.status.id }, 'batch failed');
    const shown = !(err instanceof AppError)
      ? new AppError('internal', 'internal')
      : err.kind === 'misconfigured'
        ? new AppError('misconfigured', 'misconfigured', { params: { reason: { code: 'config.service', params: {} } } })
        : err;
    Object.assign(entry.status, {
      state: 'failed',
      etaSeconds: null,
      finished: new Date(this.now()).toISOString(),
      error: shown.message,
      errorCode: shown.code,
    });
  }

  /** Writes the status as it is now, after any write still in flight. */
  private persist(entry: Running): Promise<void> {
    const text = `${JSON.stringify(entry.status, null, 2)}\n`;
    const file = path.join(this.deps.dir, entry.status.id, 'status.json');
    entry.writes = entry.writes.catch(() => {}).then(() => writeFileAtomic(file, text));
    return entry.writes;
  }
}

function publicStatus(stored: StoredStatus): BatchStatus {
  const { owner: _owner, ...status } = stored;
  return status;
}

/**
 * Pace since the analyses began (reading the portfolios and fetching market data come before) and
 * the time left at that pace; unknown until a portfolio is analysed.
 */
export function batchPace(
  seconds: number,
  processed: number,
  left: number,
): { portfoliosPerSecond: number | null; etaSeconds: number | null } {
  if (processed <= 0 || seconds <= 0) return { portfoliosPerSecond: null, etaSeconds: null };
  const rate = processed / seconds;
  return { portfoliosPerSecond: Math.round(rate * 100) / 100, etaSeconds: Math.ceil(left / rate) };
}
