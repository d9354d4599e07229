export { concentration } from './metrics';
export { portfolioRisk } from './portfolio-risk';
export * as core from './core';
