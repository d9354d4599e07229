import { formatter, translate, type Lang } from '../i18n';
import { escapeXml as escapeHtml } from '../report/charts/svg';

/**
 * The upload page's list of the caller's saved portfolios: a section the page route adds to the
 * page, filled by /portfolios.js from GET /api/v1/portfolios (with the page's API key, when the
 * service has keys). Every text from the API is set with textContent; sparklines are SVG elements
 * built node by node, never markup.
 */
function portfoliosSection(lang: Lang): string {
  const t = (code: 'page.portfolios' | 'page.noPortfolios' | 'page.latestAlert' | 'page.noAlerts') =>
    escapeHtml(translate(formatter(lang), code));
  return `<section id="portfolios" data-empty="${t('page.noPortfolios')}" data-latest="${t('page.latestAlert')}" \
data-none="${t('page.noAlerts')}"><h2>${t('page.portfolios')}</h2><ul id="portfolioList"></ul></section>`;
}

/** Adds the section and its script to the upload page's HTML. */
export function withPortfolios(page: string, lang: Lang): string {
  return page
    .replace('</main>', `${portfoliosSection(lang)}</main>`)
    .replace('</body>', '<script src="/portfolios.js"></script></body>');
}

export const PORTFOLIOS_SCRIPT = `'use strict';
(function () {
  var box = document.getElementById('portfolios');
  var list = document.getElementById('portfolioList');
  var key = document.getElementById('apiKey');
  var SVG = 'http://www.w3.org/2000/svg';
  function headers() { return key && key.value ? { Authorization: 'Bearer ' + key.value } : {}; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function spark(values, max) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '120'); svg.setAttribute('height', '28'); svg.setAttribute('viewBox', '0 0 120 28');
    if (values.length < 2) return svg;
    var top = max || Math.max.apply(null, values) || 1;
    var d = values.map(function (v, i) {
      return (i ? 'L' : 'M') + (i * 118 / (values.length - 1) + 1).toFixed(1) + ',' + (27 - (v / top) * 25).toFixed(1);
    }).join('');
    var path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d); path.setAttribute('fill', 'none'); path.setAttribute('stroke', '#1f6feb');
    svg.appendChild(path);
    return svg;
  }
  function item(p) {
    var li = el('li');
    li.appendChild(el('strong', p.name));
    if (p.latest) {
      li.appendChild(el('span', ' ' + p.latest.asOf + ' · ' + p.latest.score.toFixed(0) + '/100 · AI ' +
        (p.latest.headline.aiRevenueShare * 100).toFixed(1) + ' % '));
    }
    li.appendChild(spark(p.spark.map(function (s) { return s.score; }), 100));
    li.appendChild(spark(p.spark.map(function (s) { return s.aiRevenueShare; })));
    var a = p.latestAlerts[0];
    li.appendChild(el('div', a ? box.dataset.latest + ': ' + a.alert + ' ' + a.transition + ' (' + a.asOf + ')'
      : box.dataset.none, 'note'));
    return li;
  }
  async function load() {
    var res = await fetch('/api/v1/portfolios?limit=50', { headers: headers() }).catch(function () { return null; });
    var body = res && res.ok ? await res.json().catch(function () { return null; }) : null;
    list.replaceChildren();
    if (!body) return;
    if (body.portfolios.length === 0) list.appendChild(el('li', box.dataset.empty));
    body.portfolios.forEach(function (p) { list.appendChild(item(p)); });
  }
  if (key) key.addEventListener('change', load);
  load();
})();
`;
