export {
  simulateOutcomes,
  MONTE_CARLO_DEFAULTS,
  type MonteCarloSettings,
  type MonteCarloInputs,
  type MonteCarloResult,
} from './monte-carlo';
export { defaultStressWindows, StressWindowSchema, type StressWindow } from './stress-windows';
export { fundamentals, type FundamentalsSummary } from './fundamentals';
export { overspendingScore, SCORE_COMPONENTS, type ScoreComponent } from './score';
export { historicalReplay, type ReplayResult } from './historical';
export { monteCarloInputs } from './monte-carlo-inputs';
export const SHOCKS = [-0.1, -0.2, -0.3, -0.4, -0.5] as const;
