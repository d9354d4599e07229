import { AppError } from '../errors';
import { parseCsv, firstLineLongerThan, sniffDelimiter, stripBom, type CsvRecord, type Delimiter } from '../shared/csv';
import { ADAPTERS, type HoldingsAdapter, type HoldingsTable } from './adapters';
import { filledWidth } from './adapters/common';
import { checkFileSize, decodeHoldingsBytes } from './decode';
import { offlineIsinResolver, type IsinResolver } from './identifiers';
import { HEADER_SCAN_ROWS, MAX_HEADER_COLUMNS, MAX_LINE_CHARS, MAX_ROWS } from './limits';
import { mergeRows, scaleWeights, type ResolvedRow } from './merge-rows';
import { rowProblem } from './messages';
import { detectDecimalMark } from './numbers';
import { readRows, type ParsedRow } from './read-rows';
import type { HoldingsImport, RowProblem } from './types';

export interface HoldingsSource {
  /** The name the user gave the file; only its last path segment is ever shown back. */
  fileName: string;
  bytes?: Uint8Array;
  text?: string;
}

export interface ImportOptions {
  isinResolver?: IsinResolver;
}

/** A table found in a file (or built from JSON), with what is known about how it was written. */
export interface TableToImport {
  fileName: string;
  adapter: HoldingsAdapter;
  table: HoldingsTable;
  encoding: string;
  delimiter: string;
}

/**
 * Reads a holdings file of any supported format into positions, accounting for every row: each is
 * accepted (possibly merged), rejected with a located reason, or skipped as a non-position line.
 * Throws AppError only for file-level refusals (empty, binary, too large, no usable table), each
 * located in the file as the user sees it.
 */
export async function importHoldings(source: HoldingsSource, options: ImportOptions = {}): Promise<HoldingsImport> {
  const fileName = displayName(source.fileName);
  const { text, encoding } = decodeSource(source, fileName);
  const { records, delimiter } = readRecords(text, fileName);
  const { adapter, table } = findFormat(records, fileName);
  return importTable(
    { fileName, adapter, table, encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter },
    options,
  );
}

/** Reads a found table into positions: the part of the import shared by files and JSON holdings. */
export async function importTable(input: TableToImport, options: ImportOptions = {}): Promise<HoldingsImport> {
  const { fileName, adapter, table } = input;
  checkTableBounds(table, fileName);
  const decimalMark = detectDecimalMark(numericCells(table), input.delimiter === 'tab' ? '\t' : input.delimiter);
  const read = readRows(adapter, table, decimalMark);
  scaleWeights(read.parsed);
  const resolver = options.isinResolver ?? offlineIsinResolver;
  const unresolved = await resolveIsins(read.parsed, resolver, adapter.prefersIsin === true);
  const resolved = read.parsed.filter((r): r is ResolvedRow => r.symbol !== undefined);
  const merged = mergeRows(resolved, adapter.netsTrades === true);
  const problems = [...read.problems, ...unresolved, ...merged.problems].sort((a, b) => a.row - b.row);
  const skipped = [...read.skipped, ...merged.skipped].sort((a, b) => a.row - b.row);
  const accepted = merged.holdings.reduce((n, h) => n + h.rows.length, 0);
  return {
    fileName,
    format: {
      id: adapter.id,
      label: adapter.label,
      encoding: input.encoding,
      delimiter: input.delimiter,
      decimalMark,
      headerRow: table.header.line,
    },
    holdings: merged.holdings,
    problems,
    skipped,
    counts: {
      read: table.rows.length + table.skipped.length,
      accepted,
      merged: accepted - merged.holdings.length,
      rejected: problems.length,
      skipped: skipped.length,
    },
  };
}

/** "C:\Users\anna\Portfolio.csv" → "Portfolio.csv": a message about a file never shows where it was kept. */
function displayName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? '';
}

function decodeSource(source: HoldingsSource, fileName: string): { text: string; encoding: string } {
  if (source.bytes !== undefined) return decodeHoldingsBytes(source.bytes, fileName);
  const text = stripBom(source.text ?? '');
  if (text === '') throw new AppError('unprocessable', 'empty_file', { location: { file: fileName } });
  checkFileSize(Buffer.byteLength(text, 'utf8'), fileName);
  if (text.trim() === '') throw new AppError('unprocessable', 'blank_file', { location: { file: fileName } });
  return { text, encoding: 'utf-8' };
}

/**
 * The file's non-blank records. Bounded before any per-cell work: a line over MAX_LINE_CHARS is
 * refused first (one pass), and parsing stops as soon as the file holds more records than any
 * table within the limits can (a header found at most HEADER_SCAN_ROWS down, then MAX_ROWS rows).
 */
function readRecords(text: string, fileName: string): { records: CsvRecord[]; delimiter: Delimiter } {
  const longLine = firstLineLongerThan(text, MAX_LINE_CHARS);
  if (longLine !== null)
    throw new AppError('unprocessable', 'line_too_long', {
      params: { limitKb: MAX_LINE_CHARS / 1024 },
      location: { file: fileName, row: longLine },
    });
  const delimiter = sniffDelimiter(text);
  const stopAfter = HEADER_SCAN_ROWS + MAX_ROWS + 1;
  const records = parseCsv(text, delimiter, { skipBlank: true, stopAfter, file: fileName });
  if (records.length === 0) throw new AppError('unprocessable', 'blank_file', { location: { file: fileName } });
  if (records.length >= stopAfter) throw tooManyRows(fileName);
  return { records, delimiter };
}

function tooManyRows(fileName: string): AppError {
  return new AppError('too_large', 'too_many_rows', { params: { limit: MAX_ROWS }, location: { file: fileName } });
}

function tooManyColumns(fileName: string, row: number): AppError {
  return new AppError('unprocessable', 'too_many_columns', {
    params: { limit: MAX_HEADER_COLUMNS },
    location: { file: fileName, row },
  });
}

/** The first adapter that finds its table; else why none did (a line too wide, or no usable header). */
function findFormat(records: CsvRecord[], fileName: string): { adapter: HoldingsAdapter; table: HoldingsTable } {
  for (const adapter of ADAPTERS) {
    const table = adapter.findTable(records);
    if (table !== null) return { adapter, table };
  }
  const tooWide = records.slice(0, HEADER_SCAN_ROWS).find((r) => filledWidth(r) > MAX_HEADER_COLUMNS);
  if (tooWide !== undefined) throw tooManyColumns(fileName, tooWide.line);
  const first = records[0] as CsvRecord;
  const shown = first.fields.slice(0, 8).map((f) => (f.length > 40 ? `${f.slice(0, 40)}…` : f));
  throw new AppError('unprocessable', 'missing_column', {
    params: { first: shown },
    location: { file: fileName, row: first.line },
  });
}

function checkTableBounds(table: HoldingsTable, fileName: string): void {
  if (filledWidth(table.header) > MAX_HEADER_COLUMNS) throw tooManyColumns(fileName, table.header.line);
  if (table.rows.length === 0)
    throw new AppError('unprocessable', 'header_only', { location: { file: fileName, row: table.header.line } });
  if (table.rows.length > MAX_ROWS) throw tooManyRows(fileName);
}

/** The cells the decimal mark is read from: only columns that hold numbers. */
function numericCells(table: HoldingsTable): string[] {
  const columns = (['quantity', 'price', 'marketValue', 'weight', 'costBasis'] as const)
    .map((f) => table.columns[f])
    .filter((c): c is number => c !== undefined);
  const cells: string[] = [];
  for (const r of table.rows)
    for (const c of columns) {
      const cell = r.fields[c];
      if (cell !== undefined && cell.trim() !== '') cells.push(cell);
    }
  return cells;
}

/**
 * Gives rows identified by ISIN their ticker (and rows of formats whose tickers lack an exchange,
 * `prefersIsin`, the ISIN's listing). Returns the rows whose ISIN nobody knows and that have no
 * ticker of their own to fall back on.
 */
async function resolveIsins(rows: ParsedRow[], resolver: IsinResolver, prefersIsin: boolean): Promise<RowProblem[]> {
  const needs = rows.filter(
    (r): r is ParsedRow & { isin: string } => r.isin !== undefined && (r.symbol === undefined || prefersIsin),
  );
  if (needs.length === 0) return [];
  const currencyOf = new Map<string, string>();
  for (const r of needs) if (r.file.currency !== undefined) currencyOf.set(r.isin, r.file.currency);
  const found = await resolver.resolve([...new Set(needs.map((r) => r.isin))], (isin) => currencyOf.get(isin));
  const problems: RowProblem[] = [];
  for (const r of needs) {
    const hit = found.get(r.isin);
    if (hit !== undefined) {
      r.symbol = hit.symbol;
      r.name ??= hit.name;
    } else if (r.symbol === undefined) {
      problems.push(rowProblem(r.row, r.idColumn, r.isin, 'problem.isin_unresolved', { isin: r.isin }));
    }
  }
  return problems;
}
