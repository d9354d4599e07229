import type { Block } from '../view';
import { style, textHeight } from './blocks';
import { helveticaWidth } from '../charts/text';
import { COLOURS, type Flow } from './flow';

type Table = Extract<Block, { kind: 'table' }>;
type Doc = PDFKit.PDFDocument;

const SIZE = 8.5;
const PAD = 3;
/** Rows that must fit under a table's header where it starts, so a header never ends a page alone. */
const FIRST_ROWS = 3;

/** The widest word of a cell, with the space a line wrapper measures after it. */
function longestWord(text: string, bold: boolean): number {
  let w = 0;
  for (const word of text.split(/\s+/)) w = Math.max(w, helveticaWidth(`${word} `, SIZE, bold));
  return w;
}

/**
 * Column widths as a browser lays out an automatic table: each column between its narrowest
 * (its longest word; a figure never wraps) and its widest (its longest cell on one line; a header
 * may wrap), the room shared in proportion to what each column would still take.
 */
function columnWidths(t: Table, width: number): number[] {
  const min: number[] = [];
  const max: number[] = [];
  t.head.forEach((head, i) => {
    let full = 0;
    let word = longestWord(head, true);
    for (const r of t.rows) {
      const cell = r[i] ?? '';
      full = Math.max(full, helveticaWidth(cell, SIZE));
      if (!t.numeric[i]) word = Math.max(word, longestWord(cell, false));
    }
    const widest = Math.max(full, word) + 2 * PAD + 2;
    max.push(widest);
    min.push(t.numeric[i] ? widest : word + 2 * PAD + 2);
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const [lo, hi] = [sum(min), sum(max)];
  if (hi <= width) {
    // Spare room goes to the text columns (or to all when every column is a figure).
    const grow = max.map((w, i) => (t.numeric.every((n) => n) || !t.numeric[i] ? w : 0));
    return max.map((w, i) => w + ((width - hi) * grow[i]!) / sum(grow));
  }
  if (lo >= width) return min.map((w) => (w * width) / lo);
  return min.map((w, i) => w + ((max[i]! - w) * (width - lo)) / (hi - lo));
}

const widthsOf = new WeakMap<Table, number[]>();

function cachedWidths(t: Table, width: number): number[] {
  let w = widthsOf.get(t);
  if (w === undefined) widthsOf.set(t, (w = columnWidths(t, width)));
  return w;
}

function rowHeight(doc: Doc, cells: readonly string[], widths: readonly number[], bold: boolean): number {
  style(doc, bold ? 'Helvetica-Bold' : 'Helvetica', SIZE, COLOURS.ink);
  const lineH = doc.currentLineHeight(true) + 1.5;
  let h = 0;
  cells.forEach((c, i) => {
    const w = widths[i]! - 2 * PAD;
    // One line is the common case: measured by width, without running the line wrapper.
    h = Math.max(h, helveticaWidth(c, SIZE, bold) < w - 1 ? lineH : textHeight(doc, c, w));
  });
  return h + 2 * PAD;
}

function drawRow(flow: Flow, t: Table, cells: readonly string[], widths: readonly number[], h: number, bold: boolean) {
  const doc = style(flow.doc, bold ? 'Helvetica-Bold' : 'Helvetica', SIZE, bold ? COLOURS.muted : COLOURS.ink);
  let x = flow.left;
  cells.forEach((c, i) => {
    const w = widths[i]! - 2 * PAD;
    const oneLine = helveticaWidth(c, SIZE, bold);
    // A cell on one line is placed by its own width: pdfkit's line wrapper measures every word
    // with kerning, and most cells are a number or a name.
    if (oneLine < w - 1) {
      const dx = t.numeric[i] ? w - oneLine : 0;
      doc.text(c, x + PAD + dx, flow.y + PAD, { lineBreak: false });
    } else doc.text(c, x + PAD, flow.y + PAD, { width: w, lineGap: 1.5, align: t.numeric[i] ? 'right' : 'left' });
    x += widths[i]!;
  });
  doc
    .moveTo(flow.left, flow.y + h)
    .lineTo(flow.left + flow.width, flow.y + h)
    .lineWidth(bold ? 0.8 : 0.5)
    .strokeColor(COLOURS.line)
    .stroke();
  flow.y += h;
}

/** A table that continues on the next page when it must, with its header row repeated there. */
export function table(flow: Flow, t: Table): void {
  const doc = flow.doc;
  const widths = cachedWidths(t, flow.width);
  const hasHead = t.head.some((h) => h !== '');
  const headH = hasHead ? rowHeight(doc, t.head, widths, true) : 0;
  const heights = t.rows.map((r) => rowHeight(doc, r, widths, false));
  flow.gap(6);
  flow.ensure(startOf(flow, headH, heights));
  if (hasHead) drawRow(flow, t, t.head, widths, headH, true);
  let here = 0;
  t.rows.forEach((r, i) => {
    // The last row never goes to a new page alone: the one before it goes with it.
    const widow = i === t.rows.length - 2 && here >= FIRST_ROWS && heights[i]! + heights[i + 1]! > flow.remaining;
    if (heights[i]! > flow.remaining || widow) {
      flow.newPage();
      here = 0;
      if (hasHead) drawRow(flow, t, t.head, widths, headH, true);
    }
    drawRow(flow, t, r, widths, heights[i]!, false);
    here++;
  });
}

/**
 * Height a table needs where it starts: all of it when it is small (a third of a page at most,
 * so the page it leaves is two-thirds full), else its header and first rows.
 */
function startOf(flow: Flow, headH: number, heights: readonly number[]): number {
  const all = headH + heights.reduce((a, b) => a + b, 0);
  return all <= flow.usable / 3 ? all : headH + heights.slice(0, FIRST_ROWS).reduce((a, b) => a + b, 0);
}

export function tableStart(flow: Flow, t: Table): number {
  const widths = cachedWidths(t, flow.width);
  const head = t.head.some((h) => h !== '') ? rowHeight(flow.doc, t.head, widths, true) : 0;
  return (
    startOf(
      flow,
      head,
      t.rows.map((r) => rowHeight(flow.doc, r, widths, false)),
    ) + 6
  );
}
