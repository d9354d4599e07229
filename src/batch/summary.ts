import type { AnalysisReport } from '../report';
import { csvLine } from '../shared/csv-write';
import type { FailedRow } from './input';

/** A portfolio analysed: its figures in the ranking. */
export interface OkRow {
  id: string;
  status: 'ok';
  marketValue: number;
  aiInfrastructure: number;
  score: number;
  issuerEffectiveN: number | null;
  top1: number;
  /** Ids of the concentration rules it fails ("single-issuer"), the same in every language. */
  breaches: string[];
}

export type BatchRow = OkRow | FailedRow;

export function summaryRow(id: string, report: AnalysisReport): OkRow {
  return {
    id,
    status: 'ok',
    marketValue: report.totals.marketValue,
    aiInfrastructure: report.exposure.aiInfrastructure,
    score: report.overspending.score,
    issuerEffectiveN: report.concentration.issuer?.effectiveN ?? null,
    top1: report.concentration.issuer?.top1 ?? report.concentration.top1,
    breaches: report.concentration.rules.filter((r) => r.status === 'fail').map((r) => r.id),
  };
}

/** Riskiest first: overspending score, then AI exposure; failed portfolios last, in id order. */
export function rankRows(rows: readonly BatchRow[]): BatchRow[] {
  return [...rows].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'ok' ? -1 : 1;
    if (a.status === 'failed' || b.status === 'failed') return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return b.score - a.score || b.aiInfrastructure - a.aiInfrastructure || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Text from the upload (ids, reasons) as a CSV cell: no control characters, formula-safe (csvLine). */
const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

/** The ranking as CSV, safe to open in a spreadsheet (ids and reasons are user text). */
export function summaryCsv(rows: readonly BatchRow[]): string {
  const lines = [
    csvLine([
      'rank',
      'id',
      'status',
      'score',
      'ai_infrastructure',
      'market_value',
      'issuer_effective_n',
      'largest_issuer',
      'rule_breaches',
      'reason',
    ]),
  ];
  rankRows(rows).forEach((r, i) => {
    const figures =
      r.status === 'ok'
        ? [
            r.score.toFixed(1),
            r.aiInfrastructure.toFixed(4),
            r.marketValue.toFixed(2),
            r.issuerEffectiveN == null ? '' : r.issuerEffectiveN.toFixed(1),
            r.top1.toFixed(4),
            r.breaches.join('; '),
            '',
          ]
        : ['', '', '', '', '', '', plain(r.reason)];
    lines.push(csvLine([i + 1, plain(r.id), r.status, ...figures]));
  });
  return `${lines.join('\n')}\n`;
}
