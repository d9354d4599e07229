import path from 'node:path';
import { AppError } from '../errors';
import { isBlankRecord, parseCsv, stripBom } from '../shared/csv';
import { PROJECT_ROOT } from '../shared/project-root';
import type { AssetClass, FundConstituent, FundHoldings } from './types';

export const DATA_DIR = path.join(PROJECT_ROOT, 'data');

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

interface FundRegistryEntry {
  /** The fund (share class) every listing of it belongs to: VWCE for VWCE.DE and VWCE.MI. */
  fundId: string;
  name: string;
  isin: string | null;
  assetClass: AssetClass;
  /** The index it tracks (an id of data/indices.csv), when we know one. */
  index: string | null;
  /** Ongoing charges (0.0022 = 0.22 %), when sourced. */
  ter: number | null;
  currency: string | null;
}

/** The funds we maintain in data/funds.csv, by every listing's Yahoo symbol. */
export type FundRegistry = ReadonlyMap<string, FundRegistryEntry>;

/**
 * data/funds.csv: one row per fund (share class) with its ISIN, index, asset class, TER and
 * listings (`SWDA.MI:XMIL:EUR|IWDA.AS:XAMS:EUR`); a fund is recognised by any of its listings.
 */
export function parseFundRegistry(text: string): FundRegistry {
  const [header, ...rows] = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  const cols = header!.fields.map((f) => f.trim());
  const out = new Map<string, FundRegistryEntry>();
  for (const r of rows) {
    const cell = (name: string) => (r.fields[cols.indexOf(name)] ?? '').trim();
    const entry: FundRegistryEntry = {
      fundId: cell('fund_id'),
      name: cell('name'),
      isin: cell('isin') || null,
      assetClass: cell('asset_class') as AssetClass,
      index: cell('index_id') || null,
      ter: cell('ter') === '' ? null : Number(cell('ter')),
      currency: cell('currency') || null,
    };
    for (const listing of cell('listings').split('|').filter(Boolean)) out.set(listing.split(':')[0]!, entry);
  }
  return out;
}

/** An index we can look a fund through with: the constituents list that stands for it, and how. */
export interface IndexEntry {
  id: string;
  name: string;
  /** The fund whose constituents file stands for the index (SPY for the S&P 500), or null. */
  constituents: string | null;
  /** Which part of that list (`developed`, `country:Italy`…); empty: all of it. */
  filter: string;
  /** True when the list is another index's, restricted or not: the report says "proxy". */
  proxy: boolean;
}

export function parseIndexRegistry(text: string): ReadonlyMap<string, IndexEntry> {
  const [, ...rows] = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  return new Map(
    rows.map((r) => {
      const [id, name, constituents, filter, proxy] = r.fields.map((f) => f.trim()) as string[];
      return [
        id!,
        { id: id!, name: name!, constituents: constituents || null, filter: filter ?? '', proxy: proxy === 'true' },
      ];
    }),
  );
}
