export { CsvMarketData, type CsvProviderOptions } from './csv-provider';
export { DemoMarketData, DEMO_DEFAULT_SEED } from './demo-provider';
export { parsePriceCsv } from './price-csv';
export { parseFundHoldingsCsv, parseFundRegistry, DATA_DIR, type FundRegistry } from './fund-files';
export { gather, type MarketInputs, type GatherDeps } from './gather';
export type * from './types';
export { selectMarketData, offlineFetch, DEFAULT_CACHE_PATH, type MarketDataChoice } from './select';
export { YahooMarketData, CACHE_TTL, type YahooProviderOptions } from './yahoo-provider';
export { MarketCache } from './cache';
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
