import type { HoldingsImport } from '../holdings';
import { gather } from '../market/gather';
import type { MarketDataProvider } from '../market';
import type { AnalysisReport } from '../report';
import { analyse } from './analyse';
import type { AnalysisOptions } from './options';
import { plan } from './plan';
import { loadReferenceData, type ReferenceData } from './reference';
import { type StageTimes, timedAsync } from './stage-times';

export interface AnalysisDeps {
  market: MarketDataProvider;
  /** The theme, fund list and stress windows (default: data/). */
  reference?: ReferenceData;
  now?: () => Date;
  /** Collects each stage's wall time when given (the bench). */
  times?: StageTimes;
}

/** plan → gather → analyse: what the CLI, the service's workers and the tests run for one portfolio. */
export async function runAnalysis(
  imported: HoldingsImport,
  options: AnalysisOptions,
  deps: AnalysisDeps,
): Promise<AnalysisReport> {
  const reference = deps.reference ?? loadReferenceData();
  const needs = plan(imported, options);
  const market = await timedAsync(deps.times, 'market data', () => gather(needs, { market: deps.market, reference }));
  const generatedAt = (deps.now?.() ?? new Date()).toISOString();
  return analyse(imported, { market, reference, generatedAt }, options, deps.times);
}
