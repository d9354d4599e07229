export { commonDays, buildPanel, indexOfDay, type PricePanel } from './panel';
export { concentration, riskFigures, TRADING_DAYS_PER_YEAR, type Concentration, type RiskFigures } from './metrics';
export * as core from './core';
