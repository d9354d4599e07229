import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PriceHistory } from './types';

export interface CachedSeries {
  history: PriceHistory;
  fetchedAt: number;
  lastDay: number;
}

/** A cached series' row without its prices: enough to tell whether a copy kept in memory is current. */
export interface SeriesInfo {
  fetchedAt: number;
  lastDay: number;
  /** Changes whenever the series' prices may have (a fetch, a rescale, a touch). */
  version: string;
}

export interface PriceRows {
  days: ArrayLike<number>;
  close: ArrayLike<number>;
  adjClose: ArrayLike<number>;
  volume: ArrayLike<number>;
}

let inMemoryDatabases = 0;

/**
 * The market-data cache: daily prices per symbol and day, plus JSON documents (quotes, profiles,
 * fund holdings, fundamentals) with the time they were fetched. SQLite in WAL mode: readers never
 * block the writer, every write is one transaction (a killed process leaves the old state or the
 * new one, never half of it), and a busy database is waited for rather than failed at once.
 */
export class MarketCache {
  private readonly db: Database.Database;
  private readonly statements;
  /** Names this database in keys of prices kept in memory (each in-memory database its own). */
  readonly id: string;

  constructor(readonly file: string) {
    this.id = file === ':memory:' ? `memory-${++inMemoryDatabases}` : path.resolve(file);
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS prices (
        symbol TEXT NOT NULL, day INTEGER NOT NULL, close REAL, adj_close REAL, volume REAL,
        PRIMARY KEY (symbol, day)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS series (
        symbol TEXT PRIMARY KEY, currency TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, fetched_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (
        kind TEXT NOT NULL, key TEXT NOT NULL, fetched_at INTEGER NOT NULL, payload TEXT NOT NULL,
        PRIMARY KEY (kind, key));
    `);
    this.statements = {
      series: this.db.prepare<[string], { currency: string; first_day: number; last_day: number; fetched_at: number }>(
        'SELECT currency, first_day, last_day, fetched_at FROM series WHERE symbol = ?',
      ),
      rows: this.db.prepare<[string], { day: number; close: number | null; adj_close: number | null }>(
        'SELECT day, close, adj_close FROM prices WHERE symbol = ? ORDER BY day',
      ),
      rowAt: this.db.prepare<[string, number], { close: number | null; adj_close: number | null }>(
        'SELECT close, adj_close FROM prices WHERE symbol = ? AND day = ?',
      ),
      upsertRow: this.db.prepare(
        'INSERT INTO prices (symbol, day, close, adj_close, volume) VALUES (?, ?, ?, ?, ?) ON CONFLICT(symbol, day) DO UPDATE SET close = excluded.close, adj_close = excluded.adj_close, volume = excluded.volume',
      ),
      rescale: this.db.prepare(
        'UPDATE prices SET close = close * ?, adj_close = adj_close * ? WHERE symbol = ? AND day < ?',
      ),
      upsertSeries: this.db.prepare(
        'INSERT INTO series (symbol, currency, first_day, last_day, fetched_at) VALUES (@symbol, @currency, @first, @last, @at) ON CONFLICT(symbol) DO UPDATE SET currency = excluded.currency, first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day), fetched_at = excluded.fetched_at',
      ),
      touch: this.db.prepare('UPDATE series SET fetched_at = ? WHERE symbol = ?'),
      getDoc: this.db.prepare<[string, string], { fetched_at: number; payload: string }>(
        'SELECT fetched_at, payload FROM documents WHERE kind = ? AND key = ?',
      ),
      putDoc: this.db.prepare(
        'INSERT INTO documents (kind, key, fetched_at, payload) VALUES (?, ?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET fetched_at = excluded.fetched_at, payload = excluded.payload',
      ),
      statusSeries: this.db.prepare<
        [],
        { symbol: string; currency: string; first_day: number; last_day: number; fetched_at: number; rows: number }
      >(
        'SELECT s.symbol, s.currency, s.first_day, s.last_day, s.fetched_at, (SELECT COUNT(*) FROM prices p WHERE p.symbol = s.symbol) AS rows FROM series s ORDER BY s.symbol',
      ),
      statusDocs: this.db.prepare<[], { kind: string; key: string; fetched_at: number }>(
        'SELECT kind, key, fetched_at FROM documents ORDER BY kind, key',
      ),
    };
  }

  seriesInfo(symbol: string): SeriesInfo | null {
    const meta = this.statements.series.get(symbol);
    if (meta === undefined) return null;
    const version = `${meta.fetched_at}:${meta.first_day}:${meta.last_day}:${meta.currency}`;
    return { fetchedAt: meta.fetched_at, lastDay: meta.last_day, version };
  }

  readSeries(symbol: string): CachedSeries | null {
    const meta = this.statements.series.get(symbol);
    if (meta === undefined) return null;
    const rows = this.statements.rows.all(symbol);
    const n = rows.length;
    const days = new Int32Array(n);
    const close = new Float64Array(n);
    const adjClose = new Float64Array(n);
    rows.forEach((r, i) => {
      days[i] = r.day;
      close[i] = r.close ?? NaN;
      adjClose[i] = r.adj_close ?? NaN;
    });
    return {
      history: {
        symbol,
        currency: meta.currency,
        days,
        close,
        adjClose,
        adjCloseIsClose: false,
        origin: `market cache (${symbol})`,
      },
      fetchedAt: meta.fetched_at,
      lastDay: meta.last_day,
    };
  }

  /** The cached close and adjusted close on one day, to compare with a fresh download. */
  rowAt(symbol: string, day: number): { close: number; adjClose: number } | null {
    const r = this.statements.rowAt.get(symbol, day);
    return r === undefined ? null : { close: r.close ?? NaN, adjClose: r.adj_close ?? NaN };
  }

  /**
   * Adds or replaces rows, all in one transaction. `rescale` multiplies every earlier row first:
   * after a dividend or split Yahoo re-bases the whole adjusted (and split-adjusted) history.
   */
  writeSeries(
    symbol: string,
    currency: string,
    rows: PriceRows,
    fetchedAt: number,
    rescale?: { fromDay: number; close: number; adjClose: number },
  ): void {
    this.db.transaction(() => {
      if (rescale !== undefined) this.statements.rescale.run(rescale.close, rescale.adjClose, symbol, rescale.fromDay);
      let first = Infinity;
      let last = -Infinity;
      for (let i = 0; i < rows.days.length; i++) {
        const day = rows.days[i]!;
        const nullable = (v: number) => (Number.isFinite(v) ? v : null);
        this.statements.upsertRow.run(
          symbol,
          day,
          nullable(rows.close[i]!),
          nullable(rows.adjClose[i]!),
          nullable(rows.volume[i]!),
        );
        first = Math.min(first, day);
        last = Math.max(last, day);
      }
      if (rows.days.length === 0) {
        this.statements.touch.run(fetchedAt, symbol);
        return;
      }
      this.statements.upsertSeries.run({ symbol, currency, first, last, at: fetchedAt });
    })();
  }

  touch(symbol: string, fetchedAt: number): void {
    this.statements.touch.run(fetchedAt, symbol);
  }

  getDocument<T>(kind: string, key: string): { fetchedAt: number; value: T } | null {
    const row = this.statements.getDoc.get(kind, key);
    return row === undefined ? null : { fetchedAt: row.fetched_at, value: JSON.parse(row.payload) as T };
  }

  putDocument(kind: string, key: string, value: unknown, fetchedAt: number): void {
    this.statements.putDoc.run(kind, key, fetchedAt, JSON.stringify(value));
  }

  status() {
    return { series: this.statements.statusSeries.all(), documents: this.statements.statusDocs.all() };
  }

  close(): void {
    this.db.close();
  }
}
