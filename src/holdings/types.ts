/** One position after rows of the same symbol are merged. */
export interface Position {
  symbol: string;
  quantity: number;
  name?: string;
  /** Currency the user wrote for the position, if any; checked against the price currency. */
  currency?: string;
  /** File rows that make up this position (more than one when rows were merged). */
  rows: number[];
}

/** A row the importer could not use, addressed the way the user sees the file. */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ParsedHoldings {
  fileName: string;
  positions: Position[];
  problems: RowProblem[];
  counts: { read: number; accepted: number; merged: number; rejected: number };
}
