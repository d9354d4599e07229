import type { SqlDriver, SqlExecutor } from './sql';

export interface ScheduleRun {
  portfolioId: string;
  marketDay: string;
  status: 'running' | 'done' | 'failed';
  finished: number | null;
  error: string | null;
}

/**
 * The daily runs of saved portfolios, one row per portfolio and market day: the row is the claim,
 * so however many processes (or restarts) try the same run, one holds it at a time and a run that
 * is done is never run again. A claim is a lease: a process killed mid-run leaves it to expire, and
 * a failed run (no market data) may be tried again once its retry time has passed.
 */
export class RunRecords {
  constructor(private readonly db: SqlDriver) {}

  async claim(portfolioId: string, marketDay: string, now: number, leaseMs: number): Promise<boolean> {
    const inserted = await this.db.run(
      "INSERT INTO schedule_runs (portfolio_id, market_day, status, claimed_until) VALUES (?, ?, 'running', ?) " +
        'ON CONFLICT (portfolio_id, market_day) DO NOTHING',
      [portfolioId, marketDay, now + leaseMs],
    );
    if (inserted === 1) return true;
    const taken = await this.db.run(
      "UPDATE schedule_runs SET status = 'running', claimed_until = ?, error = NULL " +
        "WHERE portfolio_id = ? AND market_day = ? AND status <> 'done' AND claimed_until < ?",
      [now + leaseMs, portfolioId, marketDay, now],
    );
    return taken === 1;
  }

  done(tx: SqlExecutor, portfolioId: string, marketDay: string, now: number): Promise<number> {
    return tx.run(
      "UPDATE schedule_runs SET status = 'done', finished = ?, error = NULL WHERE portfolio_id = ? AND market_day = ?",
      [now, portfolioId, marketDay],
    );
  }

  fail(portfolioId: string, marketDay: string, error: string, retryAt: number): Promise<number> {
    return this.db.run(
      "UPDATE schedule_runs SET status = 'failed', claimed_until = ?, error = ? " +
        'WHERE portfolio_id = ? AND market_day = ?',
      [retryAt, error.slice(0, 500), portfolioId, marketDay],
    );
  }

  /** Market days from `fromDay` on whose run is done. */
  async doneDays(portfolioId: string, fromDay: string): Promise<Set<string>> {
    const rows = await this.db.all<{ market_day: string }>(
      "SELECT market_day FROM schedule_runs WHERE portfolio_id = ? AND market_day >= ? AND status = 'done'",
      [portfolioId, fromDay],
    );
    return new Set(rows.map((r) => r.market_day));
  }

  async list(portfolioId: string): Promise<ScheduleRun[]> {
    const rows = await this.db.all<{
      portfolio_id: string;
      market_day: string;
      status: ScheduleRun['status'];
      finished: number | null;
      error: string | null;
    }>(
      'SELECT portfolio_id, market_day, status, finished, error FROM schedule_runs ' +
        'WHERE portfolio_id = ? ORDER BY market_day',
      [portfolioId],
    );
    return rows.map((r) => ({
      portfolioId: r.portfolio_id,
      marketDay: r.market_day,
      status: r.status,
      finished: r.finished,
      error: r.error,
    }));
  }

  /** Runs of days before `day` (the history retention period). */
  purgeBefore(day: string): Promise<number> {
    return this.db.run('DELETE FROM schedule_runs WHERE market_day < ?', [day]);
  }
}
