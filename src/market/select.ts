import { ConfigError } from '../errors';
import { CsvMarketData } from './csv-provider';
import { DemoMarketData } from './demo-provider';
import type { MarketDataKind, MarketDataProvider } from './types';

export interface MarketDataChoice {
  kind?: MarketDataKind;
  pricesDir?: string;
  etfHoldingsDir?: string;
  seed?: number;
}

/**
 * Builds the provider the user asked for. A prices folder implies csv; demo data only when asked
 * for by name — never as a silent fallback.
 */
export function selectMarketData(choice: MarketDataChoice): MarketDataProvider {
  const kind = choice.kind ?? (choice.pricesDir !== undefined ? 'csv' : undefined);
  if (kind === 'demo') return new DemoMarketData(choice.seed);
  if (kind === 'csv') {
    if (choice.pricesDir === undefined) throw new ConfigError('the csv market data needs a prices folder: pass --prices-dir DIR or set PRICES_DIR');
    return new CsvMarketData({ pricesDir: choice.pricesDir, ...(choice.etfHoldingsDir !== undefined && { etfHoldingsDir: choice.etfHoldingsDir }) });
  }
  throw new ConfigError('no market data source: pass --prices-dir DIR (or set PRICES_DIR), or choose the synthetic demo market with MARKET_DATA=demo');
}
