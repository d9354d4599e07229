import type { Message } from '../i18n';

/**
 * A row the importer could not use, addressed the way the user sees the file; `reason` is the
 * English text of `code`.
 */
export interface RowProblem extends Message {
  row: number;
  column: string;
  value: string;
  /** English text of the message, for API readers and the CLI (same as `message`). */
  reason: string;
}

/** A row that is not a position and was recognised as such (totals, titles, footers, dividends). */
export interface SkippedRow extends Message {
  row: number;
  reason: string;
}

export interface AccountDetail {
  account: string;
  rows: number[];
  quantity?: number;
  marketValue?: number;
  weight?: number;
}

/**
 * What the file itself said about a position, kept whatever its size basis: a position that cannot
 * be priced from market data can still be shown (and valued) as the broker wrote it.
 */
export interface AsWritten {
  /** Price in the file, in `currency`. */
  price?: number;
  /** Currency the file gives for the position's listing. */
  currency?: string;
  /** Market value as written, in `valueCurrency`. */
  value?: number;
  valueCurrency?: string;
  /** Average cost per unit, where the file has it. */
  costBasis?: number;
}

interface PositionCommon {
  /** Yahoo symbol; `CASH` for cash. */
  symbol: string;
  name?: string;
  isin?: string;
  /** File rows merged into this position. */
  rows: number[];
  accounts?: AccountDetail[];
  file: AsWritten;
}

interface QuantityPosition extends PositionCommon {
  kind: 'security';
  basis: 'quantity';
  quantity: number;
}

interface MarketValuePosition extends PositionCommon {
  kind: 'security';
  basis: 'marketValue';
  /** Value as written in the file, in `marketValueCurrency` (the base currency when the file names none). */
  marketValue: number;
  marketValueCurrency?: string;
}

interface WeightPosition extends PositionCommon {
  kind: 'security';
  basis: 'weight';
  /** Fraction of the portfolio (0.4 = 40 %). */
  weight: number;
}

/** Cash in one currency: an amount, or (in a sheet of weights) a share of the portfolio. */
interface CashPosition extends PositionCommon {
  kind: 'cash';
  basis: 'cash';
  symbol: 'CASH';
  currency: string;
  size: { amount: number } | { weight: number };
}

/** One position after rows of the same instrument (across rows and accounts) are merged. */
export type Position = QuantityPosition | MarketValuePosition | WeightPosition | CashPosition;
export type SecurityPosition = Exclude<Position, CashPosition>;

export interface HoldingsImport {
  fileName: string;
  format: {
    id: string;
    label: string;
    encoding: string;
    delimiter: string;
    decimalMark: string;
    headerRow: number;
  };
  holdings: Position[];
  problems: RowProblem[];
  skipped: SkippedRow[];
  counts: { read: number; accepted: number; merged: number; rejected: number; skipped: number };
}
