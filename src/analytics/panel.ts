import type { PriceHistory } from '../market';
import { createMatrix, type Matrix } from './core';

/** The aligned prices every figure is computed from. Column j belongs to histories[j]. */
export interface PricePanel {
  /** Common days, ascending; the last one is asOf. */
  days: Int32Array;
  /** adj_close on the common days, column-major (days × symbols). */
  adjClose: Matrix;
}

/**
 * The latest day ≤ maxDay on which every history has a price (adj_close), or null when there is none.
 * Counting per calendar day in a typed array keeps this O(N·T) with no per-day objects.
 */
export function commonDays(histories: readonly PriceHistory[], maxDay: number | null): Int32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of histories) {
    if (h.days.length === 0) return new Int32Array(0);
    lo = Math.min(lo, h.days[0]!);
    hi = Math.max(hi, h.days[h.days.length - 1]!);
  }
  if (maxDay !== null) hi = Math.min(hi, maxDay);
  if (!(hi >= lo)) return new Int32Array(0);
  const counts = new Uint32Array(hi - lo + 1);
  for (const h of histories) {
    for (let i = 0; i < h.days.length; i++) {
      const d = h.days[i]!;
      if (d > hi) break;
      if (!Number.isNaN(h.adjClose[i]!)) counts[d - lo]!++;
    }
  }
  let total = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] === histories.length) total++;
  const out = new Int32Array(total);
  let at = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] === histories.length) out[at++] = lo + k;
  return out;
}

/**
 * adj_close of every history on the given ascending days (all of which each history has). Each
 * history is entered by binary search at the first day: a three-year window of an eight-year file
 * no longer walks the five years before it (2 ms of a 25-holding analysis).
 */
export function buildPanel(histories: readonly PriceHistory[], days: Int32Array): PricePanel {
  const T = days.length;
  const adjClose = createMatrix(T, histories.length);
  histories.forEach((h, j) => {
    const base = j * T;
    // A few scattered days (the past episodes' ends) are found by search, not by walking years.
    const scattered = T * 16 < h.days.length;
    let i = T > 0 ? firstOnOrAfter(h.days, days[0]!) : 0;
    for (let t = 0; t < T; t++) {
      if (scattered) i = firstOnOrAfter(h.days, days[t]!, i);
      else while (h.days[i]! < days[t]!) i++;
      adjClose.data[base + t] = h.adjClose[i]!;
    }
  });
  return { days, adjClose };
}

/** Index of the first of the ascending `days` on or after `day` (their length when none is), from `lo`. */
function firstOnOrAfter(days: Int32Array, day: number, from = 0): number {
  let lo = from;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `day` in a history, or -1. */
export function indexOfDay(h: PriceHistory, day: number): number {
  let lo = 0;
  let hi = h.days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = h.days[mid]!;
    if (d === day) return mid;
    if (d < day) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
