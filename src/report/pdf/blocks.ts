import type { Figure, Kpi } from '../view';
import { drawShapes } from './drawing';
import { COLOURS, type Flow } from './flow';

type Doc = PDFKit.PDFDocument;
type Font = 'Helvetica' | 'Helvetica-Bold';

const BODY = 9.5;
const LINE_GAP = 1.5;
/** A chart is never taller than this share of a page: moving one to the next leaves the page before over 40 % full. */
const CHART_MAX_SHARE = 0.55;
const CHART_GAP = 14;

export function style(doc: Doc, font: Font, size: number, colour: string): Doc {
  return doc.font(font).fontSize(size).fillColor(colour);
}

/** Height of `text` set in `width`, in the font and size already chosen. */
export function textHeight(doc: Doc, text: string, width: number): number {
  return doc.heightOfString(text, { width, lineGap: LINE_GAP });
}

/** Writes `text` at (x, y) in `width` and returns its height. */
function write(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): number {
  const h = textHeight(doc, text, width);
  doc.text(text, x, y, { width, lineGap: LINE_GAP, align });
  return h;
}

export function paragraph(flow: Flow, text: string, strong = false): void {
  const doc = style(flow.doc, strong ? 'Helvetica-Bold' : 'Helvetica', strong ? 10.5 : BODY, COLOURS.ink);
  flow.gap(5);
  flow.ensure(textHeight(doc, text, flow.width));
  flow.y += write(doc, text, flow.left, flow.y, flow.width);
}

export function heading(flow: Flow, text: string): void {
  const doc = style(flow.doc, 'Helvetica-Bold', 10.5, COLOURS.muted);
  flow.gap(10);
  flow.y += write(doc, text, flow.left, flow.y, flow.width) + 2;
}

export function list(flow: Flow, items: readonly string[]): void {
  const doc = style(flow.doc, 'Helvetica', BODY, COLOURS.ink);
  flow.gap(4);
  for (const item of items) {
    const h = textHeight(doc, item, flow.width - 12);
    flow.ensure(h);
    doc.circle(flow.left + 4, flow.y + 4.5, 1.5).fill(COLOURS.ink);
    doc.fillColor(COLOURS.ink);
    flow.y += write(doc, item, flow.left + 12, flow.y, flow.width - 12) + 3;
  }
}

export function notice(flow: Flow, text: string): void {
  const doc = style(flow.doc, 'Helvetica', 8.5, COLOURS.ink);
  const h = textHeight(doc, text, flow.width - 16) + 10;
  flow.gap(6);
  flow.ensure(h);
  const y = flow.y;
  doc.save().rect(flow.left, y, flow.width, h).fill(COLOURS.noticeFill).restore();
  doc.save().rect(flow.left, y, 3, h).fill(COLOURS.noticeBar).restore();
  doc.fillColor(COLOURS.ink);
  write(doc, text, flow.left + 10, y + 5, flow.width - 16);
  flow.y = y + h;
}

/** Tiles of headline figures in one row: label, value, note. */
export function kpis(flow: Flow, items: readonly Kpi[]): void {
  const doc = flow.doc;
  const gap = 8;
  const w = (flow.width - gap * (items.length - 1)) / items.length;
  const parts = items.map((k) => {
    const label = textHeight(style(doc, 'Helvetica', 8, COLOURS.muted), k.label, w - 12);
    const note = k.note === undefined ? 0 : textHeight(style(doc, 'Helvetica', 7.5, COLOURS.muted), k.note, w - 12);
    return { label, note };
  });
  const h = Math.max(...parts.map((p) => p.label + p.note)) + 22 + 12;
  flow.gap(8);
  flow.ensure(h);
  items.forEach((k, i) => {
    const x = flow.left + i * (w + gap);
    doc.save().roundedRect(x, flow.y, w, h, 4).fillAndStroke(COLOURS.tile, COLOURS.line).restore();
    let y = flow.y + 6;
    y += write(style(doc, 'Helvetica', 8, COLOURS.muted), k.label, x + 6, y, w - 12);
    y += write(style(doc, 'Helvetica-Bold', 18, COLOURS.ink), k.value, x + 6, y + 1, w - 12);
    if (k.note !== undefined) write(style(doc, 'Helvetica', 7.5, COLOURS.muted), k.note, x + 6, y + 1, w - 12);
  });
  flow.y += h;
}

/** How charts side by side are placed: one scale for all, so their text stays the same size. */
function figureLayout(flow: Flow, charts: readonly Figure[]) {
  const doc = flow.doc;
  const sizes = charts.map((c) => ({ w: c.drawing.width, h: c.drawing.height }));
  const room = flow.width - CHART_GAP * (charts.length - 1);
  const tallest = Math.max(...sizes.map((s) => s.h));
  const scale = Math.min(1, room / sizes.reduce((a, s) => a + s.w, 0), (CHART_MAX_SHARE * flow.usable) / tallest);
  const widths = sizes.map((s) => (charts.length === 1 ? flow.width : s.w * scale));
  style(doc, 'Helvetica-Bold', 9, COLOURS.muted);
  const titleH = Math.max(...charts.map((c, i) => textHeight(doc, c.title, widths[i]!))) + 3;
  style(doc, 'Helvetica', 8, COLOURS.muted);
  const noteH = Math.max(
    0,
    ...charts.map((c, i) => (c.note === undefined ? 0 : textHeight(doc, c.note, widths[i]!) + 3)),
  );
  return { sizes, scale, widths, titleH, noteH, height: titleH + tallest * scale + noteH };
}

export function figureHeight(flow: Flow, charts: readonly Figure[]): number {
  return figureLayout(flow, charts).height + 10;
}

/** One chart, or several side by side, each with its title above and its note below. */
export function figures(flow: Flow, charts: readonly Figure[]): void {
  const doc = flow.doc;
  const layout = figureLayout(flow, charts);
  flow.gap(10);
  flow.ensure(layout.height);
  let x = flow.left;
  charts.forEach((c, i) => {
    const { w, h } = layout.sizes[i]!;
    write(style(doc, 'Helvetica-Bold', 9, COLOURS.muted), c.title, x, flow.y, layout.widths[i]!);
    const y = flow.y + layout.titleH;
    drawShapes(doc, c.drawing, x, y, layout.scale);
    if (c.note !== undefined)
      write(style(doc, 'Helvetica', 8, COLOURS.muted), c.note, x, y + h * layout.scale + 3, layout.widths[i]!);
    x += (charts.length === 1 ? w * layout.scale : layout.widths[i]!) + CHART_GAP;
  });
  flow.y += layout.height;
}
