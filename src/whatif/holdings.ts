import type { HoldingsImport, Position } from '../holdings';
import type { StageResults } from '../report/assemble';

/** One line of a portfolio as the what-if trades it: units, price and value on the analysis day. */
export interface Line {
  /** Yahoo symbol; `CASH` for cash. */
  symbol: string;
  kind: 'security' | 'cash';
  /** The listing's price currency (Yahoo spelling), or the cash's currency. */
  currency: string;
  /** Shares (implied from the value when the file gave a value or weight); for cash, the amount in `currency`. */
  quantity: number;
  /** Unadjusted close on the analysis day in `currency` (1 for cash). */
  price: number;
  /** Base-currency value of one unit of `currency`. */
  fxRate: number;
  /** Base-currency value. */
  value: number;
  /** Whole shares apply: the file sized it by quantity. */
  sizedByQuantity: boolean;
  /** Average cost per unit in `currency`, where the file gives it. */
  costBasis?: number;
  name?: string;
}

/** The analysed positions (unpriced ones left out, as the analysis leaves them out) as lines. */
export function linesOf(stages: StageResults): Line[] {
  const { values, prices, fxRates } = stages.valuation;
  return stages.positions.map((p, i) => {
    const value = values[i]!;
    const common = {
      symbol: p.symbol,
      price: prices[i]!,
      fxRate: fxRates[i]!,
      value,
      ...(p.name !== undefined && { name: p.name }),
    };
    if (p.kind === 'cash')
      return { ...common, kind: 'cash', currency: p.currency, quantity: value / fxRates[i]!, sizedByQuantity: false };
    return {
      ...common,
      kind: 'security',
      currency: stages.locals.get(p.symbol)!.currency,
      quantity: p.basis === 'quantity' ? p.quantity : value / (prices[i]! * fxRates[i]!),
      sizedByQuantity: p.basis === 'quantity',
      ...(p.file.costBasis !== undefined && { costBasis: p.file.costBasis }),
    };
  });
}

/** A position the what-if adds or holds: by quantity, by value in the base currency (a symbol to buy), or cash. */
export type ImportLine =
  | { symbol: string; quantity: number; name?: string }
  | { symbol: string; value: number; currency: string }
  | { symbol: 'CASH'; amount: number; currency: string };

/**
 * Lines as a HoldingsImport the analysis reads like a file: one row each, sized by quantity, so a
 * line is valued at exactly quantity × close × rate, whatever the original file sized it by.
 */
export function importOf(fileName: string, lines: readonly ImportLine[]): HoldingsImport {
  const holdings = lines.map((l, i): Position => {
    const common = { rows: [i + 2], file: {} };
    if ('amount' in l)
      return {
        ...common,
        kind: 'cash',
        basis: 'cash',
        symbol: 'CASH',
        currency: l.currency,
        size: { amount: l.amount },
      };
    if ('value' in l)
      return {
        ...common,
        kind: 'security',
        basis: 'marketValue',
        symbol: l.symbol,
        marketValue: l.value,
        marketValueCurrency: l.currency,
      };
    return {
      ...common,
      kind: 'security',
      basis: 'quantity',
      symbol: l.symbol,
      quantity: l.quantity,
      ...(l.name !== undefined && { name: l.name }),
    };
  });
  return {
    fileName,
    format: { id: 'what-if', label: 'what-if', encoding: 'utf-8', delimiter: ',', decimalMark: '.', headerRow: 1 },
    holdings,
    problems: [],
    skipped: [],
    counts: { read: lines.length, accepted: lines.length, merged: 0, rejected: 0, skipped: 0 },
  };
}

/** A line as it stands, to analyse it again (cash by its amount in its own currency). */
export function asImportLine(l: Line): ImportLine {
  if (l.kind === 'cash') return { symbol: 'CASH', amount: l.quantity, currency: l.currency };
  return { symbol: l.symbol, quantity: l.quantity, ...(l.name !== undefined && { name: l.name }) };
}
