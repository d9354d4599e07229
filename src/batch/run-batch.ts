import { loadReferenceData, mergePlans, plan, type ReferenceData } from '../analysis';
import type { MarketDataProvider } from '../market';
import { gather } from '../market/gather';
import type { PortfolioOutcome } from './analyse-one';
import type { BatchEngine } from './engine';
import type { BatchSource } from './input';
import { BATCH_MONTE_CARLO_PATHS } from './limits';
import type { BatchOptions } from './options';
import { readPortfolios } from './prepare';
import { rankRows, type BatchRow } from './summary';
import { loadUserTheme, type ThemeUpload } from '../theme/user-theme';

export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
}

export interface BatchDeps {
  engine: BatchEngine;
  /** The coordinator's market data: the snapshot is gathered from it, ISINs are resolved on it. */
  market: MarketDataProvider;
  reference?: ReferenceData;
  /** Threads that read the portfolios (default 1). */
  readThreads?: number;
  importTimeoutMs?: number;
}

export interface BatchRun {
  id: string;
  options: BatchOptions;
  /** A user's theme file in place of ours for every portfolio (validated before anything is read). */
  theme?: ThemeUpload;
  /** The batch's clock (every report's generatedAt); default now. */
  generatedAt?: string;
  /** After the portfolios are read and the market data gathered (done 0), then after each portfolio. */
  onProgress?: (progress: BatchProgress) => void;
  /** Each report (and PDF) as it arrives; awaited before more are taken. */
  onReport?: (outcome: PortfolioOutcome) => Promise<void> | void;
}

export interface BatchResult {
  generatedAt: string;
  /** Every portfolio of the source, ranked riskiest first, failed ones last with their reason. */
  rows: BatchRow[];
  counts: BatchProgress;
  /** Distinct series in the snapshot: what the batch asked of the market, once. */
  marketRequests: { symbols: number };
}

/**
 * A batch, whichever engine runs it: the portfolios read on threads (a bad one is a failed row,
 * never a failed batch); one market-data plan for all of them (`mergePlans` of each one's `plan`),
 * gathered once; then the engine analyses each portfolio on that snapshot.
 */
export async function runBatch(source: BatchSource, deps: BatchDeps, run: BatchRun): Promise<BatchResult> {
  const generatedAt = run.generatedAt ?? new Date().toISOString();
  const ours = deps.reference ?? loadReferenceData();
  const reference = run.theme === undefined ? ours : loadUserTheme(run.theme.text, run.theme.fileName, ours);
  const total = source.count + source.problems.length;
  const rows: BatchRow[] = [...source.problems];
  let done = 0;
  const progress = () => run.onProgress?.({ done, failed: rows.length - done, total });
  const ready = await readPortfolios(
    source,
    {
      market: deps.market,
      threads: deps.readThreads ?? 1,
      ...(deps.importTimeoutMs !== undefined && { importTimeoutMs: deps.importTimeoutMs }),
    },
    (row) => {
      rows.push(row);
      progress();
    },
  );
  const options = { ...run.options, monteCarloPaths: run.options.monteCarloPaths ?? BATCH_MONTE_CARLO_PATHS };
  let symbols = 0;
  if (ready.length > 0) {
    const snapshot = await gather(mergePlans(ready.map((p) => plan(p.imported, options))), {
      market: deps.market,
      reference,
    });
    symbols = Object.keys(snapshot.histories).length;
    progress();
    await deps.engine.analyse(
      {
        id: run.id,
        context: { generatedAt, options, snapshot, ...(run.theme !== undefined && { theme: run.theme }) },
        portfolios: ready,
        // Ours, not the user's: a BullMQ worker checks it has the same data before applying the theme.
        reference: ours.versions,
      },
      {
        done: async (outcome) => {
          await run.onReport?.(outcome);
          rows.push(outcome.row);
          done++;
          progress();
        },
        failed: (row) => {
          rows.push(row);
          progress();
        },
      },
    );
  }
  progress();
  return {
    generatedAt,
    rows: rankRows(rows),
    counts: { done, failed: total - done, total },
    marketRequests: { symbols },
  };
}
