import type { YahooClient } from './client';
import type { PriceRows } from '../cache';

export interface DailyHistory {
  currency: string;
  rows: PriceRows;
}

const MS_PER_DAY = 86_400_000;

/**
 * Daily bars from `chart` between two calendar days (inclusive): unadjusted (split-adjusted) close,
 * adjusted close and volume. A bar's day is its timestamp in the exchange's own time zone, so
 * markets that open before midnight UTC keep their local date. Bars without a close are dropped.
 */
export async function fetchDailyHistory(
  yf: YahooClient,
  symbol: string,
  fromDay: number,
  toDay: number,
): Promise<DailyHistory> {
  const result = await yf.chart(symbol, {
    period1: new Date(fromDay * MS_PER_DAY),
    period2: new Date((toDay + 1) * MS_PER_DAY),
    interval: '1d',
    events: 'div|split',
  });
  const offsetMs = (result.meta.gmtoffset ?? 0) * 1000;
  const days: number[] = [];
  const close: number[] = [];
  const adjClose: number[] = [];
  const volume: number[] = [];
  for (const q of result.quotes) {
    if (q.close == null || !Number.isFinite(q.close)) continue;
    const day = Math.floor((q.date.getTime() + offsetMs) / MS_PER_DAY);
    if (days.length > 0 && days[days.length - 1] === day) continue; // Yahoo repeats today's live bar
    days.push(day);
    close.push(q.close);
    adjClose.push(q.adjclose ?? q.close);
    volume.push(q.volume ?? NaN);
  }
  return { currency: (result.meta.currency ?? 'USD').toUpperCase(), rows: { days, close, adjClose, volume } };
}
