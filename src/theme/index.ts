export { CORE_FOUR, issuerOf, type FundLookThrough } from './core-four';
export {
  lookThrough,
  type LookThrough,
  type IssuerExposure,
  type ExposurePath,
  type UnresolvedFundWeight,
  type LookThroughPosition,
} from './look-through';
export { themeExposure, type ThemeExposure, type IssuerThemeExposure } from './exposure';
export {
  loadThemeModel,
  classifier,
  ThemeModelSchema,
  SEGMENTS,
  ROLES,
  type ThemeModel,
  type Company,
  type ThemeClassification,
  type Segment,
  type Role,
} from './model';
