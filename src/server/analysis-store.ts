import { SqliteDriver, Store, type StoreOptions } from '../store';

/** The embedded store on one SQLite file (what the tests and a keyless single machine use). */
export class AnalysisStore extends Store {
  constructor(
    file: string,
    reportsDir: string,
    now: () => number = Date.now,
    options: StoreOptions & { busyTimeoutMs?: number } = {},
  ) {
    super(new SqliteDriver(file, options), reportsDir, now, options);
  }
}
