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
  type SkippedFiles,
} from './input';
export { looksLikeZip } from './zip';
export { runBatch, type BatchResult, type BatchProgress } from './run-batch';
export type { BatchEngine } from './engine';
export { chooseEngine, createBatchEngine } from './create-engine';
export { ThreadEngine } from './thread-engine';
export { RedisEngine } from './redis/coordinator';
export { runWorkerProcess } from './redis/worker-process';
export type { PortfolioOutcome } from './analyse-one';
export { summaryCsv, type BatchRow } from './summary';
export { BatchOutputs } from './outputs';
export { runBatchToFolder } from './to-folder';
