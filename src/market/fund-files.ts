import path from 'node:path';
import { AppError } from '../errors';
import { isBlankRecord, parseCsv, stripBom } from '../shared/csv';
import type { AssetClass, FundConstituent, FundHoldings } from './types';

export const DATA_DIR = path.resolve(__dirname, '../../data');

/** A constituents file is the operator's data, not the user's: it is named by fund and row, never by path. */
function invalid(fund: string, row: number | undefined, reason: string): AppError {
  return new AppError('misconfigured', 'fund_file_invalid', { params: { fund, row: row ?? 1, reason } });
}

/**
 * Parses an ETF constituents file `symbol,name,weight[,as_of,source,exchange]` (weight in percent of
 * the fund). Lines without a symbol (cash, "-", other assets) keep nothing: their weight simply does
 * not map to an issuer. as_of and source are taken from the first row that has them; an exchange
 * column says where a local code is quoted (src/theme/issuers.ts also reads it from the name).
 */
export function parseFundHoldingsCsv(text: string, fund: string): FundHoldings {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  } catch (err) {
    throw invalid(fund, (err as { line?: number }).line, (err as Error).message);
  }
  const [header, ...rows] = records;
  if (header === undefined) throw invalid(fund, undefined, 'the constituents file is empty');
  const cols = header.fields.map((f) => f.trim().toLowerCase());
  const at = (name: string) => cols.indexOf(name);
  const [symbolCol, nameCol, weightCol, asOfCol, sourceCol, exchangeCol] = [
    'symbol',
    'name',
    'weight',
    'as_of',
    'source',
    'exchange',
  ].map(at) as [number, number, number, number, number, number];
  if (symbolCol < 0 || weightCol < 0)
    throw invalid(fund, header.line, 'the header needs "symbol" and "weight" columns');

  const constituents: FundConstituent[] = [];
  let asOf: string | null = null;
  let source: string | null = null;
  for (const r of rows) {
    const cell = (i: number) => (i >= 0 ? (r.fields[i] ?? '').trim() : '');
    const weightText = cell(weightCol);
    const weight = Number(weightText);
    if (weightText === '' || !Number.isFinite(weight)) throw invalid(fund, r.line, `"${weightText}" is not a number`);
    asOf ??= cell(asOfCol) || null;
    source ??= cell(sourceCol) || null;
    const symbol = cell(symbolCol).toUpperCase();
    if (symbol === '' || symbol === '-') continue;
    const name = cell(nameCol);
    const exchange = cell(exchangeCol);
    constituents.push({ symbol, ...(name !== '' && { name }), weight, ...(exchange !== '' && { exchange }) });
  }
  return { fund, asOf, source, constituents };
}

export interface FundRegistryEntry {
  name: string;
  assetClass: AssetClass;
}

/** Well-known funds we maintain in data/funds.csv, so a fund without a constituents file is still recognised. */
export type FundRegistry = ReadonlyMap<string, FundRegistryEntry>;

export function parseFundRegistry(text: string): FundRegistry {
  const [, ...rows] = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  return new Map(
    rows.map((r) => [
      r.fields[0]!.trim(),
      { name: r.fields[1]!.trim(), assetClass: r.fields[2]!.trim() as AssetClass },
    ]),
  );
}
