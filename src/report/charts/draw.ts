/**
 * A chart is a list of shapes on a canvas of known size: written as SVG for the HTML and drawn
 * directly with pdfkit in the PDF (svg-to-pdfkit took 10–40 ms per chart and most of a report's
 * rendering time; the shapes draw in well under a millisecond). Shapes are the few our charts
 * use: rectangles, lines, paths, and one-line texts anchored at their baseline.
 */
import { escapeXml, fitText, textWidth } from './text';

export const PALETTE = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#d9e2ec',
  accent: '#1f6feb',
  warm: '#d9480f',
  positive: '#2b8a3e',
  negative: '#c92a2a',
  amber: '#f0b429',
};

export interface TextStyle {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  color?: string;
  bold?: boolean;
  /** Degrees about (x, y), clockwise as in SVG. */
  rotate?: number;
}

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; radius?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: number[] }
  | { kind: 'path'; d: string; fill?: string; fillOpacity?: number; stroke?: string; width?: number }
  | { kind: 'text'; x: number; y: number; text: string; style: Required<Omit<TextStyle, 'rotate'>> & TextStyle };

export interface Drawing {
  width: number;
  height: number;
  shapes: readonly Shape[];
}

export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Collects shapes; a chart function fills one and hands back the drawing. */
export class Canvas {
  readonly shapes: Shape[] = [];

  rect(x: number, y: number, w: number, h: number, fill: string, radius?: number): void {
    this.shapes.push({ kind: 'rect', x, y, w, h, fill, radius });
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash?: number[]): void {
    this.shapes.push({ kind: 'line', x1, y1, x2, y2, stroke, width, dash });
  }

  path(d: string, paint: { fill?: string; fillOpacity?: number; stroke?: string; width?: number }): void {
    this.shapes.push({ kind: 'path', d, ...paint });
  }

  /** One line of text whose baseline is at y. */
  text(x: number, y: number, text: string, style: TextStyle = {}): void {
    const full = { size: 10, anchor: 'start' as const, color: PALETTE.ink, bold: false, ...style };
    this.shapes.push({ kind: 'text', x, y, text, style: full });
  }

  done(width: number, height: number): Drawing {
    return { width: r2(width), height: r2(height), shapes: this.shapes };
  }
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case 'rect':
      return (
        `<rect x="${r2(s.x)}" y="${r2(s.y)}" width="${r2(s.w)}" height="${r2(s.h)}" fill="${s.fill}"` +
        `${s.radius ? ` rx="${s.radius}"` : ''}/>`
      );
    case 'line':
      return (
        `<line x1="${r2(s.x1)}" y1="${r2(s.y1)}" x2="${r2(s.x2)}" y2="${r2(s.y2)}" stroke="${s.stroke}"` +
        ` stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`
      );
    case 'path':
      return (
        `<path d="${s.d}" fill="${s.fill ?? 'none'}"` +
        `${s.fillOpacity === undefined ? '' : ` fill-opacity="${s.fillOpacity}"`}` +
        `${s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.width ?? 1}"` : ''}/>`
      );
    case 'text': {
      const t = s.style;
      const anchor = t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : '';
      const rotate = t.rotate ? ` transform="rotate(${t.rotate} ${r2(s.x)} ${r2(s.y)})"` : '';
      return (
        `<text x="${r2(s.x)}" y="${r2(s.y)}"${anchor}${t.bold ? ' font-weight="bold"' : ''}${rotate}` +
        ` font-size="${t.size}" fill="${t.color}" ${FONT}>${escapeXml(s.text)}</text>`
      );
    }
  }
}

/** The drawing as an SVG element for the HTML (every text escaped). */
export function toSvg(d: Drawing): string {
  const size = `width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" ${size} role="img">${d.shapes.map(shapeSvg).join('')}</svg>`;
}

/** Round tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  // `+ 0` turns −0 into 0, which would otherwise be written "-0 %".
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Math.round(v / step) * step + 0);
  if (ticks[ticks.length - 1]! < max - step * 1e-9) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/**
 * Coloured marks with their meaning, left to right from (x, y), starting a new row when the next
 * item would pass `maxWidth`; returns the height used.
 */
export function legend(
  c: Canvas,
  items: readonly { color: string; text: string }[],
  x: number,
  y: number,
  maxWidth: number,
): number {
  let cx = x;
  let cy = y;
  for (const it of items) {
    const w = 15 + textWidth(it.text, 9);
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += 14;
    }
    c.rect(cx, cy, 10, 10, it.color);
    c.text(cx + 15, cy + 9, fitText(it.text, 9, maxWidth - 15), { size: 9, color: PALETTE.muted });
    cx += w + 14;
  }
  return cy - y + 12;
}
