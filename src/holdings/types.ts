/** A row the importer could not use, addressed the way the user sees the file. */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A row that is not a position and was recognised as such (totals, titles, footers, dividends). */
export interface SkippedRow {
  row: number;
  reason: string;
}

/** How a position's size was given. Quantity wins when a row has several. */
export type SizeBasis = 'quantity' | 'marketValue' | 'weight';

export interface AccountDetail {
  account: string;
  rows: number[];
  quantity?: number;
  marketValue?: number;
  weight?: number;
}

/** One position after rows of the same instrument (across rows and accounts) are merged. */
export interface Position {
  /** Yahoo symbol; `CASH` for cash, with its currency. */
  symbol: string;
  kind: 'security' | 'cash';
  basis: SizeBasis;
  quantity?: number;
  /** Value as written in the file, in `marketValueCurrency`. */
  marketValue?: number;
  marketValueCurrency?: string;
  /** Fraction of the portfolio (0.4 = 40 %). */
  weight?: number;
  name?: string;
  isin?: string;
  /** Currency the file gives for the position (for cash: the cash currency). */
  currency?: string;
  /** Price in the file, for reference only: valuation uses market data. */
  price?: number;
  costBasis?: number;
  rows: number[];
  accounts?: AccountDetail[];
}

export interface HoldingsImport {
  fileName: string;
  format: { id: string; label: string; encoding: string; delimiter: string; decimalMark: string; headerRow: number };
  holdings: Position[];
  problems: RowProblem[];
  skipped: SkippedRow[];
  counts: { read: number; accepted: number; merged: number; rejected: number; skipped: number };
}
