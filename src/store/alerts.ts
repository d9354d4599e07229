import type { SqlDriver, SqlExecutor } from './sql';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'no_webhook';

export interface AlertState {
  crossed: boolean;
  asOf: string;
  value: number | null;
}

/** One crossing of a threshold and the delivery of its webhook event. */
export interface AlertEvent {
  id: string;
  portfolioId: string;
  alert: string;
  transition: 'crossed' | 'cleared';
  asOf: string;
  created: number;
  /** The JSON body posted to the webhook, exactly as signed. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttempt: number | null;
  lastError: string | null;
  delivered: number | null;
}

interface EventRow {
  id: string;
  portfolio_id: string;
  alert: string;
  transition: 'crossed' | 'cleared';
  as_of: string;
  created: number;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt: number | null;
  last_error: string | null;
  delivered: number | null;
}

const EVENT_COLUMNS =
  'id, portfolio_id, alert, transition, as_of, created, payload, status, attempts, next_attempt, last_error, delivered';

const fromRow = (r: EventRow): AlertEvent => ({
  id: r.id,
  portfolioId: r.portfolio_id,
  alert: r.alert,
  transition: r.transition,
  asOf: r.as_of,
  created: r.created,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttempt: r.next_attempt,
  lastError: r.last_error,
  delivered: r.delivered,
});

/**
 * Alert states (is each threshold crossed, as of which date) and the events of their crossings with
 * their delivery. An event is unique per portfolio, threshold, date and direction, so evaluating the
 * same point twice (a run repeated after a crash) cannot record it twice; a delivery is claimed for a
 * lease before it is sent, so two processes never send the same event at once.
 */
export class AlertRecords {
  constructor(private readonly db: SqlDriver) {}

  async states(tx: SqlExecutor, portfolioId: string): Promise<Map<string, AlertState>> {
    const rows = await tx.all<{ alert: string; crossed: number; as_of: string; value: number | null }>(
      'SELECT alert, crossed, as_of, value FROM alert_states WHERE portfolio_id = ?',
      [portfolioId],
    );
    return new Map(rows.map((r) => [r.alert, { crossed: r.crossed === 1, asOf: r.as_of, value: r.value }]));
  }

  setState(tx: SqlExecutor, portfolioId: string, alert: string, s: AlertState): Promise<number> {
    return tx.run(
      'INSERT INTO alert_states (portfolio_id, alert, crossed, as_of, value) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (portfolio_id, alert) DO UPDATE SET crossed = excluded.crossed, as_of = excluded.as_of, ' +
        'value = excluded.value',
      [portfolioId, alert, s.crossed ? 1 : 0, s.asOf, s.value],
    );
  }

  /** States of thresholds the portfolio no longer has. */
  async keepStates(portfolioId: string, alerts: readonly string[]): Promise<void> {
    const rows = await this.db.all<{ alert: string }>('SELECT alert FROM alert_states WHERE portfolio_id = ?', [
      portfolioId,
    ]);
    for (const { alert } of rows.filter((r) => !alerts.includes(r.alert)))
      await this.db.run('DELETE FROM alert_states WHERE portfolio_id = ? AND alert = ?', [portfolioId, alert]);
  }

  /** Records an event; false when the same crossing was recorded already. */
  async addEvent(tx: SqlExecutor, e: AlertEvent): Promise<boolean> {
    const changed = await tx.run(
      `INSERT INTO alert_events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
        'ON CONFLICT (portfolio_id, alert, as_of, transition) DO NOTHING',
      [
        e.id,
        e.portfolioId,
        e.alert,
        e.transition,
        e.asOf,
        e.created,
        e.payload,
        e.status,
        e.attempts,
        e.nextAttempt,
        e.lastError,
        e.delivered,
      ],
    );
    return changed > 0;
  }

  /** A portfolio's events, newest first. */
  async events(
    portfolioId: string,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: AlertEvent[] }> {
    const total = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM alert_events WHERE portfolio_id = ?', [
      portfolioId,
    ]);
    const rows = await this.db.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM alert_events WHERE portfolio_id = ? ORDER BY created DESC, as_of DESC, id ` +
        'LIMIT ? OFFSET ?',
      [portfolioId, page.limit, page.offset],
    );
    return { total: Number(total?.n ?? 0), items: rows.map(fromRow) };
  }

  /** Events whose delivery is due and not claimed by anyone. */
  async due(now: number, limit: number): Promise<AlertEvent[]> {
    const rows = await this.db.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM alert_events WHERE status = 'pending' AND next_attempt <= ? ` +
        'AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt, created LIMIT ?',
      [now, now, limit],
    );
    return rows.map(fromRow);
  }

  /** The next time any pending delivery is due, if one is. */
  async nextDue(): Promise<number | null> {
    const row = await this.db.get<{ t: number | null }>(
      "SELECT MIN(next_attempt) AS t FROM alert_events WHERE status = 'pending'",
    );
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  /** Takes an event for `leaseMs`; false when another process holds it. */
  async claim(id: string, now: number, leaseMs: number): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE alert_events SET claimed_until = ? WHERE id = ? AND status = 'pending' " +
        'AND (claimed_until IS NULL OR claimed_until < ?)',
      [now + leaseMs, id, now],
    );
    return changed === 1;
  }

  /** The outcome of one delivery attempt. */
  settle(
    id: string,
    outcome: {
      status: DeliveryStatus;
      attempts: number;
      nextAttempt: number | null;
      lastError: string | null;
      delivered: number | null;
    },
  ): Promise<number> {
    return this.db.run(
      'UPDATE alert_events SET status = ?, attempts = ?, next_attempt = ?, last_error = ?, delivered = ?, ' +
        'claimed_until = NULL WHERE id = ?',
      [outcome.status, outcome.attempts, outcome.nextAttempt, outcome.lastError, outcome.delivered, id],
    );
  }

  /** Events older than the retention period. */
  purgeBefore(created: number): Promise<number> {
    return this.db.run('DELETE FROM alert_events WHERE created < ?', [created]);
  }
}
