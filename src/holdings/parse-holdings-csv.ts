import { InputError } from '../errors';
import { CsvSyntaxError, firstNonBlankLine, isBlankRecord, parseCsv, sniffDelimiter, stripBom } from '../shared/csv';
import type { ParsedHoldings, Position, RowProblem } from './types';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Yahoo-style symbols: letters, digits and . - ^ = (exchange suffixes, share classes, indices, FX). */
const SYMBOL = /^[A-Z0-9][A-Z0-9.\-^=]{0,19}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Reads a holdings CSV with a header naming `symbol` and `quantity` (any case) and optionally
 * `name` and `currency`. Rows of the same symbol are merged (quantities added). Row-level problems
 * are collected, not thrown; file-level problems (no header, no symbol column) throw InputError.
 */
export function parseHoldingsCsv(text: string, fileName: string): ParsedHoldings {
  const body = stripBom(text);
  if (body.trim() === '') throw new InputError('empty_file', 'the file is empty', { file: fileName });

  let records;
  try {
    records = parseCsv(body, sniffDelimiter(firstNonBlankLine(body))).filter((r) => !isBlankRecord(r));
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InputError('invalid_csv', err.message, { file: fileName, row: err.line });
    throw err;
  }

  const [header, ...rows] = records;
  if (header === undefined) throw new InputError('empty_file', 'the file is empty', { file: fileName });
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  const symbolCol = col('symbol');
  const quantityCol = col('quantity');
  if (symbolCol < 0) {
    throw new InputError('missing_column', `no "symbol" column in the header (found: ${header.fields.join(', ')})`, {
      file: fileName,
      row: header.line,
    });
  }
  if (quantityCol < 0) {
    throw new InputError('missing_column', `no "quantity" column in the header (found: ${header.fields.join(', ')})`, {
      file: fileName,
      row: header.line,
    });
  }
  if (rows.length === 0) throw new InputError('empty_file', 'the file has a header but no positions', { file: fileName, row: header.line });
  const nameCol = col('name');
  const currencyCol = col('currency');

  const problems: RowProblem[] = [];
  const bySymbol = new Map<string, Position>();
  let accepted = 0;
  for (const record of rows) {
    const cell = (i: number) => (i >= 0 ? (record.fields[i] ?? '').trim() : '');
    const problem = (column: string, value: string, reason: string) => problems.push({ row: record.line, column, value, reason });

    const symbolRaw = cell(symbolCol);
    const symbol = symbolRaw.toUpperCase();
    if (symbol === '') {
      problem('symbol', symbolRaw, 'the symbol is empty');
      continue;
    }
    if (!SYMBOL.test(symbol)) {
      problem('symbol', symbolRaw, 'not a valid ticker symbol');
      continue;
    }
    const quantityRaw = cell(quantityCol);
    if (quantityRaw === '') {
      problem('quantity', quantityRaw, 'the quantity is empty');
      continue;
    }
    if (!PLAIN_NUMBER.test(quantityRaw)) {
      problem('quantity', quantityRaw, `"${quantityRaw}" is not a number`);
      continue;
    }
    const quantity = Number(quantityRaw);
    if (!Number.isFinite(quantity)) {
      problem('quantity', quantityRaw, 'the quantity is too large');
      continue;
    }
    if (quantity <= 0) {
      problem('quantity', quantityRaw, quantity === 0 ? 'the quantity is zero' : 'short positions (negative quantities) are not supported');
      continue;
    }
    const currencyRaw = cell(currencyCol);
    const currency = currencyRaw.toUpperCase();
    if (currency !== '' && !CURRENCY.test(currency)) {
      problem('currency', currencyRaw, 'not a three-letter ISO currency code');
      continue;
    }

    accepted++;
    const existing = bySymbol.get(symbol);
    if (existing === undefined) {
      const position: Position = { symbol, quantity, rows: [record.line] };
      const name = cell(nameCol);
      if (name !== '') position.name = name;
      if (currency !== '') position.currency = currency;
      bySymbol.set(symbol, position);
      continue;
    }
    if (currency !== '' && existing.currency !== undefined && existing.currency !== currency) {
      problem('currency', currencyRaw, `${symbol} is listed in ${existing.currency} on row ${existing.rows[0]} and in ${currency} here`);
      accepted--;
      continue;
    }
    existing.quantity += quantity;
    existing.rows.push(record.line);
    if (existing.currency === undefined && currency !== '') existing.currency = currency;
    if (existing.name === undefined && cell(nameCol) !== '') existing.name = cell(nameCol);
  }

  const positions = [...bySymbol.values()];
  return {
    fileName,
    positions,
    problems,
    counts: { read: rows.length, accepted, merged: accepted - positions.length, rejected: problems.length },
  };
}

/** The foundation's policy: any row problem stops the analysis, reported with its place. */
export function requireNoProblems(parsed: ParsedHoldings): Position[] {
  const first = parsed.problems[0];
  if (first !== undefined) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more problem rows)` : '';
    throw new InputError(
      'invalid_value',
      first.reason + more,
      { file: parsed.fileName, row: first.row, column: first.column, value: first.value },
      { problems: parsed.problems },
    );
  }
  return parsed.positions;
}
