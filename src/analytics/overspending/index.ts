export {
  simulateOutcomes,
  MONTE_CARLO_DEFAULTS,
  type MonteCarloSettings,
  type MonteCarloInputs,
  type MonteCarloResult,
} from './monte-carlo';
export { StressWindowSchema, type StressWindow } from './stress-windows';
export { fundamentals, type FundamentalsSummary } from './fundamentals';
export { overspendingScore, SCORE_COMPONENTS, type ScoreComponent } from './score';
export { historicalReplay, type ReplayResult } from './historical';
export { monteCarloInputs } from './monte-carlo-inputs';
export { overspendingStage, SHOCKS, type OverspendingStage, type ShockRow } from './stage';
