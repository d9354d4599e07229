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
 * Browsers draw the same SVG with whatever sans-serif they have; Debian's chromium has only
 * DejaVu Sans, 13–25 % wider than Helvetica (its widths below, measured in chromium). A chart
 * lays out its labels with the wider of the two, plus 2 %, so a label fits in the PDF and in
 * either browser; the PDF just gets a little more room.
 */
const DEJAVU = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];
const DEJAVU_BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
  696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
  837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
  678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
  365, 712, 838,
];

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
  return units(text, bold ? BOLD : REGULAR) * (size / 1000);
}

function units(text: string, table: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += charWidth(text[i]!, table);
  return sum;
}

/** Width in user units of `text` at `size`, as the wider of Helvetica and a browser's fallback font. */
export function textWidth(text: string, size: number, bold = false): number {
  const widest = Math.max(units(text, bold ? BOLD : REGULAR), units(text, bold ? DEJAVU_BOLD : DEJAVU));
  return widest * (size / 1000) * 1.02;
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
