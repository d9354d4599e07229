import { z } from 'zod';
import { AppError } from '../errors';
import type { MessageCode, MessageParams } from '../i18n';
import { genericAdapter } from './adapters/generic';
import { mapColumns } from './columns';
import { importTable, type ImportOptions } from './import-holdings';
import { MAX_ROWS } from './limits';
import type { HoldingsImport } from './types';

const FILE_NAME = 'holdings.json';
const MAX_CELL_CHARS = 200;

const cell = z.union([z.string().max(MAX_CELL_CHARS), z.number()]).optional();

/** Holdings sent as JSON (the API's alternative to a file): the same fields a CSV row can carry. */
export const JsonHoldingsSchema = z.object({
  holdings: z
    .array(
      z
        .object({
          symbol: cell,
          isin: cell,
          name: cell,
          quantity: cell,
          marketValue: cell,
          weight: cell,
          currency: cell,
          account: cell,
        })
        .strict(),
    )
    .min(1)
    .max(MAX_ROWS),
});

const FIELDS = ['symbol', 'isin', 'name', 'quantity', 'marketValue', 'weight', 'currency', 'account'] as const;
/** Header names the generic adapter knows, in FIELDS order. */
const HEADER = ['symbol', 'isin', 'name', 'quantity', 'market value', 'weight', 'currency', 'account'];

/**
 * Reads JSON holdings through the same row reading, merging and problems as a file. The items become
 * the table's rows directly (never CSV text, so a name with a line break or a delimiter cannot shift
 * them): item i of the list is row i + 1 everywhere — positions, accounts, problems and skipped rows —
 * and a problem's column is the path the caller wrote, `holdings[3].quantity`.
 */
export async function importJsonHoldings(body: unknown, options: ImportOptions = {}): Promise<HoldingsImport> {
  const parsed = JsonHoldingsSchema.safeParse(body);
  if (!parsed.success) throw refusal(parsed.error.issues[0]);
  const rows = parsed.data.holdings.map((h, i) => ({
    line: i + 1,
    fields: FIELDS.map((f) => (h[f] === undefined ? '' : String(h[f]))),
  }));
  const table = { header: { line: 0, fields: HEADER }, columns: mapColumns(HEADER), rows, skipped: [] };
  const imported = await importTable(
    { fileName: FILE_NAME, adapter: genericAdapter, table, encoding: 'utf-8', delimiter: '' },
    options,
  );
  const path = (row: number, column: string) => {
    const field = FIELDS[HEADER.indexOf(column)];
    return field === undefined ? `holdings[${row - 1}]` : `holdings[${row - 1}].${field}`;
  };
  return {
    ...imported,
    format: { ...imported.format, id: 'json', label: 'JSON holdings' },
    problems: imported.problems.map((p) => ({ ...p, column: path(p.row, p.column) })),
  };
}

type Issue = z.core.$ZodIssue;

/** The first schema issue as a refusal located at the path the caller wrote (`holdings[3].quantity`). */
function refusal(issue: Issue | undefined): AppError {
  const at = issue?.path ?? [];
  const column = at
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  const item = typeof at[1] === 'number' ? at[1] + 1 : undefined;
  const location = { file: FILE_NAME, ...(item !== undefined && { row: item }), ...(column !== '' && { column }) };
  if (issue?.code === 'too_big' && at.length === 1)
    return new AppError('too_large', 'too_many_rows', { params: { limit: MAX_ROWS }, location });
  const reason = issue === undefined ? { code: 'json.invalid' as const, params: {} } : reasonOf(issue);
  return new AppError('unprocessable', 'json_field', { params: { reason }, location });
}

function reasonOf(issue: Issue): { code: MessageCode; params: MessageParams } {
  const depth = issue.path.length;
  switch (issue.code) {
    case 'unrecognized_keys':
      return { code: 'json.unknown_field', params: { fields: issue.keys, allowed: FIELDS } };
    case 'too_small':
      return { code: 'json.no_holdings', params: {} };
    case 'too_big':
      return { code: 'json.text_too_long', params: { limit: MAX_CELL_CHARS } };
    case 'invalid_type':
      if (depth === 0) return { code: 'json.not_an_object', params: {} };
      if (depth === 1) return { code: 'json.not_a_list', params: {} };
      if (depth === 2) return { code: 'json.item_not_an_object', params: {} };
      return { code: 'json.not_text_or_number', params: {} };
    case 'invalid_union':
      return { code: 'json.not_text_or_number', params: {} };
    default:
      return { code: 'json.invalid', params: {} };
  }
}
