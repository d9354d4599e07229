import type { CsvRecord } from '../../shared/csv';
import { mapColumns, normaliseHeader } from '../columns';
import { skippedRow } from '../messages';
import type { SkippedRow } from '../types';
import { cashOutcome, classifyGeneric, findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter, HoldingsTable, RowOutcome } from './types';

const SECTION = 'Open Positions';

/** Asset classes we can value; the rest (options, futures, bonds by CUSIP) are reported, not guessed. */
function assetOutcome(assetType: string): RowOutcome | null {
  const t = assetType.trim().toUpperCase();
  if (t === '' || t === 'STOCKS' || t === 'STK' || t === 'FUND' || t === 'ETF') return null;
  return {
    kind: 'problem',
    field: 'assetType',
    value: assetType,
    code: 'problem.asset_type',
    params: { type: assetType },
  };
}

/**
 * Interactive Brokers activity statement CSV: every line starts with its section name and a row
 * type (`Open Positions,Header,…`, `Open Positions,Data,Summary,Stocks,USD,NVDA,100,…`,
 * `Open Positions,Total,…`). Only the Open Positions section is read; Summary rows are positions,
 * Lot rows are their detail. Forex rows are cash balances.
 */
export const ibkrActivityAdapter: HoldingsAdapter = {
  id: 'ibkr-activity',
  label: 'Interactive Brokers activity statement',
  findTable(records) {
    const headerIndex = records.findIndex((r) => r.fields[0]?.trim() === SECTION && r.fields[1]?.trim() === 'Header');
    if (headerIndex < 0) return null;
    const header: CsvRecord = { line: records[headerIndex]!.line, fields: records[headerIndex]!.fields.slice(2) };
    const rows: CsvRecord[] = [];
    const skipped: SkippedRow[] = [];
    records.forEach((r, i) => {
      if (i === headerIndex) return;
      const section = r.fields[0]?.trim() ?? '';
      if (section === SECTION && r.fields[1]?.trim() !== 'Header')
        rows.push({ line: r.line, fields: [r.fields[1]?.trim() ?? '', ...r.fields.slice(2)] });
      else if (section === SECTION) skipped.push(skippedRow(r.line, 'skip.repeated_header'));
      else skipped.push(skippedRow(r.line, 'skip.other_section', { section }));
    });
    const columns = mapColumns(header.fields);
    // Row type ("Data", "Total", "SubTotal") is carried in front of each row's cells.
    const shifted = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, (v as number) + 1]));
    return {
      header: { line: header.line, fields: ['row type', ...header.fields] },
      columns: shifted,
      rows,
      skipped,
    };
  },
  classify(cell, record, table) {
    const rowType = record.fields[0] ?? '';
    if (rowType !== 'Data') return { kind: 'skip', code: 'skip.ibkr_line', params: { type: rowType || '–' } };
    const discriminatorAt = table.header.fields.findIndex((h) => normaliseHeader(h) === 'datadiscriminator');
    const discriminator = discriminatorAt >= 0 ? (record.fields[discriminatorAt] ?? '').trim() : 'Summary';
    if (discriminator !== 'Summary')
      return { kind: 'skip', code: 'skip.ibkr_detail', params: { level: discriminator } };
    const asset = cell('assetType');
    if (/forex|cash/i.test(asset))
      return cashOutcome(
        (f) => (f === 'marketValue' ? cell('quantity') : cell(f)),
        cell('symbol').toUpperCase() || undefined,
        cell('symbol'),
      );
    return assetOutcome(asset) ?? classifyGeneric(cell, record);
  },
};

/**
 * Interactive Brokers Flex Query positions CSV
 * (`ClientAccountID,CurrencyPrimary,AssetClass,Symbol,…,Position|Quantity,MarkPrice,PositionValue`).
 */
export const ibkrFlexAdapter: HoldingsAdapter = {
  id: 'ibkr-flex',
  label: 'Interactive Brokers Flex Query positions',
  prefersIsin: true,
  findTable: (records) =>
    findHeaderTable(
      records,
      (h, map) =>
        map.symbol !== undefined && (h.includes('clientaccountid') || hasAll(h, ['currencyprimary', 'assetclass'])),
    ),
  classify(cell, record, table: HoldingsTable) {
    const levelAt = table.header.fields.findIndex((h) => normaliseHeader(h) === 'levelofdetail');
    const level = levelAt >= 0 ? (record.fields[levelAt] ?? '').trim().toUpperCase() : 'SUMMARY';
    if (level !== '' && level !== 'SUMMARY') return { kind: 'skip', code: 'skip.ibkr_detail', params: { level } };
    const asset = cell('assetType');
    if (/^cash$/i.test(asset.trim()))
      return cashOutcome(cell, cell('currency').toUpperCase() || undefined, cell('symbol'));
    return assetOutcome(asset) ?? classifyGeneric(cell, record);
  },
};
