/**
 * Text measurement for our SVG charts, which lay out their own labels: no renderer is there to
 * ask. Widths are Helvetica's (the PDF's standard font, from its AFM metrics, in 1/1000 em) for
 * printable ASCII; accented letters take their base letter's width.
 */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 278, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 278, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];

/**
 * Browsers draw the same SVG with whatever sans-serif they have; Debian's chromium falls back to
 * DejaVu Sans, up to about 12 % wider than Helvetica. Layout uses the wider figure so a label
 * fits in both; the PDF just gets a little more room.
 */
const BROWSER_ALLOWANCE = 1.12;

function charWidth(ch: string, table: readonly number[]): number {
  const code = ch.charCodeAt(0);
  if (code >= 32 && code <= 126) return table[code - 32]!;
  const base = ch.normalize('NFD').charCodeAt(0);
  if (base >= 32 && base <= 126) return table[base - 32]!;
  return 600;
}

/**
 * Width of `text` in Helvetica at `size`, without kerning: what the PDF's standard font takes,
 * measured without asking pdfkit (whose kerned measure costs a map lookup per pair of letters and
 * was a third of a report's rendering time). Kerning changes it by a fraction of a point.
 */
export function helveticaWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (let i = 0; i < text.length; i++) units += charWidth(text[i]!, table);
  return (units / 1000) * size;
}

/** Width in user units of `text` at `size`, as the wider of Helvetica and a browser's fallback font. */
export function textWidth(text: string, size: number, bold = false): number {
  return helveticaWidth(text, size, bold) * BROWSER_ALLOWANCE;
}

/** The text cut to fit `max` with an ellipsis (a ticker or a number is never cut: they are short). */
export function fitText(text: string, size: number, max: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, size, bold) > max) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** Words wrapped onto at most `maxLines` lines of width `max`; what still does not fit ends in an ellipsis. */
export function wrapText(text: string, size: number, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const next = line === '' ? words[i]! : `${line} ${words[i]}`;
    if (textWidth(next, size) <= max || line === '') {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitText(`${line} ${words.slice(i).join(' ')}`, size, max));
      return lines;
    }
    lines.push(fitText(line, size, max));
    line = words[i]!;
  }
  if (line !== '') lines.push(fitText(line, size, max));
  return lines;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
