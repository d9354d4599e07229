import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  BatchOutputs,
  batchSummary,
  isPortfolioId,
  runBatchEmbedded,
  type BatchContents,
  type BatchOptions,
  type BatchSummary,
} from '../batch';
import { runBatchRedis } from '../batch/redis-engine';
import { ConfigError } from '../errors';
import type { MarketDataProvider } from '../market';
import { MarketDataUnavailableError } from '../market/errors';
import type { AnalysisReport, Lang, PaperSize } from '../report';
import { writeFileAtomic } from '../shared/atomic-write';
import { isAnalysisId, StorageError, storageError } from './analysis-store';
import { BusyError } from './worker-pool';

export type BatchEngine = { kind: 'embedded'; threads: number } | { kind: 'redis'; url: string };
export type BatchState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface BatchRequestOptions {
  baseCurrency?: string;
  asOf?: string;
  pdf?: { lang: Lang; paper: PaperSize };
}

/** What GET /api/v1/batches/:id answers (the summary once the batch is done). */
export interface BatchStatus {
  id: string;
  state: BatchState;
  engine: BatchEngine['kind'];
  created: string;
  started: string | null;
  finished: string | null;
  progress: { done: number; failed: number; total: number };
  /** Portfolios per second since the analyses began, and the time left at that pace. */
  portfoliosPerSecond: number | null;
  etaSeconds: number | null;
  options: BatchRequestOptions;
  /** Files in the upload that were not portfolios. */
  skipped: BatchContents['skipped'];
  /** Why the batch as a whole stopped (state failed or interrupted). */
  error?: string;
}

interface Running {
  status: BatchStatus;
  contents: BatchContents;
  analysingSince: number | null;
  /** Status writes in order: a late progress write never overwrites the final state. */
  writes: Promise<void>;
}

/**
 * Batches submitted over HTTP: run one at a time in submission order (a queue of `maxQueued`),
 * each on the configured engine, with its files under `dir/<id>/` and its status in
 * `dir/<id>/status.json`, so a finished batch is still answered after a restart and one the
 * process was running when it stopped says so ("interrupted") instead of staying "running" forever.
 */
export class BatchService {
  private readonly live = new Map<string, Running>();
  private readonly waiting: string[] = [];
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      market: MarketDataProvider;
      dir: string;
      engine: BatchEngine;
      logger: Logger;
      maxQueued?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async submit(contents: BatchContents, options: BatchRequestOptions): Promise<BatchStatus> {
    if (this.waiting.length >= (this.deps.maxQueued ?? 4))
      throw new BusyError(60, 'the service is busy: too many batches are waiting; retry later');
    const id = randomUUID();
    const status: BatchStatus = {
      id,
      state: 'queued',
      engine: this.deps.engine.kind,
      created: new Date(this.now()).toISOString(),
      started: null,
      finished: null,
      progress: { done: 0, failed: contents.problems.length, total: contents.items.length + contents.problems.length },
      portfoliosPerSecond: null,
      etaSeconds: null,
      options,
      skipped: contents.skipped,
    };
    const entry: Running = { status, contents, analysingSince: null, writes: Promise.resolve() };
    try {
      await this.persist(entry);
    } catch (err) {
      throw storageError(err, 'the batch');
    }
    this.live.set(id, entry);
    this.waiting.push(id);
    this.current = this.current.then(() => this.run(id));
    return { ...status };
  }

  /** The batch's status: live while this process runs it, else as last written. */
  async status(id: string): Promise<BatchStatus | null> {
    const running = this.live.get(id);
    if (running !== undefined) return { ...running.status, progress: { ...running.status.progress } };
    if (!isAnalysisId(id)) return null;
    let stored: BatchStatus;
    try {
      stored = JSON.parse(await readFile(path.join(this.deps.dir, id, 'status.json'), 'utf8')) as BatchStatus;
    } catch {
      return null;
    }
    // Written as queued or running by a process that is gone: that run will not finish.
    if (stored.state === 'queued' || stored.state === 'running')
      return {
        ...stored,
        state: 'interrupted',
        etaSeconds: null,
        error: 'the service stopped before the batch finished; submit it again',
      };
    return stored;
  }

  async summary(id: string): Promise<BatchSummary | null> {
    if (!isAnalysisId(id)) return null;
    try {
      return JSON.parse(await readFile(path.join(this.deps.dir, id, 'summary.json'), 'utf8')) as BatchSummary;
    } catch {
      return null;
    }
  }

  /** A portfolio's report JSON, or null when the batch or the portfolio is unknown (or it failed). */
  async portfolioReport(id: string, portfolioId: string): Promise<Buffer | null> {
    if (!isAnalysisId(id) || !isPortfolioId(portfolioId)) return null;
    return readFile(new BatchOutputs(path.join(this.deps.dir, id)).reportFile(portfolioId, 'json')).catch(() => null);
  }

  /**
   * A portfolio's PDF: the one the batch made when it was asked for in this language and paper,
   * else rendered now from the stored report and kept beside it.
   */
  async portfolioPdf(
    id: string,
    portfolioId: string,
    lang: Lang,
    paper: PaperSize,
    render: (report: AnalysisReport) => Promise<Buffer>,
  ): Promise<Buffer | null> {
    const json = await this.portfolioReport(id, portfolioId);
    if (json === null) return null;
    const outputs = new BatchOutputs(path.join(this.deps.dir, id));
    const made = (await this.status(id))?.options.pdf;
    if (made?.lang === lang && made.paper === paper) {
      const pdf = await readFile(outputs.reportFile(portfolioId, 'pdf')).catch(() => null);
      if (pdf !== null) return pdf;
    }
    const file = path.join(path.dirname(outputs.reportFile(portfolioId, 'pdf')), `${portfolioId}.${lang}.${paper}.pdf`);
    const kept = await readFile(file).catch(() => null);
    if (kept !== null) return kept;
    const pdf = await render(JSON.parse(json.toString('utf8')) as AnalysisReport);
    try {
      await writeFileAtomic(file, pdf);
    } catch (err) {
      throw storageError(err, 'the PDF');
    }
    return pdf;
  }

  async summaryCsv(id: string): Promise<Buffer | null> {
    if (!isAnalysisId(id)) return null;
    return readFile(path.join(this.deps.dir, id, 'summary.csv')).catch(() => null);
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
        error: 'the service stopped before the batch finished; submit it again',
      });
      await this.persist(entry).catch(() => {});
    }
  }

  /** Deletes batches created more than `days` ago. */
  purgeOlderThan(days: number): number {
    let names: string[];
    try {
      names = readdirSync(this.deps.dir).filter(isAnalysisId);
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
    const { status, contents } = entry;
    const outputs = new BatchOutputs(path.join(this.deps.dir, id));
    status.state = 'running';
    status.started = new Date(this.now()).toISOString();
    await this.persist(entry).catch(() => {});
    let lastWrite = 0;
    const options: BatchOptions = {
      threads: this.deps.engine.kind === 'embedded' ? this.deps.engine.threads : 1,
      generatedAt: status.started,
      ...(status.options.baseCurrency !== undefined && { baseCurrency: status.options.baseCurrency }),
      ...(status.options.asOf !== undefined && { asOf: status.options.asOf }),
      ...(status.options.pdf !== undefined && { pdf: status.options.pdf }),
      onProgress: ({ done, failed }) => {
        const t = this.now();
        entry.analysingSince ??= t;
        status.progress = { done, failed: failed + contents.problems.length, total: status.progress.total };
        Object.assign(
          status,
          batchPace(
            (t - entry.analysingSince) / 1000,
            done + failed,
            status.progress.total - done - status.progress.failed,
          ),
        );
        if (t - lastWrite > 2000) {
          lastWrite = t;
          void this.persist(entry).catch(() => {});
        }
      },
      onReport: outputs.writeReport,
    };
    try {
      const result =
        this.deps.engine.kind === 'redis'
          ? await runBatchRedis(contents.items, this.deps.market, {
              ...options,
              redisUrl: this.deps.engine.url,
              batchId: id,
            })
          : await runBatchEmbedded(contents.items, this.deps.market, options);
      const summary = batchSummary(id, result, contents);
      await outputs.writeSummary(summary);
      Object.assign(status, {
        state: 'done',
        progress: summary.counts,
        etaSeconds: 0,
        finished: new Date(this.now()).toISOString(),
      });
    } catch (err) {
      // The batch as a whole could not go on (no market data for the basket, a full disk, Redis gone):
      // said in its status; the portfolios already written stay readable.
      this.deps.logger.error({ err, batchId: id }, 'batch failed');
      Object.assign(status, {
        state: 'failed',
        etaSeconds: null,
        finished: new Date(this.now()).toISOString(),
        error:
          err instanceof StorageError || err instanceof ConfigError || err instanceof MarketDataUnavailableError
            ? (err as Error).message
            : 'the batch stopped on an internal error; see the service log',
      });
    }
    await this.persist(entry).catch((err: unknown) =>
      this.deps.logger.error({ err, batchId: id }, 'batch status could not be written'),
    );
    this.live.delete(id);
  }

  /** Writes the status as it is now, after any write still in flight. */
  private persist(entry: Running): Promise<void> {
    const text = `${JSON.stringify(entry.status, null, 2)}\n`;
    const file = path.join(this.deps.dir, entry.status.id, 'status.json');
    entry.writes = entry.writes.catch(() => {}).then(() => writeFileAtomic(file, text));
    return entry.writes;
  }
}

/**
 * Pace since the analyses began (reading the portfolios and fetching market data come before) and
 * the time left at that pace; unknown until a portfolio is finished.
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
