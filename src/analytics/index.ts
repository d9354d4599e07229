export { commonDays, buildPanel, indexOfDay, type PricePanel } from './panel';
export { concentration, TRADING_DAYS_PER_YEAR, type Concentration } from './metrics';
export { portfolioRisk, type PortfolioRisk, type PortfolioRiskInputs } from './portfolio-risk';
export * as core from './core';
