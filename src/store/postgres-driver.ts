import { Pool, type PoolClient, types } from 'pg';
import { numberedPlaceholders, type Migration, type SqlDriver, type SqlExecutor, type SqlValue } from './sql';

/** Times are epoch milliseconds in BIGINT columns: read them back as numbers (they fit exactly). */
const INT8 = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** Migrations of several instances starting at once are applied by one of them: they wait on this lock. */
const MIGRATION_LOCK = 0x61697865; // "aixe"

type Queryable = Pick<PoolClient, 'query'>;

function executor(client: Queryable): SqlExecutor {
  const query = async <T>(sql: string, params: readonly SqlValue[] = []) =>
    (await client.query(numberedPlaceholders(sql), params as SqlValue[])) as unknown as { rows: T[]; rowCount: number };
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows,
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query<T>(sql, params)).rows[0],
    run: async (sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** The production store: PostgreSQL through a `pg` pool (DATABASE_URL). */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  private readonly pool: Pool;
  private readonly direct: SqlExecutor;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new Pool({ connectionString, max: options.max ?? 10, types: typeParsers });
    // An idle client that loses its server must not take the process down: the next query reports it.
    this.pool.on('error', () => {});
    this.direct = executor(this.pool);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await tx.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations ' +
          '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied BIGINT NOT NULL)',
      );
      const applied = new Set(
        (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
      );
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await tx.run(m.postgres);
        await tx.run('INSERT INTO schema_migrations VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
