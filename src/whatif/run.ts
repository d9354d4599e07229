import { plan } from '../analysis/plan';
import { loadReferenceData, type ReferenceData } from '../analysis/reference';
import type { AnalysisDeps } from '../analysis/run';
import type { MarketDataProvider } from '../market';
import type { AnalysisReport } from '../report';
import type { HoldingsImport } from '../holdings';
import { gather } from '../market/gather';
import type { WhatIfOptions } from './options';
import { loadSolver } from './solver';
import { holdingsOfReport } from './stored';
import { whatIf, type WhatIfResult } from './whatif';

/**
 * plan → gather → what-if, for the CLI (and the HTTP route): the plan adds the symbols to buy to
 * the held ones, so one gather fetches their prices, constituents and rates with the rest.
 */
export async function runWhatIf(
  imported: HoldingsImport,
  options: WhatIfOptions,
  deps: AnalysisDeps,
): Promise<WhatIfResult> {
  const reference = deps.reference ?? loadReferenceData();
  const needs = plan(imported, options);
  const withBuys = { ...needs, held: [...new Set([...needs.held, ...options.buy])] };
  const [market, solve] = await Promise.all([gather(withBuys, { market: deps.market, reference }), loadSolver()]);
  const generatedAt = (deps.now?.() ?? new Date()).toISOString();
  return whatIf(imported, { market, reference, generatedAt }, options, solve);
}

/**
 * A what-if on a stored analysis, where the service's threads run it: its report's holdings, on the
 * report's day and in its base currency, with the service's theme (so `before` is the stored
 * analysis's figures), answered as JSON text.
 */
export async function whatIfOnReport(
  reportJson: string,
  options: WhatIfOptions,
  market: MarketDataProvider,
  reference: ReferenceData,
): Promise<string> {
  const report = JSON.parse(reportJson) as AnalysisReport;
  const pinned = { ...options, asOf: report.asOf, baseCurrency: report.baseCurrency };
  return JSON.stringify((await runWhatIf(holdingsOfReport(report), pinned, { market, reference })).document);
}
