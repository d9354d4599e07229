import { reader, type Lang, type Reader } from '../i18n';
import { parseAlert } from '../monitor/alert-rules';
import type { HistoryPoint } from '../monitor/point';
import type { AnalysisReport } from './schema';
import { Canvas, type Drawing, PALETTE } from './charts/draw';
import type { Section } from './view';

/** A saved portfolio's history and thresholds, for the trend section of its report. */
export interface TrendInput {
  points: HistoryPoint[];
  alerts: string[];
}

const W = 520;
const H = 180;
const PAD = { left: 44, right: 10, top: 8, bottom: 22 };
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The trend section: score and AI revenue share over the portfolio's history, each threshold an
 * alert watches drawn as a dashed line, back-filled points drawn hollow, and where the method or
 * the holdings changed (a step there is not a change of risk). Null with fewer than two points.
 */
export function trendSection(report: AnalysisReport, trend: TrendInput, lang: Lang): Section | null {
  const points = trend.points;
  if (points.length < 2) return null;
  const f = reader(lang, report.baseCurrency);
  const rules = trend.alerts.map(parseAlert);
  const lines = (metric: string) =>
    rules.filter((r) => r.metric === metric && typeof r.threshold === 'number').map((r) => r.threshold as number);
  const score = chart(
    points,
    (p) => p.score,
    lines('score'),
    (v) => f.num(v, 0),
    [0, 100],
    f,
  );
  const share = chart(
    points,
    (p) => p.headline.aiRevenueShare,
    lines('aiRevenueShare'),
    (v) => f.pct(v, 0),
    null,
    f,
  );
  const notes: string[] = [
    f.t('ui.trendIntro', {
      n: points.length,
      from: points[0]!.asOf,
      to: points.at(-1)!.asOf,
      backfilled: points.filter((p) => p.backfilled).length,
    }),
  ];
  if (rules.length > 0) notes.push(f.t('ui.trendThresholds', { list: rules.map((r) => r.expression) }));
  const changed = (key: (p: HistoryPoint) => string) =>
    points.filter((p, i) => i > 0 && key(p) !== key(points[i - 1]!)).map((p) => f.date(p.asOf));
  const versions = changed((p) => JSON.stringify([p.versions.methodology, p.versions.data]));
  if (versions.length > 0) notes.push(f.t('ui.trendVersions', { dates: versions }));
  const holdings = changed((p) => p.inputHash);
  if (holdings.length > 0) notes.push(f.t('ui.trendHoldings', { dates: holdings }));
  return {
    id: 'trend',
    title: f.t('ui.trend'),
    blocks: [
      { kind: 'paragraph', text: notes[0]! },
      { kind: 'chart', title: f.t('ui.trendScore'), drawing: score },
      { kind: 'chart', title: f.t('ui.trendAiShare'), drawing: share },
      ...notes.slice(1).map((text) => ({ kind: 'paragraph' as const, text })),
    ],
  };
}

/** A small circle as a path (our drawings have no circle shape). */
function dot(cx: number, cy: number, r: number): string {
  return `M${r2(cx - r)},${r2(cy)} a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0`;
}

/** One measure over time: x by date, a dashed line per threshold, hollow marks for back-filled points. */
function chart(
  points: HistoryPoint[],
  value: (p: HistoryPoint) => number,
  thresholds: number[],
  format: (v: number) => string,
  fixed: [number, number] | null,
  f: Reader,
): Drawing {
  const c = new Canvas();
  const ts = points.map((p) => Date.parse(p.asOf));
  const vs = points.map(value);
  const [t0, t1] = [ts[0]!, ts.at(-1)!];
  const span = [...vs, ...thresholds];
  const [y0, y1] = fixed ?? [Math.min(0, ...span), Math.max(...span) * 1.1 || 1];
  const sx = (t: number) => PAD.left + ((t - t0) / (t1 - t0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const muted = { color: PALETTE.muted };
  for (const v of [y0, (y0 + y1) / 2, y1]) {
    c.line(PAD.left, sy(v), W - PAD.right, sy(v), PALETTE.grid);
    c.text(PAD.left - 4, sy(v) + 3, format(v), { ...muted, anchor: 'end' });
  }
  for (const v of thresholds) c.line(PAD.left, sy(v), W - PAD.right, sy(v), PALETTE.warm, 1, [5, 4]);
  const path = ts.map((t, i) => `${i === 0 ? 'M' : 'L'}${r2(sx(t))},${r2(sy(vs[i]!))}`).join('');
  c.path(path, { stroke: PALETTE.accent, width: 1.6 });
  ts.forEach((t, i) => {
    const fill = points[i]!.backfilled ? '#fff' : PALETTE.accent;
    c.path(dot(sx(t), sy(vs[i]!), 2.4), { fill, stroke: PALETTE.accent, width: 1 });
  });
  c.text(PAD.left, H - 6, f.date(points[0]!.asOf), { ...muted, anchor: 'start' });
  c.text(W - PAD.right, H - 6, f.date(points.at(-1)!.asOf), { ...muted, anchor: 'end' });
  return c.done(W, H);
}
