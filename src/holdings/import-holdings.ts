import { InputError } from '../errors';
import { CsvSyntaxError, isBlankRecord, parseCsv, stripBom, type CsvRecord, type Delimiter } from '../shared/csv';
import { ADAPTERS, type HoldingsAdapter, type HoldingsTable, type RowFields } from './adapters';
import type { RowField } from './adapters/types';
import { CURRENCIES } from './adapters/common';
import { checkRowLimit, decodeHoldingsBytes } from './decode';
import { isValidIsin, looksLikeIsin, normaliseTicker, offlineIsinResolver, type IsinResolver } from './identifiers';
import { detectDecimalMark, isEmptyCell, parseAmount, type DecimalMark } from './numbers';
import type { AccountDetail, HoldingsImport, Position, RowProblem, SkippedRow } from './types';

export interface HoldingsSource {
  fileName: string;
  bytes?: Uint8Array;
  text?: string;
}

export interface ImportOptions {
  isinResolver?: IsinResolver;
}

/** A row read and parsed, before ISINs are resolved (so the symbol may be missing) and rows merged. */
type ParsedRow = Omit<Position, 'symbol' | 'rows' | 'accounts'> & {
  row: number;
  symbol?: string;
  /** Column (as the file names it) that held the identifier, for messages. */
  idColumn: string;
  account?: string;
  /** The weight cell carried a % sign (so it is not a fraction whatever its size). */
  weightIsPercent?: boolean;
};

/**
 * Reads a holdings file of any supported format into positions, accounting for every row: each is
 * accepted (possibly merged), rejected with a located reason, or skipped as a non-position line.
 * Throws InputError only for file-level refusals (empty, binary, too large, no usable table).
 */
export async function importHoldings(source: HoldingsSource, options: ImportOptions = {}): Promise<HoldingsImport> {
  const { fileName } = source;
  const decoded =
    source.bytes !== undefined
      ? decodeHoldingsBytes(source.bytes, fileName)
      : { text: stripBom(source.text ?? ''), encoding: 'utf-8' as const };
  if (decoded.text.trim() === '') throw new InputError('empty_file', 'the file is empty', { file: fileName });
  checkRowLimit(decoded.text, fileName);
  const delimiter = sniffTableDelimiter(decoded.text);

  let records: CsvRecord[];
  try {
    records = parseCsv(decoded.text, delimiter);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new InputError('invalid_csv', err.message, { file: fileName, row: err.line });
    throw err;
  }
  const nonBlank = records.filter((r) => !isBlankRecord(r));
  const found = findFormat(nonBlank);
  if (found === null) {
    const first = nonBlank[0];
    throw new InputError(
      'missing_column',
      `no recognisable symbol or ISIN column with a quantity, value or weight column${first ? ` (first line: ${first.fields.slice(0, 8).join(', ')})` : ''}`,
      {
        file: fileName,
        ...(first && { row: first.line }),
      },
    );
  }
  const { adapter, table } = found;
  if (table.rows.every(isBlankRecord))
    throw new InputError('empty_file', 'the file has a header but no positions', {
      file: fileName,
      row: table.header.line,
    });

  const decimalMark = detectDecimalMark(numericCells(table), delimiter);
  const problems: RowProblem[] = [];
  const skipped: SkippedRow[] = [...table.skipped];
  const parsed: ParsedRow[] = [];
  const columnName = (field: RowField) => {
    const at = table.columns[field as keyof typeof table.columns];
    return at === undefined ? field : (table.header.fields[at] ?? field).trim() || field;
  };
  const dataRows = table.rows.filter((r) => !isBlankRecord(r));
  for (const record of dataRows) {
    const cell = (field: RowField) => {
      const at = table.columns[field as keyof typeof table.columns];
      return at === undefined ? '' : (record.fields[at] ?? '').trim();
    };
    const outcome = adapter.classify(cell, record, table);
    switch (outcome.kind) {
      case 'skip':
        skipped.push({ row: record.line, reason: outcome.reason });
        break;
      case 'problem':
        problems.push({ row: record.line, column: outcome.column, value: outcome.value, reason: outcome.reason });
        break;
      case 'cash': {
        const result = readCash(outcome, record.line, decimalMark, columnName);
        if ('reason' in result) problems.push(result);
        else parsed.push(result);
        break;
      }
      case 'position': {
        const result = readPosition(outcome.fields, record.line, decimalMark, columnName, adapter);
        if ('reason' in result) problems.push(result);
        else parsed.push(result);
        break;
      }
    }
  }

  scaleWeights(parsed);
  await resolveIsins(parsed, problems, options.isinResolver ?? offlineIsinResolver, adapter);
  const accepted = parsed.filter((p) => p.symbol !== undefined);
  const holdings = mergeRows(accepted, problems, skipped, adapter);
  const acceptedRows = holdings.reduce((s, h) => s + h.rows.length, 0);
  problems.sort((a, b) => a.row - b.row);
  skipped.sort((a, b) => a.row - b.row);

  return {
    fileName,
    format: {
      id: adapter.id,
      label: adapter.label,
      encoding: decoded.encoding,
      delimiter: delimiter === '\t' ? 'tab' : delimiter,
      decimalMark,
      headerRow: table.header.line,
    },
    holdings,
    problems,
    skipped,
    counts: {
      read: dataRows.length + table.skipped.length,
      accepted: acceptedRows,
      merged: acceptedRows - holdings.length,
      rejected: problems.length,
      skipped: skipped.length,
    },
  };
}

/** The delimiter that splits the busiest of the first lines most (title lines may hold none). */
function sniffTableDelimiter(text: string): Delimiter {
  const lines = text
    .split(/\r\n|\n|\r/, 40)
    .filter((l) => l.trim() !== '')
    .slice(0, 12);
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t'] as const) {
    const most = Math.max(0, ...lines.map((l) => countOutsideQuotes(l, d)));
    if (most > bestCount) {
      best = d;
      bestCount = most;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

function findFormat(records: CsvRecord[]): { adapter: HoldingsAdapter; table: HoldingsTable } | null {
  for (const adapter of ADAPTERS) {
    const table = adapter.findTable(records);
    if (table !== null) return { adapter, table };
  }
  return null;
}

function numericCells(table: HoldingsTable): string[] {
  const cols = (['quantity', 'price', 'marketValue', 'weight', 'costBasis'] as const)
    .map((f) => table.columns[f])
    .filter((c): c is number => c !== undefined);
  const out: string[] = [];
  for (const r of table.rows)
    for (const c of cols) if (r.fields[c] !== undefined && r.fields[c]!.trim() !== '') out.push(r.fields[c]!);
  return out;
}

type Located = RowProblem;

function readNumber(
  raw: string | undefined,
  mark: DecimalMark,
): { value: number; percent: boolean; currency?: string } | null | 'invalid' {
  if (raw === undefined || isEmptyCell(raw)) return null;
  return parseAmount(raw, mark) ?? 'invalid';
}

function readPosition(
  fields: RowFields,
  row: number,
  mark: DecimalMark,
  columnName: (f: RowField) => string,
  adapter: HoldingsAdapter,
): ParsedRow | Located {
  const problem = (field: RowField, value: string, reason: string): Located => ({
    row,
    column: columnName(field),
    value,
    reason,
  });
  let symbolText = fields.symbol ?? '';
  let isin = fields.isin?.toUpperCase();
  let idColumn = columnName(fields.symbol !== undefined ? 'symbol' : 'isin');
  if (looksLikeIsin(symbolText.toUpperCase())) {
    isin = symbolText.toUpperCase();
    symbolText = '';
  }
  if (isin !== undefined && !isValidIsin(isin))
    return problem(
      fields.isin !== undefined ? 'isin' : 'symbol',
      isin,
      `"${isin}" is not a valid ISIN (its check digit does not match)`,
    );
  if (isin !== undefined && symbolText === '') idColumn = columnName(fields.isin !== undefined ? 'isin' : 'symbol');
  let symbol: string | undefined;
  if (symbolText !== '') {
    const normalised = normaliseTicker(symbolText);
    if (normalised === null) return problem('symbol', symbolText, 'not a valid ticker symbol');
    symbol = normalised;
  } else if (isin === undefined) {
    return problem('symbol', '', 'no symbol or ISIN');
  }

  const quantity = readNumber(fields.quantity, mark);
  if (quantity === 'invalid') return problem('quantity', fields.quantity!, `"${fields.quantity}" is not a number`);
  const value = readNumber(fields.marketValue, mark);
  if (value === 'invalid')
    return problem('marketValue', fields.marketValue!, `"${fields.marketValue}" is not an amount`);
  const weight = readNumber(fields.weight, mark);
  if (weight === 'invalid') return problem('weight', fields.weight!, `"${fields.weight}" is not a weight`);
  const price = readNumber(fields.price, mark);
  const cost = readNumber(fields.costBasis, mark);

  const out: ParsedRow = { row, kind: 'security', idColumn, basis: 'quantity' };
  if (quantity !== null) {
    if (quantity.percent) return problem('quantity', fields.quantity!, 'a quantity cannot be a percentage');
    if (!Number.isFinite(quantity.value) || Math.abs(quantity.value) > 1e15)
      return problem('quantity', fields.quantity!, 'the quantity is too large');
    if (!adapter.netsTrades && quantity.value === 0)
      return problem('quantity', fields.quantity!, 'the quantity is zero');
    if (!adapter.netsTrades && quantity.value < 0)
      return problem('quantity', fields.quantity!, 'short positions (negative quantities) are not supported');
    out.quantity = quantity.value;
  } else if (value !== null) {
    if (!(value.value > 0) || !Number.isFinite(value.value) || value.value > 1e15)
      return problem('marketValue', fields.marketValue!, 'the market value must be a positive amount');
    out.basis = 'marketValue';
  } else if (weight !== null) {
    if (!(weight.value > 0) || !Number.isFinite(weight.value) || weight.value > 100)
      return problem('weight', fields.weight!, 'the weight must be above 0 and at most 100 %');
    out.basis = 'weight';
  } else {
    return problem('quantity', fields.quantity ?? '', 'no quantity, market value or weight');
  }
  if (value !== null && Number.isFinite(value.value)) {
    out.marketValue = value.value;
    const vc = fields.marketValueCurrency ?? value.currency ?? fields.currency;
    if (vc) out.marketValueCurrency = vc.toUpperCase();
  }
  if (weight !== null && Number.isFinite(weight.value)) out.weight = weight.percent ? weight.value / 100 : weight.value;
  if (weight !== null && weight.percent) out.weightIsPercent = true;
  if (price !== null && price !== 'invalid') out.price = price.value;
  if (cost !== null && cost !== 'invalid') out.costBasis = cost.value;
  if (fields.currency !== undefined) {
    const c = fields.currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(c)) return problem('currency', fields.currency, 'not a three-letter ISO currency code');
    out.currency = c;
  }
  if (symbol !== undefined) out.symbol = symbol;
  if (isin !== undefined) out.isin = isin;
  if (fields.name !== undefined) out.name = fields.name;
  if (fields.account !== undefined) out.account = fields.account;
  return out;
}

function readCash(
  outcome: { currency: string; amountText: string; weightText: string; account?: string; name?: string },
  row: number,
  mark: DecimalMark,
  columnName: (f: RowField) => string,
): ParsedRow | Located {
  const amount = readNumber(outcome.amountText, mark);
  const weight = readNumber(outcome.weightText, mark);
  const currency = (
    outcome.currency ||
    (amount !== null && amount !== 'invalid' ? amount.currency : undefined) ||
    ''
  ).toUpperCase();
  if (!CURRENCIES.has(currency))
    return {
      row,
      column: columnName('currency'),
      value: outcome.currency,
      reason: `cash line without a known currency${outcome.name ? ` ("${outcome.name}")` : ''}: add a currency column or write the currency code (USD, EUR…) as its symbol`,
    };
  const out: ParsedRow = {
    row,
    kind: 'cash',
    symbol: 'CASH',
    currency,
    idColumn: columnName('symbol'),
    basis: 'marketValue',
  };
  if (amount === 'invalid')
    return {
      row,
      column: columnName('marketValue'),
      value: outcome.amountText,
      reason: `"${outcome.amountText}" is not an amount`,
    };
  if (amount !== null) {
    if (amount.value === 0)
      return { row, column: columnName('marketValue'), value: outcome.amountText, reason: 'the cash balance is zero' };
    if (amount.value < 0)
      return {
        row,
        column: columnName('marketValue'),
        value: outcome.amountText,
        reason: 'negative cash (a margin loan) is not supported',
      };
    if (!Number.isFinite(amount.value) || Math.abs(amount.value) > 1e15)
      return {
        row,
        column: columnName('marketValue'),
        value: outcome.amountText,
        reason: 'the cash amount is too large',
      };
    out.marketValue = amount.value;
    out.marketValueCurrency = currency;
  } else if (weight !== null && weight !== 'invalid' && weight.value > 0) {
    out.basis = 'weight';
    out.weight = weight.percent ? weight.value / 100 : weight.value;
  } else {
    return { row, column: columnName('marketValue'), value: outcome.amountText, reason: 'cash line without an amount' };
  }
  if (outcome.name !== undefined) out.name = outcome.name;
  if (outcome.account !== undefined) out.account = outcome.account;
  return out;
}

/**
 * Weights written without % are fractions when they all fit in [0, 1] and sum to at most 1;
 * otherwise they are percentages (40 = 40 %).
 */
function scaleWeights(rows: ParsedRow[]): void {
  const plain = rows.filter((r) => r.weight !== undefined && r.weightIsPercent !== true);
  const sum = plain.reduce((s, r) => s + r.weight!, 0);
  if (plain.length > 0 && !(plain.every((r) => r.weight! <= 1) && sum <= 1.0001))
    for (const r of plain) r.weight! /= 100;
}

async function resolveIsins(
  rows: ParsedRow[],
  problems: RowProblem[],
  resolver: IsinResolver,
  adapter: HoldingsAdapter,
): Promise<void> {
  const needs = rows.filter((r) => r.isin !== undefined && (r.symbol === undefined || adapter.prefersIsin));
  if (needs.length === 0) return;
  const currency = new Map(needs.filter((r) => r.currency !== undefined).map((r) => [r.isin!, r.currency!]));
  const resolved = await resolver.resolve([...new Set(needs.map((r) => r.isin!))], (isin) => currency.get(isin));
  for (const r of needs) {
    const hit = resolved.get(r.isin!);
    if (hit !== undefined) {
      r.symbol = hit.symbol;
      r.name ??= hit.name;
      continue;
    }
    if (r.symbol !== undefined) continue; // the file's own ticker stands
    problems.push({
      row: r.row,
      column: r.idColumn,
      value: r.isin!,
      reason: `ISIN ${r.isin} could not be resolved to a ticker: add a symbol column with its Yahoo ticker, or ask us to add it to data/isin-map.csv`,
    });
  }
}

/**
 * Merges rows of one instrument (cash: of one currency), keeping each account's share. Rows must
 * agree on how the size is given; a row that does not is rejected rather than guessed.
 */
function mergeRows(
  rows: ParsedRow[],
  problems: RowProblem[],
  skipped: SkippedRow[],
  adapter: HoldingsAdapter,
): Position[] {
  const byKey = new Map<string, Position>();
  for (const r of rows) {
    const key = r.kind === 'cash' ? `CASH:${r.currency}` : r.symbol!;
    const existing = byKey.get(key);
    if (existing === undefined) {
      const p: Position = { symbol: r.symbol!, kind: r.kind, basis: r.basis, rows: [r.row] };
      for (const k of [
        'quantity',
        'marketValue',
        'marketValueCurrency',
        'weight',
        'name',
        'isin',
        'currency',
        'price',
        'costBasis',
      ] as const) {
        if (r[k] !== undefined) (p as unknown as Record<string, unknown>)[k] = r[k];
      }
      if (r.account !== undefined) p.accounts = [accountDetail(r)];
      byKey.set(key, p);
      continue;
    }
    const conflict =
      existing.basis !== r.basis
        ? `${existing.symbol} is sized by ${existing.basis} on row ${existing.rows[0]} and by ${r.basis} here`
        : r.kind === 'security' &&
            r.currency !== undefined &&
            existing.currency !== undefined &&
            r.currency !== existing.currency
          ? `${existing.symbol} is in ${existing.currency} on row ${existing.rows[0]} and in ${r.currency} here`
          : existing.basis === 'marketValue' && r.marketValueCurrency !== existing.marketValueCurrency
            ? `${existing.symbol} is valued in ${existing.marketValueCurrency ?? 'an unnamed currency'} on row ${existing.rows[0]} and in ${r.marketValueCurrency ?? 'an unnamed currency'} here`
            : null;
    if (conflict !== null) {
      problems.push({ row: r.row, column: r.idColumn, value: r.symbol!, reason: conflict });
      continue;
    }
    existing.rows.push(r.row);
    if (r.quantity !== undefined) existing.quantity = (existing.quantity ?? 0) + r.quantity;
    if (r.marketValue !== undefined) existing.marketValue = (existing.marketValue ?? 0) + r.marketValue;
    if (r.weight !== undefined) existing.weight = (existing.weight ?? 0) + r.weight;
    existing.currency ??= r.currency;
    existing.name ??= r.name;
    existing.isin ??= r.isin;
    if (r.account !== undefined) {
      existing.accounts ??= [];
      const acc = existing.accounts.find((a) => a.account === r.account);
      if (acc === undefined) existing.accounts.push(accountDetail(r));
      else {
        acc.rows.push(r.row);
        if (r.quantity !== undefined) acc.quantity = (acc.quantity ?? 0) + r.quantity;
        if (r.marketValue !== undefined) acc.marketValue = (acc.marketValue ?? 0) + r.marketValue;
        if (r.weight !== undefined) acc.weight = (acc.weight ?? 0) + r.weight;
      }
    }
  }
  const out: Position[] = [];
  for (const p of byKey.values()) {
    if (adapter.netsTrades && p.quantity !== undefined && Math.abs(p.quantity) < 1e-9) {
      for (const row of p.rows)
        skipped.push({ row, reason: `${p.symbol} was bought and sold in full in this file (closed position)` });
      continue;
    }
    if (p.quantity !== undefined && p.quantity < 0) {
      problems.push({
        row: p.rows[p.rows.length - 1]!,
        column: 'quantity',
        value: String(p.quantity),
        reason: `more ${p.symbol} sold than bought in this file: export the full history`,
      });
      continue;
    }
    out.push(p);
  }
  return out;
}

function accountDetail(r: ParsedRow): AccountDetail {
  return {
    account: r.account!,
    rows: [r.row],
    ...(r.quantity !== undefined && { quantity: r.quantity }),
    ...(r.marketValue !== undefined && { marketValue: r.marketValue }),
    ...(r.weight !== undefined && { weight: r.weight }),
  };
}
