import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackgroundCheckpointer } from './sqlite-checkpointer';
import type { Migration, SqlDriver, SqlExecutor, SqlValue } from './sql';

/** SQLite's own automatic checkpoint, in WAL pages: its default, and the backstop behind a background thread. */
const AUTO_CHECKPOINT_PAGES = 1000;
const BACKSTOP_CHECKPOINT_PAGES = 16_000;
/** A WAL file grown past this is cut back to it when the log starts over. */
const WAL_FILE_LIMIT_BYTES = 16 << 20;

interface SqliteOptions {
  busyTimeoutMs?: number;
  /** A thread copies the WAL into the file, not the commits (the service). */
  backgroundCheckpoints?: boolean;
  /** Told when that thread stops: the commits checkpoint again from then on. */
  onCheckpointerFailure?: (err: Error) => void;
}

/**
 * The embedded database: one better-sqlite3 connection in WAL mode (and, with background
 * checkpoints, a second one on a thread of its own that only checkpoints). Its calls are synchronous, so
 * every method does its work before returning (a resolved promise): migrations are applied while
 * the store is constructed, and a transaction's queries run back to back without another request's
 * in between. Transactions are queued, one at a time, and take the write lock at BEGIN (IMMEDIATE)
 * so two of them never deadlock upgrading a read lock.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly checkpointer: BackgroundCheckpointer | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a killed process (not a power cut) without an fsync per request.
    this.db.pragma('synchronous = NORMAL');
    // A locked database is waited for (SQLite retries inside this time), then reported as busy.
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.pragma(`journal_size_limit = ${WAL_FILE_LIMIT_BYTES}`);
    if (options.backgroundCheckpoints === true && file !== ':memory:') {
      // The commits still checkpoint past 64 MB of WAL, should the log never start over.
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      this.checkpointer = new BackgroundCheckpointer(file, (err) => {
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        options.onCheckpointerFailure?.(err);
      });
    }
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.statement(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.statement(sql).run(...params).changes;
  }

  /**
   * Each query's statement, prepared once: our queries are a fixed set of texts, and compiling one
   * again cost 15-19 µs of the request thread per query, measured here. SQLite recompiles a kept
   * statement itself when a migration changes its tables.
   */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }

  /** Synchronous on purpose: the store is usable as soon as it is constructed. */
  migrate(migrations: readonly Migration[]): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations ' +
        '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)',
    );
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    const columns = (table: string) =>
      new Set(
        this.db
          .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
          .all()
          .map((c) => c.name),
      );
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        if (typeof m.sqlite === 'string') this.db.exec(m.sqlite);
        else m.sqlite((sql) => this.db.exec(sql), columns);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      })();
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    this.db.close();
  }
}
