export { CsvMarketData, type CsvProviderOptions } from './csv-provider';
export { DemoMarketData, DEMO_NOTICE, DEMO_DEFAULT_SEED } from './demo-provider';
export { parsePriceCsv } from './price-csv';
export { parseFundHoldingsCsv, knownFunds, DATA_DIR } from './fund-files';
export type * from './types';
export { selectMarketData, offlineFetch, DEFAULT_CACHE_PATH, type MarketDataChoice } from './select';
export { YahooMarketData, CACHE_TTL, type YahooProviderOptions } from './yahoo-provider';
export { MarketCache } from './cache';
export { MarketDataUnavailableError } from './errors';
export {
  CircuitBreaker,
  CircuitOpenError,
  Limiter,
  SingleFlight,
  withRetry,
  fetchWithTimeout,
  TimeoutError,
  DEFAULT_RETRY,
} from './resilience';
