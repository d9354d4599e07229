export { CsvMarketData, type CsvProviderOptions } from './csv-provider';
export { DemoMarketData, DEMO_NOTICE, DEMO_DEFAULT_SEED } from './demo-provider';
export { parsePriceCsv } from './price-csv';
export { parseFundHoldingsCsv, knownFunds, DATA_DIR } from './fund-files';
export type * from './types';
export { selectMarketData, type MarketDataChoice } from './select';
