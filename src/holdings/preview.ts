import { csvLine } from '../shared/csv-write';
import type { HoldingsImport } from './types';

/** The preview a user checks before analysing: what was read, what was left out and why. */
export function previewJson(imported: HoldingsImport) {
  return {
    fileName: imported.fileName,
    format: imported.format,
    holdings: imported.holdings,
    problems: imported.problems,
    skipped: imported.skipped,
    counts: imported.counts,
  };
}

/** The same preview as one CSV table (positions, then rejected and skipped rows), formula-safe. */
export function previewCsv(imported: HoldingsImport): string {
  const lines = [
    csvLine([
      'status',
      'row',
      'symbol',
      'kind',
      'quantity',
      'market_value',
      'weight',
      'currency',
      'name',
      'isin',
      'column',
      'value',
      'reason',
    ]),
  ];
  for (const h of imported.holdings) {
    lines.push(
      csvLine([
        'position',
        h.rows.join(' '),
        h.symbol,
        h.kind,
        h.quantity,
        h.marketValue,
        h.weight,
        h.currency ?? h.marketValueCurrency,
        h.name,
        h.isin,
        '',
        '',
        '',
      ]),
    );
  }
  for (const p of imported.problems)
    lines.push(csvLine(['rejected', p.row, '', '', '', '', '', '', '', '', p.column, p.value, p.reason]));
  for (const s of imported.skipped)
    lines.push(csvLine(['skipped', s.row, '', '', '', '', '', '', '', '', '', '', s.reason]));
  return `${lines.join('\n')}\n`;
}
