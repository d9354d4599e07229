import type { IsinEntry, IsinResolver } from '../holdings/identifiers';
import { type InstrumentsTable, loadInstruments } from './instruments';

/**
 * ISINs resolved from our instruments table, the one place ISIN → listing is known. An ISIN with
 * several listings (a UCITS fund on Milan and Amsterdam) resolves to the listing in the currency
 * the file gives, else to the first (primary) listing of the table.
 */
function isinResolverFrom(table: InstrumentsTable): IsinResolver {
  const byIsin = new Map<string, IsinEntry[]>();
  for (const l of table.listings) {
    if (l.isin === undefined) continue;
    const entry = { symbol: l.symbol, name: l.issuer_name, currency: l.currency };
    byIsin.set(l.isin, [...(byIsin.get(l.isin) ?? []), entry]);
  }
  return {
    async resolve(isins, currencyOf) {
      const out = new Map<string, IsinEntry>();
      for (const isin of isins) {
        const listings = byIsin.get(isin);
        if (listings === undefined) continue;
        const currency = currencyOf?.(isin);
        out.set(isin, listings.find((l) => l.currency === currency) ?? listings[0]!);
      }
      return out;
    },
  };
}

/** Each ISIN with its primary listing, from data/instruments.csv. */
export function loadIsinMap(): Map<string, IsinEntry> {
  const out = new Map<string, IsinEntry>();
  for (const l of loadInstruments().table.listings)
    if (l.isin !== undefined && !out.has(l.isin))
      out.set(l.isin, { symbol: l.symbol, name: l.issuer_name, currency: l.currency });
  return out;
}

let offline: IsinResolver | undefined;

/** The resolver on data/instruments.csv, built on first use. */
export const offlineIsinResolver: IsinResolver = {
  resolve(isins, currencyOf) {
    offline ??= isinResolverFrom(loadInstruments().table);
    return offline.resolve(isins, currencyOf);
  },
};
