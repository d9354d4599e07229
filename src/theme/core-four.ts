import type { FundHoldings } from '../market';

/** The four hyperscaler/supplier names the AI basket and the core exposure are built on. */
export const CORE_FOUR = ['AMZN', 'MSFT', 'GOOGL', 'NVDA'] as const;
export type CoreFourSymbol = (typeof CORE_FOUR)[number];

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
