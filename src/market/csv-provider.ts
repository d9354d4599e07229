import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePriceCsv } from './price-csv';
import { currencyFromSymbol } from './fx';
import { parseFundHoldingsCsv } from './fund-files';
import { priceMemory, type PriceKey, type PriceStore } from './price-memory';
import type { DataSourceInfo, FundHoldings, HistoryResult, InstrumentInfo, MarketDataProvider } from './types';

/** Symbols reach a file name only after this check, so no path is ever built from arbitrary text. */
const SAFE_SYMBOL = /^[A-Z0-9][A-Z0-9.\-^=]{0,19}$/;

export interface CsvProviderOptions {
  pricesDir: string;
  etfHoldingsDir?: string;
  /** Where parsed prices are kept (default: this thread's memory; the service's threads share their pool's). */
  prices?: PriceStore;
  /** How long a price file's version, once read, is trusted before it is read again (default 1,000 ms). */
  revalidateMs?: number;
}

/**
 * A stat costs 5-7 µs on this machine's VM, and a 25-holding analysis asks for ~30 files: 0.2 ms of
 * its 7. Read once a second instead, a replaced file is seen within a second, as a person editing
 * prices would expect; a service under load saves the stats.
 */
const DEFAULT_REVALIDATE_MS = 1000;
/** Symbols whose file versions are remembered; past it the list starts again (uploads name any symbol). */
const MAX_VERSIONS = 20_000;

/**
 * Reads `SYMBOL.csv` daily price files and `ETF.csv` constituent files from folders. A price file
 * is parsed once per version (its modification time and size, read again once a second: a stat costs
 * microseconds, a parse a millisecond) and then served from memory.
 */
export class CsvMarketData implements MarketDataProvider {
  readonly info: DataSourceInfo;
  private readonly fundCache = new Map<string, Promise<FundHoldings | null>>();
  private readonly versions = new Map<string, { key: PriceKey | null; readAt: number }>();

  constructor(private readonly options: CsvProviderOptions) {
    this.info = {
      kind: 'csv',
      description: { code: 'source.csv', params: {} },
    };
  }

  async getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>> {
    const store = this.options.prices ?? priceMemory().store();
    const keys = symbols.map((s) => this.priceKey(s));
    const kept = await store.lookup(keys.filter((k): k is PriceKey => k !== null));
    let at = 0;
    const results = await Promise.all(
      symbols.map(async (symbol, i): Promise<HistoryResult> => {
        const key = keys[i]!;
        const history = key === null ? undefined : kept[at++];
        if (history !== undefined) return { ok: true, history };
        const read = await this.readHistory(symbol);
        return read.ok && key !== null ? { ok: true, history: await store.keep(key, read.history) } : read;
      }),
    );
    return new Map(symbols.map((s, i) => [s, results[i]!]));
  }

  /** The price file's key and version, or null when it cannot be kept (no such file, a bad symbol). */
  private priceKey(symbol: string): PriceKey | null {
    if (!SAFE_SYMBOL.test(symbol)) return null;
    const now = performance.now();
    const known = this.versions.get(symbol);
    if (known !== undefined && now - known.readAt < (this.options.revalidateMs ?? DEFAULT_REVALIDATE_MS))
      return known.key;
    const file = path.resolve(this.options.pricesDir, `${symbol}.csv`);
    const stat = statSync(file, { throwIfNoEntry: false });
    const key = stat?.isFile() ? { key: `csv:${file}`, version: `${stat.mtimeMs}:${stat.size}:${stat.ino}` } : null;
    if (this.versions.size >= MAX_VERSIONS) this.versions.clear();
    this.versions.set(symbol, { key, readAt: now });
    return key;
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
