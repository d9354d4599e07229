import { randomUUID } from 'node:crypto';
import type { AlertEvent, AlertState, PortfolioRecord } from '../store';
import { evaluate, parseAlert, transition } from './alert-rules';
import type { HistoryPoint } from './point';

/** The JSON body of a webhook event: what crossed, on which date, by how much, by which method. */
interface AlertPayload {
  id: string;
  type: 'alert.crossed' | 'alert.cleared';
  created: string;
  portfolio: { id: string; name: string };
  alert: { expression: string; metric: string; op: string; threshold: number | string };
  asOf: string;
  value: number | string | null;
  previous: { asOf: string; value: number | null } | null;
  score: number;
  aiRevenueShare: number;
  versions: HistoryPoint['versions'];
}

/**
 * What a new point does to a portfolio's alerts: the states it leaves and an event per threshold it
 * crosses or clears. A point older than the date an alert was last evaluated on (a late catch-up)
 * changes nothing: alerts follow the market forward only, so a run repeated after a crash, or a
 * point arriving out of order, never fires twice.
 */
export function alertEvaluator(portfolio: PortfolioRecord, now: number) {
  return (states: Map<string, AlertState>, point: HistoryPoint) => {
    const next: [string, AlertState][] = [];
    const events: AlertEvent[] = [];
    for (const rule of portfolio.alerts.map(parseAlert)) {
      const before = states.get(rule.expression);
      if (before !== undefined && point.asOf < before.asOf) continue;
      const { value, holds } = evaluate(rule, point);
      if (holds === null) continue;
      next.push([
        rule.expression,
        { crossed: holds, asOf: point.asOf, value: typeof value === 'number' ? value : null },
      ]);
      const change = transition(before?.crossed ?? false, holds);
      if (change === null) continue;
      const id = randomUUID();
      const payload: AlertPayload = {
        id,
        type: `alert.${change}`,
        created: new Date(now).toISOString(),
        portfolio: { id: portfolio.id, name: portfolio.name },
        alert: { expression: rule.expression, metric: rule.metric, op: rule.op, threshold: rule.threshold },
        asOf: point.asOf,
        value,
        previous: before === undefined ? null : { asOf: before.asOf, value: before.value },
        score: point.score,
        aiRevenueShare: point.headline.aiRevenueShare,
        versions: point.versions,
      };
      events.push({
        id,
        portfolioId: portfolio.id,
        alert: rule.expression,
        transition: change,
        asOf: point.asOf,
        created: now,
        payload: JSON.stringify(payload),
        status: portfolio.webhookUrl === null ? 'no_webhook' : 'pending',
        attempts: 0,
        nextAttempt: portfolio.webhookUrl === null ? null : now,
        lastError: null,
        delivered: null,
      });
    }
    return { states: next, events };
  };
}
