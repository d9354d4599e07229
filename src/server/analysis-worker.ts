import { workerData } from 'node:worker_threads';
import type { AnalysisOptions } from '../analysis';
import type { HoldingsImport } from '../holdings';
import { selectMarketData, type MarketDataChoice } from '../market';
import { analyseHistory, type HistoryRequest } from '../monitor/backfill';
import { remoteIsinResolver } from '../shared/isin-bridge';
import { serveTasks } from '../shared/thread-worker';
import { analyseToJson, readUpload, renderReport, type HoldingsUpload, type RenderRequest } from './analysis-runner';

/**
 * One thread of the service's pool: reads uploads (ISINs resolved by the main thread, so the read's
 * time budget counts parsing only), analyses on its own market-data provider (and SQLite connection
 * to the shared cache), renders reports.
 */
const market = selectMarketData(workerData as MarketDataChoice);

serveTasks({
  import: (upload: HoldingsUpload) => readUpload(upload, remoteIsinResolver),
  analyse: ({ imported, options }: { imported: HoldingsImport; options: AnalysisOptions }) =>
    analyseToJson(imported, options, market),
  history: ({ imported, options, request }: { imported: HoldingsImport; options: AnalysisOptions; request: HistoryRequest }) =>
    analyseHistory(imported, options, request, { market }),
  render: (request: RenderRequest) => renderReport(request),
});
