export { lookThrough } from './look-through';
export { themeExposure } from './exposure';
export { classifier, ThemeModelSchema, type ThemeModel, type Company } from './model';
