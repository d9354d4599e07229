import { normaliseTicker } from '../holdings/identifiers';
import type { FundConstituent } from '../market/types';
import { isUsMarket, micOf, yahooSymbol } from './exchanges';
import type { InstrumentsTable, Listing } from './instruments';

/**
 * One identity per issuer, wherever it appears: a held listing (`ASML.AS`), an ISIN, a fund
 * constituent written as its US ticker (`TSM` in SMH) or as a local code on its exchange (`2330`
 * on the Taiwan Stock Exchange in ACWI). Pure: built once from the instruments table.
 */
export interface IssuerResolver {
  /** The issuer of a Yahoo symbol; an unknown symbol is its own issuer (`BRK.B` is written `BRK-B`). */
  ofListing(symbol: string): string;
  /** The issuer of a fund constituent line, using its exchange when the line gives one. */
  ofConstituent(c: Pick<FundConstituent, 'symbol' | 'exchange' | 'name'>): string;
  /** The listings of an ISIN, primary first, or none. */
  listingsOfIsin(isin: string): readonly Listing[];
  /** The listings of an issuer (a fund's too), in table order. */
  listingsOf(issuer: string): readonly Listing[];
  /** The issuer's industry as our table gives it (Yahoo's name), for a theme default. */
  industryOf(issuer: string): string | undefined;
}

export function issuerResolver(table: InstrumentsTable): IssuerResolver {
  const bySymbol = new Map<string, Listing>();
  const byLocal = new Map<string, Listing>();
  const byIsin = new Map<string, Listing[]>();
  const byIssuer = new Map<string, Listing[]>();
  for (const l of table.listings) {
    bySymbol.set(l.symbol, l);
    if (l.exchange !== undefined) byLocal.set(localKey(l.local_code, l.exchange), l);
    if (l.isin !== undefined) push(byIsin, l.isin, l);
    push(byIssuer, l.issuer, l);
  }
  // Answers remembered: every analysis resolves each constituent of its funds (1,200 lines for six
  // broad funds, each through regular expressions: 1 ms of a 25-holding analysis).
  const listings = new Map<string, string>();
  const constituents = new Map<string, string>();
  const ofListing = (symbol: string) => {
    let issuer = listings.get(symbol);
    if (issuer === undefined) {
      const s = canonicalTicker(symbol);
      listings.set(symbol, (issuer = bySymbol.get(s)?.issuer ?? s));
    }
    return issuer;
  };
  // A fund's lines are the same objects from one analysis to the next (the market data keeps them):
  // looked up by identity first, no key string built (0.3 ms of a 25-holding analysis).
  const lines = new WeakMap<object, string>();
  const ofConstituent = (c: Pick<FundConstituent, 'symbol' | 'exchange' | 'name'>) => {
    let issuer = lines.get(c);
    if (issuer !== undefined) return issuer;
    const key = `${c.symbol}\u0000${c.exchange ?? ''}\u0000${c.name ?? ''}`;
    issuer = constituents.get(key);
    if (issuer === undefined) constituents.set(key, (issuer = constituentIssuer(c)));
    lines.set(c, issuer);
    return issuer;
  };
  return {
    ofListing,
    ofConstituent,
    listingsOfIsin: (isin) => byIsin.get(isin) ?? [],
    listingsOf: (issuer) => byIssuer.get(issuer) ?? [],
    industryOf: (issuer) => byIssuer.get(issuer)?.find((l) => l.industry !== undefined)?.industry,
  };

  function constituentIssuer(c: Pick<FundConstituent, 'symbol' | 'exchange' | 'name'>): string {
    const exchange = c.exchange ?? exchangeInName(c.name);
    if (exchange === undefined) return ofListing(c.symbol);
    const code = canonicalTicker(c.symbol);
    // A line on no market (a fund's cash, collateral) or an exchange we do not know: its own
    // issuer, so "COP CASH" on no market never becomes ConocoPhillips.
    const mic = exchange === '-' ? undefined : micOf(exchange);
    if (mic === undefined) return `${code}@${exchange}`;
    const local = byLocal.get(localKey(c.symbol, mic));
    if (local !== undefined) return local.issuer;
    // Not in our table: name it as Yahoo would, so the same company held directly is the same issuer
    // (and `SU` in Toronto, Suncor, never becomes `SU` in Paris, Schneider).
    return ofListing(isUsMarket(mic) ? c.symbol : (yahooSymbol(c.symbol, mic) ?? c.symbol));
  }
}

/**
 * iShares-style names end "[Location; Exchange]" ("TAIWAN SEMICONDUCTOR [Taiwan; Taiwan Stock
 * Exchange]"); "-" is no market.
 */
function exchangeInName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : /\[[^;\]]*; ([^\]]+)\]$/.exec(name)?.[1]?.trim();
}

/** A ticker as Yahoo writes it (`BRK.B` in SPY's file is `BRK-B`), or as given when it cannot be one. */
function canonicalTicker(symbol: string): string {
  return normaliseTicker(symbol) ?? symbol.trim().toUpperCase();
}

function localKey(code: string, mic: string): string {
  return `${code.trim().toUpperCase()}@${mic}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
