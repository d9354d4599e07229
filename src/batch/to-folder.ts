import { storageError } from '../shared/storage-error';
import type { BatchSource } from './input';
import { BatchOutputs, batchSummary, type BatchSummary } from './outputs';
import { type BatchDeps, type BatchResult, type BatchRun, runBatch } from './run-batch';

/**
 * A batch written to a folder, as the CLI and the service both keep it: each portfolio's report
 * (and PDF) as it arrives, then summary.json and summary.csv. A disk that fails is an AppError
 * (507 / exit 1 with the cause), not a stack trace.
 */
export async function runBatchToFolder(
  source: BatchSource,
  deps: BatchDeps,
  run: Omit<BatchRun, 'onReport'> & { outDir: string },
): Promise<{ result: BatchResult; summary: BatchSummary }> {
  const outputs = new BatchOutputs(run.outDir);
  const result = await runBatch(source, deps, {
    ...run,
    onReport: async (outcome) => {
      try {
        await outputs.writeReport(outcome, run.options);
      } catch (err) {
        throw storageError(err, 'storage.report');
      }
    },
  });
  const summary = batchSummary(run.id, result, source.skipped);
  try {
    await outputs.writeSummary(summary);
  } catch (err) {
    throw storageError(err, 'storage.batch');
  }
  return { result, summary };
}
