import type { FundHoldings } from '../market/types';

/** Share classes of one issuer, keyed as the report names the issuer. */
const SHARE_CLASS_ISSUER: Record<string, string> = { GOOG: 'GOOGL' };

export function issuerOf(symbol: string): string {
  return SHARE_CLASS_ISSUER[symbol] ?? symbol;
}

export interface FundLookThrough {
  symbol: string;
  weight: number;
  holdings: FundHoldings;
}
