import { cholesky, Rng } from '../analytics/core';
import { parseIsoDay, weekday } from '../shared/dates';
import {
  DEMO_CORRELATION,
  DEMO_EURUSD,
  DEMO_FUNDS,
  DEMO_MOMENTS,
  DEMO_SYMBOLS,
  DEMO_TAIL_DOF,
  type DemoSymbol,
} from './demo-calibration';
import type {
  DataSourceInfo,
  FundHoldings,
  HistoryResult,
  InstrumentInfo,
  MarketDataProvider,
  PriceHistory,
} from './types';

export const DEMO_DEFAULT_SEED = 20251103;
/** Fixed calendar so a demo report is the same on every machine and every day. */
const DEMO_FIRST_DAY = parseIsoDay('2020-01-02')!;
const DEMO_LAST_DAY = parseIsoDay('2026-10-30')!;

/**
 * A deterministic synthetic market: weekday prices for DEMO_SYMBOLS drawn from a multivariate
 * Student-t with the calibrated drifts, volatilities and correlations. Same seed, same prices.
 */
export class DemoMarketData implements MarketDataProvider {
  readonly info: DataSourceInfo;
  private market: Map<string, PriceHistory> | undefined;

  constructor(private readonly seed = DEMO_DEFAULT_SEED) {
    this.info = {
      kind: 'demo',
      description: { code: 'source.demo', params: { seed: String(seed) } },
      seed,
    };
  }

  async getHistories(symbols: readonly string[]): Promise<Map<string, HistoryResult>> {
    const market = this.generate();
    return new Map(
      symbols.map((symbol): [string, HistoryResult] => {
        const history = market.get(symbol);
        return history !== undefined
          ? [symbol, { ok: true, history }]
          : [
              symbol,
              {
                ok: false,
                failure: {
                  symbol,
                  code: 'not_found',
                  reason: {
                    code: 'failure.demo_unknown',
                    params: { symbol, symbols: [...DEMO_SYMBOLS, 'EURUSD=X'].join(', ') },
                  },
                },
              },
            ];
      }),
    );
  }

  async getFundHoldings(symbol: string): Promise<FundHoldings | null> {
    const fund = DEMO_FUNDS[symbol as keyof typeof DEMO_FUNDS];
    if (fund === undefined) return null;
    return {
      fund: symbol,
      asOf: fund.asOf,
      source: fund.source,
      constituents: fund.constituents.map(([s, name, weight]) => ({ symbol: s, name, weight })),
    };
  }

  async getInstrument(symbol: string): Promise<InstrumentInfo> {
    if (symbol in DEMO_FUNDS) return { symbol, kind: 'fund', assetClass: 'equity' };
    return { symbol, kind: (DEMO_SYMBOLS as readonly string[]).includes(symbol) ? 'equity' : 'unknown' };
  }

  private generate(): Map<string, PriceHistory> {
    if (this.market !== undefined) return this.market;
    const n = DEMO_SYMBOLS.length;
    const chol = cholesky(DEMO_CORRELATION.flat(), n);
    const days: number[] = [];
    for (let d = DEMO_FIRST_DAY; d <= DEMO_LAST_DAY; d++) if (weekday(d) !== 0 && weekday(d) !== 6) days.push(d);
    const T = days.length;
    const moments = DEMO_SYMBOLS.map((s) => DEMO_MOMENTS[s]);
    const dailyDrift = moments.map((m) => m.drift / 252);
    const dailyVol = moments.map((m) => m.volatility / Math.sqrt(252));
    const prices = DEMO_SYMBOLS.map(() => new Float64Array(T));
    const logPrice = moments.map((m) => Math.log(m.startPrice));
    const rng = new Rng(this.seed);
    const z = new Float64Array(n);
    // Scaling by √((ν−2)/χ²_ν) gives unit-variance Student-t shocks that share one tail draw per day.
    const tScale = () => Math.sqrt((DEMO_TAIL_DOF - 2) / rng.chiSquared(DEMO_TAIL_DOF));
    for (let t = 0; t < T; t++) {
      if (t > 0) {
        for (let i = 0; i < n; i++) z[i] = rng.normal();
        const s = tScale();
        for (let i = 0; i < n; i++) {
          let x = 0;
          for (let k = 0; k <= i; k++) x += chol[i * n + k]! * z[k]!;
          logPrice[i]! += dailyDrift[i]! + dailyVol[i]! * x * s;
        }
      }
      for (let i = 0; i < n; i++) prices[i]![t] = Math.round(Math.exp(logPrice[i]!) * 100) / 100;
    }
    const dayArray = Int32Array.from(days);
    this.market = new Map(
      DEMO_SYMBOLS.map((symbol: DemoSymbol, i) => [
        symbol,
        {
          symbol,
          currency: 'USD',
          days: dayArray,
          close: prices[i]!,
          adjClose: prices[i]!,
          adjCloseIsClose: false,
          origin: `demo market (${symbol})`,
        },
      ]),
    );
    // Dollars per euro, from its own stream so the stock prices stay what they were.
    const fxRng = new Rng(this.seed ^ 0x5eed);
    const eurusd = new Float64Array(T);
    let logRate = Math.log(DEMO_EURUSD.start);
    for (let t = 0; t < T; t++) {
      if (t > 0) logRate += (DEMO_EURUSD.volatility / Math.sqrt(252)) * fxRng.normal();
      eurusd[t] = Math.round(Math.exp(logRate) * 1e5) / 1e5;
    }
    this.market.set('EURUSD=X', {
      symbol: 'EURUSD=X',
      currency: 'USD',
      days: dayArray,
      close: eurusd,
      adjClose: eurusd,
      adjCloseIsClose: false,
      origin: 'demo market (EURUSD=X)',
    });
    return this.market;
  }
}
