import path from 'node:path';
import type { PaperSize } from '../analysis';
import type { Lang } from '../i18n';
import { writeFileAtomic } from '../shared/atomic-write';
import type { PortfolioOutcome } from './analyse-one';
import type { SkippedFiles } from './input';
import type { BatchResult } from './run-batch';
import { summaryCsv, type BatchRow } from './summary';

/** What a finished batch says of itself (summary.json): counts, the whole ranking, files that were not portfolios. */
export interface BatchSummary {
  batchId: string;
  generatedAt: string;
  counts: BatchResult['counts'];
  rows: BatchRow[];
  skipped: SkippedFiles;
}

export function batchSummary(batchId: string, result: BatchResult, skipped: SkippedFiles): BatchSummary {
  return { batchId, generatedAt: result.generatedAt, counts: result.counts, rows: result.rows, skipped };
}

/**
 * A batch's folder: a folder per portfolio (`portfolios/<id>/report.json`, and
 * `report.<lang>.<paper>.pdf`), so no portfolio's files can be taken for another's whatever the
 * ids ("a" and "a.en.A4" live in different folders; language and paper always sit in the same
 * place of the name); summary.json and summary.csv beside them. Every file is written atomically;
 * ids are checked when the batch is listed, so they are safe folder names.
 */
export class BatchOutputs {
  constructor(readonly dir: string) {}

  reportFile(id: string): string {
    return path.join(this.dir, 'portfolios', id, 'report.json');
  }

  pdfFile(id: string, lang: Lang, paper: PaperSize): string {
    return path.join(this.dir, 'portfolios', id, `report.${lang}.${paper}.pdf`);
  }

  async writeReport(outcome: PortfolioOutcome, pdf: { lang: Lang; paper: PaperSize }): Promise<void> {
    await writeFileAtomic(this.reportFile(outcome.id), `${outcome.json}\n`);
    if (outcome.pdf !== undefined) await writeFileAtomic(this.pdfFile(outcome.id, pdf.lang, pdf.paper), outcome.pdf);
  }

  async writeSummary(summary: BatchSummary): Promise<void> {
    await writeFileAtomic(path.join(this.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await writeFileAtomic(path.join(this.dir, 'summary.csv'), summaryCsv(summary.rows));
  }
}
