import type { YahooClient } from './client';

export interface Quote {
  symbol: string;
  price: number | null;
  currency: string | null;
  marketCap: number | null;
  name: string | null;
  quoteType: string | null;
}

/** Latest price, currency, market cap, name and instrument type from `quote`. */
export async function fetchQuote(yf: YahooClient, symbol: string): Promise<Quote> {
  const q = (await yf.quote(symbol, {}, { validateResult: false })) as Record<string, unknown> | undefined;
  if (q === undefined || q === null)
    throw Object.assign(new Error(`Quote not found for symbol: ${symbol}`), { name: 'Error' });
  const num = (k: string) => (typeof q[k] === 'number' ? (q[k] as number) : null);
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : null);
  return {
    symbol,
    price: num('regularMarketPrice'),
    currency: str('currency'),
    marketCap: num('marketCap'),
    name: str('longName') ?? str('shortName'),
    quoteType: str('quoteType'),
  };
}
