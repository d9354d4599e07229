export { importHoldings, type HoldingsSource, type ImportOptions } from './import-holdings';
export { decodeHoldingsBytes, MAX_FILE_BYTES, MAX_ROWS } from './decode';
export {
  isValidIsin,
  normaliseTicker,
  offlineIsinResolver,
  loadIsinMap,
  type IsinResolver,
  type IsinEntry,
} from './identifiers';
export { parseAmount, detectDecimalMark } from './numbers';
export { ADAPTERS } from './adapters';
export type {
  HoldingsImport,
  Position,
  SecurityPosition,
  CashPosition,
  RowProblem,
  SkippedRow,
  SizeBasis,
  AccountDetail,
} from './types';
export { previewJson, previewCsv } from './preview';
export { isinResolverWith, isinResolverFor, type IsinSearch } from './yahoo-isin-resolver';
export { importJsonHoldings, JsonHoldingsSchema } from './json-holdings';
