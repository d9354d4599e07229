import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePriceCsv } from './price-csv';
import { currencyFromSymbol } from './fx';
import { parseFundHoldingsCsv } from './fund-files';
import type { DataSourceInfo, FundHoldings, HistoryResult, InstrumentInfo, MarketDataProvider } from './types';

/** Symbols reach a file name only after this check, so no path is ever built from arbitrary text. */
const SAFE_SYMBOL = /^[A-Z0-9][A-Z0-9.\-^=]{0,19}$/;

export interface CsvProviderOptions {
  pricesDir: string;
  etfHoldingsDir?: string;
}

/** Reads `SYMBOL.csv` daily price files and `ETF.csv` constituent files from folders. */
export class CsvMarketData implements MarketDataProvider {
  readonly info: DataSourceInfo;
  private readonly fundCache = new Map<string, Promise<FundHoldings | null>>();

  constructor(private readonly options: CsvProviderOptions) {
    this.info = {
      kind: 'csv',
      description: { code: 'source.csv', params: {} },
    };
  }

  async getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>> {
    const results = await Promise.all(symbols.map((s) => this.readHistory(s)));
    return new Map(symbols.map((s, i) => [s, results[i]!]));
  }

  private async readHistory(symbol: string): Promise<HistoryResult> {
    if (!SAFE_SYMBOL.test(symbol))
      return {
        ok: false,
        failure: { symbol, code: 'not_found', reason: { code: 'failure.bad_symbol', params: { symbol } } },
      };
    const file = path.join(this.options.pricesDir, `${symbol}.csv`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return {
          ok: false,
          failure: {
            symbol,
            code: 'not_found',
            reason: { code: 'failure.no_price_file', params: { symbol } },
            detail: `no ${symbol}.csv in ${this.options.pricesDir}`,
          },
        };
      }
      return {
        ok: false,
        failure: {
          symbol,
          code: 'unavailable',
          reason: { code: 'failure.unreadable', params: { symbol } },
          detail: `cannot read ${file}: ${(err as Error).message}`,
        },
      };
    }
    // Files carry no currency: the exchange suffix says it, as on Yahoo (VWCE.DE in euros, VOD.L in pence).
    return parsePriceCsv(text, symbol, file, currencyFromSymbol(symbol));
  }

  getFundHoldings(symbol: string): Promise<FundHoldings | null> {
    let pending = this.fundCache.get(symbol);
    if (pending === undefined) {
      pending = this.readFundHoldings(symbol);
      this.fundCache.set(symbol, pending);
    }
    return pending;
  }

  private async readFundHoldings(symbol: string): Promise<FundHoldings | null> {
    const dir = this.options.etfHoldingsDir;
    if (dir === undefined || !SAFE_SYMBOL.test(symbol)) return null;
    const file = path.join(dir, `${symbol}.csv`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return parseFundHoldingsCsv(text, symbol);
  }

  async getInstrument(symbol: string): Promise<InstrumentInfo> {
    if ((await this.getFundHoldings(symbol)) !== null) return { symbol, kind: 'fund', assetClass: 'equity' };
    return { symbol, kind: 'unknown' };
  }
}
