import type { StressWindow } from './analytics/overspending/stress-windows';
import type { RuleOverrides } from './analytics/rules';
import { AppError } from './errors';
import { importHoldings, isinResolverFor, type HoldingsImport, type HoldingsSource } from './holdings';
import { parseAnalysisOptions } from './analysis/options';
import { runAnalysis, type AnalysisDeps } from './analysis/run';
import { timedAsync } from './analysis/stage-times';
import type { AnalysisReport } from './report';

/** One portfolio in, one report out: the library entry point (a file or an import already previewed). */
export interface AnalysisInput {
  /** A holdings file to import … */
  file?: HoldingsSource;
  /** … or an import already shown to the user (a preview): analysed exactly as it is. */
  holdings?: HoldingsImport;
  asOf?: string;
  strict?: boolean;
  notionalValue?: number;
  baseCurrency?: string;
  shrinkCorrelation?: boolean;
  /** List every issuer after look-through (default: those in the theme and the 25 largest). */
  allIssuers?: boolean;
  monteCarlo?: { paths?: number; seed?: number };
  maxConstituentsAge?: number;
  ruleOverrides?: RuleOverrides;
  stressWindows?: StressWindow[];
}

/** Imports (when given a file), validates the options like every other way in, and runs plan → gather → analyse. */
export async function analysePortfolio(input: AnalysisInput, deps: AnalysisDeps): Promise<AnalysisReport> {
  const { file, holdings, monteCarlo, ...rest } = input;
  const options = parseAnalysisOptions(
    {
      ...rest,
      ...(monteCarlo?.paths !== undefined && { monteCarloPaths: monteCarlo.paths }),
      ...(monteCarlo?.seed !== undefined && { monteCarloSeed: monteCarlo.seed }),
    },
    'http',
  );
  const imported =
    holdings ??
    (file !== undefined
      ? await timedAsync(deps.times, 'import', () =>
          importHoldings(file, { isinResolver: isinResolverFor(deps.market) }),
        )
      : null);
  if (imported === null)
    throw new AppError('bad_request', 'no_usable_positions', {
      params: { reason: { code: 'positions.none', params: {} } },
    });
  return runAnalysis(imported, options, deps);
}
