import { Canvas, type Drawing, legend, niceTicks, PALETTE } from './draw';
import { textWidth } from './text';

export interface HistogramOptions {
  /** An x value (a return) as text. */
  format: (v: number) => string;
  /** A share of the paths as text (the y axis). */
  yFormat: (v: number) => string;
  /** Bins whose upper edge is at or below it are drawn in the warning colour. */
  markAt?: number;
  /** What the two colours mean. */
  legend: { marked: string; other: string };
  /** Under the x axis: what it measures. */
  xTitle: string;
  width?: number;
  height?: number;
}

const SIZE = 9;

/**
 * Columns of a distribution with both axes: the share of all paths on the y axis (round ticks),
 * returns on the x axis (round ticks), and a legend saying what the marked columns are.
 */
export function histogram(
  bins: readonly { from: number; to: number; count: number }[],
  opts: HistogramOptions,
): Drawing {
  const c = new Canvas();
  const width = opts.width ?? 520;
  const height = opts.height ?? 210;
  if (bins.length === 0) return c.done(width, 20);
  const total = bins.reduce((a, b) => a + b.count, 0) || 1;
  const yTicks = niceTicks(0, Math.max(...bins.map((b) => b.count)) / total, 4);
  const yMax = yTicks[yTicks.length - 1]!;
  const left = Math.max(...yTicks.map((t) => textWidth(opts.yFormat(t), SIZE))) + 8;
  const items = [
    { color: PALETTE.negative, text: opts.legend.marked },
    { color: PALETTE.accent, text: opts.legend.other },
  ];
  const top = legend(c, items, left, 2, width - left - 4) + 10;
  const base = height - 34;
  const lo = bins[0]!.from;
  const hi = bins[bins.length - 1]!.to;
  const sx = (v: number) => left + 4 + ((v - lo) / (hi - lo || 1)) * (width - left - 12);
  const sy = (share: number) => top + (base - top) * (1 - share / yMax);
  for (const t of yTicks) {
    c.line(left, sy(t), width - 4, sy(t), PALETTE.grid);
    c.text(left - 4, sy(t) + 3, opts.yFormat(t), { size: SIZE, anchor: 'end', color: PALETTE.muted });
  }
  for (const b of bins) {
    const color = opts.markAt !== undefined && b.to <= opts.markAt + 1e-12 ? PALETTE.negative : PALETTE.accent;
    const y = sy(b.count / total);
    c.rect(sx(b.from), y, Math.max(0.5, sx(b.to) - sx(b.from) - 0.8), base - y, color);
  }
  c.line(left, base, width - 4, base, PALETTE.muted);
  for (const t of niceTicks(lo, hi, 7).filter((v) => v >= lo && v <= hi)) {
    const text = opts.format(t);
    const half = textWidth(text, SIZE) / 2;
    c.line(sx(t), base, sx(t), base + 3, PALETTE.muted);
    c.text(Math.min(width - 2 - half, Math.max(left + half, sx(t))), base + 14, text, {
      size: SIZE,
      anchor: 'middle',
      color: PALETTE.muted,
    });
  }
  c.text((left + width) / 2, height - 4, opts.xTitle, { size: SIZE, anchor: 'middle', color: PALETTE.muted });
  return c.done(width, height);
}
