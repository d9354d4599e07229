import { offlineIsinResolver, type IsinEntry, type IsinResolver } from './identifiers';

/** What an online source must offer to resolve ISINs (the Yahoo provider does). */
interface IsinSearch {
  resolveIsins(
    isins: readonly string[],
    currencyOf?: (isin: string) => string | undefined,
  ): Promise<Map<string, IsinEntry>>;
}

/** Our maintained map first (exact, offline); the online search only for what it does not know. */
function isinResolverWith(search: IsinSearch): IsinResolver {
  return {
    async resolve(isins, currencyOf) {
      const known = await offlineIsinResolver.resolve(isins, currencyOf);
      const rest = isins.filter((i) => !known.has(i));
      if (rest.length === 0) return known;
      const found = await search.resolveIsins(rest, currencyOf);
      for (const [isin, entry] of found) known.set(isin, entry);
      return known;
    },
  };
}

/** The resolver for a market-data source: with its ISIN search when it has one, else the map alone. */
export function isinResolverFor(source: object): IsinResolver {
  return 'resolveIsins' in source && typeof (source as IsinSearch).resolveIsins === 'function'
    ? isinResolverWith(source as IsinSearch)
    : offlineIsinResolver;
}
