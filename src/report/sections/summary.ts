import type { MessageParams, Reader } from '../../i18n';
import { barChart, gauge } from '../charts/svg';
import type { Block, Figure, Kpi, Section } from '../view';
import { ageText, contributionBars, figure, fundDate, type Report, symbolLabel } from './common';
import { watchPoints } from './watch';

/** Warnings a reader must see before any figure: missing prices, old or missing fund lists. */
const PAGE_ONE_WARNINGS = new Set([
  'warn.symbols_without_data',
  'warn.etf_without_constituents',
  'warn.etf_constituents_stale',
  'warn.etf_constituents_excluded',
  'warn.stale_data',
]);

/** Funds named with their list's date on page 1; the rest are counted and listed with the holdings. */
const PAGE_ONE_FUNDS = 3;

/**
 * Page 1, the summary an adviser hands out: the four exposure measures and the sentence that
 * reconciles them, the score as a gauge beside who loses what, concentration and data coverage,
 * three things to watch, and the warnings no reader may miss.
 */
export function summarySection(r: Report, f: Reader): Section {
  const h = r.exposure.headline;
  const watch = watchPoints(r, f);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: f.t('ui.portfolioValue', {
        date: f.date(r.asOf),
        value: f.money(r.totals.marketValue),
        positions: r.holdings.length,
      }),
    },
    { kind: 'kpis', items: exposureKpis(r, f) },
    {
      kind: 'paragraph',
      text: f.t('ui.headline', {
        holdings: f.pct(h.themeHoldings, 0),
        coreFour: f.pct(h.coreFour, 0),
        revenue: f.pct(h.aiRevenueShare, 0),
        beta: f.num(h.netAiBeta, 2),
        r2: f.pct(h.netAiBetaR2, 0),
      }),
    },
    { kind: 'charts', charts: scoreFigures(r, f) },
    { kind: 'paragraph', strong: true, text: scoreSentence(r, f) },
    { kind: 'kpis', items: portfolioKpis(r, f) },
    { kind: 'paragraph', text: coverageSentence(r, f) },
    { kind: 'heading', text: f.t('ui.watch') },
    { kind: 'list', items: watch.texts },
  ];
  if (r.input.rejected.length > 0)
    blocks.push({ kind: 'notice', text: f.t('ui.rejectedRows', { n: r.input.rejected.length }) });
  // A warning a point to watch already tells is not said twice (the page would spill on Letter).
  for (const w of r.warnings.filter((x) => PAGE_ONE_WARNINGS.has(x.code) && !watch.covered.has(x.code)))
    blocks.push({ kind: 'notice', text: f.m(pageOneWarning(w)) });
  return { id: 'summary', title: f.t('ui.summary'), blocks, pageBreakAfter: true };
}

/**
 * A warning that names funds names the first few on page 1 and counts the rest, which the
 * Concentration section lists with their dates: on Letter paper, eight old lists in full pushed
 * the notice onto page 2.
 */
function pageOneWarning(w: { code: string; params: MessageParams }): { code: string; params: MessageParams } {
  const funds = w.params.funds;
  if (!Array.isArray(funds) || funds.length <= PAGE_ONE_FUNDS) return w;
  const more = { code: 'ui.moreFunds', params: { n: funds.length - PAGE_ONE_FUNDS } };
  return { code: w.code, params: { ...w.params, funds: [...funds.slice(0, PAGE_ONE_FUNDS), more] } };
}

function exposureKpis(r: Report, f: Reader): Kpi[] {
  const h = r.exposure.headline;
  return [
    {
      label: f.t('ui.kpiThemeHoldings'),
      value: f.pct(h.themeHoldings, 0),
      note: f.t('ui.kpiByRole', {
        buyers: f.pct(h.themeHoldingsByRole.capexBuyers, 0),
        sellers: f.pct(h.themeHoldingsByRole.capexSellers, 0),
      }),
    },
    { label: f.t('ui.kpiRevenue'), value: f.pct(h.aiRevenueShare, 0), note: f.t('ui.kpiRevenueNote') },
    {
      label: f.t('ui.netAiBeta'),
      value: f.num(h.netAiBeta, 2),
      note: f.t('ui.kpiBetaNote', { r2: f.pct(h.netAiBetaR2, 0) }),
    },
    { label: f.t('ui.kpiCoreFour'), value: f.pct(h.coreFour, 0), note: f.t('ui.kpiCoreFourNote') },
  ];
}

function portfolioKpis(r: Report, f: Reader): Kpi[] {
  const c = r.concentration;
  const cov = c.issuerCoverage;
  const window = f.t('ui.kpiWindow', { n: r.risk.lookbackDays });
  const grade: Kpi =
    c.grade === null || c.issuer === null
      ? { label: f.t('ui.kpiGrade'), value: '–', note: f.t(`ui.verdict_${r.summary.concentrationVerdict}`) }
      : {
          label: f.t('ui.kpiGrade'),
          value: c.grade,
          note: f.t('ui.kpiGradeNote', { n: f.num(c.issuer.effectiveN, 0), top: f.pct(c.issuer.top1, 0) }),
        };
  return [
    grade,
    {
      label: f.t('ui.kpiLookedThrough'),
      value: f.pct(cov.named, 0),
      note: f.t('ui.kpiLookedThroughNote', { opaque: f.pct(cov.opaque, 0) }),
    },
    { label: f.t('ui.volatility'), value: f.pct(r.risk.volatility, 0), note: window },
    { label: f.t('ui.maxDrawdown'), value: f.pct(-r.risk.maxDrawdown, 0), note: window },
  ];
}

/** The score as a gauge, read against the market and the AI basket in the same scenario, and who loses what. */
function scoreFigures(r: Report, f: Reader): Figure[] {
  const o = r.overspending;
  const marks = [
    {
      at: -100 * o.scenario.marketMove,
      text: f.t('ui.gaugeMarket', { score: f.num(-100 * o.scenario.marketMove, 0) }),
    },
    {
      at: -100 * o.scenario.basketMove,
      text: f.t('ui.gaugeBasket', { score: f.num(-100 * o.scenario.basketMove, 0) }),
    },
  ];
  const dial = gauge(o.score, {
    marks,
    centreNote: f.t('ui.gaugeOutOf'),
    caption: f.t('ui.gaugeCaption', { loss: f.pct(o.expectedLoss, 0) }),
  });
  const bars = contributionBars(
    o.contributions.map((c) => ({ label: symbolLabel(r, c.symbol, f), value: -c.contribution })),
    4,
    (n) => f.t('ui.others', { n }),
  );
  return [
    figure(f.t('ui.scoreTitle'), dial),
    figure(
      f.t('ui.whoLosesTitle'),
      barChart(bars, (v) => f.pct(v), 300),
    ),
  ];
}

function scoreSentence(r: Report, f: Reader): string {
  const o = r.overspending;
  return f.t('ui.scoreSentence', {
    basket: f.pct(o.scenario.basketMove, 0),
    market: f.pct(o.scenario.marketMove, 0),
    loss: f.pct(Math.max(0, o.expectedLoss), 0),
    score: f.num(o.score, 0),
    loss2000: f.pct(Math.max(0, o.reference2000.loss), 0),
  });
}

/** How much was looked through, and the date, age and source of the largest funds' lists. */
function coverageSentence(r: Report, f: Reader): string {
  const cov = r.concentration.issuerCoverage;
  const funds = [...r.exposure.funds].sort((a, b) => b.weight - a.weight);
  const lists = funds.slice(0, PAGE_ONE_FUNDS).map((x) => {
    const dated =
      x.constituentsAgeDays === null || x.constituentsAsOf === null
        ? f.t('ui.fundUndated', { fund: x.symbol })
        : f.t('ui.fundDated', {
            fund: x.symbol,
            date: fundDate(x.constituentsAsOf, f),
            age: ageText(x.constituentsAgeDays, f),
          });
    const via = x.constituentsVia;
    if (via === null) return dated;
    return `${dated} ${f.t(via.proxy ? 'ui.fundProxy' : 'ui.fundViaIndex', { index: via.indexName, list: via.list })}`;
  });
  if (funds.length > PAGE_ONE_FUNDS) lists.push(f.t('ui.moreFunds', { n: funds.length - PAGE_ONE_FUNDS }));
  return f.t('ui.coverage', {
    named: f.pct(cov.named, 0),
    opaque: f.pct(cov.opaque, 0),
    unlisted: f.pct(cov.unlisted, 0),
    lists: lists.length > 0 ? f.list(lists) : f.t('ui.noFunds'),
  });
}
