import { plan } from '../analysis/plan';
import { loadReferenceData } from '../analysis/reference';
import type { AnalysisDeps } from '../analysis/run';
import type { HoldingsImport } from '../holdings';
import { gather } from '../market/gather';
import type { WhatIfOptions } from './options';
import { loadSolver } from './solver';
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
