/**
 * The small set of errors the pipeline raises on purpose. Anything else that escapes is a bug
 * (CLI exit 1, HTTP 500) and is logged with its stack; these are answers to the user.
 */

/** Where in an input file a problem sits. Rows are 1-based file lines, as a spreadsheet numbers them. */
export interface InputLocation {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
}

export type InputErrorCode =
  | 'file_not_found'
  | 'empty_file'
  | 'file_too_large'
  | 'too_many_rows'
  | 'unsupported_format'
  | 'no_usable_positions'
  | 'invalid_csv'
  | 'missing_column'
  | 'invalid_value'
  | 'unknown_symbol'
  | 'insufficient_history'
  | 'currency_mismatch'
  | 'invalid_option';

/** The user's input cannot be analysed as given. CLI exit 2, HTTP 422 (or 400 for request shape). */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    readonly reason: string,
    readonly location: InputLocation = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(formatLocated(location, reason));
  }
}

/** The service was asked for something it is not configured to do (e.g. no market data source). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** "file holdings.csv, row 4, column quantity: 'abc' is not a number" — one line, nothing else. */
export function formatLocated(location: InputLocation, reason: string): string {
  const where: string[] = [];
  if (location.file !== undefined) where.push(`file ${location.file}`);
  if (location.row !== undefined) where.push(`row ${location.row}`);
  if (location.column !== undefined) where.push(`column ${location.column}`);
  return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
}
