import { Canvas, type Drawing, PALETTE, r2 } from './draw';
import { textWidth } from './text';

export interface GaugeMark {
  at: number;
  text: string;
}

const R = 78;
const THICK = 16;
const MARK_SIZE = 8.5;

/** Point on the arc for a value 0–100 (0 on the left, 100 on the right, over the top). */
function point(cx: number, cy: number, radius: number, v: number): [number, number] {
  const a = Math.PI * (1 - Math.min(100, Math.max(0, v)) / 100);
  return [cx + radius * Math.cos(a), cy - radius * Math.sin(a)];
}

function arc(c: Canvas, cx: number, cy: number, from: number, to: number, color: string, width = THICK): void {
  if (to <= from) return;
  const [x0, y0] = point(cx, cy, R, from);
  const [x1, y1] = point(cx, cy, R, to);
  c.path(`M${r2(x0)},${r2(y0)} A${R},${R} 0 0 1 ${r2(x1)},${r2(y1)}`, { stroke: color, width });
}

/**
 * A half-circle gauge of a 0–100 score. The track is shaded by reference marks (the market's and
 * the AI basket's own score in the same scenario), so the number is read against something; the
 * arc up to the score is drawn strong. The chart is as wide as its mark labels need.
 */
export function gauge(
  value: number,
  opts: { marks: readonly GaugeMark[]; centreNote: string; caption: string },
): Drawing {
  const c = new Canvas();
  const marks = [...opts.marks].sort((a, b) => a.at - b.at);
  const labelRoom = Math.max(24, ...marks.map((m) => textWidth(m.text, MARK_SIZE))) + 10;
  const width = Math.max(2 * (R + THICK / 2 + labelRoom), textWidth(opts.caption, 9.5) + 8);
  const cx = width / 2;
  const cy = R + THICK / 2 + 22;
  const bands = [0, ...marks.map((m) => m.at), 100];
  const tints = ['#d3f9d8', '#fff3bf', '#ffe3e3', '#ffc9c9'];
  for (let i = 0; i + 1 < bands.length; i++) arc(c, cx, cy, bands[i]!, bands[i + 1]!, tints[Math.min(i, 3)]!);
  const reached = marks.filter((m) => value >= m.at).length;
  const strong = [PALETTE.positive, PALETTE.amber, PALETTE.negative, PALETTE.negative][reached]!;
  arc(c, cx, cy, 0, Math.max(0.5, Math.min(100, value)), strong, THICK - 6);
  for (const m of marks) {
    const [x0, y0] = point(cx, cy, R - THICK / 2 - 2, m.at);
    const [x1, y1] = point(cx, cy, R + THICK / 2 + 3, m.at);
    const [lx, ly] = point(cx, cy, R + THICK / 2 + 6, m.at);
    const anchor = m.at < 45 ? 'end' : m.at > 55 ? 'start' : 'middle';
    c.line(x0, y0, x1, y1, PALETTE.muted);
    c.text(lx, ly - (anchor === 'middle' ? 2 : -3), m.text, { size: MARK_SIZE, anchor, color: PALETTE.muted });
  }
  for (const v of [0, 100]) {
    const [x, y] = point(cx, cy, R, v);
    c.text(x, y + 13, String(v), { size: 8, anchor: 'middle', color: PALETTE.muted });
  }
  c.text(cx, cy - 14, String(Math.round(value)), { size: 30, anchor: 'middle', bold: true });
  c.text(cx, cy + 1, opts.centreNote, { size: 9, anchor: 'middle', color: PALETTE.muted });
  c.text(cx, cy + 20, opts.caption, { size: 9.5, anchor: 'middle' });
  return c.done(width, cy + 26);
}
