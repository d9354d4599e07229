import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisInput } from '../analyse-portfolio';
import { importHoldings, importJsonHoldings, isinResolverFor, type HoldingsImport } from '../holdings';
import type { MarketDataProvider } from '../market';
import type { Lang, PaperSize } from '../report';
import type { BatchRendering } from './analyse-one';
import type { BatchItem } from './input';
import { captureSnapshot, type MarketSnapshot } from './snapshot';
import { rankRows, type BatchRow } from './summary';

export interface BatchOptions {
  threads: number;
  /** The batch's timestamp (every report's generatedAt); default: now. */
  generatedAt?: string;
  baseCurrency?: string;
  asOf?: string;
  /** Monte Carlo paths per portfolio (default BATCH_MONTE_CARLO_PATHS). */
  monteCarloPaths?: number;
  /** Also render each report as a PDF. */
  pdf?: { lang: Lang; paper: PaperSize };
  /** Called once the portfolios are read and the market data fetched (done 0), then after each portfolio. */
  onProgress?: (p: { done: number; failed: number; total: number }) => void;
  /** Receives each report (as its JSON text, and its PDF when asked for) as it completes. */
  onReport?: (id: string, json: string, pdf?: Uint8Array) => Promise<void> | void;
}

/**
 * Paths of each portfolio's Monte Carlo in a batch. A single analysis uses 100,000; a nightly
 * screen of thousands needs the ranking, which does not depend on the simulation (the score does
 * not use it); with 10,000 paths the simulated VaR95 varies by about 0.4 percentage point from
 * seed to seed (0.15 with 100,000; measured on two portfolios over 30 seeds), at a sixth of the
 * cost per portfolio. `--mc-paths` sets any other number.
 */
export const BATCH_MONTE_CARLO_PATHS = 10_000;

export interface BatchResult {
  generatedAt: string;
  rows: BatchRow[];
  counts: { total: number; done: number; failed: number };
  marketRequests: { symbols: number };
}

/** What both engines start from: portfolios read (bad ones already failed rows) and one market snapshot. */
export interface PreparedBatch {
  generatedAt: string;
  ready: { id: string; input: AnalysisInput }[];
  rows: BatchRow[];
  snapshot: MarketSnapshot;
  total: number;
}

export async function prepareBatch(
  items: readonly BatchItem[],
  market: MarketDataProvider,
  options: Pick<BatchOptions, 'baseCurrency' | 'asOf' | 'generatedAt' | 'monteCarloPaths'>,
): Promise<PreparedBatch> {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const rows: BatchRow[] = [];
  const imported: { id: string; holdings: HoldingsImport }[] = [];
  const resolver = isinResolverFor(market);
  for (const item of items) {
    try {
      const holdings =
        'bytes' in item
          ? await importHoldings({ fileName: item.fileName, bytes: item.bytes }, { isinResolver: resolver })
          : await importJsonHoldings(item.holdings, { isinResolver: resolver });
      imported.push({ id: item.id, holdings });
    } catch (err) {
      rows.push({ id: item.id, status: 'failed', reason: (err as Error).message });
    }
  }
  const snapshot = await captureSnapshot(
    market,
    imported.map((r) => r.holdings),
    options.baseCurrency ?? 'USD',
  );
  const ready = imported.map((r) => ({
    id: r.id,
    input: {
      holdings: r.holdings,
      monteCarlo: { paths: options.monteCarloPaths ?? BATCH_MONTE_CARLO_PATHS },
      ...(options.baseCurrency !== undefined && { baseCurrency: options.baseCurrency }),
      ...(options.asOf !== undefined && { asOf: options.asOf }),
    },
  }));
  return { generatedAt, ready, rows, snapshot, total: items.length };
}

/**
 * A batch on this machine: every portfolio read (a bad one becomes a failed row, never a failed
 * batch), the union of their symbols fetched once into a shared snapshot, then the analyses spread
 * over worker threads that read the snapshot's prices from shared memory.
 */
export async function runBatchEmbedded(
  items: readonly BatchItem[],
  market: MarketDataProvider,
  options: BatchOptions,
): Promise<BatchResult> {
  const { generatedAt, ready, rows, snapshot, total } = await prepareBatch(items, market, options);
  let done = 0;
  let failed = rows.length;
  options.onProgress?.({ done, failed, total });

  const threads = Math.max(1, Math.min(options.threads, ready.length));
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(path.join(__dirname, 'batch-worker-entry.cjs'), {
        workerData: { snapshot, generatedAt, rendering: renderingOf(options) },
      }),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const task = ready[next++];
              if (task === undefined) return resolve();
              worker.postMessage({ id: task.id, input: task.input });
            };
            worker.on(
              'message',
              async (msg: {
                id: string;
                ok: boolean;
                json?: string;
                row?: BatchRow;
                pdf?: Uint8Array;
                reason?: string;
              }) => {
                try {
                  if (msg.ok) {
                    rows.push(msg.row!);
                    await options.onReport?.(msg.id, msg.json!, msg.pdf);
                    done++;
                  } else {
                    rows.push({ id: msg.id, status: 'failed', reason: msg.reason ?? 'failed' });
                    failed++;
                  }
                  options.onProgress?.({ done, failed, total });
                  send();
                } catch (err) {
                  reject(err);
                }
              },
            );
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return {
    generatedAt,
    rows: rankRows(rows),
    counts: { total, done, failed },
    marketRequests: { symbols: Object.keys(snapshot.histories).length },
  };
}

export function renderingOf(options: Pick<BatchOptions, 'pdf'>): BatchRendering {
  return options.pdf === undefined ? {} : { pdf: options.pdf };
}
