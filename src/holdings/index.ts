export { importHoldings, type HoldingsSource } from './import-holdings';
export { MAX_FILE_BYTES, MAX_ROWS, MAX_LINE_CHARS, MAX_HEADER_COLUMNS } from './limits';
export { isValidIsin, normaliseTicker, loadIsinMap, type IsinResolver } from './identifiers';
export { parseAmount, detectDecimalMark } from './numbers';
export type { HoldingsImport, Position, SecurityPosition, RowProblem, SkippedRow } from './types';
export { previewJson, previewCsv } from './preview';
export { isinResolverFor } from './yahoo-isin-resolver';
export { importJsonHoldings, JsonHoldingsSchema } from './json-holdings';
