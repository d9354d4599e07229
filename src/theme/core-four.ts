import type { FundHoldings } from '../market/types';

export interface FundLookThrough {
  symbol: string;
  weight: number;
  holdings: FundHoldings;
}
