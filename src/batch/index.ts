export {
  readBatch,
  fromZip,
  fromJsonLines,
  portfolioId,
  isPortfolioId,
  MAX_BATCH_PORTFOLIOS,
  type BatchItem,
} from './input';
export { captureSnapshot, SnapshotMarketData, type MarketSnapshot } from './snapshot';
export { runBatchEmbedded, BATCH_MONTE_CARLO_PATHS, type BatchOptions, type BatchResult } from './run-batch';
export { summaryCsv, summaryRow, rankRows, type BatchRow } from './summary';
export type { BatchRendering } from './analyse-one';
export { BatchOutputs, batchSummary, type BatchSummary } from './outputs';
export type { BatchContents } from './input';
