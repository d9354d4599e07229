import type { AnalysisReport } from '../report';

export const HEADLINE_MEASURES = [
  'themeHoldings',
  'aiRevenueShare',
  'netAiBeta',
  'netAiBetaR2',
  'marketBeta',
  'marketR2',
  'coreFour',
] as const;
type HeadlineMeasure = (typeof HEADLINE_MEASURES)[number];

/** Why a point exists: the first analysis of a saved portfolio, a request, the daily schedule, or a back-fill. */
export type PointKind = 'created' | 'manual' | 'scheduled' | 'backfill';

export type RuleStatus = 'pass' | 'warn' | 'fail';

/**
 * One point of a portfolio's history: what an analysis on one market-data date said, small enough
 * to keep for years (the full report is kept for the retention period, linked by `analysisId`).
 * `versions` say which product, methodology and reference data produced it, so a change of method
 * shows as such rather than as a change of risk; `inputHash` says which holdings.
 */
export interface HistoryPoint {
  asOf: string;
  kind: PointKind;
  /** Computed afterwards from the market-data history with the holdings of the day it was made. */
  backfilled: boolean;
  /** For a back-filled point: the calendar month-end it stands for (asOf is the last price day on or before it). */
  monthEnd?: string;
  generatedAt: string;
  analysisId: string | null;
  inputHash: string;
  versions: AnalysisReport['versions'];
  baseCurrency: string;
  marketValue: number;
  headline: Record<HeadlineMeasure, number>;
  score: number;
  coreFour: AnalysisReport['exposure']['coreFour'];
  issuer: { effectiveN: number; top1: number } | null;
  rules: { id: string; status: RuleStatus; value: number }[];
}

/** The point of a report: figures copied, never recomputed. */
export function pointOf(
  report: AnalysisReport,
  meta: { kind: PointKind; inputHash: string; analysisId?: string | null; monthEnd?: string },
): HistoryPoint {
  const h = report.exposure.headline;
  const issuer = report.concentration.issuer;
  return {
    asOf: report.asOf,
    kind: meta.kind,
    backfilled: meta.kind === 'backfill',
    ...(meta.monthEnd !== undefined && { monthEnd: meta.monthEnd }),
    generatedAt: report.generatedAt,
    analysisId: meta.analysisId ?? null,
    inputHash: meta.inputHash,
    versions: report.versions,
    baseCurrency: report.baseCurrency,
    marketValue: report.totals.marketValue,
    headline: Object.fromEntries(HEADLINE_MEASURES.map((k) => [k, h[k]])) as Record<HeadlineMeasure, number>,
    score: report.overspending.score,
    coreFour: report.exposure.coreFour,
    issuer: issuer === null ? null : { effectiveN: issuer.effectiveN, top1: issuer.top1 },
    rules: report.concentration.rules.map((r) => ({ id: r.id, status: r.status, value: r.value })),
  };
}
