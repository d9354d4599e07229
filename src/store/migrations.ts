import type { Migration } from './sql';

/**
 * The schema, one version at a time, applied at start (`schema_migrations` records which). Add a
 * migration, never edit one that has shipped. Times are epoch milliseconds, booleans 0/1, documents
 * (options, points, payloads) JSON text: the same queries then read both backends alike.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'analyses and their reports',
    // Databases made before versioned migrations already have `analyses`, perhaps without the
    // owner (theirs: no key's) or the shared report (kept in the analysis row).
    sqlite: (exec, columns) => {
      exec(
        'CREATE TABLE IF NOT EXISTS analyses (id TEXT PRIMARY KEY, ' +
          "owner TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, input_hash TEXT NOT NULL, " +
          'options TEXT NOT NULL, ' +
          "report TEXT NOT NULL DEFAULT '', report_hash TEXT)",
      );
      exec('CREATE TABLE IF NOT EXISTS reports (hash TEXT PRIMARY KEY, json TEXT NOT NULL)');
      const have = columns('analyses');
      if (!have.has('owner')) exec("ALTER TABLE analyses ADD COLUMN owner TEXT NOT NULL DEFAULT ''");
      if (!have.has('report_hash')) exec('ALTER TABLE analyses ADD COLUMN report_hash TEXT');
    },
    postgres:
      "CREATE TABLE analyses (id TEXT PRIMARY KEY, owner TEXT NOT NULL DEFAULT '', created BIGINT NOT NULL, " +
      "input_hash TEXT NOT NULL, options TEXT NOT NULL, report TEXT NOT NULL DEFAULT '', report_hash TEXT);" +
      'CREATE TABLE reports (hash TEXT PRIMARY KEY, json TEXT NOT NULL);',
  },
  {
    version: 2,
    name: 'saved portfolios, history, alerts, schedule runs',
    sqlite: portfolioTables('INTEGER', 'REAL'),
    postgres: portfolioTables('BIGINT', 'DOUBLE PRECISION'),
  },
];

function portfolioTables(time: string, real: string): string {
  return [
    'ALTER TABLE analyses ADD COLUMN portfolio_id TEXT',
    'CREATE INDEX analyses_portfolio ON analyses (portfolio_id)',
    'CREATE INDEX analyses_created ON analyses (created)',
    `CREATE TABLE portfolios (id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, created ${time} NOT NULL,
      updated ${time} NOT NULL, upload TEXT NOT NULL, input_hash TEXT NOT NULL, options TEXT NOT NULL,
      webhook_url TEXT, webhook_secret TEXT, alerts TEXT NOT NULL, schedule INTEGER NOT NULL,
      latest_analysis_id TEXT)`,
    'CREATE INDEX portfolios_owner ON portfolios (owner, created)',
    `CREATE TABLE history (portfolio_id TEXT NOT NULL, as_of TEXT NOT NULL, kind TEXT NOT NULL,
      created ${time} NOT NULL, analysis_id TEXT, point TEXT NOT NULL, PRIMARY KEY (portfolio_id, as_of))`,
    `CREATE TABLE alert_states (portfolio_id TEXT NOT NULL, alert TEXT NOT NULL, crossed INTEGER NOT NULL,
      as_of TEXT NOT NULL, value ${real}, PRIMARY KEY (portfolio_id, alert))`,
    `CREATE TABLE alert_events (id TEXT PRIMARY KEY, portfolio_id TEXT NOT NULL, alert TEXT NOT NULL,
      transition TEXT NOT NULL, as_of TEXT NOT NULL, created ${time} NOT NULL, payload TEXT NOT NULL,
      status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt ${time}, claimed_until ${time},
      last_error TEXT, delivered ${time}, UNIQUE (portfolio_id, alert, as_of, transition))`,
    'CREATE INDEX alert_events_due ON alert_events (status, next_attempt)',
    'CREATE INDEX alert_events_portfolio ON alert_events (portfolio_id, created)',
    `CREATE TABLE schedule_runs (portfolio_id TEXT NOT NULL, market_day TEXT NOT NULL, status TEXT NOT NULL,
      claimed_until ${time} NOT NULL, finished ${time}, error TEXT, PRIMARY KEY (portfolio_id, market_day))`,
  ]
    .map((s) => `${s};`)
    .join('\n');
}
