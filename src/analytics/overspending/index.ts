export {
  simulateOutcomes,
  MONTE_CARLO_DEFAULTS,
  type MonteCarloSettings,
  type MonteCarloInputs,
  type MonteCarloResult,
} from './monte-carlo';
export { StressWindowSchema, type StressWindow } from './stress-windows';
export { fundamentals, type FundamentalsSummary } from './fundamentals';
export { historicalReplay, type ReplayResult } from './historical';
export { monteCarloInputs } from './monte-carlo-inputs';
export { overspendingStage, SHOCKS, type OverspendingStage, type ShockRow, type Contribution } from './stage';
export { ScenarioFileSchema, scenarioReturn, scaledMoves, scoreFromLoss, type ScenarioFile } from './scenario';
