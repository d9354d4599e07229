import { reader, type Lang, type MessageCode, type Reader } from '../i18n';
import type { TargetName } from '../whatif/options';
import type { Measures, WhatIfDocument } from '../whatif/schema';
import type { Block, Section } from './view';

/**
 * The what-if page the HTML and PDF reports append: the disclaimer first, then the targets, the
 * trades with their costs and taxes, the figures before and after (from the re-analysis) and what
 * binds. Like the rest of the view, it words and lays out; it computes nothing.
 */
export function whatIfSection(doc: WhatIfDocument, lang: Lang): Section {
  const f = reader(lang, doc.baseCurrency);
  const blocks: Block[] = [
    { kind: 'notice', text: f.m(doc.disclaimer) },
    { kind: 'paragraph', text: f.t('ui.whatif.targets', { targets: targetItems(doc, f) }) },
    { kind: 'paragraph', text: settingsSentence(doc, f) },
  ];
  if (doc.trades.length > 0) blocks.push(tradesTable(doc, f));
  blocks.push(
    {
      kind: 'paragraph',
      strong: true,
      text: f.t('ui.whatif.totals', {
        turnover: f.money(doc.turnover),
        costs: f.money(doc.costs),
        taxes: f.money(doc.taxes),
        trades: doc.trades.length,
      }),
    },
    measuresTable(doc, f),
  );
  if (doc.binding.length > 0) blocks.push({ kind: 'paragraph', text: bindingSentence(doc, f) });
  if (doc.check.message !== null) blocks.push({ kind: 'notice', text: f.m(doc.check.message) });
  for (const note of doc.notes) blocks.push({ kind: 'paragraph', text: f.m(note) });
  blocks.push(holdingsAfterTable(doc, f));
  return { id: 'what-if', title: f.t('ui.whatif.title'), blocks };
}

const TARGET_LABELS: Record<TargetName, MessageCode> = {
  maxAiRevenueShare: 'ui.whatif.m_aiRevenueShare',
  maxThemeHoldings: 'ui.whatif.m_themeHoldings',
  maxIssuer: 'ui.whatif.m_top1',
  maxCoreFour: 'ui.whatif.m_coreFour',
  maxScore: 'ui.whatif.m_score',
};

function limitText(name: TargetName, value: number, f: Reader): string {
  return name === 'maxScore' ? f.num(value, 0) : f.pct(value);
}

function targetItems(doc: WhatIfDocument, f: Reader): string[] {
  return (Object.entries(doc.targets) as [TargetName, number | undefined][])
    .filter((e): e is [TargetName, number] => e[1] !== undefined)
    .map(([name, limit]) =>
      f.t('ui.whatif.target_item', { measure: f.t(TARGET_LABELS[name]), limit: limitText(name, limit, f) }),
    );
}

function settingsSentence(doc: WhatIfDocument, f: Reader): string {
  const s = doc.settings;
  const where =
    s.buy.length > 0
      ? f.t('ui.whatif.proceeds_buy', { symbols: f.list(s.buy) })
      : f.t(s.onlySell ? 'ui.whatif.proceeds_only_sell' : 'ui.whatif.proceeds_cash');
  const extras = [
    ...(s.wholeShares ? [f.t('ui.whatif.whole_shares')] : []),
    ...(s.minTrade !== null ? [f.t('ui.whatif.min_trade', { value: f.money(s.minTrade) })] : []),
    f.t('ui.whatif.costs', { bps: f.num(s.costBps, 1), fixed: f.money(s.costPerTrade) }),
  ];
  return `${where} ${extras.join(' ')}`;
}

function tradesTable(doc: WhatIfDocument, f: Reader): Block {
  return {
    kind: 'table',
    head: [
      f.t('ui.whatif.trade'),
      f.t('ui.whatif.quantity'),
      f.t('ui.whatif.value'),
      f.t('ui.whatif.cost'),
      f.t('ui.whatif.tax'),
      f.t('ui.whatif.taxRule'),
    ],
    rows: doc.trades.map((t) => [
      `${f.t(t.side === 'sell' ? 'ui.whatif.sell' : 'ui.whatif.buy')} ${t.symbol}`,
      f.num(t.quantity, Number.isInteger(t.quantity) ? 0 : 4),
      f.money(t.value),
      f.money(t.cost),
      t.tax === null ? '–' : f.money(t.tax),
      f.m(t.taxRule),
    ]),
    numeric: [false, true, true, true, true, false],
  };
}

type Row = [MessageCode, (m: Measures) => number | null, (x: number | null) => string];

function measuresTable(doc: WhatIfDocument, f: Reader): Block {
  const pct = (x: number | null) => f.pct(x);
  const rows: Row[] = [
    ['ui.whatif.m_themeHoldings', (m) => m.exposure.headline.themeHoldings, pct],
    ['ui.whatif.m_aiRevenueShare', (m) => m.exposure.headline.aiRevenueShare, pct],
    ['ui.whatif.m_coreFour', (m) => m.exposure.headline.coreFour, pct],
    ['ui.whatif.m_score', (m) => m.overspending.score, (x) => f.num(x, 1)],
    ['ui.whatif.m_top1', (m) => m.concentration.issuer?.top1 ?? null, pct],
    ['ui.whatif.m_effectiveN', (m) => m.concentration.issuer?.effectiveN ?? null, (x) => f.num(x, 1)],
    ['ui.whatif.m_volatility', (m) => m.risk.volatility, pct],
    ['ui.whatif.m_var95', (m) => m.risk.var95, (x) => f.pct(x, 2)],
    ['ui.whatif.m_mcVar95', (m) => m.overspending.monteCarlo.var95, pct],
  ];
  return {
    kind: 'table',
    head: [f.t('ui.whatif.measure'), f.t('ui.whatif.before'), f.t('ui.whatif.after')],
    rows: rows.map(([label, of, show]) => [f.t(label), show(of(doc.before)), show(of(doc.after))]),
    numeric: [false, true, true],
  };
}

function bindingSentence(doc: WhatIfDocument, f: Reader): string {
  const items = doc.binding.map((b) =>
    b.issuer === undefined
      ? f.t('ui.whatif.binding_item', { measure: f.t(TARGET_LABELS[b.target]), limit: limitText(b.target, b.limit, f) })
      : f.t('ui.whatif.binding_issuer', { issuer: b.issuer, limit: limitText(b.target, b.limit, f) }),
  );
  return f.t('ui.whatif.binding', { items: f.list(items) });
}

function holdingsAfterTable(doc: WhatIfDocument, f: Reader): Block {
  return {
    kind: 'table',
    head: [f.t('ui.whatif.holdingAfter'), f.t('ui.whatif.quantity'), f.t('ui.whatif.value')],
    rows: doc.holdingsAfter.map((h) => [
      h.symbol === 'CASH' ? f.t('ui.whatif.cash', { currency: h.currency }) : h.symbol,
      h.symbol === 'CASH' ? f.money(h.quantity, h.currency) : f.num(h.quantity, Number.isInteger(h.quantity) ? 0 : 4),
      f.money(h.value),
    ]),
    numeric: [false, true, true],
  };
}
