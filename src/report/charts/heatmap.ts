import { Canvas, type Drawing, PALETTE } from './draw';
import { textWidth } from './text';

const SIZE = 9;

/** Blue for positive, red for negative, white at zero. */
function colour(v: number): string {
  const k = Math.min(1, Math.abs(v));
  return v >= 0
    ? `rgb(${Math.round(255 - 224 * k)},${Math.round(255 - 144 * k)},${Math.round(255 - 20 * k)})`
    : `rgb(${Math.round(255 - 54 * k)},${Math.round(255 - 213 * k)},${Math.round(255 - 213 * k)})`;
}

/** The colour scale from −1 to +1 under the matrix, with its three values written. */
function scale(c: Canvas, x: number, y: number, w: number, format: (v: number) => string): void {
  const steps = 20;
  for (let i = 0; i < steps; i++) c.rect(x + (i * w) / steps, y, w / steps + 0.3, 8, colour(-1 + (2 * i + 1) / steps));
  (['start', 'middle', 'end'] as const).forEach((anchor, i) => {
    c.text(x + (i * w) / 2, y + 19, format(i - 1), { size: 8, anchor });
  });
}

/**
 * A correlation matrix: each cell coloured by its value and, when the cells are large enough to
 * read, the value written in it; row labels on the left, column labels upright along the top,
 * and the colour scale below.
 */
export function heatmap(
  labels: readonly string[],
  matrix: readonly (readonly number[])[],
  opts: { format: (v: number) => string; width?: number },
): Drawing {
  const c = new Canvas();
  const width = opts.width ?? 520;
  const n = labels.length;
  if (n === 0) return c.done(width, 20);
  const labelW = Math.max(...labels.map((l) => textWidth(l, SIZE))) + 6;
  const cell = Math.min(30, (width - labelW - 4) / n);
  const valueSize = Math.min(8.5, cell * 0.32);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const v = matrix[a]![b]!;
      const x = labelW + b * cell;
      const y = labelW + a * cell;
      c.rect(x, y, cell - 1, cell - 1, colour(v));
      // Values are written only where a cell is large enough to read them.
      if (cell >= 20)
        c.text(x + (cell - 1) / 2, y + cell / 2 + valueSize / 3, opts.format(v), {
          size: valueSize,
          anchor: 'middle',
          color: Math.abs(v) > 0.6 ? '#ffffff' : PALETTE.ink,
        });
    }
  labels.forEach((l, i) => {
    c.text(labelW - 4, labelW + i * cell + cell / 2 + 3, l, { size: SIZE, anchor: 'end' });
    c.text(labelW + i * cell + cell / 2 + 3, labelW - 4, l, { size: SIZE, rotate: -90 });
  });
  const bottom = labelW + n * cell;
  scale(c, labelW, bottom + 8, Math.min(n * cell, 200), opts.format);
  return c.done(labelW + n * cell, bottom + 32);
}
