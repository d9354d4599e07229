import { isBlankRecord, parseCsv, stripBom } from '../shared/csv';
import { parseIsoDay } from '../shared/dates';
import type { HistoryResult } from './types';

/** Our header and Yahoo's download header name the same columns. */
const COLUMN_ALIASES: Record<string, 'date' | 'close' | 'adjClose'> = {
  date: 'date',
  close: 'close',
  adj_close: 'adjClose',
  'adj close': 'adjClose',
  adjclose: 'adjClose',
};

/**
 * Parses a daily price file (`date,open,high,low,close,adj_close,volume`, or Yahoo's
 * `Date,Open,High,Low,Close,Adj Close,Volume`). Empty cells and `null` are missing values.
 * When the file has no adjusted close at all, the close serves for both (the caller warns).
 */
export function parsePriceCsv(text: string, symbol: string, origin: string, currency = 'USD'): HistoryResult {
  // The file is ours (or the operator's), not the user's: the user reads which symbol, the log reads where and why.
  const fail = (message: string, row?: number, column?: string): HistoryResult => ({
    ok: false,
    failure: {
      symbol,
      code: 'invalid_data',
      reason: { code: 'failure.invalid_data', params: { symbol, row: row ?? 1 } },
      detail: `${origin}${row !== undefined ? `, row ${row}` : ''}${column !== undefined ? `, column ${column}` : ''}: ${message}`,
    },
  });
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  } catch (err) {
    return fail((err as Error).message, (err as { line?: number }).line);
  }
  const [header, ...rows] = records;
  if (header === undefined || rows.length === 0) return fail('the price file has no rows');
  const index: Partial<Record<'date' | 'close' | 'adjClose', number>> = {};
  header.fields.forEach((name, i) => {
    const key = COLUMN_ALIASES[name.trim().toLowerCase()];
    if (key !== undefined) index[key] = i;
  });
  if (index.date === undefined) return fail('no "date" column in the header', header.line);
  if (index.close === undefined && index.adjClose === undefined)
    return fail('neither a "close" nor an "adj_close" column in the header', header.line);

  const n = rows.length;
  const days = new Int32Array(n);
  const close = new Float64Array(n);
  const adjClose = new Float64Array(n);
  const readPrice = (raw: string | undefined, row: number, column: string): number | string => {
    const t = (raw ?? '').trim();
    if (t === '' || t.toLowerCase() === 'null') return NaN;
    const v = Number(t);
    if (!Number.isFinite(v) || v <= 0) return `"${t}" is not a positive price (row ${row}, column ${column})`;
    return v;
  };
  let anyAdj = false;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const day = parseIsoDay((r.fields[index.date] ?? '').trim());
    if (day === null)
      return fail(`"${r.fields[index.date] ?? ''}" is not a YYYY-MM-DD date`, r.line, header.fields[index.date]);
    days[i] = day;
    const c = index.close === undefined ? NaN : readPrice(r.fields[index.close], r.line, 'close');
    if (typeof c === 'string') return fail(c, r.line, header.fields[index.close!]);
    const a = index.adjClose === undefined ? NaN : readPrice(r.fields[index.adjClose], r.line, 'adj_close');
    if (typeof a === 'string') return fail(a, r.line, header.fields[index.adjClose!]);
    close[i] = c;
    adjClose[i] = a;
    if (!Number.isNaN(a)) anyAdj = true;
  }
  for (let i = 1; i < n; i++) {
    if (days[i]! <= days[i - 1]!)
      return fail('dates are not strictly ascending', rows[i]!.line, header.fields[index.date]);
  }
  if (!anyAdj) adjClose.set(close);
  return { ok: true, history: { symbol, currency, days, close, adjClose, adjCloseIsClose: !anyAdj, origin } };
}
