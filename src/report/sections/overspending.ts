import type { Reader } from '../../i18n';
import { barChart, histogram } from '../charts/svg';
import type { Block, Figure, Section } from '../view';
import { contributionBars, figure, type Report, symbolLabel } from './common';

type Episode = Report['overspending']['historical'][number];

/** Holdings drawn one by one in a contribution chart; the rest share one bar. */
const SCENARIO_BARS = 12;
const EPISODE_BARS = 6;

/**
 * What an overspending repricing would cost: who loses what in the bust scenario, in each past
 * episode and for each basket shock, then the one-year simulation and the buyers' capex.
 */
export function overspendingSection(r: Report, f: Reader): Section {
  return {
    id: 'overspending',
    title: f.t('ui.overspending'),
    blocks: [...scenarioBlocks(r, f), ...episodeBlocks(r, f), ...shockBlocks(r, f), ...monteCarloBlocks(r, f)],
  };
}

function scenarioBlocks(r: Report, f: Reader): Block[] {
  const o = r.overspending;
  const bars = contributionBars(
    o.contributions.map((c) => ({ label: symbolLabel(r, c.symbol, f), value: -c.contribution })),
    SCENARIO_BARS,
    (n) => f.t('ui.others', { n }),
  );
  const rows = o.contributions
    .slice(0, 15)
    .map((c) => [
      symbolLabel(r, c.symbol, f),
      f.pct(c.weight),
      f.num(c.marketBeta, 2),
      f.num(c.netAiBeta, 2),
      f.pct(c.sellerRevenueShare, 0),
      f.pct(c.scenarioReturn, 0),
      f.num(100 * c.contribution, 1),
    ]);
  return [
    {
      kind: 'chart',
      ...figure(
        f.t('ui.scenarioChart', { loss: f.pct(-o.expectedLoss, 1) }),
        barChart(bars, (v) => f.pct(v)),
      ),
    },
    {
      kind: 'table',
      head: [
        f.t('ui.holding'),
        f.t('ui.weight'),
        f.t('ui.marketBeta'),
        f.t('ui.netAiBeta'),
        f.t('ui.sellerShare'),
        f.t('ui.scenarioMove'),
        f.t('ui.points'),
      ],
      rows,
      numeric: [false, true, true, true, true, true, true],
    },
    ...(o.contributions.length > 15
      ? [{ kind: 'paragraph', text: f.t('ui.moreContributors', { n: o.contributions.length - 15 }) } as Block]
      : []),
  ];
}

/** Past episodes: the table, what happened, and who lost what in each (today's weights × each holding's return). */
function episodeBlocks(r: Report, f: Reader): Block[] {
  const o = r.overspending;
  const covered = o.historical.filter((h) => h.portfolioReturn !== null && h.holdings.length > 0);
  const figures = covered.map((h) => episodeFigure(r, h, f));
  const pairs: Block[] = [];
  for (let i = 0; i < figures.length; i += 2) pairs.push({ kind: 'charts', charts: figures.slice(i, i + 2) });
  return [
    { kind: 'heading', text: f.t('ui.historical') },
    {
      kind: 'table',
      head: [f.t('ui.window'), f.t('ui.period'), f.t('ui.portfolioReturn')],
      rows: o.historical.map((h) => [
        f.m(h.label),
        h.start && h.end ? `${f.date(h.start)} – ${f.date(h.end)}` : '–',
        h.portfolioReturn === null ? f.t('ui.notCovered') : f.pct(h.portfolioReturn),
      ]),
      numeric: [false, false, true],
    },
    {
      kind: 'list',
      items: o.historical.filter((h) => h.why !== undefined).map((h) => `${f.m(h.label)}: ${f.m(h.why!)}`),
    },
    ...pairs,
  ];
}

function episodeFigure(r: Report, h: Episode, f: Reader): Figure {
  const weight = new Map(r.holdings.map((x) => [x.symbol, x.weight]));
  const bars = contributionBars(
    h.holdings.map((x) => ({ label: symbolLabel(r, x.symbol, f), value: (weight.get(x.symbol) ?? 0) * x.return })),
    EPISODE_BARS,
    (n) => f.t('ui.others', { n }),
  );
  return figure(
    f.t('ui.episodeChart', { label: f.m(h.label), ret: f.pct(h.portfolioReturn) }),
    barChart(bars, (v) => f.pct(v), 250),
  );
}

function shockBlocks(r: Report, f: Reader): Block[] {
  return [
    { kind: 'heading', text: f.t('ui.shockTable') },
    {
      kind: 'table',
      head: [
        f.t('ui.shock'),
        f.t('ui.portfolioReturn'),
        f.t('ui.fromBuyers'),
        f.t('ui.fromSellers'),
        f.t('ui.fromRest'),
      ],
      rows: r.overspending.shocks.map((s) => [
        f.pct(s.shock, 0),
        f.pct(s.portfolioReturn),
        f.pct(s.fromBuyers),
        f.pct(s.fromSellers),
        f.pct(s.fromRest),
      ]),
      numeric: [true, true, true, true, true],
    },
  ];
}

function monteCarloBlocks(r: Report, f: Reader): Block[] {
  const mc = r.overspending.monteCarlo;
  const yFormat = (v: number) => f.pct(v, Math.round(v * 1000) % 10 === 0 ? 0 : 1);
  return [
    {
      kind: 'chart',
      ...figure(
        f.t('ui.monteCarlo', { paths: f.num(mc.paths, 0), bust: f.pct(mc.bustProbability, 0) }),
        histogram(mc.histogram, {
          format: (v) => f.pct(v, 0),
          yFormat,
          markAt: -mc.var95,
          legend: { marked: f.t('ui.mcLegendTail'), other: f.t('ui.mcLegendOther') },
          xTitle: f.t('ui.mcAxis'),
        }),
      ),
    },
    {
      kind: 'table',
      head: [f.t('ui.figure'), f.t('ui.value')],
      rows: [
        [f.t('ui.mcVar'), f.pct(mc.var95)],
        [f.t('ui.mcEs'), f.pct(mc.es95)],
        [f.t('ui.mcLoss20'), f.pct(mc.probLossOver20)],
        [f.t('ui.mcMedian'), f.pct(mc.median)],
        [f.t('ui.mcMean'), f.pct(mc.mean)],
      ],
      numeric: [false, true],
    },
    {
      kind: 'paragraph',
      text: f.t('ui.mcMeanMedian', {
        median: f.pct(mc.median, 0),
        mean: f.pct(mc.mean, 1),
        bust: f.pct(mc.bustProbability, 0),
      }),
    },
    { kind: 'heading', text: f.t('ui.sensitivity') },
    {
      kind: 'table',
      head: [f.t('ui.bustProbability'), f.t('ui.basketFall'), f.t('ui.mcVar'), f.t('ui.mcEs')],
      rows: mc.sensitivity.map((x) => [
        f.pct(x.bustProbability, 0),
        f.pct(x.basketFall, 0),
        f.pct(x.var95),
        f.pct(x.es95),
      ]),
      numeric: [true, true, true, true],
    },
    ...fundamentalsBlocks(r, f),
  ];
}

function fundamentalsBlocks(r: Report, f: Reader): Block[] {
  const buyers = r.overspending.fundamentals.buyers;
  if (buyers.length === 0) return [];
  return [
    { kind: 'heading', text: f.t('ui.fundamentals') },
    {
      kind: 'table',
      head: [f.t('ui.issuer'), f.t('ui.weight'), f.t('ui.capexToOcf'), f.t('ui.capexToRevenue'), f.t('ui.capexGrowth')],
      rows: buyers.map((b) => [
        `${b.issuer} (${b.fiscalYear})`,
        f.pct(b.weight),
        f.pct(b.capexToOperatingCashFlow, 0),
        f.pct(b.capexToRevenue, 0),
        f.pct(b.capexGrowth, 0),
      ]),
      numeric: [false, true, true, true, true],
    },
  ];
}
