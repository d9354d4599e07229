import type { YahooClient } from './client';
import type { FundHoldings } from '../types';

export interface YahooFundHoldings extends FundHoldings {
  /** Sector weights (fractions) as Yahoo lists them, e.g. { technology: 0.51 }. */
  sectorWeights: Record<string, number>;
  /** Share of the fund in stocks, bonds and cash. */
  positions: { stock: number | null; bond: number | null; cash: number | null };
  category: string | null;
}

/**
 * A fund's top holdings and sector weights from `quoteSummary` (topHoldings, fundProfile). Yahoo
 * lists only the largest holdings (ten for most ETFs) and dates none of them: the fetch date is
 * their as-of date.
 */
export async function fetchFundHoldings(
  yf: YahooClient,
  symbol: string,
  fetchedAtIso: string,
): Promise<YahooFundHoldings | null> {
  const r = (await yf.quoteSummary(
    symbol,
    { modules: ['topHoldings', 'fundProfile'] },
    { validateResult: false },
  )) as Record<string, Record<string, unknown> | undefined>;
  const top = r.topHoldings;
  const holdings = Array.isArray(top?.holdings) ? (top.holdings as Record<string, unknown>[]) : [];
  if (holdings.length === 0) return null;
  const sectorWeights: Record<string, number> = {};
  for (const entry of Array.isArray(top?.sectorWeightings) ? (top.sectorWeightings as Record<string, unknown>[]) : []) {
    for (const [k, v] of Object.entries(entry)) if (typeof v === 'number') sectorWeights[k] = v;
  }
  const n = (k: string) => (typeof top?.[k] === 'number' ? (top[k] as number) : null);
  return {
    fund: symbol,
    asOf: fetchedAtIso.slice(0, 10),
    source: `Yahoo Finance topHoldings (largest ${holdings.length}), fetched ${fetchedAtIso.slice(0, 10)}`,
    constituents: holdings
      .filter((h) => typeof h.symbol === 'string' && typeof h.holdingPercent === 'number')
      .map((h) => ({
        symbol: (h.symbol as string).toUpperCase(),
        ...(typeof h.holdingName === 'string' && { name: h.holdingName }),
        weight: (h.holdingPercent as number) * 100,
      })),
    sectorWeights,
    positions: { stock: n('stockPosition'), bond: n('bondPosition'), cash: n('cashPosition') },
    category: typeof r.fundProfile?.categoryName === 'string' ? (r.fundProfile.categoryName as string) : null,
  };
}
