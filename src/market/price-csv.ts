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
  return fastPriceCsv(stripBom(text), symbol, origin, currency) ?? parseAnyPriceCsv(text, symbol, origin, currency);
}

/** Any price file, through the general CSV reader: quoted fields, CR line ends, and every error named. */
export function parseAnyPriceCsv(text: string, symbol: string, origin: string, currency: string): HistoryResult {
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

/**
 * The common case in one pass over the text, no per-row objects: unquoted fields, LF or CRLF line
 * ends, ISO dates, plain numbers, ascending days. Anything else (a quote, a bad value, a date out of
 * order) returns null and the general reader parses the file and names the problem. Measured on
 * SPY.csv (1,600 rows): 0.25 ms here against 3.3 ms through the general reader and the date regex.
 */
function fastPriceCsv(text: string, symbol: string, origin: string, currency: string): HistoryResult | null {
  if (text.includes('"')) return null;
  const headerEnd = lineEnd(text, 0);
  const columns = text.slice(0, headerEnd).replace(/\r$/, '').split(',');
  const index: Partial<Record<'date' | 'close' | 'adjClose', number>> = {};
  columns.forEach((name, i) => {
    const key = COLUMN_ALIASES[name.trim().toLowerCase()];
    if (key !== undefined) index[key] = i;
  });
  const dateAt = index.date;
  if (dateAt === undefined || (index.close === undefined && index.adjClose === undefined)) return null;
  const closeAt = index.close ?? -1;
  const adjAt = index.adjClose ?? -1;
  const last = Math.max(dateAt, closeAt, adjAt);
  let capacity = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) capacity++;
  const days = new Int32Array(capacity);
  const close = new Float64Array(capacity);
  const adjClose = new Float64Array(capacity);
  const field = new Int32Array(2 * (last + 1));
  let n = 0;
  let anyAdj = false;
  for (let start = headerEnd + 1; start < text.length; ) {
    let end = lineEnd(text, start);
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (!splitFields(text, start, end, field, last)) {
      if (!/^[\s,]*$/.test(text.slice(start, end))) return null;
      start = next;
      continue;
    }
    const day = isoDay(text, field[2 * dateAt]!, field[2 * dateAt + 1]!);
    if (day === null || (n > 0 && day <= days[n - 1]!)) return null;
    const c = closeAt < 0 ? NaN : price(text, field[2 * closeAt]!, field[2 * closeAt + 1]!);
    const a = adjAt < 0 ? NaN : price(text, field[2 * adjAt]!, field[2 * adjAt + 1]!);
    if (c === null || a === null) return null;
    days[n] = day;
    close[n] = c;
    adjClose[n] = a;
    if (!Number.isNaN(a)) anyAdj = true;
    n++;
    start = next;
  }
  if (n === 0) return null;
  const history = {
    symbol,
    currency,
    days: days.slice(0, n),
    close: close.slice(0, n),
    adjClose: anyAdj ? adjClose.slice(0, n) : close.slice(0, n),
    adjCloseIsClose: !anyAdj,
    origin,
  };
  return { ok: true, history };
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

/**
 * Start and end of fields 0..last of the line [start, end) into `out`; a field the line does not
 * have is empty. False for a line whose date field is blank (a blank line, or one to look at closely).
 */
function splitFields(text: string, start: number, end: number, out: Int32Array, last: number): boolean {
  let from = start;
  for (let f = 0; f <= last; f++) {
    let to = from <= end ? text.indexOf(',', from) : -1;
    if (to < 0 || to > end) to = end;
    out[2 * f] = Math.min(from, end);
    out[2 * f + 1] = to;
    from = to + 1;
  }
  return start < end && out[1]! > out[0]!;
}

/** Days since 1970-01-01 of a YYYY-MM-DD field (years 100 to 9999), or null: the general reader decides. */
function isoDay(text: string, from: number, to: number): number | null {
  if (to - from !== 10 || text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return null;
  const y = digits(text, from, from + 4);
  const m = digits(text, from + 5, from + 7);
  const d = digits(text, from + 8, from + 10);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  // Days from the civil date (H. Hinnant's algorithm): the proleptic Gregorian calendar, as Date.UTC.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The decimal number written in [from, to), or -1 when a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A positive price, NaN for an empty or `null` cell, or null for anything the general reader must name. */
function price(text: string, from: number, to: number): number | null {
  const raw = text.slice(from, to);
  const v = Number(raw);
  if (v > 0 && v < Number.POSITIVE_INFINITY) return v;
  const t = raw.trim();
  return t === '' || t.toLowerCase() === 'null' ? NaN : null;
}
