import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AnalysisReport } from '../report';
import { writeFileAtomic } from '../shared/atomic-write';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isAnalysisId(id: string): boolean {
  return UUID.test(id);
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
  ) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a killed process (not a power cut) without an fsync per request.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS analyses (id TEXT PRIMARY KEY, created INTEGER NOT NULL, input_hash TEXT NOT NULL, options TEXT NOT NULL, report TEXT NOT NULL)');
  }

  /** Stores an analysis; `reportJson` is the report already serialised (it is also the response body). */
  save(inputHash: string, options: Record<string, unknown>, report: AnalysisReport, reportJson = JSON.stringify(report)): StoredAnalysis {
    const id = randomUUID();
    const created = this.now();
    this.insert.run(id, created, inputHash, JSON.stringify(options), reportJson);
    return { id, created: new Date(created).toISOString(), inputHash, options, report };
  }

  private get insert() {
    this.insertStatement ??= this.db.prepare('INSERT INTO analyses (id, created, input_hash, options, report) VALUES (?, ?, ?, ?, ?)');
    return this.insertStatement;
  }

  private insertStatement: Database.Statement | undefined;

  get(id: string): StoredAnalysis | null {
    if (!isAnalysisId(id)) return null;
    const row = this.db.prepare<[string], { id: string; created: number; input_hash: string; options: string; report: string }>('SELECT * FROM analyses WHERE id = ?').get(id);
    if (row === undefined) return null;
    return { id: row.id, created: new Date(row.created).toISOString(), inputHash: row.input_hash, options: JSON.parse(row.options), report: JSON.parse(row.report) };
  }

  /** A rendered file, made once and kept beside the analysis (`render` runs on the first request). */
  async rendered(id: string, name: string, render: () => Promise<string | Buffer>): Promise<Buffer> {
    if (!isAnalysisId(id) || !/^report\.[a-z]{2}(\.[A-Z0-9]+)?\.(pdf|html)$/.test(name)) throw new Error('invalid rendered-file name');
    const file = path.join(this.reportsDir, id, name);
    try {
      return await readFile(file);
    } catch {
      const content = await render();
      await writeFileAtomic(file, content);
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
