// The upload page's behaviour, served as /app.js and loaded as a module (the CSP allows no inline
// script). What the server sends back is parsed with DOMParser and moved in as nodes: its HTML is
// ours and escaped, and nothing a file holds is ever run or written as markup here.
import { whatIfPanel } from './whatif.js';

const $ = (id) => document.getElementById(id);
const TEXTS = JSON.parse($('texts').textContent);
const state = { file: null, lang: document.documentElement.lang, analysis: null, tab: 'preview' };
const say = (key, params) =>
  TEXTS[state.lang][key].replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? params[name] : whole));

function headers(extra) {
  const h = { 'Accept-Language': state.lang, ...extra };
  const key = $('apiKey');
  if (key?.value) h.Authorization = `Bearer ${key.value}`;
  return h;
}

/** Errors come back in the reader's language (the request says which); a failed connection is said here. */
async function call(url, init) {
  let res;
  try {
    res = await fetch(url, { ...init, headers: headers(init?.headers) });
  } catch {
    throw new Error(say('offline'));
  }
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  throw new Error(body?.error?.message ?? say('requestFailed', { status: res.status }));
}

function showError(err) {
  $('error').textContent = err.message;
  $('error').classList.remove('hidden');
}

/** Moves the nodes of an HTML answer (or of one element of it) into `box`. */
function place(box, html, selector) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const from = selector ? doc.querySelector(selector) : doc.body;
  // Spread first: the node list is live, and moving a node out of it shifts the rest.
  box.replaceChildren(...from.childNodes);
}

const panel = whatIfPanel({ call, say, place, lang: () => state.lang });

function form(withOptions) {
  const f = new FormData();
  f.append('file', state.file, state.file.name);
  if (withOptions) {
    f.append('baseCurrency', $('baseCurrency').value);
    if ($('asOf').value) f.append('asOf', $('asOf').value);
  }
  return f;
}

const TABS = { report: 'results', whatif: 'whatif', preview: 'preview' };

/** One tab's box shown; without an analysis, only the file as read. */
function show(tab) {
  const shown = state.analysis === null ? 'preview' : tab;
  state.tab = shown;
  for (const [name, box] of Object.entries(TABS)) {
    $(box).classList.toggle('hidden', name !== shown);
    $(`tab-${name}`).setAttribute('aria-selected', String(name === shown));
  }
  $('analyse').classList.toggle('hidden', shown !== 'preview' || $('preview').querySelector('tbody tr') === null);
}

async function preview() {
  $('error').classList.add('hidden');
  try {
    const res = await call(`/api/v1/holdings/preview?lang=${state.lang}`, {
      method: 'POST',
      body: form(false),
      headers: { Accept: 'text/html' },
    });
    place($('preview'), await res.text());
    show('preview');
  } catch (err) {
    $('preview').classList.add('hidden');
    $('analyse').classList.add('hidden');
    showError(err);
  }
}

async function loadReport() {
  const res = await call(`/api/v1/analyses/${state.analysis}/report.html?lang=${state.lang}`);
  place($('report'), await res.text(), 'main');
}

async function analyse() {
  const button = $('analyse');
  const label = button.querySelector('[data-t]');
  button.disabled = true;
  label.textContent = say('analysing');
  $('error').classList.add('hidden');
  try {
    const res = await call('/api/v1/analyses', { method: 'POST', body: form(true) });
    const { id, report } = await res.json();
    state.analysis = id;
    panel.start(id, report);
    await loadReport();
    $('tabs').classList.remove('hidden');
    show('report');
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    label.textContent = say('analyse');
  }
}

async function download(ev) {
  ev.preventDefault();
  const a = ev.currentTarget;
  const query = a.dataset.path ? `?lang=${state.lang}${a.dataset.paper ? `&paper=${a.dataset.paper}` : ''}` : '';
  try {
    const res = await call(`/api/v1/analyses/${state.analysis}${a.dataset.path ? `/${a.dataset.path}` : ''}${query}`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = `ai-exposure.${a.dataset.path ? a.dataset.path.split('.').pop() : 'json'}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } catch (err) {
    showError(err);
  }
}

/**
 * The page's own labels from the texts block, then what the server wrote, again in the new
 * language; the reader stays on the tab they were on.
 */
async function switchLanguage() {
  const tab = state.tab;
  state.lang = $('lang').value;
  document.documentElement.lang = state.lang;
  document.title = say('title');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = say(el.dataset.t);
  panel.relabel();
  try {
    if (state.file !== null) await preview();
    if (state.analysis !== null) await loadReport();
    show(tab);
  } catch (err) {
    showError(err);
  }
}

function choose(file) {
  if (!file) return;
  state.file = file;
  $('file-name').textContent = file.name;
  state.analysis = null;
  panel.stop();
  $('tabs').classList.add('hidden');
  preview();
}

$('file').addEventListener('change', () => choose($('file').files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  choose(e.dataTransfer.files[0]);
});
$('analyse').addEventListener('click', analyse);
$('lang').addEventListener('change', switchLanguage);
for (const name of Object.keys(TABS)) $(`tab-${name}`).addEventListener('click', () => show(name));
for (const a of document.querySelectorAll('#downloads a')) a.addEventListener('click', download);
