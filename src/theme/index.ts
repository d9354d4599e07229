export { CORE_FOUR, issuerOf, lookThroughCoreFour, type CoreFourExposure, type FundLookThrough } from './core-four';
