import type { YahooClient } from './client';

export interface Profile {
  symbol: string;
  quoteType: string | null;
  name: string | null;
  currency: string | null;
  sector: string | null;
  industry: string | null;
  country: string | null;
}

/**
 * Instrument type, name, currency, sector, industry and country from `quoteSummary` (quoteType,
 * price, assetProfile). Read field by field, not through the library's schema: Yahoo changes these
 * payloads, and one odd field must not cost us the rest.
 */
export async function fetchProfile(yf: YahooClient, symbol: string): Promise<Profile> {
  const r = (await yf.quoteSummary(
    symbol,
    { modules: ['quoteType', 'price', 'assetProfile'] },
    { validateResult: false },
  )) as Record<string, Record<string, unknown> | undefined>;
  const s = (o: Record<string, unknown> | undefined, k: string) =>
    o !== undefined && typeof o[k] === 'string' ? (o[k] as string) : null;
  return {
    symbol,
    quoteType: s(r.quoteType, 'quoteType') ?? s(r.price, 'quoteType'),
    name: s(r.price, 'longName') ?? s(r.quoteType, 'longName') ?? s(r.price, 'shortName'),
    currency: s(r.price, 'currency'),
    sector: s(r.assetProfile, 'sector'),
    industry: s(r.assetProfile, 'industry'),
    country: s(r.assetProfile, 'country'),
  };
}
