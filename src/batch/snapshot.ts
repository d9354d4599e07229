import {
  knownFunds,
  type AnnualFundamentals,
  type DataSourceInfo,
  type FundHoldings,
  type HistoryResult,
  type InstrumentInfo,
  type MarketDataProvider,
  type PriceHistory,
} from '../market';
import { fxSymbol, isoCurrency } from '../market/fx';
import type { HoldingsImport } from '../holdings';
import { CORE_FOUR } from '../theme';
import { MARKET_SYMBOL } from '../analyse-portfolio';

/**
 * Everything a batch's analyses read from market data, fetched once by the coordinator: histories
 * (with FX rates), instruments, fund holdings and fundamentals for the union of the portfolios'
 * symbols. 10,000 portfolios cost one request per symbol, not 10,000.
 */
export interface MarketSnapshot {
  info: DataSourceInfo;
  histories: Record<string, HistoryResult>;
  instruments: Record<string, InstrumentInfo>;
  funds: Record<string, FundHoldings | null>;
  fundamentals: Record<string, AnnualFundamentals[] | null>;
}

export async function captureSnapshot(
  market: MarketDataProvider,
  imports: readonly HoldingsImport[],
  baseCurrency = 'USD',
): Promise<MarketSnapshot> {
  const securities = new Set<string>();
  const currencies = new Set<string>();
  for (const imp of imports) {
    for (const p of imp.holdings) {
      if (p.kind === 'security') securities.add(p.symbol);
      else currencies.add(p.currency!);
      if (p.marketValueCurrency !== undefined) currencies.add(isoCurrency(p.marketValueCurrency).iso);
    }
  }
  const symbols = [...new Set([...securities, ...CORE_FOUR, MARKET_SYMBOL])];
  const histories = Object.fromEntries(await market.getHistories(symbols));
  for (const r of Object.values(histories)) if (r.ok) currencies.add(isoCurrency(r.history.currency).iso);
  currencies.delete(baseCurrency);
  const fx = [...currencies].flatMap((c) => [fxSymbol(c, baseCurrency), fxSymbol(baseCurrency, c)]);
  if (fx.length > 0) Object.assign(histories, Object.fromEntries(await market.getHistories(fx)));

  const instruments: Record<string, InstrumentInfo> = {};
  const funds: Record<string, FundHoldings | null> = {};
  const fundamentals: Record<string, AnnualFundamentals[] | null> = {};
  let frontier: string[] = [];
  for (const s of securities) {
    const info = await market.getInstrument(s);
    instruments[s] = info;
    if (info.kind === 'fund') frontier.push(s);
    else if (info.industry !== undefined && market.getFundamentals !== undefined)
      fundamentals[s] = await market.getFundamentals(s);
  }
  // Funds, and the funds they hold that we know, three levels deep as the analysis looks.
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      if (f in funds) continue;
      funds[f] = await market.getFundHoldings(f);
      for (const c of funds[f]?.constituents ?? [])
        if (knownFunds().has(c.symbol) && !(c.symbol in funds)) next.push(c.symbol);
    }
    frontier = next;
  }
  return { info: market.info, histories: shareHistories(histories), instruments, funds, fundamentals };
}

/** Price arrays moved into SharedArrayBuffers: worker threads read them without a copy each. */
function shareHistories(histories: Record<string, HistoryResult>): Record<string, HistoryResult> {
  const share = <T extends Int32Array | Float64Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const out = make(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return Object.fromEntries(
    Object.entries(histories).map(([s, r]) => {
      if (!r.ok) return [s, r];
      const h: PriceHistory = {
        ...r.history,
        days: share(r.history.days, (b) => new Int32Array(b)),
        close: share(r.history.close, (b) => new Float64Array(b)),
        adjClose: share(r.history.adjClose, (b) => new Float64Array(b)),
      };
      return [s, { ok: true, history: h } satisfies HistoryResult];
    }),
  );
}

/** The snapshot as a market-data provider: the analysis runs unchanged on it. */
export class SnapshotMarketData implements MarketDataProvider {
  readonly info: DataSourceInfo;
  constructor(private readonly snapshot: MarketSnapshot) {
    this.info = snapshot.info;
  }

  async getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>> {
    return new Map(
      symbols.map((s) => [
        s,
        this.snapshot.histories[s] ?? {
          ok: false,
          failure: { symbol: s, code: 'not_found', message: `${s} is not in the batch's market data` },
        },
      ]),
    );
  }

  async getFundHoldings(symbol: string): Promise<FundHoldings | null> {
    return this.snapshot.funds[symbol] ?? null;
  }

  async getInstrument(symbol: string): Promise<InstrumentInfo> {
    return this.snapshot.instruments[symbol] ?? { symbol, kind: 'unknown' };
  }

  async getFundamentals(symbol: string): Promise<AnnualFundamentals[] | null> {
    return this.snapshot.fundamentals[symbol] ?? null;
  }
}
