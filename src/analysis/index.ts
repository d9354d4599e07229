export {
  AnalysisOptionsSchema,
  parseAnalysisOptions,
  parseOptions,
  type AnalysisOptions,
  type PaperSize,
} from './options';
export { plan, mergePlans } from './plan';
export { analyse } from './analyse';
export { runAnalysis } from './run';
export { loadReferenceData, type ReferenceData, type DataVersions } from './reference';
