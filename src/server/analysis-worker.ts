import { workerData } from 'node:worker_threads';
import { type AnalysisOptions, loadReferenceData } from '../analysis';
import type { HoldingsImport } from '../holdings';
import { selectMarketData, type MarketDataChoice } from '../market';
import { analyseHistory, type HistoryRequest } from '../monitor/backfill';
import { remoteIsinResolver } from '../shared/isin-bridge';
import { remotePriceStore } from '../shared/price-bridge';
import { serveTasks } from '../shared/thread-worker';
import { loadThemeFile, type ThemeUpload } from '../theme/user-theme';
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
const {
  market: choice,
  themeFile,
  priceEvictions,
} = workerData as {
  market: MarketDataChoice;
  themeFile?: string;
  priceEvictions: Int32Array;
};
// Parsed prices are the pool owner's, in shared memory: each price file is parsed once for every thread.
const market = selectMarketData({ ...choice, prices: remotePriceStore(priceEvictions) });
// The service's theme (THEME_FILE, checked by the main thread at start), read once per thread.
const reference = themeFile === undefined ? Promise.resolve(loadReferenceData()) : loadThemeFile(themeFile);

serveTasks({
  import: (upload: HoldingsUpload) => readUpload(upload, remoteIsinResolver),
  analyse: async ({
    imported,
    options,
    theme,
  }: {
    imported: HoldingsImport;
    options: AnalysisOptions;
    theme?: ThemeUpload;
  }) => analyseToJson(imported, options, market, await reference, theme),
  history: async ({
    imported,
    options,
    request,
  }: {
    imported: HoldingsImport;
    options: AnalysisOptions;
    request: HistoryRequest;
  }) => analyseHistory(imported, options, request, { market, reference: await reference }),
  render: (request: RenderRequest) => renderReport(request),
  whatif: async (request: WhatIfRequest) =>
    whatIfOnReport(request.reportJson, request.options, market, await reference),
});
