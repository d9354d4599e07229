import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write';
import { storageError } from '../shared/storage-error';
import type { SqlDriver, SqlExecutor } from './sql';

export interface StoredAnalysis {
  id: string;
  created: string;
  options: Record<string, unknown>;
  /** The AnalysisReport as stored: JSON text, sent as it is. */
  reportJson: string;
  /** The saved portfolio this analysis belongs to, when it was one of its runs. */
  portfolioId: string | null;
}

interface Row {
  id: string;
  created: number;
  options: string;
  report: string;
  portfolio_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isUuid = (id: string): boolean => UUID.test(id);

export type WriteFile = (file: string, data: string | Uint8Array) => Promise<void>;

/**
 * Every analysis the API ran, and whose it is: a row (id, owner, time, input hash, options, the
 * report's hash, the portfolio it was a run of) and the report JSON stored once per distinct content
 * (a repeat served from the result cache adds a row of a few bytes, not the report again);
 * `reportsDir/<id>/` holds rendered files, each written atomically. An analysis is found only by
 * its owner (another key gets "not found"). Ids are random UUIDs, validated before any look-up; a
 * path is only ever built from a validated id and a fixed name.
 */
export class AnalysisRecords {
  constructor(
    private readonly db: SqlDriver,
    private readonly reportsDir: string,
    private readonly now: () => number,
    private readonly write: WriteFile = writeFileAtomic,
  ) {}

  /** Stores an analysis for its owner; `reportJson` is the report already serialised (also the response body). */
  async save(
    owner: string,
    inputHash: string,
    options: Record<string, unknown>,
    reportJson: string,
    reportHash = createHash('sha256').update(reportJson).digest('hex'),
  ): Promise<StoredAnalysis> {
    try {
      return await this.db.transaction((tx) => this.insert(tx, { owner, inputHash, options, reportJson, reportHash }));
    } catch (err) {
      throw storageError(err, 'storage.analysis');
    }
  }

  /** The insert itself, inside a caller's transaction (a portfolio run stores its point with it). */
  async insert(
    tx: SqlExecutor,
    a: {
      owner: string;
      inputHash: string;
      options: Record<string, unknown>;
      reportJson: string;
      reportHash?: string;
      portfolioId?: string;
    },
  ): Promise<StoredAnalysis> {
    const id = randomUUID();
    const created = this.now();
    const hash = a.reportHash ?? createHash('sha256').update(a.reportJson).digest('hex');
    await tx.run('INSERT INTO reports (hash, json) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING', [hash, a.reportJson]);
    await tx.run(
      'INSERT INTO analyses (id, owner, created, input_hash, options, report, report_hash, portfolio_id) ' +
        "VALUES (?, ?, ?, ?, ?, '', ?, ?)",
      [id, a.owner, created, a.inputHash, JSON.stringify(a.options), hash, a.portfolioId ?? null],
    );
    const portfolioId = a.portfolioId ?? null;
    return { id, created: new Date(created).toISOString(), options: a.options, reportJson: a.reportJson, portfolioId };
  }

  /** The analysis, when it exists and belongs to `owner`; null otherwise (the two are not told apart). */
  async get(id: string, owner: string): Promise<StoredAnalysis | null> {
    if (!isUuid(id)) return null;
    const row = await this.db.get<Row>(
      'SELECT a.id, a.created, a.options, a.portfolio_id, COALESCE(r.json, a.report) AS report FROM analyses a ' +
        'LEFT JOIN reports r ON r.hash = a.report_hash WHERE a.id = ? AND a.owner = ?',
      [id, owner],
    );
    if (row === undefined) return null;
    return {
      id: row.id,
      created: new Date(row.created).toISOString(),
      options: JSON.parse(row.options) as Record<string, unknown>,
      reportJson: row.report,
      portfolioId: row.portfolio_id,
    };
  }

  /** A rendered file of an analysis already found for its owner, made once and kept beside it. */
  async rendered(stored: StoredAnalysis, name: string, render: () => Promise<Uint8Array>): Promise<Buffer> {
    if (!/^report\.[a-z]{2}(\.[A-Z0-9]+)?\.(pdf|html)$/.test(name)) throw new Error('invalid rendered-file name');
    const file = path.join(this.reportsDir, stored.id, name);
    const kept = await readFile(file).catch(() => null);
    if (kept !== null) return kept;
    const content = await render();
    try {
      await this.write(file, content);
    } catch (err) {
      throw storageError(err, 'storage.report_file');
    }
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }

  /** Temporary files of writes a killed process never finished: invisible, but not to be kept. */
  removeLeftovers(): void {
    let ids: string[];
    try {
      ids = readdirSync(this.reportsDir).filter(isUuid);
    } catch {
      return;
    }
    for (const id of ids)
      for (const name of readdirSync(path.join(this.reportsDir, id)))
        if (name.startsWith('.') && name.endsWith('.tmp'))
          rmSync(path.join(this.reportsDir, id, name), { force: true });
  }

  /**
   * Deletes analyses (and their files) older than the retention period, except the latest analysis
   * of each saved portfolio: its report stays readable as long as the portfolio exists.
   */
  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = this.now() - days * 86_400_000;
    const keep = 'id NOT IN (SELECT latest_analysis_id FROM portfolios WHERE latest_analysis_id IS NOT NULL)';
    const old = await this.db.all<{ id: string }>(`SELECT id FROM analyses WHERE created < ? AND ${keep}`, [cutoff]);
    await this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM analyses WHERE created < ? AND ${keep}`, [cutoff]);
      await tx.run(
        'UPDATE history SET analysis_id = NULL ' +
          'WHERE analysis_id IS NOT NULL AND analysis_id NOT IN (SELECT id FROM analyses)',
      );
      await this.dropUnusedReports(tx);
    });
    await this.removeFiles(old.map((r) => r.id));
    return old.length;
  }

  /** Report texts no analysis points at any more. */
  dropUnusedReports(tx: SqlExecutor): Promise<number> {
    return tx.run(
      'DELETE FROM reports WHERE hash NOT IN (SELECT report_hash FROM analyses WHERE report_hash IS NOT NULL)',
    );
  }

  /** The rendered files of analyses whose rows are gone. */
  async removeFiles(ids: readonly string[]): Promise<void> {
    for (const id of ids.filter(isUuid)) await rm(path.join(this.reportsDir, id), { recursive: true, force: true });
  }
}
