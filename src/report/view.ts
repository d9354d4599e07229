import type { AnalysisReport } from './schema';
import { reader, type Lang, type MessageCode, type Reader } from '../i18n';
import { barChart, heatmap, histogram, lineChart, PALETTE } from './charts/svg';
import { themeDataSection } from './view-theme';

/**
 * What a reader sees, in order, built once from the AnalysisReport for every renderer (HTML and
 * PDF show the same sections). Nothing here recomputes a figure: it chooses, words and draws.
 */
export type Block =
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'chart'; title: string; svg: string }
  | { kind: 'notice'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportView {
  lang: Lang;
  title: string;
  subtitle: string;
  notices: string[];
  sections: Section[];
  footer: string;
  pageLabel: (n: number, total: number) => string;
}

export function buildView(report: AnalysisReport, lang: Lang): ReportView {
  const f = reader(lang, report.baseCurrency);
  const notices: string[] = [];
  if (report.dataSource.kind === 'demo') notices.push(f.t('ui.demoNotice'));
  if (report.dataSource.stale !== undefined)
    notices.push(
      f.t('ui.staleNotice', {
        detail: report.dataSource.stale.map((s) => `${s.symbol} (${f.dateTime(s.fetchedAt)})`).join(', '),
      }),
    );
  const provider = f.t(`ui.provider_${report.dataSource.kind}`);
  return {
    lang,
    title: f.t('ui.title'),
    subtitle: f.t('ui.subtitle'),
    notices,
    sections: [
      summary(report, f),
      theme(report, f),
      themeDataSection(report, f),
      concentrationSection(report, f),
      overspending(report, f),
      risk(report, f),
      methodology(report, f),
    ],
    footer: f.t('ui.footer', { generated: f.dateTime(report.generatedAt), asOf: f.date(report.asOf), provider }),
    pageLabel: (n, total) => f.t('ui.page', { n: String(n), total: String(total) }),
  };
}

function summary(r: AnalysisReport, f: Reader): Section {
  const h = r.exposure.headline;
  const o = r.overspending;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: f.t('ui.portfolioValue', {
        date: f.date(r.asOf),
        value: f.money(r.totals.marketValue),
        positions: r.holdings.length,
      }),
    },
    {
      kind: 'paragraph',
      strong: true,
      text: f.t('ui.headline', {
        holdings: f.pct(h.themeHoldings, 0),
        coreFour: f.pct(h.coreFour, 0),
        revenue: f.pct(h.aiRevenueShare, 0),
        beta: f.num(h.netAiBeta, 2),
        r2: f.pct(h.netAiBetaR2, 0),
      }),
    },
    {
      kind: 'paragraph',
      text: f.t('ui.directSplit', {
        direct: f.pct(r.summary.aiShareDirect, 0),
        funds: f.pct(r.summary.aiShareThroughFunds, 0),
      }),
    },
    {
      kind: 'paragraph',
      strong: true,
      text: f.t('ui.scoreSentence', {
        basket: f.pct(o.scenario.basketMove, 0),
        market: f.pct(o.scenario.marketMove, 0),
        loss: f.pct(Math.max(0, o.expectedLoss), 0),
        score: f.num(o.score, 0),
        loss2000: f.pct(Math.max(0, o.reference2000.loss), 0),
      }),
    },
    ...(o.topReasons.length > 0
      ? [{ kind: 'paragraph', text: f.t('ui.reasons') } as Block, { kind: 'list', items: reasons(r, f) } as Block]
      : []),
    { kind: 'paragraph', text: concentrationSentence(r, f) },
    { kind: 'paragraph', text: coverageSentence(r, f) },
  ];
  if (r.input.rejected.length > 0)
    blocks.push({ kind: 'notice', text: f.t('ui.rejectedRows', { n: String(r.input.rejected.length) }) });
  for (const w of r.warnings.filter((x) => PAGE_ONE_WARNINGS.has(x.code)))
    blocks.push({ kind: 'notice', text: f.m(w) });
  return { id: 'summary', title: f.t('ui.summary'), blocks };
}

/** Warnings a reader must see before any figure: missing prices, old or missing fund lists. */
const PAGE_ONE_WARNINGS = new Set([
  'warn.symbols_without_data',
  'warn.etf_without_constituents',
  'warn.etf_constituents_stale',
  'warn.etf_constituents_excluded',
  'warn.stale_data',
]);

function concentrationSentence(r: AnalysisReport, f: Reader): string {
  const c = r.concentration;
  const verdict = f.t(`ui.verdict_${r.summary.concentrationVerdict}`);
  if (c.issuer === null || c.grade === null) return verdict;
  return `${f.t('ui.concentrationGrade', {
    grade: c.grade,
    n: f.num(c.issuer.effectiveN, 0),
    top: f.pct(c.issuer.top1, 0),
  })} ${verdict}`;
}

/** How much of the portfolio was looked through, and how old the fund lists are. */
function coverageSentence(r: AnalysisReport, f: Reader): string {
  const cov = r.concentration.issuerCoverage;
  const lists = r.exposure.funds.map((x) => {
    const dated =
      x.constituentsAsOf === null
        ? f.t('ui.fundUndated', { fund: x.symbol })
        : f.t('ui.fundDated', { fund: x.symbol, date: f.date(x.constituentsAsOf), days: x.constituentsAgeDays ?? 0 });
    const via = x.constituentsVia;
    if (via === null) return dated;
    return `${dated} ${f.t(via.proxy ? 'ui.fundProxy' : 'ui.fundViaIndex', { index: via.indexName, list: via.list })}`;
  });
  return f.t('ui.coverage', {
    named: f.pct(cov.named, 0),
    opaque: f.pct(cov.opaque, 0),
    unlisted: f.pct(cov.unlisted, 0),
    lists: lists.length > 0 ? f.list(lists) : f.t('ui.noFunds'),
  });
}

/** The holdings contributing most to the scenario's loss, worded in the reader's language. */
function reasons(r: AnalysisReport, f: Reader): string[] {
  return r.overspending.topReasons.map((m) => f.m(m));
}

function theme(r: AnalysisReport, f: Reader): Section {
  const segments = Object.entries(r.exposure.bySegment)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => ({ label: f.t(`segment.${k}` as MessageCode), value: v }));
  const core = (['NVDA', 'MSFT', 'AMZN', 'GOOGL'] as const).map((s) => {
    const issuer = r.exposure.issuers.find((i) => i.issuer === s);
    const paths = issuer?.paths.map((p) => `${pathLabel(p, s, f)} ${f.pct(p.weight)}`).join(', ') ?? '–';
    return [s, f.pct(r.exposure.coreFour[s]), paths];
  });
  return {
    id: 'theme',
    title: f.t('ui.themeExposure'),
    blocks: [
      { kind: 'chart', title: f.t('ui.bySegment'), svg: barChart(segments, (v) => f.pct(v)) },
      {
        kind: 'chart',
        title: f.t('ui.byRole'),
        svg: barChart(
          [
            { label: f.t('ui.buyers'), value: r.exposure.byRole.capexBuyers, color: PALETTE.warm },
            { label: f.t('ui.sellers'), value: r.exposure.byRole.capexSellers },
          ],
          (v) => f.pct(v),
          620,
        ),
      },
      {
        kind: 'table',
        head: [f.t('ui.coreFour'), f.t('ui.weight'), f.t('ui.paths')],
        rows: core,
        numeric: [false, true, false],
      },
    ],
  };
}

/** "QQQ", or "direct (ASML.AS)" when the issuer is held through another listing than its own id. */
function pathLabel(p: { via: string; listing?: string }, issuer: string, f: Reader): string {
  if (p.via !== 'direct') return p.via;
  return p.listing === undefined || p.listing === issuer ? f.t('ui.direct') : `${f.t('ui.direct')} (${p.listing})`;
}

function concentrationSection(r: AnalysisReport, f: Reader): Section {
  const c = r.concentration;
  const top = [...r.holdings]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 12)
    .map((h) => ({ label: holdingLabel(h, f), value: h.weight }));
  const issuers = r.exposure.issuers
    .slice(0, 12)
    .map((i) => [
      i.issuer,
      f.pct(i.weight),
      f.pct(i.themeWeight),
      i.paths.map((p) => pathLabel(p, i.issuer, f)).join(', '),
    ]);
  return {
    id: 'concentration',
    title: f.t('ui.concentration'),
    blocks: [
      { kind: 'chart', title: f.t('ui.topHoldings'), svg: barChart(top, (v) => f.pct(v)) },
      {
        kind: 'table',
        head: [f.t('ui.issuer'), f.t('ui.weight'), f.t('ui.themeWeight'), f.t('ui.paths')],
        rows: issuers,
        numeric: [false, true, true, false],
      },
      {
        kind: 'table',
        head: [f.t('ui.rule'), f.t('ui.status'), ''],
        rows: c.rules.map((x) => [f.t(`rule.${x.id}` as MessageCode), f.t(`ui.${x.status}`), f.m(x)]),
        numeric: [false, false, false],
      },
    ],
  };
}

function overspending(r: AnalysisReport, f: Reader): Section {
  const o = r.overspending;
  const curve = [{ x: 0, y: 0 }, ...o.shocks.map((s) => ({ x: s.shock, y: s.portfolioReturn }))].sort(
    (a, b) => a.x - b.x,
  );
  const mc = o.monteCarlo;
  return {
    id: 'overspending',
    title: f.t('ui.overspending'),
    blocks: [
      {
        kind: 'chart',
        title: f.t('ui.shockCurve'),
        svg: lineChart([{ points: curve, color: PALETTE.negative }], {
          xTicks: curve.map((p) => ({ x: p.x, label: f.pct(p.x, 0) })),
          yFormat: (v) => f.pct(v, 0),
          height: 180,
        }),
      },
      {
        kind: 'table',
        head: [
          f.t('ui.shock'),
          f.t('ui.portfolioReturn'),
          f.t('ui.fromBuyers'),
          f.t('ui.fromSellers'),
          f.t('ui.fromRest'),
        ],
        rows: o.shocks.map((s) => [
          f.pct(s.shock, 0),
          f.pct(s.portfolioReturn),
          f.pct(s.fromBuyers),
          f.pct(s.fromSellers),
          f.pct(s.fromRest),
        ]),
        numeric: [true, true, true, true, true],
      },
      {
        kind: 'table',
        head: [f.t('ui.historical'), f.t('ui.period'), f.t('ui.portfolioReturn')],
        rows: o.historical.map((h) => [
          f.m(h.label),
          h.start && h.end ? `${f.date(h.start)} – ${f.date(h.end)}` : '–',
          h.portfolioReturn === null ? f.t('ui.notCovered') : f.pct(h.portfolioReturn),
        ]),
        numeric: [false, false, true],
      },
      {
        kind: 'chart',
        title: f.t('ui.monteCarlo', { paths: f.num(mc.paths, 0), bust: f.pct(mc.bustProbability, 0) }),
        svg: histogram(mc.histogram, { format: (v) => f.pct(v, 0), markAt: -mc.var95 }),
      },
      {
        kind: 'table',
        head: ['', ''],
        rows: [
          [f.t('ui.mcVar'), f.pct(mc.var95)],
          [f.t('ui.mcEs'), f.pct(mc.es95)],
          [f.t('ui.mcLoss20'), f.pct(mc.probLossOver20)],
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
      {
        kind: 'table',
        head: [
          f.t('ui.fundamentals'),
          f.t('ui.weight'),
          f.t('ui.capexToOcf'),
          f.t('ui.capexToRevenue'),
          f.t('ui.capexGrowth'),
        ],
        rows: o.fundamentals.buyers.map((b) => [
          `${b.issuer} (${b.fiscalYear})`,
          f.pct(b.weight),
          f.pct(b.capexToOperatingCashFlow, 0),
          f.pct(b.capexToRevenue, 0),
          f.pct(b.capexGrowth, 0),
        ]),
        numeric: [false, true, true, true, true],
      },
      {
        kind: 'table',
        head: [
          f.t('ui.contributor'),
          f.t('ui.weight'),
          f.t('ui.marketBeta'),
          f.t('ui.netAiBeta'),
          f.t('ui.scenarioMove'),
          f.t('ui.points'),
        ],
        rows: o.contributions
          .slice(0, 15)
          .map((c) => [
            c.symbol,
            f.pct(c.weight),
            f.num(c.marketBeta, 2),
            f.num(c.netAiBeta, 2),
            f.pct(c.scenarioReturn, 0),
            f.num(100 * c.contribution, 1),
          ]),
        numeric: [false, true, true, true, true, true],
      },
    ],
  };
}

function risk(r: AnalysisReport, f: Reader): Section {
  const k = r.risk;
  const dd = k.drawdownSeries.map((p, i) => ({ x: i, y: -p.drawdown }));
  const ticks = [0, Math.floor(dd.length / 2), dd.length - 1].map((i) => ({
    x: i,
    label: f.date(k.drawdownSeries[i]!.date),
  }));
  return {
    id: 'risk',
    title: f.t('ui.risk'),
    blocks: [
      {
        kind: 'table',
        head: ['', ''],
        rows: [
          [f.t('ui.volatility'), f.pct(k.volatility)],
          [f.t('ui.betaAi'), f.num(k.betaToAiBasket)],
          [f.t('ui.betaMarket'), f.num(k.betaToMarket)],
          [f.t('ui.r2'), f.pct(k.aiBasketRSquared, 0)],
          [f.t('ui.var95'), f.pct(k.var95)],
          [f.t('ui.es95'), f.pct(k.es95)],
          [f.t('ui.maxDrawdown'), f.pct(k.maxDrawdown)],
        ],
        numeric: [false, true],
      },
      {
        kind: 'chart',
        title: f.t('ui.drawdownChart', { n: String(k.lookbackDays) }),
        svg: lineChart([{ points: dd, color: PALETTE.negative, fill: true }], {
          xTicks: ticks,
          yFormat: (v) => f.pct(v, 0),
          height: 160,
        }),
      },
      {
        kind: 'chart',
        title: f.t('ui.riskContributions'),
        svg: barChart(
          k.riskContributions.slice(0, 12).map((c) => ({ label: c.symbol, value: c.share })),
          (v) => f.pct(v),
        ),
      },
      { kind: 'chart', title: f.t('ui.correlation'), svg: heatmap(k.correlation.symbols, k.correlation.matrix) },
    ],
  };
}

function methodology(r: AnalysisReport, f: Reader): Section {
  const funds =
    r.exposure.funds.map((x) => `${x.symbol} (${fundDate(x.constituentsAsOf, f)})`).join(', ') || f.t('ui.noFunds');
  return {
    id: 'methodology',
    title: f.t('ui.methodology'),
    blocks: [
      {
        kind: 'paragraph',
        text: f.t('ui.sources', { source: f.m(r.dataSource.description), date: f.date(r.asOf), funds }),
      },
      { kind: 'paragraph', text: f.t('ui.methodNote') },
      {
        kind: 'table',
        head: [f.t('ui.symbol'), f.t('ui.quantity'), f.t('ui.price'), f.t('ui.marketValue'), f.t('ui.weight')],
        rows: r.holdings.map((h) => [
          h.kind === 'cash' ? holdingLabel(h, f) : h.name ? `${h.symbol} — ${h.name}` : h.symbol,
          f.num(h.quantity, h.quantity % 1 === 0 ? 0 : 4),
          `${f.num(h.price, 2)} ${h.currency}`,
          f.money(h.marketValue),
          f.pct(h.weight),
        ]),
        numeric: [false, true, true, true, true],
      },
      ...(r.warnings.length > 0
        ? [
            { kind: 'paragraph', text: f.t('ui.warnings'), strong: true } as Block,
            { kind: 'list', items: r.warnings.map((w) => f.m(w)) } as Block,
          ]
        : []),
      { kind: 'notice', text: f.t('ui.notAdvice') },
    ],
  };
}

/** A constituents date as the reader writes dates; free text that is not a date is "undated", never shown raw. */
function fundDate(asOf: string | null, f: Reader): string {
  return asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? f.date(asOf) : f.t('ui.undated');
}

/** A holding as the reader names it: cash in their language, a security by its symbol. */
function holdingLabel(h: AnalysisReport['holdings'][number], f: Reader): string {
  return h.kind === 'cash' ? f.t('ui.cash', { currency: h.currency }) : h.symbol;
}
