import { LANGUAGES, type Lang, type MessageCode, reader } from '../../i18n';
import { escapeXml as escapeHtml } from '../../report/charts/svg';
import { REPORT_CSS } from '../../report/html/render-html';
import { WHATIF_CSS, WHATIF_TEXTS, whatIfPanel } from './page-whatif';

/** Texts the page's script switches when the reader changes language (the rest comes from the server). */
const SCRIPT_TEXTS: MessageCode[] = [
  'page.title',
  'page.intro',
  'page.drop',
  'page.choose',
  'page.base',
  'page.asOf',
  'page.lang',
  'page.key',
  'page.analyse',
  'page.analysing',
  'page.tabReport',
  'page.tabPreview',
  'page.download',
  'page.pdfA4',
  'page.pdfLetter',
  'page.requestFailed',
  'page.offline',
  ...WHATIF_TEXTS,
];

const CSS = `body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2933;
background:#f5f7fa}
*{box-sizing:border-box}main{max-width:920px;margin:0 auto;padding:20px 16px 48px;background:#fff;min-height:100vh}
.top{display:flex;flex-wrap:wrap;align-items:flex-start;justify-content:space-between;gap:8px}
h1{font-size:22px;margin:0;flex:1 1 260px}
#drop{border:2px dashed #9aa5b1;border-radius:8px;padding:24px 12px;text-align:center;cursor:pointer;margin:12px 0}
#drop.over{background:#e6f0ff;border-color:#1f6feb}
#file{position:absolute;width:1px;height:1px;opacity:0}
#file:focus-visible+.choose,.choose:hover{outline:2px solid #1f6feb}
.choose{display:inline-block;margin:10px 8px 0 0;background:#fff;color:#1f6feb;border:1px solid #1f6feb;
border-radius:6px;padding:6px 14px;cursor:pointer}
#file-name{color:#616e7c;overflow-wrap:anywhere}
fieldset{border:0;padding:0;display:flex;flex-wrap:wrap;gap:12px;margin:8px 0;min-width:0}
label{display:flex;flex-direction:column;font-size:13px;color:#616e7c;max-width:100%}
input,select,button{font:inherit;padding:6px 8px;max-width:100%}
button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:8px 18px;cursor:pointer}
button[disabled]{background:#9aa5b1}.hidden{display:none!important}
.error{background:#fff5f5;border-left:4px solid #c92a2a;padding:8px 12px;margin:12px 0;color:#c92a2a}
#tabs{display:flex;gap:4px;margin:20px 0 0;border-bottom:2px solid #d9e2ec}
#tabs button{background:none;color:#616e7c;border-radius:6px 6px 0 0;padding:8px 14px}
#tabs button[aria-selected="true"]{background:#1f6feb;color:#fff}
#downloads{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:baseline;margin:12px 0}
#preview h2{font-size:18px}small{color:#616e7c}
@media (max-width:600px){body{font-size:14px}main{padding:12px}h1{font-size:19px}}
${WHATIF_CSS}`;

function texts(): string {
  const all = Object.fromEntries(
    LANGUAGES.map((lang) => {
      const f = reader(lang);
      return [lang, Object.fromEntries(SCRIPT_TEXTS.map((code) => [code.slice(5), f.t(code)]))];
    }),
  );
  // A JSON data block is not run as script; "<" is escaped so no text can close the element.
  return JSON.stringify(all).replace(/</g, '\\u003c');
}

/**
 * The upload page, written in the reader's language: a form, the file as read, then the report
 * itself (from the same view model as the HTML and the PDF). The labels of both languages travel
 * in a JSON block, so the selector switches them without losing the file; all behaviour is in
 * /app.js (the CSP allows no inline script).
 */
export function uploadPage(lang: Lang, needsKey: boolean): string {
  const f = reader(lang);
  const t = (code: MessageCode, id: string) => `<span data-t="${id}">${escapeHtml(f.t(code))}</span>`;
  const key = `<label>${t('page.key', 'key')}<input type="password" id="apiKey" autocomplete="off"></label>`;
  const option = (value: string, label: string, on: boolean) =>
    `<option value="${value}"${on ? ' selected' : ''}>${label}</option>`;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(f.t('page.title'))}</title><style>${CSS}${REPORT_CSS}</style></head>
<body><main>
<div class="top"><h1>${t('page.title', 'title')}</h1>
<label>${t('page.lang', 'lang')}<select id="lang">${option('en', 'English', lang === 'en')}
${option('it', 'Italiano', lang === 'it')}</select></label></div>
<p>${t('page.intro', 'intro')}</p>
<form id="form">
<div id="drop">${t('page.drop', 'drop')}<br>
<input type="file" id="file" name="file" accept=".csv,.txt,.tsv,text/csv">
<label class="choose" for="file">${t('page.choose', 'choose')}</label><span id="file-name"></span></div>
<fieldset>
<label>${t('page.base', 'base')}<select id="baseCurrency">${['USD', 'EUR', 'GBP', 'CHF']
    .map((c) => option(c, c, c === (lang === 'it' ? 'EUR' : 'USD')))
    .join('')}</select></label>
<label>${t('page.asOf', 'asOf')}<input type="date" id="asOf"></label>
${needsKey ? key : ''}
</fieldset>
</form>
<div id="error" class="error hidden" role="alert"></div>
<div id="tabs" class="hidden" role="tablist">
<button type="button" id="tab-report" role="tab" aria-selected="true">${t('page.tabReport', 'tabReport')}</button>
<button type="button" id="tab-whatif" role="tab" aria-selected="false">${t('page.tabWhatIf', 'tabWhatIf')}</button>
<button type="button" id="tab-preview" role="tab" aria-selected="false">
${t('page.tabPreview', 'tabPreview')}</button></div>
<section id="preview" class="hidden aix-report" aria-live="polite"></section>
<button id="analyse" class="hidden" type="button">${t('page.analyse', 'analyse')}</button>
<section id="results" class="hidden" aria-live="polite">
<p id="downloads">${t('page.download', 'download')}
<a href="#" id="download-pdf" data-path="report.pdf">${t('page.pdfA4', 'pdfA4')}</a>
<a href="#" id="download-letter" data-path="report.pdf" data-paper="LETTER">${t('page.pdfLetter', 'pdfLetter')}</a>
<a href="#" id="download-html" data-path="report.html">HTML</a><a href="#" id="download-json" data-path="">JSON</a></p>
<div id="report" class="aix-report"></div>
</section>
${whatIfPanel(t)}
</main>
<script type="application/json" id="texts">${texts()}</script>
<script type="module" src="/app.js"></script></body></html>`;
}
