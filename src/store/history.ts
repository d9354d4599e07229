import type { HistoryPoint } from '../monitor/point';
import type { SqlDriver, SqlExecutor } from './sql';

export interface HistoryPage {
  total: number;
  points: HistoryPoint[];
}

/**
 * A portfolio's history: one point per market-data date. An analysis made then (created, manual,
 * scheduled) replaces whatever point that date had; a back-filled point only fills a date that has
 * none, so back-filling never overwrites what was seen at the time.
 */
export class HistoryRecords {
  constructor(private readonly db: SqlDriver) {}

  /** Stores a point; whether it was stored (a back-filled one is not, over an existing date). */
  async put(tx: SqlExecutor, portfolioId: string, point: HistoryPoint, now: number): Promise<boolean> {
    const values = [portfolioId, point.asOf, point.kind, now, point.analysisId, JSON.stringify(point)];
    const insert =
      'INSERT INTO history (portfolio_id, as_of, kind, created, analysis_id, point) VALUES (?, ?, ?, ?, ?, ?)';
    const changed = point.backfilled
      ? await tx.run(`${insert} ON CONFLICT (portfolio_id, as_of) DO NOTHING`, values)
      : await tx.run(
          `${insert} ON CONFLICT (portfolio_id, as_of) DO UPDATE SET kind = excluded.kind, ` +
            'created = excluded.created, ' +
            'analysis_id = excluded.analysis_id, point = excluded.point',
          values,
        );
    return changed > 0;
  }

  /** Points between two dates (inclusive), oldest first, a page at a time. */
  async list(
    portfolioId: string,
    range: { from?: string; to?: string; limit: number; offset: number },
  ): Promise<HistoryPage> {
    const where = 'portfolio_id = ? AND as_of >= ? AND as_of <= ?';
    const args = [portfolioId, range.from ?? '0000-00-00', range.to ?? '9999-99-99'];
    const total = await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM history WHERE ${where}`, args);
    const rows = await this.db.all<{ point: string }>(
      `SELECT point FROM history WHERE ${where} ORDER BY as_of LIMIT ? OFFSET ?`,
      [...args, range.limit, range.offset],
    );
    return { total: Number(total?.n ?? 0), points: rows.map((r) => JSON.parse(r.point) as HistoryPoint) };
  }

  /** The latest `n` points, oldest first (sparklines, the report's trend). */
  async recent(portfolioId: string, n: number): Promise<HistoryPoint[]> {
    const rows = await this.db.all<{ point: string }>(
      'SELECT point FROM history WHERE portfolio_id = ? ORDER BY as_of DESC LIMIT ?',
      [portfolioId, n],
    );
    return rows.map((r) => JSON.parse(r.point) as HistoryPoint).reverse();
  }

  /** Points dated before `asOf` (the history retention period). */
  purgeBefore(asOf: string): Promise<number> {
    return this.db.run('DELETE FROM history WHERE as_of < ?', [asOf]);
  }
}
