import type { YahooClient } from './client';

export interface SearchHit {
  symbol: string;
  name: string | null;
  exchange: string | null;
  quoteType: string | null;
}

/**
 * Yahoo's `search` for an ISIN: its instrument listings, best first. An ISIN names the security,
 * not the listing, so several exchanges may come back; the caller chooses.
 */
export async function searchIsin(yf: YahooClient, isin: string): Promise<SearchHit[]> {
  const r = (await yf.search(
    isin,
    { quotesCount: 10, newsCount: 0, enableFuzzyQuery: false },
    { validateResult: false },
  )) as { quotes?: Record<string, unknown>[] };
  const str = (q: Record<string, unknown>, k: string) => (typeof q[k] === 'string' ? (q[k] as string) : null);
  return (r.quotes ?? [])
    .filter((q) => q.isYahooFinance !== false && typeof q.symbol === 'string')
    .map((q) => ({
      symbol: (q.symbol as string).toUpperCase(),
      name: str(q, 'longname') ?? str(q, 'shortname'),
      exchange: str(q, 'exchange'),
      quoteType: str(q, 'quoteType'),
    }));
}
