/** No data source and no cache could supply what every analysis needs (the AI basket, the market). */
export class MarketDataUnavailableError extends Error {
  override readonly name = 'MarketDataUnavailableError';
  constructor(
    readonly symbols: { symbol: string; reason: string }[],
    readonly retryAfterSeconds = 60,
  ) {
    // The root cause reads better than "circuit open", which only says the cause repeated.
    const reason = (symbols.find((s) => !/circuit open/.test(s.reason)) ?? symbols[0])?.reason ?? '';
    super(`no market data for ${symbols.map((s) => s.symbol).join(', ')}: ${reason}`);
  }
}
