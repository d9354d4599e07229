import type { Drawing, Shape } from '../charts/svg';
import { helveticaWidth } from '../charts/text';

type Doc = PDFKit.PDFDocument;

function text(doc: Doc, s: Extract<Shape, { kind: 'text' }>): void {
  const t = s.style;
  doc
    .font(t.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(t.size)
    .fillColor(t.color);
  const w = helveticaWidth(s.text, t.size, t.bold);
  const dx = t.anchor === 'middle' ? -w / 2 : t.anchor === 'end' ? -w : 0;
  if (t.rotate) doc.save().rotate(t.rotate, { origin: [s.x, s.y] });
  doc.text(s.text, s.x + dx, s.y, { lineBreak: false, baseline: 'alphabetic' });
  if (t.rotate) doc.restore();
}

function shape(doc: Doc, s: Shape): void {
  switch (s.kind) {
    case 'rect':
      (s.radius ? doc.roundedRect(s.x, s.y, s.w, s.h, s.radius) : doc.rect(s.x, s.y, s.w, s.h)).fill(s.fill);
      return;
    case 'line':
      doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width);
      if (s.dash) doc.dash(s.dash[0]!, { space: s.dash[1] ?? s.dash[0]! });
      doc.stroke(s.stroke);
      if (s.dash) doc.undash();
      return;
    case 'path':
      doc.save().path(s.d);
      if (s.fill !== undefined && s.stroke !== undefined) doc.lineWidth(s.width ?? 1).fillAndStroke(s.fill, s.stroke);
      else if (s.fill !== undefined) doc.fillOpacity(s.fillOpacity ?? 1).fill(s.fill);
      else doc.lineWidth(s.width ?? 1).stroke(s.stroke ?? '#000000');
      doc.restore();
      return;
    case 'text':
      text(doc, s);
      return;
  }
}

/** Draws one of our charts at (x, y), scaled, with pdfkit's own vector operators. */
export function drawShapes(doc: Doc, drawing: Drawing, x: number, y: number, scale: number): void {
  doc.save().translate(x, y).scale(scale);
  for (const s of drawing.shapes) shape(doc, s);
  doc.restore();
}
