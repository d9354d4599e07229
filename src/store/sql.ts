/** A value bound to a query: text, a number, or NULL (booleans are stored as 0/1, times as epoch ms). */
export type SqlValue = string | number | null;

/** What a query can run on: the database itself, or one transaction of it. */
export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * One versioned change of the schema. Both backends run the same queries afterwards, so a
 * migration says the same thing in each dialect; SQLite's first one also adopts databases made
 * before migrations were versioned (it is a function: it looks at the columns that are there).
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string | ((exec: (sql: string) => void, columns: (table: string) => Set<string>) => void);
  postgres: string;
}

/**
 * A database the stores run on: SQLite (embedded) or PostgreSQL. Queries are written once with `?`
 * placeholders in the SQL both understand (ON CONFLICT … DO UPDATE, RETURNING); the PostgreSQL
 * driver numbers them. A transaction's callback must only run queries (no other I/O): the SQLite
 * driver relies on it to keep other work off its one connection while the transaction is open.
 */
export interface SqlDriver extends SqlExecutor {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies the migrations not applied yet, in order, each in its own transaction. */
  migrate(migrations: readonly Migration[]): Promise<void>;
  /** Appended to a SELECT inside a transaction to lock its rows until the end (PostgreSQL; SQLite locks the file). */
  readonly forUpdate: string;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2`… (no query of ours has a question mark inside a literal). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
