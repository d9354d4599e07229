export { importHoldings, type HoldingsSource, type ImportOptions } from './import-holdings';
export { MAX_FILE_BYTES, MAX_ROWS, MAX_LINE_CHARS, MAX_HEADER_COLUMNS } from './limits';
export {
  isValidIsin,
  normaliseTicker,
  offlineIsinResolver,
  loadIsinMap,
  type IsinResolver,
  type IsinEntry,
} from './identifiers';
export { parseAmount, detectDecimalMark } from './numbers';
export type { ProblemCode, SkipCode } from './messages';
export type {
  HoldingsImport,
  Position,
  SecurityPosition,
  QuantityPosition,
  MarketValuePosition,
  WeightPosition,
  CashPosition,
  AsWritten,
  RowProblem,
  SkippedRow,
  SizeBasis,
  AccountDetail,
} from './types';
export { previewJson, previewCsv } from './preview';
export { isinResolverWith, isinResolverFor, type IsinSearch } from './yahoo-isin-resolver';
export { importJsonHoldings, JsonHoldingsSchema } from './json-holdings';
