import { commonDays } from '../analytics/panel';
import { AppError, type InputLocation } from '../errors';
import type { MessageRef } from '../i18n';
import type { PriceHistory } from '../market/types';
import { dayToIso, parseIsoDay } from '../shared/dates';

/** Returns in the risk window: three years of trading days. */
const LOOKBACK_RETURNS = 756;
/** Fewer common returns than this and the risk figures would mean little: refuse instead. */
const MIN_RETURNS = 60;

export interface AnalysisWindow {
  /** Every day on which all histories have a price, up to asOf. */
  allDays: Int32Array;
  /** The last LOOKBACK_RETURNS + 1 of them: the risk window. */
  windowDays: Int32Array;
  /** The valuation day: the last common day on or before the asked date. */
  asOfDay: number;
}

/** `locate` gives the user's row of a held symbol, so a young listing is shown where the user wrote it. */
export function analysisWindow(
  histories: readonly PriceHistory[],
  asOf: string | undefined,
  locate: (symbol: string) => InputLocation | undefined,
): AnalysisWindow {
  const maxDay = asOf === undefined ? null : parseIsoDay(asOf);
  const allDays = commonDays(histories, maxDay);
  const windowDays = allDays.subarray(Math.max(0, allDays.length - (LOOKBACK_RETURNS + 1)));
  if (windowDays.length - 1 < MIN_RETURNS) throw insufficientHistory(histories, windowDays.length - 1, asOf, locate);
  return { allDays, windowDays, asOfDay: windowDays[windowDays.length - 1]! };
}

/** Names the symbol whose history starts last: it is what limits the window. */
function insufficientHistory(
  histories: readonly PriceHistory[],
  returns: number,
  asOf: string | undefined,
  locate: (symbol: string) => InputLocation | undefined,
): AppError {
  const firstDay = (h: PriceHistory) => {
    for (let i = 0; i < h.days.length; i++) if (!Number.isNaN(h.adjClose[i]!)) return h.days[i]!;
    return Infinity;
  };
  const limiting = histories.reduce((a, b) => (firstDay(b) > firstDay(a) ? b : a));
  const start = firstDay(limiting);
  const limit: MessageRef = Number.isFinite(start)
    ? { code: 'history.starts', params: { symbol: limiting.symbol, start: dayToIso(start) } }
    : { code: 'history.none', params: { symbol: limiting.symbol } };
  return new AppError('unprocessable', 'insufficient_history', {
    params: {
      returns: Math.max(returns, 0),
      until:
        asOf === undefined
          ? { code: 'history.anytime', params: {} }
          : { code: 'history.until', params: { date: asOf } },
      min: MIN_RETURNS,
      limit,
    },
    location: locate(limiting.symbol) ?? {},
    details: { symbol: limiting.symbol },
  });
}
