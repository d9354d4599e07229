import { isMessageCode, message, type Message } from '../../i18n';
import type { Matrix } from '../core';
import { dayToIso, parseIsoDay } from '../../shared/dates';
import type { StressWindow } from './stress-windows';

export interface ReplayResult {
  id: string;
  /** The episode's name: ours from the catalogue, a user's own window as they wrote it. */
  label: Message;
  start: string | null;
  end: string | null;
  portfolioReturn: number | null;
  /** Each holding's own return over the window (same start and end days). */
  holdings: { symbol: string; return: number }[];
  note?: Message;
  why?: Message;
  source?: Message;
}

/** Our episodes are worded in the catalogue; a user's own window is shown as they wrote it. */
function windowText(w: StressWindow, suffix: '' | '.why' | '.source', own: string): Message {
  const code = `window.${w.id}${suffix}`;
  return isMessageCode(code) ? message(code) : message('window.custom', { label: own });
}

/**
 * Today's portfolio through a past window: Σ w_i (adj_close_i(end) / adj_close_i(start) − 1), with
 * start and end the last common trading days on or before the window's dates. A window the price
 * history does not cover is reported as such, not guessed. `days` may be only the days the windows
 * need (their ends as found on the full calendar, and its last day): the result is the same.
 */
export function historicalReplay(
  prices: Matrix,
  days: Int32Array,
  weights: Float64Array,
  symbols: readonly string[],
  windows: readonly StressWindow[],
): ReplayResult[] {
  return windows.map((w) => {
    const s = lastOnOrBefore(days, parseIsoDay(w.start)!);
    const e = lastOnOrBefore(days, parseIsoDay(w.end)!);
    const base = {
      id: w.id,
      label: windowText(w, '', w.label),
      holdings: [] as ReplayResult['holdings'],
      ...(w.why !== undefined && { why: windowText(w, '.why', w.why) }),
      ...(w.source !== undefined && { source: windowText(w, '.source', w.source) }),
    };
    if (s < 0 || e <= s || parseIsoDay(w.end)! > days[days.length - 1]!) {
      return {
        ...base,
        start: s >= 0 ? dayToIso(days[s]!) : null,
        end: e >= 0 ? dayToIso(days[e]!) : null,
        portfolioReturn: null,
        note: message('note.window_not_covered'),
      };
    }
    let r = 0;
    for (let j = 0; j < prices.cols; j++) {
      const wj = weights[j]!;
      if (wj === 0) continue;
      const rj = prices.data[j * prices.rows + e]! / prices.data[j * prices.rows + s]! - 1;
      r += wj * rj;
      base.holdings.push({ symbol: symbols[j]!, return: rj });
    }
    return { ...base, start: dayToIso(days[s]!), end: dayToIso(days[e]!), portfolioReturn: r };
  });
}

/** Index of the last of the ascending `days` on or before `day`, or -1. */
export function lastOnOrBefore(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
