import type { AnalysisReport } from './schema';
import { formatter, SEGMENT_LABELS, type Formatter, type Lang, type MessageKey } from './i18n';
import { barChart, heatmap, histogram, lineChart, PALETTE } from './charts/svg';

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
  const f = formatter(lang, report.baseCurrency);
  const notices: string[] = [];
  if (report.dataSource.kind === 'demo') notices.push(f.t('demoNotice'));
  if (report.dataSource.stale !== undefined)
    notices.push(
      f.t('staleNotice', {
        detail: report.dataSource.stale.map((s) => `${s.symbol} (${f.dateTime(s.fetchedAt)})`).join(', '),
      }),
    );
  const provider =
    report.dataSource.kind === 'yahoo' ? 'Yahoo Finance' : report.dataSource.kind === 'demo' ? 'demo' : 'CSV';
  return {
    lang,
    title: f.t('title'),
    subtitle: f.t('subtitle'),
    notices,
    sections: [
      summary(report, f),
      theme(report, f),
      concentrationSection(report, f),
      overspending(report, f),
      risk(report, f),
      methodology(report, f),
    ],
    footer: f.t('footer', { generated: f.dateTime(report.generatedAt), asOf: f.date(report.asOf), provider }),
    pageLabel: (n, total) => f.t('page', { n: String(n), total: String(total) }),
  };
}

function summary(r: AnalysisReport, f: Formatter): Section {
  const s = r.summary;
  const ai =
    f.t('aiSentence', { share: f.pct(s.aiShare, 0) }) +
    (s.topThemeIssuer
      ? f.t('aiSentenceTop', { topShare: f.pct(s.topThemeIssuer.shareOfTheme, 0), issuer: s.topThemeIssuer.issuer })
      : '') +
    '.';
  const shock30 = r.overspending.shocks.find((x) => Math.abs(x.shock + 0.3) < 1e-9);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: f.t('portfolioValue', {
        date: f.date(r.asOf),
        value: f.money(r.totals.marketValue),
        positions: String(r.holdings.length),
      }),
    },
    { kind: 'paragraph', text: ai, strong: true },
    {
      kind: 'paragraph',
      text: f.t('directSplit', { direct: f.pct(s.aiShareDirect, 0), funds: f.pct(s.aiShareThroughFunds, 0) }),
    },
    { kind: 'paragraph', text: f.t('coreFourSentence', { share: f.pct(r.exposure.coreFour.total, 0) }) },
    { kind: 'paragraph', text: f.t('scoreSentence', { score: f.num(r.overspending.score, 0) }), strong: true },
    { kind: 'paragraph', text: f.t('reasons') },
    { kind: 'list', items: reasons(r, f) },
    { kind: 'paragraph', text: f.t(`verdict_${s.concentrationVerdict}`) },
  ];
  if (s.effectiveIssuers !== null)
    blocks.push({ kind: 'paragraph', text: f.t('effectiveIssuers', { n: f.num(s.effectiveIssuers, 0) }) });
  if (shock30 !== undefined)
    blocks.push({ kind: 'paragraph', text: f.t('shockSentence', { loss: f.pct(-shock30.portfolioReturn, 0) }) });
  if (r.input.rejected.length > 0)
    blocks.push({ kind: 'notice', text: f.t('rejectedRows', { n: String(r.input.rejected.length) }) });
  return { id: 'summary', title: f.t('summary'), blocks };
}

/** The score's three largest components, worded in the reader's language. */
function reasons(r: AnalysisReport, f: Formatter): string[] {
  return [...r.overspending.scoreComponents]
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .filter((c) => c.points > 0)
    .map((c) =>
      f.t(`reason_${c.id}` as MessageKey, {
        value: f.pct(c.value, 0),
        tenfold: f.pct(c.value * 0.1, 1),
        n: f.num(c.value > 0 ? 1 / c.value : null, 0),
      }),
    );
}

function theme(r: AnalysisReport, f: Formatter): Section {
  const segments = Object.entries(r.exposure.bySegment)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => ({ label: SEGMENT_LABELS[f.lang][k] ?? k, value: v }));
  const core = (['NVDA', 'MSFT', 'AMZN', 'GOOGL'] as const).map((s) => {
    const issuer = r.exposure.issuers.find((i) => i.issuer === s);
    const paths =
      issuer?.paths.map((p) => `${p.via === 'direct' ? f.t('direct') : p.via} ${f.pct(p.weight)}`).join(', ') ?? '–';
    return [s, f.pct(r.exposure.coreFour[s]), paths];
  });
  return {
    id: 'theme',
    title: f.t('themeExposure'),
    blocks: [
      { kind: 'chart', title: f.t('bySegment'), svg: barChart(segments, (v) => f.pct(v)) },
      {
        kind: 'chart',
        title: f.t('byRole'),
        svg: barChart(
          [
            { label: f.t('buyers'), value: r.exposure.byRole.capexBuyers, color: PALETTE.warm },
            { label: f.t('sellers'), value: r.exposure.byRole.capexSellers },
          ],
          (v) => f.pct(v),
          620,
        ),
      },
      {
        kind: 'table',
        head: [f.t('coreFour'), f.t('weight'), f.t('paths')],
        rows: core,
        numeric: [false, true, false],
      },
    ],
  };
}

function concentrationSection(r: AnalysisReport, f: Formatter): Section {
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
      i.paths.map((p) => (p.via === 'direct' ? f.t('direct') : p.via)).join(', '),
    ]);
  return {
    id: 'concentration',
    title: f.t('concentration'),
    blocks: [
      { kind: 'chart', title: f.t('topHoldings'), svg: barChart(top, (v) => f.pct(v)) },
      {
        kind: 'table',
        head: [f.t('issuer'), f.t('weight'), f.t('themeWeight'), f.t('paths')],
        rows: issuers,
        numeric: [false, true, true, false],
      },
      {
        kind: 'table',
        head: [f.t('rule'), f.t('status'), ''],
        rows: c.rules.map((x) => [x.label, f.t(x.status), x.message]),
        numeric: [false, false, false],
      },
    ],
  };
}

function overspending(r: AnalysisReport, f: Formatter): Section {
  const o = r.overspending;
  const curve = [{ x: 0, y: 0 }, ...o.shocks.map((s) => ({ x: s.shock, y: s.portfolioReturn }))].sort(
    (a, b) => a.x - b.x,
  );
  const mc = o.monteCarlo;
  return {
    id: 'overspending',
    title: f.t('overspending'),
    blocks: [
      {
        kind: 'chart',
        title: f.t('shockCurve'),
        svg: lineChart([{ points: curve, color: PALETTE.negative }], {
          xTicks: curve.map((p) => ({ x: p.x, label: f.pct(p.x, 0) })),
          yFormat: (v) => f.pct(v, 0),
          height: 180,
        }),
      },
      {
        kind: 'table',
        head: [f.t('shock'), f.t('portfolioReturn'), f.t('fromBuyers'), f.t('fromSellers'), f.t('fromRest')],
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
        head: [f.t('historical'), f.t('period'), f.t('portfolioReturn')],
        rows: o.historical.map((h) => [
          h.label,
          h.start && h.end ? `${f.date(h.start)} – ${f.date(h.end)}` : '–',
          h.portfolioReturn === null ? f.t('notCovered') : f.pct(h.portfolioReturn),
        ]),
        numeric: [false, false, true],
      },
      {
        kind: 'chart',
        title: f.t('monteCarlo', { paths: f.num(mc.paths, 0) }),
        svg: histogram(mc.histogram, { format: (v) => f.pct(v, 0), markAt: -mc.var95 }),
      },
      {
        kind: 'table',
        head: ['', ''],
        rows: [
          [f.t('mcVar'), f.pct(mc.var95)],
          [f.t('mcEs'), f.pct(mc.es95)],
          [f.t('mcLoss20'), f.pct(mc.probLossOver20)],
        ],
        numeric: [false, true],
      },
      {
        kind: 'table',
        head: [f.t('fundamentals'), f.t('weight'), f.t('capexToOcf'), f.t('capexToRevenue'), f.t('capexGrowth')],
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
        head: [f.t('scoreBreakdown'), f.t('value'), f.t('points')],
        rows: o.scoreComponents.map((c) => [c.label, f.num(c.value, 2), `${f.num(c.points, 1)} / ${c.weight}`]),
        numeric: [false, true, true],
      },
    ],
  };
}

function risk(r: AnalysisReport, f: Formatter): Section {
  const k = r.risk;
  const dd = k.drawdownSeries.map((p, i) => ({ x: i, y: -p.drawdown }));
  const ticks = [0, Math.floor(dd.length / 2), dd.length - 1].map((i) => ({
    x: i,
    label: f.date(k.drawdownSeries[i]!.date),
  }));
  return {
    id: 'risk',
    title: f.t('risk'),
    blocks: [
      {
        kind: 'table',
        head: ['', ''],
        rows: [
          [f.t('volatility'), f.pct(k.volatility)],
          [f.t('betaAi'), f.num(k.betaToAiBasket)],
          [f.t('betaMarket'), f.num(k.betaToMarket)],
          [f.t('r2'), f.pct(k.aiBasketRSquared, 0)],
          [f.t('var95'), f.pct(k.var95)],
          [f.t('es95'), f.pct(k.es95)],
          [f.t('maxDrawdown'), f.pct(k.maxDrawdown)],
        ],
        numeric: [false, true],
      },
      {
        kind: 'chart',
        title: f.t('drawdownChart', { n: String(k.lookbackDays) }),
        svg: lineChart([{ points: dd, color: PALETTE.negative, fill: true }], {
          xTicks: ticks,
          yFormat: (v) => f.pct(v, 0),
          height: 160,
        }),
      },
      {
        kind: 'chart',
        title: f.t('riskContributions'),
        svg: barChart(
          k.riskContributions.slice(0, 12).map((c) => ({ label: c.symbol, value: c.share })),
          (v) => f.pct(v),
        ),
      },
      { kind: 'chart', title: f.t('correlation'), svg: heatmap(k.correlation.symbols, k.correlation.matrix) },
    ],
  };
}

function methodology(r: AnalysisReport, f: Formatter): Section {
  const funds = r.exposure.funds.map((x) => `${x.symbol} (${x.constituentsAsOf ?? '?'})`).join(', ') || f.t('noFunds');
  return {
    id: 'methodology',
    title: f.t('methodology'),
    blocks: [
      { kind: 'paragraph', text: f.t('sources', { source: r.dataSource.description, date: f.date(r.asOf), funds }) },
      { kind: 'paragraph', text: f.t('methodNote') },
      {
        kind: 'table',
        head: [f.t('symbol'), f.t('quantity'), f.t('price'), f.t('marketValue'), f.t('weight')],
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
            { kind: 'paragraph', text: f.t('warnings'), strong: true } as Block,
            { kind: 'list', items: r.warnings.map((w) => w.message) } as Block,
          ]
        : []),
      { kind: 'notice', text: f.t('notAdvice') },
    ],
  };
}
