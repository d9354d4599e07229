import type { CsvRecord } from '../../shared/csv';
import {
  GENERIC_ALIASES,
  isUsableHeader,
  mapNormalisedColumns,
  normaliseHeader,
  type ColumnMap,
  type Field,
} from '../columns';
import { HEADER_SCAN_ROWS, MAX_HEADER_COLUMNS } from '../limits';
import { skippedRow } from '../messages';
import type { CashOutcome, HoldingsTable, RowField, RowFields, RowOutcome } from './types';

/** How totals rows begin, in English and Italian. */
const TOTAL_WORDS = [
  'total[ei]?',
  'totals',
  'account total',
  'subtotal',
  'sub-total',
  'totale (conto|portafoglio|generale)',
  'cash summary',
  'riepilogo',
  'somma',
];
const TOTAL_ROW = new RegExp(`^(grand\\s+)?(${TOTAL_WORDS.join('|')})\\b`, 'i');
const CASH_SYMBOLS = new Set(['CASH', 'LIQUIDITA', 'LIQUIDITÀ', 'CONTANTI', 'CASH BALANCE', 'CASH & CASH INVESTMENTS']);
const CASH_NAME = /^(cash|liquidit[aà]|contanti|saldo liquidit|money market)(?![a-z])/i;
/** Currencies a cash line may be written as ("EUR,1500"). */
export const CURRENCIES = new Set([
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'HKD',
  'SGD',
  'PLN',
  'CZK',
  'HUF',
  'NZD',
  'CNY',
  'ZAR',
  'ILS',
  'MXN',
  'BRL',
  'INR',
  'KRW',
  'TWD',
]);

/**
 * The first record (within the scan window) whose cells name a usable set of columns. Records are
 * the file's non-blank records; a line wider than any header can be is not a candidate (the
 * importer refuses such files before asking).
 */
export function findHeaderTable(
  records: readonly CsvRecord[],
  accept: (normalised: string[], map: ColumnMap) => boolean = (_n, map) => isUsableHeader(map),
  aliases: Record<Field, readonly string[]> = GENERIC_ALIASES,
): HoldingsTable | null {
  const limit = Math.min(records.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const record = records[i] as CsvRecord;
    const header = headerOf(record);
    if (header === null) continue;
    const columns = header.columnsFor(aliases);
    if (!accept(header.normalised, columns)) continue;
    return {
      header: record,
      columns: { ...columns },
      rows: records.slice(i + 1),
      skipped: records.slice(0, i).map((r) => skippedRow(r.line, 'skip.title')),
    };
  }
  return null;
}

interface RecordAsHeader {
  normalised: string[];
  columnsFor(aliases: Record<Field, readonly string[]>): ColumnMap;
}

const headerByRecord = new WeakMap<CsvRecord, RecordAsHeader | null>();

/**
 * A row read as a header: its cells up to the last filled one, normalised, and its columns under
 * each alias table (null when too wide to be a header). Made once per row: each broker layout scans
 * the same first rows (0.6 ms of a 25-line import).
 */
function headerOf(record: CsvRecord): RecordAsHeader | null {
  let out = headerByRecord.get(record);
  if (out === undefined) {
    const width = filledWidth(record);
    if (width > MAX_HEADER_COLUMNS) out = null;
    else {
      const normalised = record.fields.slice(0, width).map(normaliseHeader);
      const byAliases = new Map<Record<Field, readonly string[]>, ColumnMap>();
      out = {
        normalised,
        columnsFor: (aliases) => {
          let columns = byAliases.get(aliases);
          if (columns === undefined) byAliases.set(aliases, (columns = mapNormalisedColumns(normalised, aliases)));
          return columns;
        },
      };
    }
    headerByRecord.set(record, out);
  }
  return out;
}

/** Columns up to the last filled cell: spreadsheets pad every row to the widest one with empty cells. */
export function filledWidth(record: CsvRecord): number {
  let width = record.fields.length;
  while (width > 0 && (record.fields[width - 1] as string).trim() === '') width--;
  return width;
}

export function hasAll(normalised: readonly string[], names: readonly string[]): boolean {
  return names.every((n) => normalised.includes(n));
}

/** A row with one filled cell of prose: a disclaimer, a "date downloaded" line, an account banner. */
export function isTextLine(record: CsvRecord): string | null {
  const filled = record.fields.map((f) => f.trim()).filter((f) => f !== '');
  if (filled.length !== 1) return null;
  const only = filled[0]!;
  return /\s/.test(only) && only.length > 12 ? only : null;
}

/**
 * The generic reading of a row: totals and text lines are skipped, cash lines become cash,
 * everything else is a position whose cells the importer parses.
 */
export function classifyGeneric(cell: (field: RowField) => string, record: CsvRecord): RowOutcome {
  const symbol = cell('symbol');
  const name = cell('name');
  const first = (record.fields[0] ?? '').trim();
  if (TOTAL_ROW.test(symbol) || TOTAL_ROW.test(first) || (symbol === '' && TOTAL_ROW.test(name)))
    return { kind: 'skip', code: 'skip.totals' };
  if (isTextLine(record) !== null && cell('quantity') === '' && cell('marketValue') === '' && cell('weight') === '') {
    return { kind: 'skip', code: 'skip.text' };
  }
  const upper = symbol.toUpperCase();
  const isCash =
    CASH_SYMBOLS.has(upper) ||
    (CURRENCIES.has(upper) && cell('isin') === '' && cell('price') === '') ||
    (symbol === '' && cell('isin') === '' && CASH_NAME.test(name));
  if (isCash) return cashOutcome(cell, CURRENCIES.has(upper) ? upper : undefined, name);
  return { kind: 'position', fields: collect(cell) };
}

/** A cash line: its currency from the symbol, the currency column or "(EUR)" in its name. */
export function cashOutcome(
  cell: (field: RowField) => string,
  currencyHint: string | undefined,
  name: string,
): CashOutcome {
  const fromName = /\(([A-Z]{3})\)/.exec(name)?.[1];
  const currency = currencyHint ?? (cell('currency').toUpperCase() || fromName || '');
  return {
    kind: 'cash',
    currency,
    amountText: cell('marketValue') || cell('quantity'),
    weightText: cell('weight'),
    ...(name !== '' && { name }),
    ...(cell('account') !== '' && { account: cell('account') }),
  };
}

function collect(cell: (field: RowField) => string): RowFields {
  const fields: RowFields = {};
  for (const f of [
    'symbol',
    'isin',
    'name',
    'quantity',
    'price',
    'marketValue',
    'marketValueCurrency',
    'weight',
    'currency',
    'account',
    'costBasis',
    'assetType',
  ] as const) {
    const v = cell(f);
    if (v !== '') fields[f] = v;
  }
  return fields;
}
