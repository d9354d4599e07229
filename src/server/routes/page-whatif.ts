import type { MessageCode } from '../../i18n';

/** The panel's texts the page's script needs (labels it switches in place, and what it writes itself). */
export const WHATIF_TEXTS: MessageCode[] = [
  'page.tabWhatIf',
  'page.whatIfDisclaimer',
  'page.whatIfIntro',
  'page.whatIfAi',
  'page.whatIfIssuer',
  'page.whatIfNow',
  'page.whatIfOnlySell',
  'page.whatIfBuy',
  'page.whatIfWorking',
];

/**
 * Words in the answer's tables stay whole and the trades' tax rule (their only wordy last column)
 * keeps a readable width: on a phone the trades scroll inside their box rather than break "Sell".
 */
export const WHATIF_CSS = `#whatif .sliders{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px 24px;
margin:12px 0}
#whatif input[type=range]{width:100%;padding:6px 0}#whatif output{font-weight:600;color:#1f2933}
#whatif label.check{flex-direction:row;align-items:center;gap:6px;font-size:15px;color:#1f2933}
#whatif .options{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-end}
#wi-status{min-height:1.5em;color:#616e7c}#wi-result.busy{opacity:.5}
#wi-result th,#wi-result td{overflow-wrap:normal}#wi-result td:last-child:not(.num){min-width:14em}`;

type Label = (code: MessageCode, id: string) => string;

function slider(id: string, target: string, label: string): string {
  return `<div><label for="${id}">${label}</label>
<input type="range" id="${id}" data-target="${target}" min="0" max="0" step="1" value="0" disabled>
<output id="${id}-value" for="${id}"></output></div>`;
}

/**
 * The what-if panel, a tab of the upload page once an analysis is shown: the disclaimer first, a
 * slider for each ceiling (its range set by /app.js from the report: today's value down to 0), the
 * trading rules, and the answer of the what-if route. `t` writes a label the selector can switch.
 */
export function whatIfPanel(t: Label): string {
  return `<section id="whatif" class="hidden" role="tabpanel" aria-labelledby="tab-whatif">
<p><strong>${t('page.whatIfDisclaimer', 'whatIfDisclaimer')}</strong></p>
<p>${t('page.whatIfIntro', 'whatIfIntro')}</p>
<div class="sliders">${slider('wi-ai', 'maxAiRevenueShare', t('page.whatIfAi', 'whatIfAi'))}
${slider('wi-issuer', 'maxIssuer', t('page.whatIfIssuer', 'whatIfIssuer'))}</div>
<div class="options"><label class="check" for="wi-only-sell"><input type="checkbox" id="wi-only-sell" checked>
${t('page.whatIfOnlySell', 'whatIfOnlySell')}</label>
<label for="wi-buy">${t('page.whatIfBuy', 'whatIfBuy')}
<input type="text" id="wi-buy" autocomplete="off" spellcheck="false" disabled></label></div>
<p id="wi-status" role="status"></p>
<div id="wi-error" class="error hidden" role="alert"></div>
<div id="wi-result" class="aix-report"></div>
</section>`;
}
