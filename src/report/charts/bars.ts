import { Canvas, type Drawing, PALETTE } from './draw';
import { textWidth, wrapText } from './text';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const SIZE = 10;
const LINE_H = 12;

/**
 * Horizontal bars in the order given, values written in their own column on the right; values
 * may be negative (bars grow left from zero). Labels take the room they need up to 40 % of the
 * width and wrap onto two lines beyond it, so a long label is never cut at the chart's edge.
 */
export function barChart(bars: readonly Bar[], format: (v: number) => string, width = 520): Drawing {
  const c = new Canvas();
  const values = bars.map((b) => format(b.value));
  const valueW = Math.max(0, ...values.map((v) => textWidth(v, SIZE))) + 10;
  const labelW = Math.min(width * 0.4, Math.max(0, ...bars.map((b) => textWidth(b.label, SIZE)))) + 8;
  const lines = bars.map((b) => wrapText(b.label, SIZE, labelW - 8, 2));
  const heights = lines.map((l) => Math.max(20, l.length * LINE_H + 8));
  const height = heights.reduce((a, b) => a + b, 0) + 4;
  const min = Math.min(0, ...bars.map((b) => b.value));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const span = max - min || 1;
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + ((v - min) / span) * plotW;
  c.line(x(0), 0, x(0), height, PALETTE.grid);
  let y = 2;
  bars.forEach((b, i) => {
    const mid = y + heights[i]! / 2;
    const top = mid - ((lines[i]!.length - 1) * LINE_H) / 2 + 3.5;
    for (const [k, l] of lines[i]!.entries()) c.text(labelW - 8, top + k * LINE_H, l, { size: SIZE, anchor: 'end' });
    c.rect(
      x(Math.min(0, b.value)),
      mid - 6,
      Math.max(1, Math.abs(x(b.value) - x(0))),
      12,
      b.color ?? PALETTE.accent,
      2,
    );
    c.text(width - 2, mid + 3.5, values[i]!, { size: SIZE, anchor: 'end', color: PALETTE.muted });
    y += heights[i]!;
  });
  return c.done(width, height);
}
