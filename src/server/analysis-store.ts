import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AnalysisReport } from '../report';
import { writeFileAtomic } from '../shared/atomic-write';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isAnalysisId(id: string): boolean {
  return UUID.test(id);
}

/** Storing or reading failed for reasons of the machine, not the request (HTTP 507 or 503). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: 'full' | 'unwritable' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

export function storageError(err: unknown, what: string): StorageError | unknown {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT')
    return new StorageError('full', `no space left to store ${what}`);
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'ENOTDIR' ||
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_CANTOPEN'
  )
    return new StorageError('unwritable', `${what} cannot be written (${code})`);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new StorageError('busy', `the database stayed busy; ${what} was not stored`);
  return err;
}

export interface StoredAnalysis {
  id: string;
  created: string;
  inputHash: string;
  options: Record<string, unknown>;
  report: AnalysisReport;
}

/**
 * Every analysis the API ran: SQLite for the record (id, time, input hash, options, report JSON)
 * and `reportsDir/<id>/` for rendered files, each written atomically. Ids are random UUIDs and are
 * validated before any lookup; a path is only ever built from a validated id and a fixed name.
 */
export class AnalysisStore {
  private readonly db: Database.Database;

  constructor(
    file: string,
    private readonly reportsDir: string,
    private readonly now: () => number = Date.now,
    options: { busyTimeoutMs?: number; writeFile?: (file: string, data: string | Buffer) => Promise<void> } = {},
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
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS analyses (id TEXT PRIMARY KEY, created INTEGER NOT NULL, input_hash TEXT NOT NULL, options TEXT NOT NULL, report TEXT NOT NULL)',
    );
  }

  /** Stores an analysis; `reportJson` is the report already serialised (it is also the response body). */
  save(
    inputHash: string,
    options: Record<string, unknown>,
    report: AnalysisReport,
    reportJson = JSON.stringify(report),
  ): StoredAnalysis {
    const id = randomUUID();
    const created = this.now();
    try {
      this.insert.run(id, created, inputHash, JSON.stringify(options), reportJson);
    } catch (err) {
      throw storageError(err, 'the analysis');
    }
    return { id, created: new Date(created).toISOString(), inputHash, options, report };
  }

  private get insert() {
    this.insertStatement ??= this.db.prepare(
      'INSERT INTO analyses (id, created, input_hash, options, report) VALUES (?, ?, ?, ?, ?)',
    );
    return this.insertStatement;
  }

  private insertStatement: Database.Statement | undefined;
  private readonly write: (file: string, data: string | Buffer) => Promise<void>;

  /** Temporary files of writes a killed process never finished: invisible, but not to be kept. */
  private removeLeftovers(): void {
    let ids: string[];
    try {
      ids = readdirSync(this.reportsDir).filter(isAnalysisId);
    } catch {
      return;
    }
    for (const id of ids) {
      for (const name of readdirSync(path.join(this.reportsDir, id)))
        if (name.startsWith('.') && name.endsWith('.tmp'))
          rmSync(path.join(this.reportsDir, id, name), { force: true });
    }
  }

  get(id: string): StoredAnalysis | null {
    if (!isAnalysisId(id)) return null;
    const row = this.db
      .prepare<[string], { id: string; created: number; input_hash: string; options: string; report: string }>(
        'SELECT * FROM analyses WHERE id = ?',
      )
      .get(id);
    if (row === undefined) return null;
    return {
      id: row.id,
      created: new Date(row.created).toISOString(),
      inputHash: row.input_hash,
      options: JSON.parse(row.options),
      report: JSON.parse(row.report),
    };
  }

  /** A rendered file, made once and kept beside the analysis (`render` runs on the first request). */
  async rendered(id: string, name: string, render: () => Promise<string | Buffer>): Promise<Buffer> {
    if (!isAnalysisId(id) || !/^report\.[a-z]{2}(\.[A-Z0-9]+)?\.(pdf|html)$/.test(name))
      throw new Error('invalid rendered-file name');
    const file = path.join(this.reportsDir, id, name);
    try {
      return await readFile(file);
    } catch {
      const content = await render();
      try {
        await this.write(file, content);
      } catch (err) {
        throw storageError(err, 'the report file');
      }
      return Buffer.isBuffer(content) ? content : Buffer.from(content);
    }
  }

  /** Deletes analyses (and their files) older than the retention period. */
  purgeOlderThan(days: number): number {
    const cutoff = this.now() - days * 86_400_000;
    const old = this.db.prepare<[number], { id: string }>('SELECT id FROM analyses WHERE created < ?').all(cutoff);
    for (const { id } of old) rmSync(path.join(this.reportsDir, id), { recursive: true, force: true });
    this.db.prepare('DELETE FROM analyses WHERE created < ?').run(cutoff);
    return old.length;
  }

  close(): void {
    this.db.close();
  }
}
