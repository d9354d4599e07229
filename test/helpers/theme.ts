export { classifier, lookThrough, themeExposure, ThemeModelSchema } from '../../src/theme';
import { loadReferenceData } from '../../src/analysis/reference';
export const loadThemeModel = () => loadReferenceData().theme;
/** The companies the theme issue says the model must cover. */
export const THEME_REQUIRED = [
  'AMZN',
  'MSFT',
  'GOOGL',
  'NVDA',
  'META',
  'ORCL',
  'AVGO',
  'AMD',
  'TSM',
  'MU',
  'ANET',
  'ASML',
  'AMAT',
  'LRCX',
  'KLAC',
  'MRVL',
  'SMCI',
  'DELL',
  'VRT',
  'ETN',
  'EQIX',
  'DLR',
  'CEG',
  'INTC',
  'CSCO',
];
