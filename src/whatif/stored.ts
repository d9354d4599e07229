import type { HoldingsImport, Position } from '../holdings';
import type { AnalysisReport } from '../report';

/**
 * The positions of a stored analysis, from its report's holdings, for a what-if on it: a holding
 * the file sized by quantity keeps its shares (so whole shares apply); any other is its value in the
 * base currency on the report's day, which an analysis pinned to that day values identically; cash
 * is its amount in its own currency. Rows and names are kept. The report carries no average cost,
 * so trades from a stored analysis estimate no tax (each trade says so).
 */
export function holdingsOfReport(report: AnalysisReport): HoldingsImport {
  const holdings = report.holdings.map((h): Position => {
    const common = {
      symbol: h.symbol,
      rows: h.rows,
      // The average cost the file gave, so a sale's tax is estimated as on the command line.
      file: h.costBasis === undefined ? {} : { costBasis: h.costBasis },
      ...(h.name !== undefined && { name: h.name }),
      ...(h.isin !== undefined && { isin: h.isin }),
    };
    if (h.kind === 'cash')
      return {
        ...common,
        kind: 'cash',
        basis: 'cash',
        symbol: 'CASH',
        currency: h.currency,
        size: { amount: h.marketValue / (h.fxRate ?? 1) },
      };
    if (h.sizedBy === 'quantity') return { ...common, kind: 'security', basis: 'quantity', quantity: h.quantity };
    return {
      ...common,
      kind: 'security',
      basis: 'marketValue',
      marketValue: h.marketValue,
      marketValueCurrency: report.baseCurrency,
    };
  });
  const n = holdings.length;
  return {
    fileName: report.input.fileName,
    format: {
      id: report.input.format,
      label: report.input.format,
      encoding: 'utf-8',
      delimiter: ',',
      decimalMark: '.',
      headerRow: 1,
    },
    holdings,
    problems: [],
    skipped: [],
    counts: { read: n, accepted: n, merged: 0, rejected: 0, skipped: 0 },
  };
}
