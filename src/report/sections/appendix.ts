import type { MessageCode, MessageParams, Reader } from '../../i18n';
import type { Block, Section } from '../view';
import { fundDate, holdingName, type Report } from './common';

export function holdingsSection(r: Report, f: Reader): Section {
  return {
    id: 'holdings',
    title: f.t('ui.holdings'),
    blocks: [
      {
        kind: 'table',
        head: [f.t('ui.holding'), f.t('ui.quantity'), f.t('ui.price'), f.t('ui.marketValue'), f.t('ui.weight')],
        rows: r.holdings.map((h) => [
          holdingName(h, f),
          f.num(h.quantity, h.quantity % 1 === 0 ? 0 : 4),
          `${f.num(h.price, 2)} ${h.currency}`,
          f.money(h.marketValue),
          f.pct(h.weight),
        ]),
        numeric: [false, true, true, true, true],
      },
    ],
  };
}

/**
 * What the numbers do not mean, then the methodology in the PDF itself, one line per figure with
 * this report's own parameters (a PDF reader cannot open a file in our repository), the data's
 * sources and the notes on this analysis.
 */
export function appendixSection(r: Report, f: Reader): Section {
  const funds =
    r.exposure.funds.map((x) => `${x.symbol} (${fundDate(x.constituentsAsOf, f)})`).join(', ') || f.t('ui.noFunds');
  const blocks: Block[] = [
    { kind: 'notice', text: f.t('ui.notAdvice') },
    {
      kind: 'paragraph',
      text: f.t('ui.sources', { source: f.m(r.dataSource.description), date: f.date(r.asOf), funds }),
    },
    { kind: 'heading', text: f.t('ui.methodTable') },
    {
      kind: 'table',
      head: [f.t('ui.figure'), f.t('ui.howComputed')],
      rows: methodLines(r, f),
      numeric: [false, false],
    },
  ];
  const sources = r.overspending.historical.filter((h) => h.source !== undefined);
  if (sources.length > 0)
    blocks.push(
      { kind: 'heading', text: f.t('ui.episodeSources'), keepRest: true },
      { kind: 'list', items: sources.map((h) => `${f.m(h.label)}: ${f.m(h.source!)}`) },
    );
  if (r.warnings.length > 0)
    blocks.push(
      { kind: 'heading', text: f.t('ui.warnings'), keepRest: true },
      { kind: 'list', items: r.warnings.map((w) => f.m(w)) },
    );
  return { id: 'methodology', title: f.t('ui.methodology'), blocks };
}

/** [figure label code, definition code, values the definition quotes from this report]. */
function methodLines(r: Report, f: Reader): string[][] {
  const o = r.overspending;
  const lines: [MessageCode, MessageCode, MessageParams][] = [
    ['ui.kpiThemeHoldings', 'ui.method_themeHoldings', {}],
    ['ui.kpiRevenue', 'ui.method_revenue', {}],
    ['ui.netAiBeta', 'ui.method_netAiBeta', {}],
    ['ui.kpiCoreFour', 'ui.method_coreFour', {}],
    [
      'ui.scoreTitle',
      'ui.method_score',
      {
        basket: f.pct(o.scenario.basketMove, 0),
        market: f.pct(o.scenario.marketMove, 0),
        extra: f.num(100 * Math.abs(o.scenario.sellerExtraFall), 1),
      },
    ],
    [
      'ui.reference2000',
      'ui.method_reference2000',
      { basket: f.pct(o.reference2000.basketMove, 0), market: f.pct(o.reference2000.marketMove, 0) },
    ],
    ['ui.kpiGrade', 'ui.method_grade', {}],
    ['ui.kpiLookedThrough', 'ui.method_coverage', {}],
    ['ui.rules', 'ui.method_rules', {}],
    ['ui.volatility', 'ui.method_volatility', { n: r.risk.lookbackDays }],
    ['ui.var95', 'ui.method_var', {}],
    ['ui.maxDrawdown', 'ui.method_drawdown', {}],
    ['ui.riskContributions', 'ui.method_riskShare', {}],
    ['ui.fxShareShort', 'ui.method_fx', { currency: r.baseCurrency }],
    ['ui.shockTable', 'ui.method_shocks', {}],
    ['ui.historical', 'ui.method_episodes', {}],
    ['ui.monteCarloShort', 'ui.method_monteCarlo', { bust: f.pct(o.monteCarlo.bustProbability, 0) }],
    ['ui.correlationShort', 'ui.method_correlation', { n: r.risk.correlation.symbols.length }],
  ];
  return lines.map(([label, text, params]) => [f.t(label), f.t(text, params)]);
}
