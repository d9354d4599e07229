import { message, type MessageCode, type MessageParams } from '../i18n';
import type { RowProblem, SkippedRow } from './types';

/** Catalogue codes a rejected row may carry. */
export type ProblemCode = Extract<MessageCode, `problem.${string}`>;
/** Catalogue codes a skipped row may carry. */
export type SkipCode = Extract<MessageCode, `skip.${string}`>;

/** A rejected row: where it is as the user sees the file, what it held, and why (code, params, English text). */
export function rowProblem(
  row: number,
  column: string,
  value: string,
  code: ProblemCode,
  params: MessageParams = {},
): RowProblem {
  const coded = message(code, params);
  return { row, column, value, ...coded, reason: coded.message };
}

/** A row that is not a position, and why. */
export function skippedRow(row: number, code: SkipCode, params: MessageParams = {}): SkippedRow {
  const coded = message(code, params);
  return { row, ...coded, reason: coded.message };
}
