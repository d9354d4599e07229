export { simulateOutcomes, MONTE_CARLO_DEFAULTS, type MonteCarloSettings } from './monte-carlo';
export { fundamentals } from './fundamentals';
export { historicalReplay } from './historical';
export { monteCarloInputs } from './monte-carlo-inputs';
export { scenarioReturn, scaledMoves, scoreFromLoss } from './scenario';
