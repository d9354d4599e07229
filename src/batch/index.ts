export { BATCH_LIMITS, BATCH_MONTE_CARLO_PATHS } from './limits';
export { BatchOptionsSchema, type BatchOptions } from './options';
export {
  batchSource,
  folderSource,
  jsonLinesSource,
  zipSource,
  readBatch,
  isPortfolioId,
  type BatchSource,
  type FailedRow,
  type SkippedFiles,
} from './input';
export { looksLikeZip } from './zip';
export { runBatch, type BatchDeps, type BatchRun, type BatchResult, type BatchProgress } from './run-batch';
export type { BatchEngine, PreparedBatch, OutcomeSink } from './engine';
export { chooseEngine, createBatchEngine, type EngineChoice } from './create-engine';
export { ThreadEngine } from './thread-engine';
export { RedisEngine } from './redis/coordinator';
export { startRedisWorker } from './redis/worker';
export { runWorkerProcess } from './redis/worker-process';
export type { PortfolioOutcome } from './analyse-one';
export { summaryCsv, summaryRow, rankRows, type BatchRow, type OkRow } from './summary';
export { BatchOutputs, batchSummary, type BatchSummary } from './outputs';
export { runBatchToFolder } from './to-folder';
