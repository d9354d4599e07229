import { Canvas, type Drawing, niceTicks, PALETTE, r2 } from './draw';
import { textWidth } from './text';

export interface Series {
  points: readonly { x: number; y: number }[];
  color?: string;
  fill?: boolean;
}

const SIZE = 9;

/**
 * Lines over a numeric x axis with labelled ticks; y on round ticks from its own range (0 always
 * shown). Tick labels are kept inside the chart: the first is anchored at its start, the last at
 * its end, so a date at either edge is never cut.
 */
export function lineChart(
  series: readonly Series[],
  opts: { xTicks: { x: number; label: string }[]; yFormat: (v: number) => string; width?: number; height?: number },
): Drawing {
  const c = new Canvas();
  const width = opts.width ?? 520;
  const height = opts.height ?? 200;
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return c.done(width, height);
  const xs = all.map((p) => p.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yTicks = niceTicks(Math.min(0, ...all.map((p) => p.y)), Math.max(0, ...all.map((p) => p.y)), 4);
  const [y0, y1] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const left = Math.max(...yTicks.map((t) => textWidth(opts.yFormat(t), SIZE))) + 8;
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (width - left - 4);
  const sy = (y: number) => 6 + (1 - (y - y0) / (y1 - y0 || 1)) * (height - 26);
  for (const v of yTicks) {
    c.line(left, sy(v), width - 4, sy(v), PALETTE.grid);
    c.text(left - 4, sy(v) + 3, opts.yFormat(v), { size: SIZE, anchor: 'end', color: PALETTE.muted });
  }
  c.line(left, sy(0), width - 4, sy(0), PALETTE.muted, 0.6);
  opts.xTicks.forEach((t, i) => {
    const first = i === 0;
    const last = i === opts.xTicks.length - 1 && !first;
    const anchor = first ? 'start' : last ? 'end' : 'middle';
    const x = first ? Math.max(left, sx(t.x)) : last ? Math.min(width - 2, sx(t.x)) : sx(t.x);
    c.text(x, height - 5, t.label, { size: SIZE, anchor, color: PALETTE.muted });
  });
  for (const s of series) {
    const color = s.color ?? PALETTE.accent;
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r2(sx(p.x))},${r2(sy(p.y))}`).join('');
    const first = s.points[0]!;
    const last = s.points[s.points.length - 1]!;
    if (s.fill)
      c.path(`${d}L${r2(sx(last.x))},${r2(sy(0))}L${r2(sx(first.x))},${r2(sy(0))}Z`, {
        fill: color,
        fillOpacity: 0.18,
      });
    c.path(d, { stroke: color, width: 1.4 });
  }
  return c.done(width, height);
}
