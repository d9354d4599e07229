import path from 'node:path';
import { AppError } from '../errors';
import type { MarketCache } from './cache';
import { CsvMarketData } from './csv-provider';
import type { DemoMarketData } from './demo-provider';
import { DATA_DIR } from './fund-files';
import type { PriceStore } from './price-memory';
import type { YahooLogger } from './yahoo/client';
import type { YahooMarketData } from './yahoo-provider';
import type { MarketDataKind, MarketDataProvider } from './types';

export const DEFAULT_CACHE_PATH = path.join(DATA_DIR, 'cache', 'market.sqlite');

export interface MarketDataChoice {
  kind?: MarketDataKind;
  pricesDir?: string;
  etfHoldingsDir?: string;
  seed?: number;
  cachePath?: string;
  /** `offline` answers every request as a network outage would (to see the cache fallback). */
  network?: 'online' | 'offline';
  timeoutMs?: number;
  logger?: YahooLogger;
  /** Where parsed prices are kept (default: this thread's memory). */
  prices?: PriceStore;
}

/** What fetch does with no network: the error yahoo-finance2 sees offline. */
export const offlineFetch: typeof fetch = async () => {
  throw Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com'), { code: 'ENOTFOUND' }),
  });
};

/**
 * Builds the provider the user asked for: a prices folder implies csv, otherwise Yahoo with its
 * cache. Demo data only when asked for by name — never as a silent fallback.
 */
export function selectMarketData(choice: MarketDataChoice): MarketDataProvider {
  const kind = choice.kind ?? (choice.pricesDir !== undefined ? 'csv' : 'yahoo');
  // Yahoo (yahoo-finance2, SQLite) and the demo market load only when chosen: a CSV run needs neither.
  if (kind === 'demo') {
    const demo = require('./demo-provider') as { DemoMarketData: typeof DemoMarketData };
    return new demo.DemoMarketData(choice.seed);
  }
  if (kind === 'csv') {
    if (choice.pricesDir === undefined)
      throw new AppError('misconfigured', 'misconfigured', {
        params: { reason: { code: 'config.prices_dir', params: {} } },
      });
    return new CsvMarketData({
      pricesDir: choice.pricesDir,
      ...(choice.etfHoldingsDir !== undefined && { etfHoldingsDir: choice.etfHoldingsDir }),
      ...(choice.prices !== undefined && { prices: choice.prices }),
    });
  }
  const { MarketCache: Cache } = require('./cache') as { MarketCache: typeof MarketCache };
  const { YahooMarketData: Yahoo } = require('./yahoo-provider') as { YahooMarketData: typeof YahooMarketData };
  let cache: MarketCache;
  try {
    cache = new Cache(choice.cachePath ?? DEFAULT_CACHE_PATH);
  } catch (err) {
    throw new AppError('misconfigured', 'misconfigured', {
      params: {
        reason: {
          code: 'config.cache',
          params: { path: choice.cachePath ?? DEFAULT_CACHE_PATH, reason: (err as Error).message },
        },
      },
    });
  }
  return new Yahoo({
    cache,
    ...(choice.network === 'offline' && { fetch: offlineFetch }),
    ...(choice.timeoutMs !== undefined && { timeoutMs: choice.timeoutMs }),
    ...(choice.logger !== undefined && { logger: choice.logger }),
    ...(choice.prices !== undefined && { prices: choice.prices }),
  });
}
