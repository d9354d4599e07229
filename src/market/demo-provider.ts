import { cholesky, Rng } from '../analytics/core';
import { parseIsoDay, weekday } from '../shared/dates';
import {
  DEMO_CORRELATION,
  DEMO_EURUSD,
  DEMO_FUNDS,
  DEMO_UCITS,
  DEMO_UCITS_OTHER,
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

const DEMO_DEFAULT_SEED = 20251103;
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
                    params: { symbol, symbols: [...DEMO_SYMBOLS, ...Object.keys(DEMO_UCITS), 'EURUSD=X'].join(', ') },
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
    if (symbol in DEMO_FUNDS || symbol in DEMO_UCITS) return { symbol, kind: 'fund', assetClass: 'equity' };
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
    for (const [symbol, spec] of Object.entries(DEMO_UCITS)) {
      const prices = ucitsPrices(spec, this.market, eurusd, new Rng(this.seed ^ hash(symbol)));
      this.market.set(symbol, {
        symbol,
        currency: 'EUR',
        days: dayArray,
        close: prices,
        adjClose: prices,
        adjCloseIsClose: false,
        origin: `demo market (${symbol}, a mixture of its index's simulated constituents)`,
      });
    }
    return this.market;
  }
}

/** A UCITS fund's euro prices from the demo's own series: its index mixture, converted at EURUSD. */
function ucitsPrices(
  spec: { mix: Partial<Record<DemoSymbol, number>>; other: number; start: number },
  market: ReadonlyMap<string, PriceHistory>,
  eurusd: Float64Array,
  rng: Rng,
): Float64Array {
  const T = eurusd.length;
  const spy = market.get('SPY')!.adjClose;
  const parts = Object.entries(spec.mix).map(([s, w]) => [market.get(s)!.adjClose, w as number] as const);
  const own = DEMO_UCITS_OTHER.volatility / Math.sqrt(252);
  const tracking = DEMO_UCITS_OTHER.tracking / Math.sqrt(252);
  const out = new Float64Array(T);
  let usd = spec.start * eurusd[0]!;
  out[0] = spec.start;
  for (let t = 1; t < T; t++) {
    const spyReturn = spy[t]! / spy[t - 1]! - 1;
    let r = spec.other * (DEMO_UCITS_OTHER.betaToSpy * spyReturn + own * rng.normal()) + tracking * rng.normal();
    for (const [series, w] of parts) r += w * (series[t]! / series[t - 1]! - 1);
    usd *= 1 + r;
    out[t] = Math.round((usd / eurusd[t]!) * 100) / 100;
  }
  return out;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
