export { readBatch, fromZip, fromJsonLines, portfolioId, MAX_BATCH_PORTFOLIOS, type BatchItem } from './input';
export { captureSnapshot, SnapshotMarketData, type MarketSnapshot } from './snapshot';
export { runBatchEmbedded, BATCH_MONTE_CARLO_PATHS, type BatchOptions, type BatchResult } from './run-batch';
export { summaryCsv, summaryRow, rankRows, type BatchRow } from './summary';
