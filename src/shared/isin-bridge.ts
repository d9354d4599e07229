import { isinResolverFor, type IsinResolver } from '../holdings';
import { askMain } from './thread-worker';

/** What a thread sends to resolve ISINs on the market data of the thread that owns its pool. */
interface IsinRequest {
  isins: string[];
  /** The currency the file gives for each ISIN (to pick a listing), or null. */
  currencies: (string | null)[];
}

const ISIN_REQUEST = 'resolveIsins';

/**
 * The ISIN resolver of a worker thread: the look-up runs where the market data lives (its cache,
 * its limits on Yahoo), and the thread's time budget waits meanwhile instead of counting the network.
 */
export const remoteIsinResolver: IsinResolver = {
  resolve: (isins, currencyOf) =>
    askMain(ISIN_REQUEST, {
      isins: [...isins],
      currencies: isins.map((i) => currencyOf?.(i) ?? null),
    } satisfies IsinRequest),
};

/** The pool's side: answers a thread's ISIN request with the resolver of `market`. */
export function answerIsinRequests(market: object): (kind: string, payload: unknown) => Promise<unknown> {
  const resolver = isinResolverFor(market);
  return async (kind, payload) => {
    if (kind !== ISIN_REQUEST) throw new Error(`unknown request ${kind}`);
    const { isins, currencies } = payload as IsinRequest;
    const currency = new Map(isins.map((isin, i) => [isin, currencies[i] ?? undefined]));
    return resolver.resolve(isins, (isin) => currency.get(isin));
  };
}
