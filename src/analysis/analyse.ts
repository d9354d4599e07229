import type { HoldingsImport } from '../holdings';
import type { MarketInputs } from '../market/gather';
import type { AnalysisReport } from '../report';
import type { AnalysisOptions } from './options';
import type { ReferenceData } from './reference';

/** Everything an analysis reads besides the holdings: market data already gathered, our reference data, the clock. */
export interface AnalysisInputs {
  market: MarketInputs;
  reference: ReferenceData;
  /** ISO time stamped on the report (a batch passes its own, so reruns give the same bytes). */
  generatedAt: string;
}

/** The whole analysis, pure and synchronous: holdings + gathered inputs → AnalysisReport. */
export function analyse(imported: HoldingsImport, inputs: AnalysisInputs, options: AnalysisOptions): AnalysisReport {
  throw new Error(`not yet built: ${imported.fileName} ${inputs.generatedAt} ${options.lang}`);
}
