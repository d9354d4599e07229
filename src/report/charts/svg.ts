/**
 * Our own small SVG charts: vector in the HTML and, through svg-to-pdfkit, in the PDF. Pure
 * functions from numbers to markup; every text is escaped.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
export const PALETTE = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#d9e2ec',
  accent: '#1f6feb',
  warm: '#d9480f',
  positive: '#2b8a3e',
  negative: '#c92a2a',
};
const r2 = (x: number) => Math.round(x * 100) / 100;

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars, largest first as given; values may be negative (bars grow left from zero). */
export function barChart(bars: readonly Bar[], format: (v: number) => string, width = 520): string {
  const rowH = 22;
  const labelW = 170;
  const valueW = 70;
  const height = bars.length * rowH + 8;
  const min = Math.min(0, ...bars.map((b) => b.value));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const span = max - min || 1;
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + ((v - min) / span) * plotW;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const x0 = x(Math.min(0, b.value));
    const w = Math.max(1, Math.abs(x(b.value) - x(0)));
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="11" fill="${PALETTE.ink}" ${FONT}>${escapeXml(b.label)}</text>` +
      `<rect x="${r2(x0)}" y="${y + 4}" width="${r2(w)}" height="${rowH - 8}" fill="${b.color ?? PALETTE.accent}" rx="2"/>` +
      `<text x="${width - 4}" y="${y + 15}" text-anchor="end" font-size="11" fill="${PALETTE.muted}" ${FONT}>${escapeXml(format(b.value))}</text>`
    );
  });
  return svg(
    width,
    height,
    `<line x1="${r2(x(0))}" y1="0" x2="${r2(x(0))}" y2="${height}" stroke="${PALETTE.grid}"/>${rows.join('')}`,
  );
}

export interface Series {
  points: readonly { x: number; y: number }[];
  color?: string;
  fill?: boolean;
}

/** Lines over a numeric x axis with labelled ticks; y from its own range (0 always shown). */
export function lineChart(
  series: readonly Series[],
  opts: { xTicks: { x: number; label: string }[]; yFormat: (v: number) => string; width?: number; height?: number },
): string {
  const width = opts.width ?? 520;
  const height = opts.height ?? 200;
  const left = 52;
  const bottom = 22;
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return svg(width, height, '');
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(0, ...ys)];
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (width - left - 8);
  const sy = (y: number) => 6 + (1 - (y - y0) / (y1 - y0 || 1)) * (height - bottom - 6);
  const grid = [y0, (y0 + y1) / 2, y1].map(
    (v) =>
      `<line x1="${left}" y1="${r2(sy(v))}" x2="${width - 8}" y2="${r2(sy(v))}" stroke="${PALETTE.grid}"/><text x="${left - 4}" y="${r2(sy(v) + 4)}" text-anchor="end" font-size="10" fill="${PALETTE.muted}" ${FONT}>${escapeXml(opts.yFormat(v))}</text>`,
  );
  const ticks = opts.xTicks.map(
    (t) =>
      `<text x="${r2(sx(t.x))}" y="${height - 6}" text-anchor="middle" font-size="10" fill="${PALETTE.muted}" ${FONT}>${escapeXml(t.label)}</text>`,
  );
  const lines = series.map((s) => {
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r2(sx(p.x))},${r2(sy(p.y))}`).join('');
    const area = s.fill
      ? `<path d="${d}L${r2(sx(s.points[s.points.length - 1]!.x))},${r2(sy(0))}L${r2(sx(s.points[0]!.x))},${r2(sy(0))}Z" fill="${s.color ?? PALETTE.accent}" fill-opacity="0.18"/>`
      : '';
    return `${area}<path d="${d}" fill="none" stroke="${s.color ?? PALETTE.accent}" stroke-width="1.6"/>`;
  });
  return svg(
    width,
    height,
    `${grid.join('')}<line x1="${left}" y1="${r2(sy(0))}" x2="${width - 8}" y2="${r2(sy(0))}" stroke="${PALETTE.muted}" stroke-width="0.6"/>${ticks.join('')}${lines.join('')}`,
  );
}

/** Columns of a distribution; bins whose upper edge is at or below `markAt` are drawn in the warning colour. */
export function histogram(
  bins: readonly { from: number; to: number; count: number }[],
  opts: { format: (v: number) => string; markAt?: number; width?: number; height?: number },
): string {
  const width = opts.width ?? 520;
  const height = opts.height ?? 170;
  const bottom = 22;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const w = (width - 16) / Math.max(1, bins.length);
  const cols = bins.map((b, i) => {
    const h = (b.count / max) * (height - bottom - 6);
    const color = opts.markAt !== undefined && b.to <= opts.markAt ? PALETTE.negative : PALETTE.accent;
    return `<rect x="${r2(8 + i * w)}" y="${r2(height - bottom - h)}" width="${r2(Math.max(1, w - 1))}" height="${r2(h)}" fill="${color}"/>`;
  });
  const labels = [0, Math.floor(bins.length / 2), bins.length - 1]
    .filter((i) => bins[i] !== undefined)
    .map(
      (i) =>
        `<text x="${r2(8 + i * w + w / 2)}" y="${height - 6}" text-anchor="middle" font-size="10" fill="${PALETTE.muted}" ${FONT}>${escapeXml(opts.format((bins[i]!.from + bins[i]!.to) / 2))}</text>`,
    );
  return svg(width, height, `${cols.join('')}${labels.join('')}`);
}

/** A correlation heat map: blue for positive, red for negative, labels on both axes. */
export function heatmap(labels: readonly string[], matrix: readonly (readonly number[])[], width = 520): string {
  const n = labels.length;
  if (n === 0) return svg(width, 20, '');
  const labelW = 56;
  const cell = Math.min(28, (width - labelW) / n);
  const height = labelW + n * cell;
  const cells: string[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const v = matrix[a]![b]!;
      const intensity = Math.min(1, Math.abs(v));
      const color =
        v >= 0
          ? `rgb(${Math.round(255 - 224 * intensity)},${Math.round(255 - 144 * intensity)},${Math.round(255 - 20 * intensity)})`
          : `rgb(${Math.round(255 - 54 * intensity)},${Math.round(255 - 213 * intensity)},${Math.round(255 - 213 * intensity)})`;
      cells.push(
        `<rect x="${r2(labelW + b * cell)}" y="${r2(labelW + a * cell)}" width="${r2(cell - 1)}" height="${r2(cell - 1)}" fill="${color}"/>`,
      );
    }
  }
  const rowLabels = labels.map(
    (l, a) =>
      `<text x="${labelW - 4}" y="${r2(labelW + a * cell + cell * 0.65)}" text-anchor="end" font-size="9" fill="${PALETTE.ink}" ${FONT}>${escapeXml(l)}</text>`,
  );
  const colLabels = labels.map(
    (l, b) =>
      `<text x="${r2(labelW + b * cell + cell * 0.6)}" y="${labelW - 4}" font-size="9" fill="${PALETTE.ink}" ${FONT} transform="rotate(-60 ${r2(labelW + b * cell + cell * 0.6)} ${labelW - 4})">${escapeXml(l)}</text>`,
  );
  return svg(Math.max(width, labelW + n * cell), height, `${cells.join('')}${rowLabels.join('')}${colLabels.join('')}`);
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${body}</svg>`;
}
