import { readdirSync } from 'node:fs';
import { CsvMarketData, type HistoryResult, type InstrumentInfo, type MarketDataProvider } from '../../src/market';
import { ETF_DIR, PRICES_DIR } from './paths';

/**
 * A wide portfolio on the shared real prices: every priced symbol there (US stocks and funds,
 * UCITS funds in euros), then as many made-up listings as it takes, each a real US stock's history
 * with a slow wave of its own on top (so no two move alike). Every holding has a long name, as
 * a broker export would give it. For the report's layout tests and its speed bench.
 */
const NAMES = [
  'International Consolidated Semiconductor Equipment and Materials Holdings Corporation',
  'Global Hyperscale Data Centre Infrastructure Real Estate Investment Trust Class A',
  'Advanced Optical Networking and Interconnect Technologies Incorporated Ordinary Shares',
  'Transatlantic Power Generation, Transmission & Liquid Cooling Systems Group plc',
  'Società Italiana per le Infrastrutture Energetiche e le Reti di Trasmissione S.p.A.',
  'Vereinigte Halbleiterwerke und Präzisionsmaschinenbau Aktiengesellschaft Namensaktien',
];

/** Real US listings a made-up one may follow (long histories in USD). */
const BASES = ['AAPL', 'AMD', 'ANET', 'AVGO', 'DLR', 'EQIX', 'INTC', 'JPM', 'META', 'MU', 'ORCL', 'TSLA', 'TSM'];

function realSymbols(): string[] {
  return readdirSync(PRICES_DIR)
    .filter((f) => f.endsWith('.csv') && !f.includes('='))
    .map((f) => f.slice(0, -4))
    .sort();
}

function madeUp(history: Extract<HistoryResult, { ok: true }>['history'], symbol: string, k: number) {
  const wave = (t: number) => (1 + k / 10) * Math.exp(0.08 * Math.sin(t / (7 + k)));
  const close = history.close.map((p, t) => p * wave(t));
  const adjClose = history.adjClose.map((p, t) => p * wave(t));
  return { ...history, symbol, close, adjClose, origin: `${history.origin} (made up)` };
}

/** The shared CSV market with the made-up listings `W01`, `W02`… on top. */
export function wideMarket(): MarketDataProvider {
  const csv = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const isMadeUp = (s: string) => /^W\d\d$/.test(s);
  return {
    info: csv.info,
    getFundHoldings: (s) => csv.getFundHoldings(s),
    getInstrument: (s): Promise<InstrumentInfo> =>
      isMadeUp(s) ? Promise.resolve({ symbol: s, kind: 'equity' }) : csv.getInstrument(s),
    async getHistories(symbols) {
      const wanted = symbols.map((s) => (isMadeUp(s) ? BASES[Number(s.slice(1)) % BASES.length]! : s));
      const real = await csv.getHistories([...new Set(wanted)]);
      return new Map(
        symbols.map((s, i) => {
          const base = real.get(wanted[i]!)!;
          if (!isMadeUp(s) || !base.ok) return [s, base];
          return [s, { ok: true, history: madeUp(base.history, s, Number(s.slice(1))) }];
        }),
      );
    },
  };
}

/** A holdings file of `n` positions sized by value (weights from about 0.5 % to 5 %), every one with a long name. */
export function wideHoldingsCsv(n: number): string {
  const real = realSymbols();
  const symbols = [
    ...real.slice(0, n),
    ...Array.from({ length: Math.max(0, n - real.length) }, (_, i) => `W${String(i + 1).padStart(2, '0')}`),
  ];
  const rows = symbols.map((s, i) => {
    const value = 1000 + ((i * 37) % 17) * 600;
    return `${s},"${NAMES[i % NAMES.length]} (${s})",${value},USD`;
  });
  return `symbol,name,market value,currency\n${rows.join('\n')}\n`;
}
