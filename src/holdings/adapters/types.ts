import type { MessageParams } from '../../i18n';
import type { CsvRecord } from '../../shared/csv';
import type { ColumnMap } from '../columns';
import type { ProblemCode, SkipCode } from '../messages';
import type { SkippedRow } from '../types';

export interface CashOutcome {
  kind: 'cash';
  currency: string;
  amountText: string;
  weightText: string;
  account?: string;
  name?: string;
}

/** A row that is not a position, and why (a catalogue code: the importer adds the text). */
interface SkipOutcome {
  kind: 'skip';
  code: SkipCode;
  params?: MessageParams;
}

/** A row the adapter itself refuses (an option, a bond); `field` names the column it blames. */
interface ProblemOutcome {
  kind: 'problem';
  field: RowField;
  value: string;
  code: ProblemCode;
  params?: MessageParams;
}

/** What one data row turned out to be. */
export type RowOutcome = { kind: 'position'; fields: RowFields } | CashOutcome | SkipOutcome | ProblemOutcome;

/** Raw cell text of a position row, by field; numbers are parsed by the importer. */
export type RowFields = Partial<Record<RowField, string>>;
export type RowField =
  | 'symbol'
  | 'isin'
  | 'name'
  | 'quantity'
  | 'price'
  | 'marketValue'
  | 'marketValueCurrency'
  | 'weight'
  | 'currency'
  | 'account'
  | 'costBasis'
  | 'assetType';

/** The table an adapter found: its header record and the data records below it. */
export interface HoldingsTable {
  header: CsvRecord;
  columns: ColumnMap;
  rows: CsvRecord[];
  /** Lines before the header (titles) or outside the table (other report sections), with why. */
  skipped: SkippedRow[];
}

/**
 * One broker export format (or the generic fallback). An adapter recognises its file from the
 * header, finds its table and classifies each row; parsing numbers and identifiers is shared.
 */
export interface HoldingsAdapter {
  id: string;
  label: string;
  /** Finds this format's table in the records, or null when the file is not in this format. */
  findTable(records: readonly CsvRecord[]): HoldingsTable | null;
  /** Position, cash, a row to skip (totals, footers) or a problem. */
  classify(cell: (field: RowField) => string, record: CsvRecord, table: HoldingsTable): RowOutcome;
  /** Rows are trades to net (Trading 212 history): signed quantities, closed positions dropped. */
  netsTrades?: boolean;
  /** Tickers in this format lack exchange suffixes: resolve a valid ISIN first when there is one. */
  prefersIsin?: boolean;
}
