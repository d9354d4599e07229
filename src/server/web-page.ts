import type { Lang } from '../i18n';
import { escapeXml as escapeHtml } from '../report/charts/svg';

const TEXT = {
  en: {
    title: 'ai-exposure — how much of your portfolio rides on AI infrastructure',
    intro:
      'Drop the holdings file your broker gives you (Degiro, Interactive Brokers, Fidelity, Schwab, Trading 212, ' +
      'or any CSV with symbols or ISINs). It is read here first so you can check it; nothing is analysed until ' +
      'you say so.',
    drop: 'Drop a CSV here, or choose a file',
    base: 'Base currency',
    asOf: 'As of (optional)',
    lang: 'Report language',
    key: 'API key',
    analyse: 'Analyse',
  },
  it: {
    title: 'ai-exposure — quanto del tuo portafoglio dipende dalle infrastrutture AI',
    intro:
      'Trascina qui il file delle posizioni del tuo broker (Degiro, Interactive Brokers, Fidelity, Schwab, ' +
      'Trading 212 o qualsiasi CSV con simboli o ISIN). Viene prima letto per fartelo controllare; nulla viene ' +
      'analizzato finché non lo chiedi.',
    drop: 'Trascina qui un CSV, oppure scegli un file',
    base: 'Valuta di riferimento',
    asOf: 'Alla data (facoltativa)',
    lang: 'Lingua del rapporto',
    key: 'Chiave API',
    analyse: 'Analizza',
  },
} as const;

const CSS = `body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2933;
background:#f5f7fa}
main{max-width:860px;margin:0 auto;padding:20px 16px 48px;background:#fff;min-height:100vh}h1{font-size:22px}
#drop{border:2px dashed #9aa5b1;border-radius:8px;padding:28px;text-align:center;cursor:pointer;margin:12px 0}
#drop.over{background:#e6f0ff;border-color:#1f6feb}
fieldset{border:0;padding:0;display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
label{display:flex;flex-direction:column;font-size:13px;color:#616e7c}
input,select,button{font:inherit;padding:6px 8px}
button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:8px 18px;cursor:pointer}
button[disabled]{background:#9aa5b1}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #d9e2ec}td.num{text-align:right}
.problem{color:#c92a2a}.notice{background:#fff4e5;border-left:4px solid #f0b429;padding:8px 12px;margin:10px 0}
.big{font-size:19px;font-weight:600}
.bar{display:flex;align-items:center;gap:8px;font-size:13px}
.bar span.fill{display:inline-block;height:12px;background:#1f6feb;border-radius:2px}
#downloads a{margin-right:14px}.hidden{display:none}`;

const HEAD = (title: string) => `<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>`;

const selected = (yes: boolean) => (yes ? ' selected' : '');

/** The upload page: a form, a preview, the results. All behaviour is in /app.js (no inline script). */
export function uploadPage(lang: Lang, needsKey: boolean): string {
  const t = TEXT[lang];
  const key = `<label>${escapeHtml(t.key)}<input type="password" id="apiKey" autocomplete="off"></label>`;
  return `<!doctype html>
<html lang="${lang}">
${HEAD(t.title)}
<body><main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<form id="form">
<div id="drop" tabindex="0">${escapeHtml(t.drop)}<br>
<input type="file" id="file" name="file" accept=".csv,.txt,.tsv,text/csv"></div>
<fieldset>
<label>${escapeHtml(t.base)}<select id="baseCurrency"><option>USD</option>
<option${selected(lang === 'it')}>EUR</option><option>GBP</option><option>CHF</option></select></label>
<label>${escapeHtml(t.asOf)}<input type="date" id="asOf"></label>
<label>${escapeHtml(t.lang)}<select id="lang"><option value="en"${selected(lang === 'en')}>English</option>
<option value="it"${selected(lang === 'it')}>Italiano</option></select></label>
${needsKey ? key : ''}
</fieldset>
</form>
<section id="preview" class="hidden" aria-live="polite"></section>
<button id="analyse" class="hidden" type="button">${escapeHtml(t.analyse)}</button>
<section id="results" class="hidden" aria-live="polite"></section>
</main><script src="/app.js"></script></body></html>`;
}

type Operations = Record<string, { summary?: string; responses?: Record<string, unknown> }>;

/** The API reference, browsable: every path of the OpenAPI document with its methods and responses. */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Operations>;
  const cell = (text: string, code = false) =>
    `<td>${code ? `<code>${escapeHtml(text)}</code>` : escapeHtml(text)}</td>`;
  const rows = Object.entries(paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(
      ([m, op]) =>
        `<tr>${cell(m.toUpperCase(), true)}${cell(`/api/v1${p}`, true)}${cell(op.summary ?? '')}` +
        `${cell(Object.keys(op.responses ?? {}).join(', '))}</tr>`,
    ),
  );
  return `<!doctype html><html lang="en">${HEAD('ai-exposure API')}
<body><main><h1>ai-exposure API v1</h1>
<p>The full OpenAPI 3.1 document, with every schema: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
Errors always have the shape <code>{ "error": { "code", "message", "details" } }</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Responses</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></main></body></html>`;
}

/** Browser code for the upload page. Everything from the file is shown with textContent, never as HTML. */
export const APP_SCRIPT = `'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var file = null;
  var lastId = null;
  function headers() { var k = $('apiKey'); return k && k.value ? { Authorization: 'Bearer ' + k.value } : {}; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function pct(x) { return (x * 100).toFixed(1) + ' %'; }
  function text(x) { return x && typeof x === 'object' ? x.message : String(x); }
  function form(extra) {
    var f = new FormData();
    f.append('file', file, file.name);
    if (extra) {
      f.append('baseCurrency', $('baseCurrency').value);
      if ($('asOf').value) f.append('asOf', $('asOf').value);
    }
    return f;
  }
  function table(head, rows) {
    var t = el('table'); var tr = el('tr');
    head.forEach(function (h) { tr.appendChild(el('th', h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) { row.appendChild(el('td', String(c), i > 0 && typeof c === 'number' ? 'num' : '')); });
      t.appendChild(row);
    });
    return t;
  }
  function error(box, body) {
    box.replaceChildren(el('div', (body && body.error && body.error.message) || 'request failed', 'notice problem'));
    box.classList.remove('hidden');
  }
  function holdingRow(h) {
    return [h.symbol, h.quantity === undefined ? '' : h.quantity, h.marketValue === undefined ? '' : h.marketValue,
      h.weight === undefined ? '' : pct(h.weight), h.currency || h.marketValueCurrency || '', h.name || '',
      h.rows.join(' ')];
  }
  async function preview() {
    var box = $('preview');
    var res = await fetch('/api/v1/holdings/preview', { method: 'POST', body: form(false), headers: headers() });
    var body = await res.json().catch(function () { return null; });
    if (!res.ok) { $('analyse').classList.add('hidden'); return error(box, body); }
    box.replaceChildren(el('h2', body.format.label + ' — ' + body.counts.accepted + ' / ' + body.counts.read));
    box.appendChild(table(['symbol', 'quantity', 'value', 'weight', 'currency', 'name', 'rows'],
      body.holdings.map(holdingRow)));
    if (body.problems.length) {
      box.appendChild(table(['row', 'column', 'value', 'problem'],
        body.problems.map(function (p) { return [p.row, p.column, p.value, p.reason]; })));
    }
    box.classList.remove('hidden');
    $('analyse').classList.toggle('hidden', body.holdings.length === 0);
  }
  function segments(box, bySegment) {
    Object.keys(bySegment).filter(function (k) { return bySegment[k] > 0; }).forEach(function (k) {
      var row = el('div', '', 'bar'); var fill = el('span', '', 'fill');
      fill.style.width = Math.max(2, bySegment[k] * 600) + 'px';
      row.appendChild(el('span', k)); row.appendChild(fill); row.appendChild(el('span', pct(bySegment[k])));
      box.appendChild(row);
    });
  }
  function downloads() {
    var links = el('p'); links.id = 'downloads';
    [['PDF', 'report.pdf'], ['HTML', 'report.html'], ['JSON', '']].forEach(function (d) {
      var a = el('a', d[0]); a.href = '#'; a.dataset.path = d[1]; a.id = 'download-' + d[0].toLowerCase();
      a.addEventListener('click', download); links.appendChild(a);
    });
    return links;
  }
  function results(box, r) {
    box.replaceChildren(el('h2', 'Results'));
    (r.warnings || []).forEach(function (w) { box.appendChild(el('div', text(w), 'notice')); });
    box.appendChild(el('p', 'AI infrastructure: ' + pct(r.exposure.aiInfrastructure) + ' of ' +
      r.totals.marketValue.toFixed(0) + ' ' + r.baseCurrency + ' — overspending-risk score ' +
      r.overspending.score.toFixed(0) + '/100', 'big'));
    var ul = el('ul');
    r.overspending.topReasons.forEach(function (x) { ul.appendChild(el('li', text(x))); });
    box.appendChild(ul);
    segments(box, r.exposure.bySegment);
    box.appendChild(table(['shock', 'portfolio'],
      r.overspending.shocks.map(function (s) { return [pct(s.shock), pct(s.portfolioReturn)]; })));
    box.appendChild(table(['rule', 'result', ''],
      r.concentration.rules.map(function (x) { return [x.label, x.status, text(x)]; })));
    box.appendChild(downloads());
    box.classList.remove('hidden');
  }
  async function analyse() {
    var box = $('results'); var button = $('analyse');
    button.disabled = true;
    try {
      var res = await fetch('/api/v1/analyses', { method: 'POST', body: form(true), headers: headers() });
      var body = await res.json().catch(function () { return null; });
      if (!res.ok) return error(box, body);
      lastId = body.id;
      results(box, body.report);
    } finally { button.disabled = false; }
  }
  async function download(ev) {
    ev.preventDefault();
    var a = ev.currentTarget; var p = a.dataset.path;
    var url = '/api/v1/analyses/' + lastId + (p ? '/' + p + '?lang=' + $('lang').value : '');
    var res = await fetch(url, { headers: headers() });
    if (!res.ok) return;
    var blob = await res.blob();
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'ai-exposure' + (p ? '.' + p.split('.').pop() : '.json');
    document.body.appendChild(link); link.click(); link.remove();
  }
  function choose(f) { if (!f) return; file = f; $('results').classList.add('hidden'); preview(); }
  $('file').addEventListener('change', function () { choose($('file').files[0]); });
  var drop = $('drop');
  drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (e) {
    e.preventDefault(); drop.classList.remove('over'); choose(e.dataTransfer.files[0]);
  });
  $('analyse').addEventListener('click', analyse);
})();
`;
