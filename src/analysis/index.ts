export {
  AnalysisOptionsSchema,
  parseAnalysisOptions,
  parseOptions,
  optionLabel,
  DEFAULT_NOTIONAL_VALUE,
  PAPER_SIZES,
  type AnalysisOptions,
  type AnalysisOptionsInput,
  type PaperSize,
  type OptionSurface,
} from './options';
export { plan, mergePlans, LOOK_THROUGH_DEPTH, type MarketDataPlan } from './plan';
export { analyse, analysisStages, type AnalysisInputs } from './analyse';
export { runAnalysis, type AnalysisDeps } from './run';
export { loadReferenceData, METHODOLOGY_VERSION, type ReferenceData, type DataVersions } from './reference';
