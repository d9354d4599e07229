import type { AnalysisReport } from '../report';
import { csvLine } from '../shared/csv-write';

export interface BatchRow {
  id: string;
  status: 'ok' | 'failed';
  reason?: string;
  marketValue?: number;
  aiInfrastructure?: number;
  score?: number;
  issuerEffectiveN?: number | null;
  top1?: number;
  breaches?: string[];
}

export function summaryRow(id: string, report: AnalysisReport): BatchRow {
  return {
    id,
    status: 'ok',
    marketValue: report.totals.marketValue,
    aiInfrastructure: report.exposure.aiInfrastructure,
    score: report.overspending.score,
    issuerEffectiveN: report.concentration.issuer?.effectiveN ?? null,
    top1: report.concentration.issuer?.top1 ?? report.concentration.top1,
    breaches: report.concentration.rules.filter((r) => r.status === 'fail').map((r) => r.label),
  };
}

/** Riskiest first: overspending score, then AI exposure; failed portfolios last, in id order. */
export function rankRows(rows: readonly BatchRow[]): BatchRow[] {
  return [...rows].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'ok' ? -1 : 1;
    if (a.status === 'failed') return a.id.localeCompare(b.id);
    return b.score! - a.score! || b.aiInfrastructure! - a.aiInfrastructure! || a.id.localeCompare(b.id);
  });
}

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
    lines.push(
      csvLine([
        i + 1,
        r.id,
        r.status,
        r.score === undefined ? '' : r.score.toFixed(1),
        r.aiInfrastructure === undefined ? '' : r.aiInfrastructure.toFixed(4),
        r.marketValue === undefined ? '' : r.marketValue.toFixed(2),
        r.issuerEffectiveN == null ? '' : r.issuerEffectiveN.toFixed(1),
        r.top1 === undefined ? '' : r.top1.toFixed(4),
        (r.breaches ?? []).join('; '),
        r.reason ?? '',
      ]),
    );
  });
  return `${lines.join('\n')}\n`;
}
