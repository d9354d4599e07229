import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { AnalysisReport } from '../schema';
import type { Lang } from '../../i18n';
import { buildView, type Block, type Section } from '../view';

import type { PaperSize } from '../../analysis/options';

const MARGIN = 50;
const INK = '#1f2933';
const MUTED = '#616e7c';
const LINE = '#d9e2ec';

/**
 * The report as a PDF: one section per page (summary first), vector charts, and on every page a
 * footer with the page number, generation time, data date and provider. `appendix` sections (a
 * what-if page) follow the report's own.
 */
export function renderPdf(
  report: AnalysisReport,
  lang: Lang,
  size: PaperSize = 'A4',
  appendix: readonly Section[] = [],
): Promise<Buffer> {
  const view = buildView(report, lang);
  view.sections.push(...appendix);
  const doc = new PDFDocument({
    size,
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: view.title, Creator: 'ai-exposure', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(view.title);
  doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(MUTED).text(view.subtitle);
  for (const n of view.notices) notice(doc, n, width);
  view.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(15).fillColor(INK).text(section.title);
    doc.moveDown(0.3);
    for (const b of section.blocks) block(doc, b, width);
  });

  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 6;
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
    doc.text(view.footer, MARGIN, y, { width: width - 80, lineBreak: false });
    doc.text(view.pageLabel(p + 1, range.count), MARGIN + width - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN - 24) doc.addPage();
}

function notice(doc: PDFKit.PDFDocument, text: string, width: number): void {
  doc.moveDown(0.4);
  const h =
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .heightOfString(text, { width: width - 16 }) + 10;
  ensureSpace(doc, h);
  const y = doc.y;
  doc.save().rect(MARGIN, y, width, h).fill('#fff4e5').restore();
  doc.save().rect(MARGIN, y, 3, h).fill('#f0b429').restore();
  doc.fillColor(INK).text(text, MARGIN + 10, y + 5, { width: width - 16 });
  doc.x = MARGIN;
  doc.y = y + h + 4;
}

function block(doc: PDFKit.PDFDocument, b: Block, width: number): void {
  switch (b.kind) {
    case 'paragraph':
      doc
        .moveDown(0.25)
        .font(b.strong ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(b.strong ? 11.5 : 10)
        .fillColor(INK)
        .text(b.text, MARGIN, doc.y, { width });
      return;
    case 'list':
      doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor(INK)
        .list(b.items, MARGIN + 10, doc.y, { width: width - 10, bulletRadius: 1.6 });
      doc.x = MARGIN;
      return;
    case 'notice':
      notice(doc, b.text, width);
      return;
    case 'chart': {
      const w = Number(/width="([\d.]+)"/.exec(b.svg)?.[1] ?? 520);
      const h = Number(/height="([\d.]+)"/.exec(b.svg)?.[1] ?? 200);
      const scale = Math.min(1, width / w);
      ensureSpace(doc, h * scale + 24);
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(9.5).fillColor(MUTED).text(b.title, MARGIN, doc.y, { width });
      const y = doc.y + 2;
      SVGtoPDF(doc, b.svg, MARGIN, y, { width: w * scale, height: h * scale, assumePt: true });
      doc.x = MARGIN;
      doc.y = y + h * scale + 4;
      return;
    }
    case 'table':
      table(doc, b, width);
      return;
  }
}

function table(doc: PDFKit.PDFDocument, b: Extract<Block, { kind: 'table' }>, width: number): void {
  const cols = b.head.length;
  // Text columns share what the numeric ones (a fixed 70 pt) leave.
  const numericW = 70;
  const textCols = b.numeric.filter((n) => !n).length || 1;
  const textW = (width - numericW * (cols - textCols)) / textCols;
  const widths = b.numeric.map((n) => (n ? numericW : textW));
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    ensureSpace(doc, h);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc
        .fillColor(bold ? MUTED : INK)
        .text(c, x + 3, y + 3, { width: widths[i]! - 6, align: b.numeric[i] ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  doc.moveDown(0.4);
  if (b.head.some((h) => h !== '')) row(b.head, true);
  for (const r of b.rows) row(r, false);
}
