/**
 * Parameters of the synthetic demo market, calibrated on real prices and written here so the demo
 * needs no data files. Produced by `npx tsx scripts/calibrate-demo.ts` on
 * ../shared/datasets/prices: daily log returns of adj_close on the 1,652 days from 2020-01-02 to
 * 2026-07-31 that all fifteen symbols share; drift = mean × 252, volatility = sd × √252,
 * correlations rounded to two decimals (still positive definite); start price = the first common
 * day's close, rounded. No price series is stored, only these moments.
 */
export const DEMO_SYMBOLS = [
  'AMZN',
  'MSFT',
  'GOOGL',
  'NVDA',
  'SPY',
  'QQQ',
  'SMH',
  'AAPL',
  'AVGO',
  'TSM',
  'META',
  'JNJ',
  'XOM',
  'GLD',
  'BND',
] as const;
export type DemoSymbol = (typeof DEMO_SYMBOLS)[number];

export const DEMO_MOMENTS: Record<DemoSymbol, { drift: number; volatility: number; startPrice: number }> = {
  AMZN: { drift: 0.16, volatility: 0.357, startPrice: 95 },
  MSFT: { drift: 0.171, volatility: 0.304, startPrice: 161 },
  GOOGL: { drift: 0.253, volatility: 0.325, startPrice: 68 },
  NVDA: { drift: 0.536, volatility: 0.518, startPrice: 6 },
  SPY: { drift: 0.141, volatility: 0.203, startPrice: 325 },
  QQQ: { drift: 0.182, volatility: 0.25, startPrice: 216 },
  SMH: { drift: 0.312, volatility: 0.375, startPrice: 70 },
  AAPL: { drift: 0.221, volatility: 0.314, startPrice: 75 },
  AVGO: { drift: 0.404, volatility: 0.441, startPrice: 32 },
  TSM: { drift: 0.308, volatility: 0.394, startPrice: 54 },
  META: { drift: 0.15, volatility: 0.442, startPrice: 210 },
  JNJ: { drift: 0.113, volatility: 0.197, startPrice: 146 },
  XOM: { drift: 0.164, volatility: 0.325, startPrice: 71 },
  GLD: { drift: 0.145, volatility: 0.184, startPrice: 144 },
  BND: { drift: 0.007, volatility: 0.065, startPrice: 69 },
};

/** Row/column order = DEMO_SYMBOLS. */
// prettier-ignore
export const DEMO_CORRELATION: readonly (readonly number[])[] = [
  [1.0, 0.63, 0.63, 0.56, 0.65, 0.75, 0.58, 0.55, 0.46, 0.45, 0.6, 0.1, 0.11, 0.09, 0.16],
  [0.63, 1.0, 0.63, 0.64, 0.76, 0.8, 0.62, 0.65, 0.54, 0.48, 0.56, 0.23, 0.2, 0.1, 0.16],
  [0.63, 0.63, 1.0, 0.56, 0.71, 0.75, 0.6, 0.58, 0.49, 0.48, 0.59, 0.21, 0.2, 0.12, 0.15],
  [0.56, 0.64, 0.56, 1.0, 0.7, 0.8, 0.84, 0.55, 0.66, 0.68, 0.52, 0.06, 0.16, 0.12, 0.13],
  [0.65, 0.76, 0.71, 0.7, 1.0, 0.93, 0.81, 0.76, 0.69, 0.63, 0.62, 0.4, 0.46, 0.15, 0.21],
  [0.75, 0.8, 0.75, 0.8, 0.93, 1.0, 0.89, 0.78, 0.74, 0.69, 0.68, 0.25, 0.28, 0.17, 0.2],
  [0.58, 0.62, 0.6, 0.84, 0.81, 0.89, 1.0, 0.6, 0.8, 0.83, 0.54, 0.12, 0.25, 0.18, 0.15],
  [0.55, 0.65, 0.58, 0.55, 0.76, 0.78, 0.6, 1.0, 0.5, 0.46, 0.52, 0.3, 0.27, 0.1, 0.16],
  [0.46, 0.54, 0.49, 0.66, 0.69, 0.74, 0.8, 0.5, 1.0, 0.66, 0.44, 0.07, 0.23, 0.13, 0.13],
  [0.45, 0.48, 0.48, 0.68, 0.63, 0.69, 0.83, 0.46, 0.66, 1.0, 0.42, 0.06, 0.2, 0.17, 0.09],
  [0.6, 0.56, 0.59, 0.52, 0.62, 0.68, 0.54, 0.52, 0.44, 0.42, 1.0, 0.12, 0.13, 0.08, 0.12],
  [0.1, 0.23, 0.21, 0.06, 0.4, 0.25, 0.12, 0.3, 0.07, 0.06, 0.12, 1.0, 0.27, 0.07, 0.11],
  [0.11, 0.2, 0.2, 0.16, 0.46, 0.28, 0.25, 0.27, 0.23, 0.2, 0.13, 0.27, 1.0, 0.07, -0.03],
  [0.09, 0.1, 0.12, 0.12, 0.15, 0.17, 0.18, 0.1, 0.13, 0.17, 0.08, 0.07, 0.07, 1.0, 0.28],
  [0.16, 0.16, 0.15, 0.13, 0.21, 0.2, 0.15, 0.16, 0.13, 0.09, 0.12, 0.11, -0.03, 0.28, 1.0],
];

/**
 * Euro-dollar rate for demo portfolios valued in euros. The shared datasets hold no FX series, so
 * this is an assumption, not a calibration: EUR/USD's long-run annual volatility of about 7–8 %,
 * no drift, starting near its early-2020 level.
 */
export const DEMO_EURUSD = { start: 1.12, volatility: 0.075 } as const;

/** Degrees of freedom of the multivariate Student-t daily shocks: fat tails and joint crash days. */
export const DEMO_TAIL_DOF = 5;

/**
 * Constituent lists for the demo's funds: the ten largest holdings as the issuers published them
 * around the as_of date, rounded to 0.1 %. Written from memory of the issuers' fact sheets and not
 * checked against a file (confidence: memory-unverified); the rest of each fund is left unmapped.
 */
export const DEMO_FUNDS = {
  SPY: {
    asOf: '2025-10-31',
    source: 'SSGA SPY top holdings, memory-unverified, rounded',
    constituents: [
      ['NVDA', 'NVIDIA Corp', 7.9],
      ['AAPL', 'Apple Inc', 6.8],
      ['MSFT', 'Microsoft Corp', 6.6],
      ['AMZN', 'Amazon.com Inc', 3.9],
      ['AVGO', 'Broadcom Inc', 2.9],
      ['META', 'Meta Platforms Inc', 2.8],
      ['GOOGL', 'Alphabet Inc Class A', 2.5],
      ['TSLA', 'Tesla Inc', 2.1],
      ['GOOG', 'Alphabet Inc Class C', 2.0],
      ['BRK-B', 'Berkshire Hathaway Inc Class B', 1.6],
    ],
  },
  QQQ: {
    asOf: '2025-10-31',
    source: 'Invesco QQQ top holdings, memory-unverified, rounded',
    constituents: [
      ['NVDA', 'NVIDIA Corp', 9.8],
      ['AAPL', 'Apple Inc', 8.6],
      ['MSFT', 'Microsoft Corp', 8.1],
      ['AVGO', 'Broadcom Inc', 5.6],
      ['AMZN', 'Amazon.com Inc', 5.4],
      ['META', 'Meta Platforms Inc', 3.6],
      ['GOOGL', 'Alphabet Inc Class A', 3.4],
      ['TSLA', 'Tesla Inc', 3.2],
      ['GOOG', 'Alphabet Inc Class C', 3.2],
      ['NFLX', 'Netflix Inc', 2.5],
    ],
  },
  // The Nasdaq-100's list stands for every fund on that index (data/indices.csv names QQQM's).
  QQQM: {
    asOf: '2025-10-31',
    source: 'Invesco QQQ top holdings (same index as QQQM), memory-unverified, rounded',
    constituents: [
      ['NVDA', 'NVIDIA Corp', 9.8],
      ['AAPL', 'Apple Inc', 8.6],
      ['MSFT', 'Microsoft Corp', 8.1],
      ['AVGO', 'Broadcom Inc', 5.6],
      ['AMZN', 'Amazon.com Inc', 5.4],
      ['META', 'Meta Platforms Inc', 3.6],
      ['GOOGL', 'Alphabet Inc Class A', 3.4],
      ['TSLA', 'Tesla Inc', 3.2],
      ['GOOG', 'Alphabet Inc Class C', 3.2],
      ['NFLX', 'Netflix Inc', 2.5],
    ],
  },
  SMH: {
    asOf: '2025-10-31',
    source: 'VanEck SMH top holdings, memory-unverified, rounded',
    constituents: [
      ['NVDA', 'NVIDIA Corp', 19.5],
      ['TSM', 'Taiwan Semiconductor Manufacturing', 9.9],
      ['AVGO', 'Broadcom Inc', 7.9],
      ['AMD', 'Advanced Micro Devices', 6.0],
      ['MU', 'Micron Technology', 5.0],
      ['ASML', 'ASML Holding', 4.7],
      ['INTC', 'Intel Corp', 4.5],
      ['LRCX', 'Lam Research', 4.3],
      ['AMAT', 'Applied Materials', 4.1],
      ['KLAC', 'KLA Corp', 4.0],
    ],
  },
  ACWI: {
    asOf: '2025-01-08',
    source:
      'top 10 of the shared MSCI ACWI list (iShares, 2025-01-08), rounded; the demo looks UCITS world funds through it',
    constituents: [
      ['AAPL', 'APPLE INC [United States; NASDAQ]', 4.7],
      ['NVDA', 'NVIDIA CORP [United States; NASDAQ]', 4.4],
      ['MSFT', 'MICROSOFT CORP [United States; NASDAQ]', 3.8],
      ['AMZN', 'AMAZON COM INC [United States; NASDAQ]', 2.7],
      ['META', 'META PLATFORMS INC CLASS A [United States; NASDAQ]', 1.7],
      ['GOOGL', 'ALPHABET INC CLASS A [United States; NASDAQ]', 1.5],
      ['TSLA', 'TESLA INC [United States; NASDAQ]', 1.5],
      ['AVGO', 'BROADCOM INC [United States; NASDAQ]', 1.3],
      ['GOOG', 'ALPHABET INC CLASS C [United States; NASDAQ]', 1.3],
      ['2330', 'TAIWAN SEMICONDUCTOR MANUFACTURING [Taiwan; Taiwan Stock Exchange]', 1.1],
    ],
  },
} as const satisfies Record<
  string,
  { asOf: string; source: string; constituents: readonly (readonly [string, string, number])[] }
>;

/**
 * The demo's UCITS funds, in euros: each day's return is a mixture of the demo's own series — the
 * part of the index the demo simulates — plus the rest of the index as a factor model on SPY with
 * independent noise, plus tracking noise; then converted at the demo's EURUSD. Synthetic, like
 * everything in the demo market, and labelled so.
 */
export const DEMO_UCITS = {
  'SXR8.DE': { mix: { SPY: 1 }, other: 0, start: 290 },
  'CSSPX.MI': { mix: { SPY: 1 }, other: 0, start: 290 },
  'EQQQ.MI': { mix: { QQQ: 1 }, other: 0, start: 190 },
  // MSCI World: about 72 % US; the other developed markets as 0.6 × SPY plus their own noise.
  'SWDA.MI': { mix: { SPY: 0.72 }, other: 0.28, start: 55 },
  'IWDA.AS': { mix: { SPY: 0.72 }, other: 0.28, start: 55 },
  // FTSE All-World: about 62 % US, 28 % other developed, 10 % emerging (a third of it Taiwan's TSMC).
  'VWCE.DE': { mix: { SPY: 0.62, TSM: 0.03 }, other: 0.35, start: 80 },
} as const satisfies Record<string, { mix: Partial<Record<DemoSymbol, number>>; other: number; start: number }>;
/** The non-simulated part of an index: beta 0.6 to SPY and 12 % a year of its own; tracking noise 0.5 % a year. */
export const DEMO_UCITS_OTHER = { betaToSpy: 0.6, volatility: 0.12, tracking: 0.005 } as const;
