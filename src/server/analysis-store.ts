import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { writeFileAtomic } from '../shared/atomic-write';
import { storageError } from '../shared/storage-error';
import { isUuid } from './http/params';

export interface StoredAnalysis {
  id: string;
  created: string;
  options: Record<string, unknown>;
  /** The AnalysisReport as stored: JSON text, sent as it is. */
  reportJson: string;
}

interface Row {
  id: string;
  created: number;
  options: string;
  report: string;
}

/**
 * Every analysis the API ran, and whose it is: SQLite for the record (id, owner, time, input hash,
 * options, report JSON) and `reportsDir/<id>/` for rendered files, each written atomically. An
 * analysis is found only by its owner (another key gets "not found"). Ids are random UUIDs,
 * validated before any look-up; a path is only ever built from a validated id and a fixed name.
 */
export class AnalysisStore {
  private readonly db: Database.Database;
  private readonly write: (file: string, data: string | Uint8Array) => Promise<void>;
  private readonly insertReport: Database.Statement<[string, string]>;
  private readonly insert: Database.Statement<[string, string, number, string, string, string]>;
  private readonly select: Database.Statement<[string, string], Row>;
  /** The report (once per content) and the analysis row, in one transaction. */
  private readonly saveBoth: (
    hash: string,
    json: string,
    row: [string, string, number, string, string, string],
  ) => void;

  constructor(
    file: string,
    private readonly reportsDir: string,
    private readonly now: () => number = Date.now,
    options: { busyTimeoutMs?: number; writeFile?: (file: string, data: string | Uint8Array) => Promise<void> } = {},
  ) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a killed process (not a power cut) without an fsync per request.
    this.db.pragma('synchronous = NORMAL');
    // A locked database is waited for (SQLite retries inside this time), then reported as busy.
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.write = options.writeFile ?? writeFileAtomic;
    this.removeLeftovers();
    this.migrate();
    this.insertReport = this.db.prepare('INSERT OR IGNORE INTO reports (hash, json) VALUES (?, ?)');
    this.insert = this.db.prepare(
      'INSERT INTO analyses (id, owner, created, input_hash, options, report, report_hash) ' +
        "VALUES (?, ?, ?, ?, ?, '', ?)",
    );
    this.saveBoth = this.db.transaction(
      (hash: string, json: string, row: [string, string, number, string, string, string]) => {
        this.insertReport.run(hash, json);
        this.insert.run(...row);
      },
    );
    this.select = this.db.prepare(
      'SELECT a.id, a.created, a.options, COALESCE(r.json, a.report) AS report FROM analyses a ' +
        'LEFT JOIN reports r ON r.hash = a.report_hash WHERE a.id = ? AND a.owner = ?',
    );
  }

  /**
   * The tables. A report's JSON is stored once per distinct content (a repeat served from the
   * result cache adds a row of a few bytes, not the report again); databases made before kept the
   * report in the analysis row (`report`), and before analyses had owners (theirs: no key's).
   */
  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS analyses (id TEXT PRIMARY KEY, ' +
        "owner TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, input_hash TEXT NOT NULL, options TEXT NOT NULL, " +
        "report TEXT NOT NULL DEFAULT '', report_hash TEXT)",
    );
    this.db.exec('CREATE TABLE IF NOT EXISTS reports (hash TEXT PRIMARY KEY, json TEXT NOT NULL)');
    const columns = new Set(
      this.db
        .prepare<[], { name: string }>('PRAGMA table_info(analyses)')
        .all()
        .map((c) => c.name),
    );
    if (!columns.has('owner')) this.db.exec("ALTER TABLE analyses ADD COLUMN owner TEXT NOT NULL DEFAULT ''");
    if (!columns.has('report_hash')) this.db.exec('ALTER TABLE analyses ADD COLUMN report_hash TEXT');
  }

  /** Stores an analysis for its owner; `reportJson` is the report already serialised (also the response body). */
  save(
    owner: string,
    inputHash: string,
    options: Record<string, unknown>,
    reportJson: string,
    reportHash = createHash('sha256').update(reportJson).digest('hex'),
  ): StoredAnalysis {
    const id = randomUUID();
    const created = this.now();
    try {
      this.saveBoth(reportHash, reportJson, [id, owner, created, inputHash, JSON.stringify(options), reportHash]);
    } catch (err) {
      throw storageError(err, 'storage.analysis');
    }
    return { id, created: new Date(created).toISOString(), options, reportJson };
  }

  /** The analysis, when it exists and belongs to `owner`; null otherwise (the two are not told apart). */
  get(id: string, owner: string): StoredAnalysis | null {
    if (!isUuid(id)) return null;
    const row = this.select.get(id, owner);
    if (row === undefined) return null;
    return {
      id: row.id,
      created: new Date(row.created).toISOString(),
      options: JSON.parse(row.options) as Record<string, unknown>,
      reportJson: row.report,
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
  private removeLeftovers(): void {
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

  /** Deletes analyses (and their files) older than the retention period. */
  purgeOlderThan(days: number): number {
    const cutoff = this.now() - days * 86_400_000;
    const old = this.db.prepare<[number], { id: string }>('SELECT id FROM analyses WHERE created < ?').all(cutoff);
    for (const { id } of old) rmSync(path.join(this.reportsDir, id), { recursive: true, force: true });
    this.db.prepare('DELETE FROM analyses WHERE created < ?').run(cutoff);
    this.db.exec(
      'DELETE FROM reports WHERE hash NOT IN (SELECT report_hash FROM analyses WHERE report_hash IS NOT NULL)',
    );
    return old.length;
  }

  close(): void {
    this.db.close();
  }
}
