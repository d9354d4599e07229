import type { AnalysisReport } from '../schema';
import type { Lang } from '../../i18n';
import { escapeXml as escapeHtml, toSvg } from '../charts/svg';
import { buildView, type Block, type Figure, type Kpi, type ReportView, type Section } from '../view';

/**
 * The report's styles, every rule under `.aix-report` so the upload page can show the same report
 * beside its own styles. Tables may scroll inside their box on a narrow screen; the page never does.
 */
export const REPORT_CSS = `
.aix-report{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#1f6feb;--warn:#fff4e5;--warnline:#f0b429;
color:var(--ink);font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;overflow-wrap:anywhere}
.aix-report *{box-sizing:border-box}
.aix-report h1{font-size:26px;margin:0 0 4px;line-height:1.2}
.aix-report h2{font-size:20px;margin:32px 0 8px;padding-top:8px;border-top:2px solid var(--line)}
.aix-report h3{font-size:14px;margin:18px 0 6px;color:var(--muted);font-weight:600}
.aix-report .subtitle{color:var(--muted);margin:0 0 16px}
.aix-report .notice{background:var(--warn);border-left:4px solid var(--warnline);padding:8px 12px;margin:12px 0}
.aix-report p.strong{font-weight:600;font-size:17px}
.aix-report .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:12px 0}
.aix-report .kpi{border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:#f8fafc}
.aix-report .kpi .label{font-size:12px;color:var(--muted)}.aix-report .kpi .value{font-size:24px;font-weight:700}
.aix-report .kpi .note{font-size:12px;color:var(--muted)}
.aix-report .table{overflow-x:auto;margin:8px 0 16px}
.aix-report table{border-collapse:collapse;width:100%;font-size:13px}
.aix-report th,.aix-report td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.aix-report th{color:var(--muted);font-weight:600}.aix-report .num{text-align:right;white-space:nowrap}
.aix-report .charts{display:flex;flex-wrap:wrap;gap:16px}.aix-report figure{margin:8px 0;min-width:0}
.aix-report figcaption{font-size:14px;color:var(--muted);font-weight:600;margin:10px 0 4px}
.aix-report figure svg{max-width:100%;height:auto;display:block}.aix-report .note{font-size:13px;color:var(--muted)}
.aix-report footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:600px){.aix-report{font-size:14px}.aix-report table{font-size:12px}
.aix-report th,.aix-report td{padding:4px 4px}.aix-report h1{font-size:22px}}
@media print{.aix-report h2{break-before:page}.aix-report section:first-of-type h2{break-before:auto}
.aix-report figure,.aix-report .kpis{break-inside:avoid}}
`;

const PAGE_CSS = `body{margin:0;background:#f5f7fa}
main.aix-report{max-width:880px;margin:0 auto;padding:24px 16px 48px;background:#fff}
@media (max-width:600px){main.aix-report{padding:12px}}
@media print{body{background:#fff}main.aix-report{max-width:none;padding:0}}`;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no external request;
 * `appendix` sections (a what-if page) follow the report's own.
 */
export function renderHtml(report: AnalysisReport, lang: Lang, appendix: readonly Section[] = []): string {
  const view = buildView(report, lang);
  view.sections.push(...appendix);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>${REPORT_CSS}${PAGE_CSS}</style>
</head>
<body>
<main class="aix-report">
${reportBody(view)}
</main>
</body>
</html>
`;
}

/** The report's content without a page around it: what the upload page shows under `.aix-report`. */
function reportBody(view: ReportView): string {
  const sections = view.sections.map(sectionHtml).join('\n');
  return `<h1>${escapeHtml(view.title)}</h1>
<p class="subtitle">${escapeHtml(view.subtitle)}</p>
${view.notices.map((n) => `<div class="notice" role="note">${escapeHtml(n)}</div>`).join('\n')}
${sections}
<footer>${escapeHtml(view.footer)}</footer>`;
}

/** One section of the view as HTML: the upload page shows the what-if's this way, under `.aix-report`. */
export function sectionHtml(s: Section): string {
  return `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`;
}

function figure(c: Figure): string {
  // The SVG is ours: built from numbers, every label escaped where it was drawn.
  const width = c.drawing.width;
  const note = c.note === undefined ? '' : `<p class="note">${escapeHtml(c.note)}</p>`;
  const caption = `<figcaption>${escapeHtml(c.title)}</figcaption>`;
  return `<figure style="flex:1 1 ${width}px;max-width:${width}px">${caption}${toSvg(c.drawing)}${note}</figure>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.strong ? ' class="strong"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'heading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'notice':
      return `<div class="notice" role="note">${escapeHtml(b.text)}</div>`;
    case 'chart':
      return figure(b);
    case 'charts':
      return `<div class="charts">${b.charts.map(figure).join('')}</div>`;
    case 'kpis':
      return `<div class="kpis">${b.items.map(kpi).join('')}</div>`;
    case 'table':
      return table(b);
  }
}

function kpi(k: Kpi): string {
  const note = k.note === undefined ? '' : `<div class="note">${escapeHtml(k.note)}</div>`;
  const label = `<div class="label">${escapeHtml(k.label)}</div>`;
  return `<div class="kpi">${label}<div class="value">${escapeHtml(k.value)}</div>${note}</div>`;
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => (b.numeric[i] ? ' class="num"' : '');
  const head = b.head.some((h) => h !== '')
    ? `<thead><tr>${b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
    : '';
  const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `<div class="table"><table>${head}<tbody>${rows.join('')}</tbody></table></div>`;
}
