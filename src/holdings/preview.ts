import { formatter, translate, type Lang, type Message } from '../i18n';
import { csvLine } from '../shared/csv-write';
import type { HoldingsImport, Position } from './types';

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

const COLUMNS = [
  'status',
  'row',
  'symbol',
  'kind',
  'basis',
  'quantity',
  'market_value',
  'weight',
  'currency',
  'name',
  'isin',
  'column',
  'value',
  'code',
  'reason',
] as const;

type PreviewLine = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/**
 * The same preview as one CSV table (positions, then rejected and skipped rows), formula-safe. The
 * reasons are written in the reader's language; the code beside each stays the same in all.
 */
export function previewCsv(imported: HoldingsImport, lang: Lang = 'en'): string {
  const f = formatter(lang);
  const reason = (m: Message) => translate(f, m.code, m.params);
  const lines: PreviewLine[] = [
    ...imported.holdings.map(positionLine),
    ...imported.problems.map((p) => ({
      status: 'rejected',
      row: p.row,
      column: p.column,
      value: p.value,
      code: p.code,
      reason: reason(p),
    })),
    ...imported.skipped.map((s) => ({ status: 'skipped', row: s.row, code: s.code, reason: reason(s) })),
  ];
  const table = [csvLine(COLUMNS), ...lines.map((line) => csvLine(COLUMNS.map((c) => line[c])))];
  return `${table.join('\n')}\n`;
}

function positionLine(p: Position): PreviewLine {
  const line: PreviewLine = {
    status: 'position',
    row: p.rows.join(' '),
    symbol: p.symbol,
    kind: p.kind,
    basis: p.basis,
    name: p.name,
    isin: p.isin,
  };
  switch (p.basis) {
    case 'quantity':
      return { ...line, quantity: p.quantity, currency: p.file.currency };
    case 'marketValue':
      return { ...line, market_value: p.marketValue, currency: p.marketValueCurrency ?? p.file.currency };
    case 'weight':
      return { ...line, weight: p.weight, currency: p.file.currency };
    case 'cash':
      return 'amount' in p.size
        ? { ...line, market_value: p.size.amount, currency: p.currency }
        : { ...line, weight: p.size.weight, currency: p.currency };
  }
}
