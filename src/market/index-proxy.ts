import { parseIsoDay } from '../shared/dates';
import type { IndexEntry } from './fund-files';
import type { FundHoldings } from './types';

/** MSCI's 23 developed markets, as the iShares "Location" of a constituent names them. */
const DEVELOPED = [
  'United States',
  'Japan',
  'Canada',
  'United Kingdom',
  'France',
  'Germany',
  'Australia',
  'Switzerland',
  'Sweden',
  'Hong Kong',
  'Netherlands',
  'Italy',
  'Spain',
  'Singapore',
  'Denmark',
  'Israel',
  'Finland',
  'Norway',
  'Belgium',
  'Ireland',
  'Portugal',
  'New Zealand',
  'Austria',
];
const EUROPE = [
  'Austria',
  'Belgium',
  'Denmark',
  'Finland',
  'France',
  'Germany',
  'Ireland',
  'Italy',
  'Netherlands',
  'Norway',
  'Portugal',
  'Spain',
  'Sweden',
  'Switzerland',
  'United Kingdom',
];
const EURO_AREA = [
  'Austria',
  'Belgium',
  'Finland',
  'France',
  'Germany',
  'Ireland',
  'Italy',
  'Netherlands',
  'Portugal',
  'Spain',
];
/** Not countries: cash, futures and collateral lines of an iShares list. */
const NOT_A_COUNTRY = new Set(['-', 'European Union']);

/** The country of a constituent from an iShares-style name ending "[Location; Exchange]". */
export function location(name: string | undefined): string | null {
  return /\[([^;\]]+);[^\]]*\]$/.exec(name ?? '')?.[1]?.trim() ?? null;
}

function keep(filter: string): (country: string | null) => boolean {
  if (filter === '') return (c) => c === null || !NOT_A_COUNTRY.has(c);
  if (filter.startsWith('country:')) return (c) => c === filter.slice(8);
  const sets: Record<string, readonly string[]> = {
    developed: DEVELOPED,
    europe: EUROPE,
    'euro-area': EURO_AREA,
    'ftse-developed': [...DEVELOPED, 'Korea (South)', 'Poland'],
  };
  if (filter === 'emerging') return (c) => c !== null && !NOT_A_COUNTRY.has(c) && !DEVELOPED.includes(c);
  const set = sets[filter];
  return set === undefined ? () => false : (c) => c !== null && set.includes(c);
}

/**
 * A fund looked through with its index's list: the list that stands for the index (SPY's for the
 * S&P 500), restricted to the index's markets when it is another index's (MSCI World from the ACWI
 * list's developed markets). Labelled as a proxy when it is one.
 */
export function holdingsViaIndex(fund: string, index: IndexEntry, list: FundHoldings): FundHoldings {
  const wanted = keep(index.filter);
  const kept = list.constituents.filter((c) => wanted(location(c.name)));
  // A restricted list stands for its index to the same extent the whole list stood for its own:
  // the kept rows are scaled up by the share they had (all of ACWI's developed rows for MSCI World;
  // a top-10 list stays a top-10 list, its remainder unlisted).
  const all = list.constituents.reduce((s, c) => s + c.weight, 0);
  const part = kept.reduce((s, c) => s + c.weight, 0);
  const scale = index.filter === '' || part <= 0 ? 1 : all / part;
  return {
    fund,
    asOf: list.asOf,
    source: list.source,
    constituents: kept.map((c) => ({ ...c, weight: c.weight * scale })),
    via: { index: index.id, indexName: index.name, list: list.fund, filter: index.filter, proxy: index.proxy },
  };
}

/** The fresher of two lists; a dated list beats an undated one, and the fund's own wins a tie. */
export function fresher(own: FundHoldings | null, viaIndex: FundHoldings | null): FundHoldings | null {
  if (own === null || viaIndex === null) return own ?? viaIndex;
  const day = (h: FundHoldings) => (h.asOf === null ? null : parseIsoDay(h.asOf));
  const [a, b] = [day(own), day(viaIndex)];
  if (b === null) return own;
  return a === null || b > a ? viaIndex : own;
}
