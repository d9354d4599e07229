export type { FundLookThrough } from './core-four';
export {
  SEGMENTS,
  ROLES,
  CORE_FOUR,
  AI_BASKET,
  MARKET_BENCHMARK,
  CONFIDENCE_LEVELS,
  HOLDING_CONFIDENCE,
  Confidence,
  type Segment,
  type Role,
  type CoreFourSymbol,
} from './enums';
export {
  lookThrough,
  type LookThrough,
  type IssuerExposure,
  type ExposurePath,
  type UnresolvedFundWeight,
  type LookThroughPosition,
} from './look-through';
export { themeExposure, type ThemeExposure, type IssuerThemeExposure } from './exposure';
export { classifier, ThemeModelSchema, type ThemeModel, type Company, type ThemeClassification } from './model';
export { lookThroughStage, STALE_CONSTITUENTS_DAYS, type LookThroughStage } from './funds';
export { exposureStage, type ExposureStage, type CoreFour } from './exposure-stage';
export type { HoldingTheme } from './holding-theme';
