import { analyse, loadReferenceData, plan, type AnalysisOptions, type ReferenceData } from '../analysis';
import { AppError } from '../errors';
import type { HoldingsImport } from '../holdings';
import type { MarketDataProvider } from '../market';
import { gather } from '../market/gather';
import { pointOf, type HistoryPoint } from './point';

/** Months a back-fill may reach: five years, as far as the three-year risk window leaves room for. */
export const MAX_BACKFILL_MONTHS = 60;

/** The last `months` calendar month-ends before `latest` (a date YYYY-MM-DD), oldest first. */
export function monthEnds(latest: string, months: number): string[] {
  const [y, m] = latest.split('-').map(Number) as [number, number];
  const out: string[] = [];
  // Day 0 of a month is the last day of the one before; start from the end of `latest`'s month.
  for (let k = 0; out.length < months && k <= months; k++) {
    const end = new Date(Date.UTC(y, m - k, 0)).toISOString().slice(0, 10);
    if (end < latest) out.push(end);
  }
  return out.reverse();
}

export interface HistoryRequest {
  /** Month-ends to back-fill before the latest market-data date (0: none). */
  months: number;
}

export interface HistoryResult {
  /** The analysis on the latest market-data date, as JSON text. */
  latestJson: string;
  latestAsOf: string;
  /** Back-filled points (inputHash left empty for the caller), oldest first, one per price date. */
  points: HistoryPoint[];
  /** Month-ends that could not be analysed (not enough price history then), with why. */
  skipped: { monthEnd: string; code: string }[];
}

/**
 * The latest analysis and the month-end ones before it, from one gathering of market data: the plan
 * and the data it gathers do not depend on the date, so each point is exactly the single analysis
 * as of its month-end, with today's holdings, fund lists and reference data (only prices move).
 */
export async function analyseHistory(
  imported: HoldingsImport,
  options: AnalysisOptions,
  request: HistoryRequest,
  deps: { market: MarketDataProvider; reference?: ReferenceData; now?: () => Date },
): Promise<HistoryResult> {
  const reference = deps.reference ?? loadReferenceData();
  const market = await gather(plan(imported, options), { market: deps.market, reference });
  const generatedAt = (deps.now?.() ?? new Date()).toISOString();
  const run = (asOf: string | undefined) =>
    analyse(imported, { market, reference, generatedAt }, { ...options, ...(asOf !== undefined && { asOf }) });
  const latest = run(options.asOf);
  const points: HistoryPoint[] = [];
  const skipped: HistoryResult['skipped'] = [];
  for (const monthEnd of monthEnds(latest.asOf, Math.min(request.months, MAX_BACKFILL_MONTHS))) {
    try {
      const point = pointOf(run(monthEnd), { kind: 'backfill', inputHash: '', monthEnd });
      if (points.at(-1)?.asOf !== point.asOf) points.push(point);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      skipped.push({ monthEnd, code: err.code });
    }
  }
  return { latestJson: JSON.stringify(latest), latestAsOf: latest.asOf, points, skipped };
}
