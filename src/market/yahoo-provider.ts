import type { MarketCache, SeriesInfo } from './cache';
import { priceMemory, type PriceStore } from './price-memory';
import {
  CircuitBreaker,
  DEFAULT_RETRY,
  fetchWithTimeout,
  Limiter,
  realSleep,
  SingleFlight,
  withRetry,
  type RetryPolicy,
  type Sleep,
} from './resilience';
import { createYahooClient, type YahooClient, type YahooLogger } from './yahoo/client';
import { classifyYahooError, countsAgainstSource, isRetryable, type YahooFailure } from './yahoo/errors';
import { fetchDailyHistory } from './yahoo/history';
import { fetchQuote, type Quote } from './yahoo/quote';
import { fetchProfile, type Profile } from './yahoo/profile';
import { fetchFundHoldings, type YahooFundHoldings } from './yahoo/fund-holdings';
import { fetchAnnualFundamentals, type AnnualFundamentals } from './yahoo/fundamentals';
import { searchIsin, type SearchHit } from './yahoo/search';
import { currencyFromSymbol } from './fx';
import type {
  DataSourceInfo,
  FundHoldings,
  HistoryResult,
  InstrumentInfo,
  MarketDataProvider,
  PriceHistory,
} from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long each kind of data is served from the cache before Yahoo is asked again. */
export const CACHE_TTL = {
  history: 6 * HOUR,
  quote: 15 * 60_000,
  profile: 30 * DAY,
  fundHoldings: 7 * DAY,
  fundamentals: 30 * DAY,
} as const;

export interface YahooProviderOptions {
  cache: MarketCache;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  breaker?: CircuitBreaker;
  concurrency?: number;
  /** Years of daily history fetched for a symbol seen for the first time. */
  historyYears?: number;
  logger?: YahooLogger;
  /** Where series read from the cache are kept parsed (default: this thread's memory). */
  prices?: PriceStore;
}

const silent: YahooLogger = { debug: () => {}, warn: () => {} };

/**
 * Yahoo Finance through yahoo-finance2, behind the SQLite cache. Fresh data when Yahoo answers;
 * when it does not, the cached data marked stale with its age; a per-symbol failure only when
 * neither has it. Every call is bounded (concurrency, timeout, retries with back-off and jitter)
 * and a circuit breaker stops hammering a source that is down. Concurrent requests for the same
 * symbol share one call.
 */
export class YahooMarketData implements MarketDataProvider {
  readonly info: DataSourceInfo;
  private readonly yf: YahooClient;
  private readonly now: () => number;
  private readonly retry: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly breaker: CircuitBreaker;
  private readonly limiter: Limiter;
  private readonly flights = new SingleFlight<unknown>();
  private readonly historyYears: number;
  private readonly logger: YahooLogger;
  /** The last real failure, to name the cause when the breaker answers "paused" instead. */
  private lastFailure: YahooFailure | undefined;

  constructor(private readonly options: YahooProviderOptions) {
    this.now = options.now ?? Date.now;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? realSleep;
    this.breaker = options.breaker ?? new CircuitBreaker(5, 30_000, this.now);
    this.limiter = new Limiter(options.concurrency ?? 4);
    this.historyYears = options.historyYears ?? 8;
    this.logger = options.logger ?? silent;
    this.yf = createYahooClient(
      fetchWithTimeout(options.fetch ?? globalThis.fetch, options.timeoutMs ?? 10_000),
      this.logger,
    );
    this.info = {
      kind: 'yahoo',
      description: { code: 'source.yahoo', params: {} },
      fundamentalsProvider: 'Yahoo Finance',
    };
  }

  get cache(): MarketCache {
    return this.options.cache;
  }

  async getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>> {
    const results = await Promise.all(
      symbols.map((s) => this.flights.run(`history:${s}`, () => this.history(s)) as Promise<HistoryResult>),
    );
    return new Map(symbols.map((s, i) => [s, results[i]!]));
  }

  /**
   * A cached series as typed arrays, read from SQLite once per version (2,000 rows cost about a
   * millisecond to read and convert) and kept in memory after that.
   */
  private async kept(symbol: string, info: SeriesInfo): Promise<PriceHistory> {
    const store = this.options.prices ?? priceMemory().store();
    const key = { key: `yahoo:${this.cache.id}:${symbol}`, version: info.version };
    const [hit] = await store.lookup([key]);
    return hit ?? store.keep(key, this.cache.readSeries(symbol)!.history);
  }

  /** Cached history, extended with the days Yahoo has that the cache does not. */
  private async history(symbol: string): Promise<HistoryResult> {
    const cached = this.cache.seriesInfo(symbol);
    const now = this.now();
    if (cached !== null && now - cached.fetchedAt < CACHE_TTL.history)
      return { ok: true, history: await this.kept(symbol, cached) };
    const today = Math.floor(now / DAY);
    // One overlapping day tells whether Yahoo re-based the history (a dividend or split since).
    const fromDay = cached !== null ? cached.lastDay : today - Math.round(this.historyYears * 365.25);
    try {
      const fresh = await this.call(() => fetchDailyHistory(this.yf, symbol, fromDay, today));
      let rescale: { fromDay: number; close: number; adjClose: number } | undefined;
      if (cached !== null) {
        const old = this.cache.rowAt(symbol, cached.lastDay);
        const i = Array.prototype.indexOf.call(fresh.rows.days, cached.lastDay);
        if (old !== null && i >= 0) {
          const closeRatio = fresh.rows.close[i]! / old.close;
          const adjRatio = fresh.rows.adjClose[i]! / old.adjClose;
          if (Math.abs(closeRatio - 1) > 1e-9 || Math.abs(adjRatio - 1) > 1e-9) {
            rescale = {
              fromDay: cached.lastDay,
              close: Number.isFinite(closeRatio) ? closeRatio : 1,
              adjClose: Number.isFinite(adjRatio) ? adjRatio : 1,
            };
          }
        }
      }
      if (cached === null && fresh.rows.days.length === 0) {
        return {
          ok: false,
          failure: { symbol, code: 'not_found', reason: { code: 'failure.yahoo_no_prices', params: { symbol } } },
        };
      }
      this.cache.writeSeries(symbol, fresh.currency, fresh.rows, now, rescale);
      return { ok: true, history: await this.kept(symbol, this.cache.seriesInfo(symbol)!) };
    } catch (err) {
      const failure = classifyYahooError(err);
      if (failure.kind === 'not-found' && cached === null) {
        return {
          ok: false,
          failure: {
            symbol,
            code: 'not_found',
            reason: { code: 'failure.yahoo_unknown', params: { symbol } },
            detail: failure.message,
          },
        };
      }
      const reason = this.explain(failure);
      this.logger.warn(`history ${symbol}: ${reason}`);
      const why = {
        code: 'failure.yahoo_unavailable',
        params: { kind: { code: `yahoo.${failure.kind}`, params: {} } },
      };
      if (cached !== null) {
        const history = await this.kept(symbol, cached);
        return { ok: true, history: { ...history, stale: { fetchedAt: cached.fetchedAt, reason: why } } };
      }
      return { ok: false, failure: { symbol, code: 'unavailable', reason: why, detail: `${reason}; nothing cached` } };
    }
  }

  async getQuote(symbol: string): Promise<Quote | null> {
    return this.document('quote', symbol, CACHE_TTL.quote, () => fetchQuote(this.yf, symbol));
  }

  async getProfile(symbol: string): Promise<Profile | null> {
    return this.document('profile', symbol, CACHE_TTL.profile, () => fetchProfile(this.yf, symbol));
  }

  async getFundHoldings(symbol: string): Promise<FundHoldings | null> {
    return this.document<YahooFundHoldings | null>('fund', symbol, CACHE_TTL.fundHoldings, () =>
      fetchFundHoldings(this.yf, symbol, new Date(this.now()).toISOString()),
    );
  }

  async getFundamentals(symbol: string): Promise<AnnualFundamentals[] | null> {
    const fromYear = new Date(this.now()).getUTCFullYear() - 5;
    return this.document('fundamentals', symbol, CACHE_TTL.fundamentals, () =>
      fetchAnnualFundamentals(this.yf, symbol, fromYear),
    );
  }

  /**
   * Resolves ISINs to Yahoo symbols (for holdings files that name ISINs only): our maintained map
   * first, then Yahoo's search, preferring a listing in the currency the file gives, then a US
   * listing. Results (and misses) are cached for a month.
   */
  async resolveIsins(
    isins: readonly string[],
    preferredCurrency?: (isin: string) => string | undefined,
  ): Promise<Map<string, { symbol: string; name: string; currency: string }>> {
    const out = new Map<string, { symbol: string; name: string; currency: string }>();
    for (const isin of isins) {
      const hits = await this.document<SearchHit[]>('isin', isin, CACHE_TTL.profile, () => searchIsin(this.yf, isin));
      if (hits === null || hits.length === 0) continue;
      const wanted = preferredCurrency?.(isin);
      const pick =
        hits.find((h) => wanted !== undefined && currencyFromSymbol(h.symbol) === wanted) ??
        hits.find((h) => !h.symbol.includes('.')) ??
        hits[0]!;
      out.set(isin, { symbol: pick.symbol, name: pick.name ?? pick.symbol, currency: currencyFromSymbol(pick.symbol) });
    }
    return out;
  }

  async getInstrument(symbol: string): Promise<InstrumentInfo> {
    const profile = await this.getProfile(symbol);
    const type = profile?.quoteType?.toUpperCase();
    if (type === 'ETF' || type === 'MUTUALFUND') {
      return {
        symbol,
        kind: 'fund',
        assetClass: 'equity',
        ...(profile?.name && { name: profile.name }),
      };
    }
    if (profile === null) return { symbol, kind: 'unknown' };
    return {
      symbol,
      kind: type === 'EQUITY' ? 'equity' : 'unknown',
      ...(profile.name && { name: profile.name }),
      ...(profile.industry && { industry: profile.industry }),
    };
  }

  /**
   * A cached JSON document younger than its TTL, else Yahoo's (then cached). When Yahoo fails the
   * cached one is used whatever its age, and null when there is none: these enrich the analysis
   * (names, industries, fund holdings) but never block it.
   */
  private async document<T>(
    kind: string,
    symbol: string,
    ttl: number,
    fetchFresh: () => Promise<T>,
  ): Promise<T | null> {
    const cached = this.cache.getDocument<T>(kind, symbol);
    const now = this.now();
    if (cached !== null && now - cached.fetchedAt < ttl) return cached.value;
    return this.flights.run(`${kind}:${symbol}`, async () => {
      try {
        const value = await this.call(fetchFresh);
        this.cache.putDocument(kind, symbol, value, now);
        return value;
      } catch (err) {
        const failure = classifyYahooError(err);
        if (failure.kind === 'not-found') {
          this.cache.putDocument(kind, symbol, null, now);
          return null;
        }
        this.logger.warn(`${kind} ${symbol}: ${this.explain(failure)}`);
        return cached?.value ?? null;
      }
    }) as Promise<T | null>;
  }

  private explain(failure: YahooFailure): string {
    if (failure.kind !== 'circuit-open') return `Yahoo Finance ${describe(failure.kind)}: ${failure.message}`;
    const root = this.lastFailure;
    return root === undefined
      ? `Yahoo Finance ${describe(failure.kind)}`
      : `Yahoo Finance ${describe(root.kind)}: ${root.message} (requests paused after repeated failures)`;
  }

  /** One remote call with every guard: concurrency limit, circuit breaker, retries; timeouts are in the fetch. */
  private call<T>(fn: () => Promise<T>): Promise<T> {
    const attempt = async () => {
      try {
        return await this.breaker.run(fn, countsAgainstSource);
      } catch (err) {
        const failure = classifyYahooError(err);
        if (failure.kind !== 'circuit-open') this.lastFailure = failure;
        throw err;
      }
    };
    return this.limiter.run(() => withRetry(attempt, isRetryable, this.retry, this.sleep));
  }
}

function describe(kind: string): string {
  switch (kind) {
    case 'network':
      return 'could not be reached';
    case 'timeout':
      return 'did not answer in time';
    case 'rate-limited':
      return 'is rate-limiting us';
    case 'server':
      return 'had a server error';
    case 'invalid-response':
      return 'sent a response we could not read';
    case 'circuit-open':
      return 'has been failing; requests are paused';
    default:
      return 'failed';
  }
}
