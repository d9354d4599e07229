import { AppError } from '../errors';
import { CORE_FOUR } from '../theme/enums';
import { HEADLINE_MEASURES, type HistoryPoint, type RuleStatus } from './point';

const OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;
type Op = (typeof OPS)[number];
const STATUSES: readonly RuleStatus[] = ['pass', 'warn', 'fail'];
/** Alerts one portfolio may carry: enough for every measure, few enough to read at once. */
export const MAX_ALERTS = 20;

/**
 * A threshold on a history point: `aiRevenueShare > 0.3`, `score >= 60`, `issuerTop1 > 10%`,
 * `rule.single-issuer != pass`.
 */
export interface AlertRule {
  /** The rule written one way only: its identity (states and events are keyed by it). */
  expression: string;
  metric: string;
  op: Op;
  threshold: number | RuleStatus;
}

/** Measures a threshold may name besides the headline ones, and where a point keeps them. */
const NUMERIC: Record<string, (p: HistoryPoint) => number | null> = {
  ...Object.fromEntries(HEADLINE_MEASURES.map((m) => [m, (p: HistoryPoint) => p.headline[m]])),
  score: (p) => p.score,
  issuerEffectiveN: (p) => p.issuer?.effectiveN ?? null,
  issuerTop1: (p) => p.issuer?.top1 ?? null,
  ...Object.fromEntries(CORE_FOUR.map((k) => [`coreFour.${k}`, (p: HistoryPoint) => p.coreFour[k]])),
};

export const ALERT_METRICS = [...Object.keys(NUMERIC), 'rule.<id>'];

function invalid(text: string, reason: 'alert.syntax' | 'alert.metric' | 'alert.value' | 'alert.too_many'): AppError {
  return new AppError('bad_request', 'invalid_alert', {
    params: {
      alert: text.slice(0, 100),
      reason: { code: reason, params: { metrics: ALERT_METRICS.join(', '), max: MAX_ALERTS } },
    },
  });
}

/** Reads one threshold as a person writes it; a percentage is a fraction (`10%` is 0.1). */
export function parseAlert(text: string): AlertRule {
  const m = /^\s*([A-Za-z][\w.:-]*)\s*(>=|<=|==|!=|>|<)\s*([^\s]+)\s*$/.exec(text);
  if (m === null) throw invalid(text, 'alert.syntax');
  const [, rawMetric, rawOp, rawValue] = m as unknown as [string, string, Op, string];
  const metric = rawMetric
    .replace(/^rule:/, 'rule.')
    .replace(/^issuer\.(effectiveN|top1)$/, (_, k: string) => (k === 'top1' ? 'issuerTop1' : 'issuerEffectiveN'));
  if (metric.startsWith('rule.')) {
    if (!/^rule\.[a-z0-9-]{1,60}$/.test(metric)) throw invalid(text, 'alert.metric');
    const status = rawValue.toLowerCase() as RuleStatus;
    if (!STATUSES.includes(status)) throw invalid(text, 'alert.value');
    return { expression: `${metric} ${rawOp} ${status}`, metric, op: rawOp, threshold: status };
  }
  if (!Object.hasOwn(NUMERIC, metric)) throw invalid(text, 'alert.metric');
  const pct = rawValue.endsWith('%');
  const number = Number(pct ? rawValue.slice(0, -1) : rawValue);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)%?$/.test(rawValue) || !Number.isFinite(number)) throw invalid(text, 'alert.value');
  const threshold = pct ? Number((number / 100).toPrecision(12)) : number;
  return { expression: `${metric} ${rawOp} ${threshold}`, metric, op: rawOp, threshold };
}

/** A portfolio's thresholds: each read, duplicates (written differently) kept once, at most MAX_ALERTS. */
export function parseAlerts(texts: readonly string[]): AlertRule[] {
  if (texts.length > MAX_ALERTS) throw invalid(String(texts.length), 'alert.too_many');
  const rules = new Map<string, AlertRule>();
  for (const t of texts) {
    const rule = parseAlert(t);
    rules.set(rule.expression, rule);
  }
  return [...rules.values()];
}

/** The measure's value on a point, and whether the threshold holds; null when the point has no such measure. */
export function evaluate(
  rule: AlertRule,
  point: HistoryPoint,
): { value: number | RuleStatus | null; holds: boolean | null } {
  if (typeof rule.threshold === 'string') {
    const status = point.rules.find((r) => `rule.${r.id}` === rule.metric)?.status ?? null;
    if (status === null) return { value: null, holds: null };
    return { value: status, holds: compare(STATUSES.indexOf(status), rule.op, STATUSES.indexOf(rule.threshold)) };
  }
  const value = NUMERIC[rule.metric]!(point);
  if (value === null || !Number.isFinite(value)) return { value: null, holds: null };
  return { value, holds: compare(value, rule.op, rule.threshold) };
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * What a new point does to an alert: it crosses the line (it holds now and did not), clears it (it
 * did and no longer does), or nothing — staying crossed is not news. A point without the measure
 * changes nothing.
 */
export function transition(wasCrossed: boolean, holds: boolean | null): 'crossed' | 'cleared' | null {
  if (holds === null || holds === wasCrossed) return null;
  return holds ? 'crossed' : 'cleared';
}
