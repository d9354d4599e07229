import type { AnalysisReport } from '../schema';
import type { Lang } from '../../i18n';
import { escapeXml as escapeHtml } from '../charts/svg';
import { buildView, type Block, type Section } from '../view';

const CSS = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#1f6feb;--warn:#fff4e5;--warnline:#f0b429}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink);background:#f5f7fa}
main{max-width:880px;margin:0 auto;padding:24px 16px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;padding-top:8px;border-top:2px solid var(--line)}
h3{font-size:14px;margin:18px 0 6px;color:var(--muted);font-weight:600}.subtitle{color:var(--muted);margin:0 0 16px}
.notice{background:var(--warn);border-left:4px solid var(--warnline);padding:8px 12px;margin:12px 0}
p.strong{font-weight:600;font-size:17px}table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}.chart{overflow-x:auto}.chart svg{max-width:100%;height:auto}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:600px){body{font-size:14px}main{padding:12px}table{font-size:12px}}
@media print{body{background:#fff}main{max-width:none;padding:0}h2{break-before:page}h2:first-of-type{break-before:auto}.chart,table{break-inside:avoid}}
`;

/** The report as one self-contained HTML page: inline CSS and SVG, no script, no external request; `appendix` sections follow. */
export function renderHtml(report: AnalysisReport, lang: Lang, appendix: readonly Section[] = []): string {
  const view = buildView(report, lang);
  view.sections.push(...appendix);
  const sections = view.sections
    .map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(view.title)}</h1>
<p class="subtitle">${escapeHtml(view.subtitle)}</p>
${view.notices.map((n) => `<div class="notice" role="note">${escapeHtml(n)}</div>`).join('\n')}
${sections}
<footer>${escapeHtml(view.footer)}</footer>
</main>
</body>
</html>
`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.strong ? ' class="strong"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'notice':
      return `<div class="notice" role="note">${escapeHtml(b.text)}</div>`;
    case 'chart':
      // The SVG is ours: built from numbers, every label escaped where it was drawn.
      return `<h3>${escapeHtml(b.title)}</h3><div class="chart">${b.svg}</div>`;
    case 'table': {
      const cls = (i: number) => (b.numeric[i] ? ' class="num"' : '');
      const head = b.head.some((h) => h !== '')
        ? `<thead><tr>${b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
        : '';
      return `<table>${head}<tbody>${b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    }
  }
}
