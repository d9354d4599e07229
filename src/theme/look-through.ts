import { LOOK_THROUGH_DEPTH } from '../analysis/plan';
import type { FundHoldings } from '../market/types';
import type { IssuerResolver } from './issuers';

interface ExposurePath {
  /** "direct", or the chain of funds that holds the issuer ("VWCE.DE", "AOR > IVV"). */
  via: string;
  /** For a direct path, the listing held (ASML and ASML.AS are two direct paths to one issuer). */
  listing?: string;
  weight: number;
}

export interface IssuerExposure {
  issuer: string;
  weight: number;
  paths: ExposurePath[];
}

export interface UnresolvedFundWeight {
  fund: string;
  weight: number;
  reason: 'no-constituents' | 'unlisted-remainder' | 'nesting-too-deep';
  /**
   * For an unlisted remainder: the largest a single unlisted name can be, the fund's smallest listed
   * constituent (lists are ordered by weight: QQQ's top-10 list leaves 90 names each below its 10th).
   */
  largestPiece?: number;
}

/** An issuer's look-through weight, or undefined when the portfolio does not hold it. */
export interface IssuerWeights {
  get(issuer: string): number | undefined;
}

export interface LookThrough {
  issuers: IssuerExposure[];
  /** The same issuers by name. */
  byIssuer: ReadonlyMap<string, IssuerExposure>;
  /** Fund weight that could not be attributed to issuers, with why. */
  unresolved: UnresolvedFundWeight[];
  /** Share of the weight held in funds that was resolved to named issuers (1 when no funds). */
  coverage: number;
  fundWeight: number;
}

export interface LookThroughPosition {
  symbol: string;
  weight: number;
  kind: 'security' | 'cash';
  isFund: boolean;
}

/**
 * Spreads every position onto the issuers it finally owns: a listing lands on its issuer (share
 * classes, ADRs and other listings merged by the resolver, a fund's local codes read with their
 * exchange), a fund passes fund weight × constituent weight / 100 to each constituent, and
 * a constituent that is itself a fund is expanded in turn — so its weight lands on its issuers once,
 * never on the fund and the issuers both. What cannot be resolved is kept as unresolved weight.
 */
export function lookThrough(
  positions: readonly LookThroughPosition[],
  funds: ReadonlyMap<string, FundHoldings>,
  isFund: (symbol: string) => boolean,
  resolver: Pick<IssuerResolver, 'ofListing' | 'ofConstituent'>,
): LookThrough {
  const issuers = new Map<string, IssuerExposure>();
  const unresolved: UnresolvedFundWeight[] = [];
  const add = (issuer: string, weight: number, via: string, listing?: string) => {
    let entry = issuers.get(issuer);
    if (entry === undefined) {
      entry = { issuer, weight: 0, paths: [] };
      issuers.set(issuer, entry);
    }
    entry.weight += weight;
    // Plain loops and literals: a conditional spread here cost half of the look-through's time.
    for (const path of entry.paths)
      if (path.via === via && path.listing === listing) {
        path.weight += weight;
        return;
      }
    entry.paths.push(listing === undefined ? { via, weight } : { via, listing, weight });
  };
  const expand = (fund: string, weight: number, chain: string[]) => {
    const holdings = funds.get(fund);
    const via = [...chain, fund].join(' > ');
    if (holdings === undefined) {
      unresolved.push({ fund: via, weight, reason: 'no-constituents' });
      return;
    }
    if (chain.length >= LOOK_THROUGH_DEPTH || chain.includes(fund)) {
      unresolved.push({ fund: via, weight, reason: 'nesting-too-deep' });
      return;
    }
    let named = 0;
    let smallest = Number.POSITIVE_INFINITY;
    for (const c of holdings.constituents) {
      const w = (weight * c.weight) / 100;
      named += c.weight;
      if (w > 0) smallest = Math.min(smallest, w);
      if (isFund(c.symbol)) expand(c.symbol, w, [...chain, fund]);
      else add(resolver.ofConstituent(c), w, via);
    }
    const remainder = weight * (1 - named / 100);
    if (remainder > 1e-12)
      unresolved.push({
        fund: via,
        weight: remainder,
        reason: 'unlisted-remainder',
        largestPiece: Math.min(remainder, smallest),
      });
  };

  let fundWeight = 0;
  for (const p of positions) {
    if (p.kind === 'cash') continue;
    if (p.isFund) {
      fundWeight += p.weight;
      expand(p.symbol, p.weight, []);
    } else {
      add(resolver.ofListing(p.symbol), p.weight, 'direct', p.symbol);
    }
  }
  const unresolvedWeight = unresolved.reduce((s, u) => s + u.weight, 0);
  return {
    issuers: [...issuers.values()].sort((a, b) => b.weight - a.weight),
    byIssuer: issuers,
    unresolved,
    coverage: fundWeight > 0 ? Math.max(0, 1 - unresolvedWeight / fundWeight) : 1,
    fundWeight,
  };
}
