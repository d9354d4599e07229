import type { HistoryPoint } from '../monitor/point';
import { AlertRecords, type AlertEvent, type AlertState } from './alerts';
import { AnalysisRecords, type StoredAnalysis, type WriteFile } from './analyses';
import { HistoryRecords } from './history';
import { MIGRATIONS } from './migrations';
import { PortfolioRecords, type PortfolioRecord } from './portfolios';
import { PostgresDriver } from './postgres-driver';
import { RunRecords } from './runs';
import type { SqlDriver } from './sql';
import { SqliteDriver } from './sqlite-driver';

export type { AlertEvent, AlertState } from './alerts';
export type { StoredAnalysis } from './analyses';
export type { PortfolioFields, PortfolioRecord, StoredUpload } from './portfolios';
export { PostgresDriver } from './postgres-driver';
export { SqliteDriver } from './sqlite-driver';

export interface StoreOptions {
  writeFile?: WriteFile;
}

/** What one run of a saved portfolio leaves behind, written in one transaction. */
export interface RunResult {
  portfolio: PortfolioRecord;
  /** The full report of a live analysis (a back-filled point keeps none). */
  report?: { json: string; hash?: string };
  point: HistoryPoint;
  /** The scheduled run this was, marked done with it. */
  run?: { marketDay: string };
  /** The alert states after this point, and the events of its crossings (live points only). */
  evaluate?: (
    states: Map<string, AlertState>,
    point: HistoryPoint,
  ) => { states: [string, AlertState][]; events: AlertEvent[] };
}

/**
 * The one store of the service, on SQLite (embedded) or PostgreSQL: analyses, saved portfolios,
 * their history, alerts and schedule runs, with the same queries on both. The schema's versioned
 * migrations run when it opens (`ready`; on SQLite before the constructor returns).
 */
export class Store {
  readonly analyses: AnalysisRecords;
  readonly portfolios: PortfolioRecords;
  readonly history: HistoryRecords;
  readonly alerts: AlertRecords;
  readonly runs: RunRecords;
  readonly ready: Promise<void>;

  constructor(
    readonly db: SqlDriver,
    reportsDir: string,
    readonly now: () => number = Date.now,
    options: StoreOptions = {},
  ) {
    this.analyses = new AnalysisRecords(db, reportsDir, now, options.writeFile);
    this.portfolios = new PortfolioRecords(db, now);
    this.history = new HistoryRecords(db);
    this.alerts = new AlertRecords(db);
    this.runs = new RunRecords(db);
    this.analyses.removeLeftovers();
    this.ready = db.migrate(MIGRATIONS);
    // Whoever uses the store awaits `ready` (the service at start) and sees the failure there.
    this.ready.catch(() => {});
  }

  /**
   * Stores a run: its analysis (the portfolio's latest), its point, the alert states it leaves and
   * the events of its crossings, and marks the scheduled run done, all or nothing — a process killed
   * half-way leaves the run to be done again, never a point without its alerts. The portfolio's row
   * is locked meanwhile, so two runs of one portfolio evaluate its alerts one after the other.
   * Null when the portfolio was deleted in between.
   */
  record(r: RunResult): Promise<{ analysis: StoredAnalysis | null; stored: boolean; events: AlertEvent[] } | null> {
    return this.db.transaction(async (tx) => {
      const id = r.portfolio.id;
      const exists = await tx.get(`SELECT id FROM portfolios WHERE id = ?${this.db.forUpdate}`, [id]);
      if (exists === undefined) return null;
      const options = r.portfolio.options;
      const analysis =
        r.report === undefined
          ? null
          : await this.analyses.insert(tx, {
              owner: r.portfolio.owner,
              inputHash: r.point.inputHash,
              options: { ...options, asOf: r.point.asOf },
              reportJson: r.report.json,
              ...(r.report.hash !== undefined && { reportHash: r.report.hash }),
              portfolioId: id,
            });
      const point = { ...r.point, analysisId: analysis?.id ?? null };
      if (analysis !== null)
        await tx.run('UPDATE portfolios SET latest_analysis_id = ? WHERE id = ?', [analysis.id, id]);
      const stored = await this.history.put(tx, id, point, this.now());
      const events: AlertEvent[] = [];
      if (r.evaluate !== undefined && !point.backfilled) {
        const next = r.evaluate(await this.alerts.states(tx, id), point);
        for (const [alert, state] of next.states) await this.alerts.setState(tx, id, alert, state);
        for (const e of next.events) if (await this.alerts.addEvent(tx, e)) events.push(e);
      }
      if (r.run !== undefined) await this.runs.done(tx, id, r.run.marketDay, this.now());
      return { analysis, stored, events };
    });
  }

  /** Deletes a portfolio its owner holds with everything it made: history, alerts, runs, reports and their files. */
  async deletePortfolio(id: string, owner: string): Promise<boolean> {
    const analyses = await this.db.transaction(async (tx) => {
      const found = await tx.get(`SELECT id FROM portfolios WHERE id = ? AND owner = ?${this.db.forUpdate}`, [
        id,
        owner,
      ]);
      if (found === undefined) return null;
      const ids = await tx.all<{ id: string }>('SELECT id FROM analyses WHERE portfolio_id = ?', [id]);
      for (const table of ['alert_events', 'alert_states', 'history', 'schedule_runs', 'analyses'])
        await tx.run(`DELETE FROM ${table} WHERE portfolio_id = ?`, [id]);
      await tx.run('DELETE FROM portfolios WHERE id = ?', [id]);
      await this.analyses.dropUnusedReports(tx);
      return ids.map((r) => r.id);
    });
    if (analyses === null) return false;
    await this.analyses.removeFiles(analyses);
    return true;
  }

  /**
   * The retention periods: full reports after `reportDays` (a portfolio's latest excepted), history
   * points, schedule runs and alert events after `historyDays`.
   */
  async purge(retention: { reportDays: number; historyDays: number }): Promise<{ analyses: number; points: number }> {
    const analyses = await this.analyses.purgeOlderThan(retention.reportDays);
    const cutoff = this.now() - retention.historyDays * 86_400_000;
    const day = new Date(cutoff).toISOString().slice(0, 10);
    const points = await this.history.purgeBefore(day);
    await this.runs.purgeBefore(day);
    await this.alerts.purgeBefore(cutoff);
    return { analyses, points };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The store the environment names: PostgreSQL with DATABASE_URL, else the embedded SQLite file. */
export function openStore(config: {
  databaseUrl?: string;
  sqliteFile: string;
  reportsDir: string;
  now?: () => number;
  /** Told when SQLite's checkpoint thread stops (the commits checkpoint again from then on). */
  onCheckpointerFailure?: (err: Error) => void;
}): Store {
  const driver =
    config.databaseUrl !== undefined
      ? new PostgresDriver(config.databaseUrl)
      : new SqliteDriver(config.sqliteFile, {
          backgroundCheckpoints: true,
          ...(config.onCheckpointerFailure !== undefined && { onCheckpointerFailure: config.onCheckpointerFailure }),
        });
  return new Store(driver, config.reportsDir, config.now);
}
