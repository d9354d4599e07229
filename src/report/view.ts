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
  const s = r.summary;
  const ai =
    f.t('ui.aiSentence', { share: f.pct(s.aiShare, 0) }) +
    (s.topThemeIssuer
      ? f.t('ui.aiSentenceTop', { topShare: f.pct(s.topThemeIssuer.shareOfTheme, 0), issuer: s.topThemeIssuer.issuer })
      : '') +
    '.';
  const shock30 = r.overspending.shocks.find((x) => Math.abs(x.shock + 0.3) < 1e-9);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: f.t('ui.portfolioValue', {
        date: f.date(r.asOf),
        value: f.money(r.totals.marketValue),
        positions: String(r.holdings.length),
      }),
    },
    { kind: 'paragraph', text: ai, strong: true },
    {
      kind: 'paragraph',
      text: f.t('ui.directSplit', { direct: f.pct(s.aiShareDirect, 0), funds: f.pct(s.aiShareThroughFunds, 0) }),
    },
    { kind: 'paragraph', text: f.t('ui.coreFourSentence', { share: f.pct(r.exposure.coreFour.total, 0) }) },
    { kind: 'paragraph', text: f.t('ui.scoreSentence', { score: f.num(r.overspending.score, 0) }), strong: true },
    { kind: 'paragraph', text: f.t('ui.reasons') },
    { kind: 'list', items: reasons(r, f) },
    { kind: 'paragraph', text: f.t(`ui.verdict_${s.concentrationVerdict}`) },
  ];
  if (s.effectiveIssuers !== null)
    blocks.push({ kind: 'paragraph', text: f.t('ui.effectiveIssuers', { n: f.num(s.effectiveIssuers, 0) }) });
  if (shock30 !== undefined)
    blocks.push({ kind: 'paragraph', text: f.t('ui.shockSentence', { loss: f.pct(-shock30.portfolioReturn, 0) }) });
  if (r.input.rejected.length > 0)
    blocks.push({ kind: 'notice', text: f.t('ui.rejectedRows', { n: String(r.input.rejected.length) }) });
  return { id: 'summary', title: f.t('ui.summary'), blocks };
}

/** The score's three largest reasons, worded in the reader's language. */
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
    .map((h) => ({ label: h.symbol, value: h.weight }));
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
        title: f.t('ui.monteCarlo', { paths: f.num(mc.paths, 0) }),
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
        head: [f.t('ui.scoreBreakdown'), f.t('ui.value'), f.t('ui.points')],
        rows: o.scoreComponents.map((c) => [f.m(c.label), f.num(c.value, 2), `${f.num(c.points, 1)} / ${c.weight}`]),
        numeric: [false, true, true],
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
          h.name ? `${h.symbol} — ${h.name}` : h.symbol,
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
