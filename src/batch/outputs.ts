import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import type { BatchContents } from './input';
import type { BatchResult } from './run-batch';
import { rankRows, summaryCsv, type BatchRow } from './summary';

/** What a finished batch says of itself (summary.json): counts, the ranking, and files that were not portfolios. */
export interface BatchSummary {
  batchId: string;
  generatedAt: string;
  counts: { total: number; done: number; failed: number };
  rows: BatchRow[];
  skipped: BatchContents['skipped'];
}

/** The engine's result plus the portfolios that could not even be read: every input accounted for. */
export function batchSummary(
  batchId: string,
  result: BatchResult,
  contents: Pick<BatchContents, 'problems' | 'skipped'>,
): BatchSummary {
  const rows = rankRows([
    ...result.rows,
    ...contents.problems.map((p) => ({ id: p.id, status: 'failed' as const, reason: p.reason })),
  ]);
  const { total, done, failed } = result.counts;
  return {
    batchId,
    generatedAt: result.generatedAt,
    counts: { total: total + contents.problems.length, done, failed: failed + contents.problems.length },
    rows,
    skipped: contents.skipped,
  };
}

/**
 * A batch's folder: portfolios/<id>.json (and .pdf), summary.json and summary.csv, each written
 * atomically so a reader never sees half a file. Ids are checked on reading the batch, so they are
 * safe file names.
 */
export class BatchOutputs {
  constructor(readonly dir: string) {}

  reportFile(id: string, ext: 'json' | 'pdf'): string {
    return path.join(this.dir, 'portfolios', `${id}.${ext}`);
  }

  readonly writeReport = async (id: string, json: string, pdf?: Uint8Array): Promise<void> => {
    await writeFileAtomic(this.reportFile(id, 'json'), `${json}\n`);
    if (pdf !== undefined) await writeFileAtomic(this.reportFile(id, 'pdf'), pdf);
  };

  async writeSummary(summary: BatchSummary): Promise<void> {
    await writeFileAtomic(path.join(this.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await writeFileAtomic(path.join(this.dir, 'summary.csv'), summaryCsv(summary.rows));
  }
}
