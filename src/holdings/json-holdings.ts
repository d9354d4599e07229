import { z } from 'zod';
import { InputError } from '../errors';
import { importHoldings, type ImportOptions } from './import-holdings';
import type { HoldingsImport } from './types';

const cell = z.union([z.string().max(200), z.number()]).optional();

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
    .max(10_000),
});

const FIELDS = ['symbol', 'isin', 'name', 'quantity', 'marketValue', 'weight', 'currency', 'account'] as const;
const HEADER = ['symbol', 'isin', 'name', 'quantity', 'market value', 'weight', 'currency', 'account'];

/**
 * Reads JSON holdings through the same importer as a file (same parsing, merging, problems), then
 * addresses each problem the way the caller wrote it: `holdings[3].quantity`, item 4.
 */
export async function importJsonHoldings(body: unknown, options: ImportOptions = {}): Promise<HoldingsImport> {
  const parsed = JsonHoldingsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new InputError('invalid_value', `${where || 'body'}: ${issue.message}`, {
      file: 'holdings.json',
      column: where,
    });
  }
  const quote = (v: string | number | undefined) => {
    const t = v === undefined ? '' : String(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const text = [HEADER.join(','), ...parsed.data.holdings.map((h) => FIELDS.map((f) => quote(h[f])).join(','))].join(
    '\n',
  );
  const imported = await importHoldings({ fileName: 'holdings.json', text }, options);
  // CSV row r is holdings[r − 2]; the caller knows items, not rows.
  const item = (row: number) => row - 1;
  const field = (column: string) => (column === 'market value' ? 'marketValue' : column);
  return {
    ...imported,
    holdings: imported.holdings.map((h) => ({ ...h, rows: h.rows.map(item) })),
    problems: imported.problems.map((p) => ({
      ...p,
      row: item(p.row),
      column: `holdings[${p.row - 2}].${field(p.column)}`,
    })),
    skipped: imported.skipped.map((s) => ({ ...s, row: item(s.row) })),
  };
}
