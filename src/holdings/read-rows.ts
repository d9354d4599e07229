import type { MessageParams } from '../i18n';
import type { CsvRecord } from '../shared/csv';
import { CURRENCIES } from './adapters/common';
import type { CashOutcome, HoldingsAdapter, HoldingsTable, RowField, RowFields } from './adapters/types';
import { isValidIsin, looksLikeIsin, normaliseTicker } from './identifiers';
import { rowProblem, skippedRow, type ProblemCode } from './messages';
import { isEmptyCell, parseAmount, type DecimalMark, type ParsedAmount } from './numbers';
import type { AsWritten, RowProblem, SkippedRow } from './types';

/** Quantities and amounts beyond this are typing accidents, not holdings (and lose integer precision). */
const LARGEST_AMOUNT = 1e15;

/** How a row says its size, before rows of one instrument are merged. */
export type ParsedSize =
  | { basis: 'quantity'; quantity: number }
  | { basis: 'marketValue'; marketValue: number; marketValueCurrency?: string }
  | { basis: 'weight'; weight: number }
  | { basis: 'cash'; currency: string; size: { amount: number } | { weight: number } };

/** A row read and checked, before ISINs are resolved (so the symbol may still be missing) and rows merged. */
export interface ParsedRow {
  row: number;
  /** Column (as the file names it) that held the identifier, for messages. */
  idColumn: string;
  symbol?: string;
  isin?: string;
  name?: string;
  account?: string;
  size: ParsedSize;
  /** The weight was written without "%": a fraction or a percentage, decided over the whole file. */
  plainWeight: boolean;
  file: AsWritten;
}

export interface RowsRead {
  parsed: ParsedRow[];
  problems: RowProblem[];
  skipped: SkippedRow[];
}

/** What reading one row needs to know about its file. */
interface RowContext {
  row: number;
  mark: DecimalMark;
  /** The column a field came from, named as the file names it ('' when the file has no such column). */
  columnOf: (...fields: RowField[]) => string;
  /** Rows are trades (signed quantities), not positions. */
  netsTrades: boolean;
}

/** Classifies every data row with the adapter, then reads positions and cash lines into checked rows. */
export function readRows(adapter: HoldingsAdapter, table: HoldingsTable, mark: DecimalMark): RowsRead {
  const out: RowsRead = { parsed: [], problems: [], skipped: [...table.skipped] };
  const columnOf = columnNamer(table);
  const netsTrades = adapter.netsTrades === true;
  for (const record of table.rows) {
    const cell = (field: RowField) => cellText(table, record, field);
    const outcome = adapter.classify(cell, record, table);
    const context: RowContext = { row: record.line, mark, columnOf, netsTrades };
    let result: ParsedRow | RowProblem;
    switch (outcome.kind) {
      case 'skip':
        out.skipped.push(skippedRow(record.line, outcome.code, outcome.params));
        continue;
      case 'problem':
        out.problems.push(
          rowProblem(record.line, columnOf(outcome.field), outcome.value, outcome.code, outcome.params),
        );
        continue;
      case 'cash':
        result = readCash(outcome, context);
        break;
      case 'position':
        result = readPosition(outcome.fields, context);
        break;
    }
    if (isProblem(result)) out.problems.push(result);
    else out.parsed.push(result);
  }
  return out;
}

function columnIndex(table: HoldingsTable, field: RowField): number | undefined {
  return field === 'marketValueCurrency' ? undefined : table.columns[field];
}

function cellText(table: HoldingsTable, record: CsvRecord, field: RowField): string {
  const at = columnIndex(table, field);
  return at === undefined ? '' : (record.fields[at] ?? '').trim();
}

function columnNamer(table: HoldingsTable): (...fields: RowField[]) => string {
  return (...fields) => {
    for (const field of fields) {
      const at = columnIndex(table, field);
      const name = at === undefined ? '' : (table.header.fields[at] ?? '').trim();
      if (name !== '') return name;
    }
    return '';
  };
}

/** Each reading step returns its result or the row's problem; a problem is the one with a code. */
function isProblem<T extends object>(result: T | RowProblem): result is RowProblem {
  return 'code' in result;
}

/** A number cell: null when empty ("", "--", "N/A"), 'invalid' when it is not a number at all. */
function readNumber(raw: string | undefined, mark: DecimalMark): ParsedAmount | null | 'invalid' {
  if (raw === undefined || isEmptyCell(raw)) return null;
  return parseAmount(raw, mark) ?? 'invalid';
}

function problemAt(context: RowContext, field: RowField, value: string, code: ProblemCode, params?: MessageParams) {
  return rowProblem(context.row, context.columnOf(field), value, code, params);
}

/** A security row: its identifier, its size (quantity wins over value, value over weight) and what else it says. */
function readPosition(fields: RowFields, context: RowContext): ParsedRow | RowProblem {
  const id = readIdentifier(fields, context);
  if (isProblem(id)) return id;
  const numbers = readNumbers(fields, context);
  if (isProblem(numbers)) return numbers;
  const size = securitySize(fields, numbers, context);
  if (isProblem(size)) return size;
  const file = asWritten(fields, numbers, context);
  if (isProblem(file)) return file;
  // Fields assigned, not `{ ...id, size, … }`: a literal that spreads an object and then adds
  // fields costs V8 (Node 20) 1-3 µs, most of a row's reading.
  const row: ParsedRow = {
    row: context.row,
    idColumn: id.idColumn,
    size: size.size,
    plainWeight: size.plainWeight,
    file,
  };
  if (id.symbol !== undefined) row.symbol = id.symbol;
  if (id.isin !== undefined) row.isin = id.isin;
  if (fields.name !== undefined) row.name = fields.name;
  if (fields.account !== undefined) row.account = fields.account;
  return row;
}

type Identifier = Pick<ParsedRow, 'symbol' | 'isin' | 'idColumn'>;

/** A ticker, an ISIN, or both. An ISIN written in the symbol column is taken as the ISIN. */
function readIdentifier(fields: RowFields, context: RowContext): Identifier | RowProblem {
  const symbolText = fields.symbol ?? '';
  const isinInSymbol = looksLikeIsin(symbolText.toUpperCase());
  const isinField: RowField = isinInSymbol ? 'symbol' : 'isin';
  const isin = isinInSymbol ? symbolText.toUpperCase() : fields.isin?.toUpperCase();
  const ticker = isinInSymbol ? '' : symbolText;
  if (isin !== undefined && !isValidIsin(isin))
    return problemAt(context, isinField, isin, 'problem.isin_check_digit', { isin });
  if (ticker !== '') {
    const symbol = normaliseTicker(ticker);
    if (symbol === null) return problemAt(context, 'symbol', ticker, 'problem.bad_ticker');
    return { symbol, idColumn: context.columnOf('symbol', 'isin'), ...(isin !== undefined && { isin }) };
  }
  if (isin === undefined)
    return rowProblem(context.row, context.columnOf('symbol', 'isin'), '', 'problem.no_identifier');
  return { isin, idColumn: context.columnOf(isinField, 'symbol') };
}

interface RowNumbers {
  quantity: ParsedAmount | null;
  value: ParsedAmount | null;
  weight: ParsedAmount | null;
}

function readNumbers(fields: RowFields, context: RowContext): RowNumbers | RowProblem {
  const quantity = readNumber(fields.quantity, context.mark);
  if (quantity === 'invalid')
    return problemAt(context, 'quantity', fields.quantity ?? '', 'problem.not_a_number', {
      value: fields.quantity ?? '',
    });
  const value = readNumber(fields.marketValue, context.mark);
  if (value === 'invalid') {
    const raw = fields.marketValue ?? '';
    return problemAt(context, 'marketValue', raw, 'problem.not_an_amount', { value: raw });
  }
  const weight = readNumber(fields.weight, context.mark);
  if (weight === 'invalid')
    return problemAt(context, 'weight', fields.weight ?? '', 'problem.not_a_weight', { value: fields.weight ?? '' });
  return { quantity, value, weight };
}

function securitySize(
  fields: RowFields,
  numbers: RowNumbers,
  context: RowContext,
): { size: ParsedSize; plainWeight: boolean } | RowProblem {
  const { quantity, value, weight } = numbers;
  if (quantity !== null) {
    const raw = fields.quantity ?? '';
    const problem = quantityProblem(quantity, context.netsTrades);
    if (problem !== null) return problemAt(context, 'quantity', raw, problem);
    return { size: { basis: 'quantity', quantity: quantity.value }, plainWeight: false };
  }
  if (value !== null) {
    if (!(value.value > 0) || !Number.isFinite(value.value) || value.value > LARGEST_AMOUNT)
      return problemAt(context, 'marketValue', fields.marketValue ?? '', 'problem.value_not_positive');
    const currency = valueCurrency(fields, value);
    return {
      size: {
        basis: 'marketValue',
        marketValue: value.value,
        ...(currency !== undefined && { marketValueCurrency: currency }),
      },
      plainWeight: false,
    };
  }
  if (weight !== null) {
    if (!(weight.value > 0) || weight.value > 100)
      return problemAt(context, 'weight', fields.weight ?? '', 'problem.weight_range');
    return {
      size: { basis: 'weight', weight: weight.percent ? weight.value / 100 : weight.value },
      plainWeight: !weight.percent,
    };
  }
  return rowProblem(context.row, context.columnOf('quantity', 'marketValue', 'weight'), '', 'problem.no_size');
}

function quantityProblem(quantity: ParsedAmount, netsTrades: boolean): ProblemCode | null {
  if (quantity.percent) return 'problem.quantity_percent';
  if (!Number.isFinite(quantity.value) || Math.abs(quantity.value) > LARGEST_AMOUNT)
    return 'problem.quantity_too_large';
  if (netsTrades) return null; // a sell is a negative quantity; the net is checked after merging
  if (quantity.value === 0) return 'problem.quantity_zero';
  if (quantity.value < 0) return 'problem.quantity_negative';
  return null;
}

/** The currency of a market value: its own column, a sign or code in the cell, else the listing's currency. */
function valueCurrency(fields: RowFields, value: ParsedAmount): string | undefined {
  return (fields.marketValueCurrency || value.currency || fields.currency)?.toUpperCase() || undefined;
}

/** Price, listing currency, value and cost as the file wrote them, whatever sizes the position. */
function asWritten(fields: RowFields, numbers: RowNumbers, context: RowContext): AsWritten | RowProblem {
  const file: AsWritten = {};
  if (fields.currency !== undefined) {
    const currency = fields.currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) return problemAt(context, 'currency', fields.currency, 'problem.bad_currency');
    file.currency = currency;
  }
  const price = readNumber(fields.price, context.mark);
  if (price !== null && price !== 'invalid' && Number.isFinite(price.value)) {
    file.price = price.value;
    // "$177.82" with no currency column: the sign names the listing's currency.
    if (file.currency === undefined && price.currency !== undefined) file.currency = price.currency;
  }
  const { value } = numbers;
  if (value !== null && Number.isFinite(value.value)) {
    file.value = value.value;
    const currency = valueCurrency(fields, value);
    if (currency !== undefined) file.valueCurrency = currency;
  }
  const cost = readNumber(fields.costBasis, context.mark);
  if (cost !== null && cost !== 'invalid' && Number.isFinite(cost.value)) file.costBasis = cost.value;
  return file;
}

/** A cash line: a known currency and a positive amount (or, in a sheet of weights, a weight). */
function readCash(outcome: CashOutcome, context: RowContext): ParsedRow | RowProblem {
  const amountColumn = context.columnOf('marketValue', 'quantity');
  const cashProblem = (code: ProblemCode, params?: MessageParams) =>
    rowProblem(context.row, amountColumn, outcome.amountText, code, params);
  const amount = readNumber(outcome.amountText, context.mark);
  const weight = readNumber(outcome.weightText, context.mark);
  const currency = (
    outcome.currency ||
    (amount !== null && amount !== 'invalid' ? amount.currency : '') ||
    ''
  ).toUpperCase();
  if (!CURRENCIES.has(currency))
    return rowProblem(
      context.row,
      context.columnOf('currency', 'symbol', 'name'),
      outcome.currency,
      'problem.cash_currency',
    );
  if (amount === 'invalid') return cashProblem('problem.not_an_amount', { value: outcome.amountText });
  const common = {
    row: context.row,
    idColumn: context.columnOf('symbol', 'name'),
    symbol: 'CASH',
    file: { currency },
    ...(outcome.name !== undefined && { name: outcome.name }),
    ...(outcome.account !== undefined && { account: outcome.account }),
  };
  if (amount !== null) {
    if (amount.value === 0) return cashProblem('problem.cash_zero');
    if (amount.value < 0) return cashProblem('problem.cash_negative');
    if (!Number.isFinite(amount.value) || amount.value > LARGEST_AMOUNT) return cashProblem('problem.cash_too_large');
    return { ...common, size: { basis: 'cash', currency, size: { amount: amount.value } }, plainWeight: false };
  }
  if (weight !== null && weight !== 'invalid') {
    if (!(weight.value > 0) || weight.value > 100)
      return rowProblem(context.row, context.columnOf('weight'), outcome.weightText, 'problem.weight_range');
    const share = weight.percent ? weight.value / 100 : weight.value;
    return { ...common, size: { basis: 'cash', currency, size: { weight: share } }, plainWeight: !weight.percent };
  }
  return cashProblem('problem.cash_no_amount');
}
