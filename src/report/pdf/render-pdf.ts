import PDFDocument from 'pdfkit';
import type { PaperSize } from '../../analysis/options';
import type { Lang } from '../../i18n';
import type { AnalysisReport } from '../schema';
import { buildView, type Block, type ReportView, type Section } from '../view';
import { figures, heading, kpis, list, notice, paragraph, style, textHeight } from './blocks';
import { COLOURS, Flow, MARGIN } from './flow';
import { startHeight } from './measure';
import { table } from './table';
import { winAnsiView } from './win-ansi';

export { MARGIN as PDF_MARGIN } from './flow';

/**
 * The report as a PDF: page 1 is the summary; the detailed sections then flow onto the pages
 * (a new page only when the summary filled a third of its own), charts are kept whole, tables
 * continue with their header repeated, and every page has a footer with its number, the
 * generation time, the data date and the provider. `appendix` sections (a what-if page) follow the
 * report's own.
 */
export function renderPdf(
  report: AnalysisReport,
  lang: Lang,
  size: PaperSize = 'A4',
  appendix: readonly Section[] = [],
): Promise<Buffer> {
  const built = buildView(report, lang);
  built.sections.push(...appendix);
  const view = winAnsiView(built);
  const doc = new PDFDocument({
    size,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: view.title, Creator: 'ai-exposure', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const flow = new Flow(doc);
  titleBlock(flow, view);
  view.sections.forEach((section, i) => {
    sectionBlocks(flow, section);
    const last = i === view.sections.length - 1;
    if (!last && section.pageBreakAfter && flow.fill > 1 / 3) flow.newPage();
    else flow.gap(14);
  });
  footers(flow, view);
  doc.end();
  return done;
}

function titleBlock(flow: Flow, view: ReportView): void {
  const doc = flow.doc;
  flow.y += textHeight(style(doc, 'Helvetica-Bold', 19, COLOURS.ink), view.title, flow.width);
  doc.text(view.title, flow.left, flow.top, { width: flow.width, lineGap: 1.5 });
  style(doc, 'Helvetica', 9.5, COLOURS.muted);
  doc.text(view.subtitle, flow.left, flow.y + 2, { width: flow.width, lineGap: 1.5 });
  flow.y += textHeight(doc, view.subtitle, flow.width) + 2;
  for (const n of view.notices) notice(flow, n);
}

function sectionBlocks(flow: Flow, section: Section): void {
  const doc = style(flow.doc, 'Helvetica-Bold', 14, COLOURS.ink);
  const titleH = textHeight(doc, section.title, flow.width) + 6;
  flow.gap(12);
  flow.ensure(titleH + startHeight(flow, section.blocks, 0));
  style(doc, 'Helvetica-Bold', 14, COLOURS.ink).text(section.title, flow.left, flow.y, {
    width: flow.width,
    lineGap: 1.5,
  });
  flow.y += titleH - 4;
  doc
    .moveTo(flow.left, flow.y)
    .lineTo(flow.left + flow.width, flow.y)
    .lineWidth(1.2)
    .strokeColor(COLOURS.line)
    .stroke();
  flow.y += 4;
  section.blocks.forEach((b, i) => {
    if (b.kind === 'heading') flow.ensure(startHeight(flow, section.blocks, i));
    drawBlock(flow, b);
  });
}

function drawBlock(flow: Flow, b: Block): void {
  switch (b.kind) {
    case 'paragraph':
      paragraph(flow, b.text, b.strong);
      break;
    case 'heading':
      heading(flow, b.text);
      break;
    case 'list':
      list(flow, b.items);
      break;
    case 'notice':
      notice(flow, b.text);
      break;
    case 'kpis':
      kpis(flow, b.items);
      break;
    case 'chart':
      figures(flow, [b]);
      break;
    case 'charts':
      figures(flow, b.charts);
      break;
    case 'table':
      table(flow, b);
      break;
  }
}

/** On every page: the footer on the left, shrunk to fit its width, and "page n of N" on the right. */
function footers(flow: Flow, view: ReportView): void {
  const doc = flow.doc;
  const range = doc.bufferedPageRange();
  const labelW = 70;
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    style(doc, 'Helvetica', 7.5, COLOURS.muted);
    const room = flow.width - labelW - 8;
    const size = Math.max(5.5, Math.min(7.5, (7.5 * room) / doc.widthOfString(view.footer)));
    doc.fontSize(size).text(view.footer, flow.left, flow.footerY, { width: room, lineBreak: false });
    doc.fontSize(7.5).text(view.pageLabel(p + 1, range.count), flow.left + flow.width - labelW, flow.footerY, {
      width: labelW,
      align: 'right',
      lineBreak: false,
    });
  }
}
