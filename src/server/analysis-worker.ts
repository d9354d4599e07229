import { workerData } from 'node:worker_threads';
import type { AnalysisOptions } from '../analysis';
import type { HoldingsImport } from '../holdings';
import { selectMarketData, type MarketDataChoice } from '../market';
import { remoteIsinResolver } from '../shared/isin-bridge';
import { serveTasks } from '../shared/thread-worker';
import { whatIfOnReport } from '../whatif';
import {
  analyseToJson,
  readUpload,
  renderReport,
  type HoldingsUpload,
  type RenderRequest,
  type WhatIfRequest,
} from './analysis-runner';

/**
 * One thread of the service's pool: reads uploads (ISINs resolved by the main thread, so the read's
 * time budget counts parsing only), analyses on its own market-data provider (and SQLite connection
 * to the shared cache), renders reports, and runs what-ifs (HiGHS loaded on the first one).
 */
const market = selectMarketData(workerData as MarketDataChoice);

serveTasks({
  import: (upload: HoldingsUpload) => readUpload(upload, remoteIsinResolver),
  analyse: ({ imported, options }: { imported: HoldingsImport; options: AnalysisOptions }) =>
    analyseToJson(imported, options, market),
  render: (request: RenderRequest) => renderReport(request),
  whatif: (request: WhatIfRequest) => whatIfOnReport(request.reportJson, request.options, market),
});
