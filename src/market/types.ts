import type { MessageRef } from '../i18n';

/** Daily history of one symbol, ascending by day. Missing values are NaN. */
export interface PriceHistory {
  symbol: string;
  /** Trading currency of the prices (ISO code). */
  currency: string;
  days: Int32Array;
  /** Unadjusted (split-adjusted only) close, used for valuation. */
  close: Float64Array;
  /** Split- and dividend-adjusted close, used for returns. */
  adjClose: Float64Array;
  /** The source had no adjusted close, so adjClose repeats close and returns ignore dividends. */
  adjCloseIsClose: boolean;
  /** Where the history came from, for messages ("prices/NVDA.csv"). */
  origin: string;
  /** Set when the data came from the cache because the source could not be reached. */
  stale?: { fetchedAt: number; reason: MessageRef };
}

type SymbolFailureCode = 'not_found' | 'invalid_data' | 'unavailable';

/**
 * Why a provider has no usable history for a symbol. `reason` is what a user may read (a catalogue
 * message: never a server path); `detail` is for the operator's logs only.
 */
interface SymbolFailure {
  symbol: string;
  code: SymbolFailureCode;
  reason: MessageRef;
  detail?: string;
}

export type HistoryResult = { ok: true; history: PriceHistory } | { ok: false; failure: SymbolFailure };

export interface FundConstituent {
  symbol: string;
  name?: string;
  /** Percent of the fund (7.5 means 7.5 %). */
  weight: number;
  /**
   * The exchange the symbol is quoted on, as the file names it (a MIC or "Taiwan Stock Exchange"),
   * when the symbol is a local code rather than a Yahoo symbol: `2330` is TSMC only in Taipei. A
   * name ending "[Taiwan; Taiwan Stock Exchange]" says the same.
   */
  exchange?: string;
}

export interface FundHoldings {
  fund: string;
  asOf: string | null;
  source: string | null;
  constituents: FundConstituent[];
  /** Set when the list is the fund's index's (another fund's file), and how it was taken. */
  via?: { index: string; indexName: string; list: string; filter: string; proxy: boolean };
}

export type AssetClass = 'equity' | 'bond' | 'commodity' | 'mixed';

/** What we know about an instrument without its prices: is it a fund, and of what. */
export interface InstrumentInfo {
  symbol: string;
  kind: 'equity' | 'fund' | 'unknown';
  assetClass?: AssetClass;
  name?: string;
  /** Industry as Yahoo names it ("Semiconductors"), for a theme default when a company is not in the model. */
  industry?: string;
}

export type MarketDataKind = 'csv' | 'demo' | 'yahoo';

/** What a report may say about its market data: no server path, no cache location. */
export interface DataSourceInfo {
  kind: MarketDataKind;
  /** Which files or which synthetic market, as a catalogue message. */
  description: MessageRef;
  /** Who published the fundamentals this source serves ("Yahoo Finance"), when it serves any. */
  fundamentalsProvider?: string;
  seed?: number;
}

/**
 * Everything the analysis needs from market data. The Yahoo provider and its cache implement the
 * same interface; the analytics never learn which one they were given.
 */
export interface MarketDataProvider {
  readonly info: DataSourceInfo;
  getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>>;
  /** Constituents of a fund, or null when none are known. */
  getFundHoldings(symbol: string): Promise<FundHoldings | null>;
  getInstrument(symbol: string): Promise<InstrumentInfo>;
  /** Annual figures (revenue, capex, operating cash flow…), where the source has them. */
  getFundamentals?(symbol: string): Promise<AnnualFundamentals[] | null>;
}

export interface AnnualFundamentals {
  /** Fiscal year end, YYYY-MM-DD. */
  periodEnd: string;
  revenue: number | null;
  operatingIncome: number | null;
  operatingCashFlow: number | null;
  /** Capital expenditure as a positive amount. */
  capitalExpenditure: number | null;
  depreciationAmortization: number | null;
}
