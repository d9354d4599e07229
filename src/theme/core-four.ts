import type { FundHoldings } from '../market';

/** The four hyperscaler/supplier names the AI basket and the core exposure are built on. */
export const CORE_FOUR = ['AMZN', 'MSFT', 'GOOGL', 'NVDA'] as const;
export type CoreFourSymbol = (typeof CORE_FOUR)[number];

/** Share classes of one issuer, keyed as the report names the issuer. */
const SHARE_CLASS_ISSUER: Record<string, string> = { GOOG: 'GOOGL' };

export function issuerOf(symbol: string): string {
  return SHARE_CLASS_ISSUER[symbol] ?? symbol;
}

export type CoreFourExposure = Record<CoreFourSymbol | 'total', number>;

export interface FundLookThrough {
  symbol: string;
  weight: number;
  holdings: FundHoldings;
}

/**
 * Each core name's direct weight plus, for every fund with constituents, fund weight × constituent
 * weight / 100. Summed in a fixed order (direct, then funds in portfolio order) so results are exact
 * to reproduce.
 */
export function lookThroughCoreFour(direct: ReadonlyArray<{ symbol: string; weight: number }>, funds: readonly FundLookThrough[]): CoreFourExposure {
  const out: CoreFourExposure = { AMZN: 0, MSFT: 0, GOOGL: 0, NVDA: 0, total: 0 };
  const add = (symbol: string, w: number) => {
    const issuer = issuerOf(symbol);
    if ((CORE_FOUR as readonly string[]).includes(issuer)) out[issuer as CoreFourSymbol] += w;
  };
  for (const h of direct) add(h.symbol, h.weight);
  for (const f of funds) for (const c of f.holdings.constituents) add(c.symbol, (f.weight * c.weight) / 100);
  out.total = out.AMZN + out.MSFT + out.GOOGL + out.NVDA;
  return out;
}
