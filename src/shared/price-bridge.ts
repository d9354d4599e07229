import { inSharedMemory, type PriceKey, type PriceMemory, type PriceStore } from '../market/price-memory';
import type { PriceHistory } from '../market/types';
import { askMain } from './thread-worker';

const LOOKUP = 'prices.lookup';
const KEEP = 'prices.keep';

/**
 * The price store of a worker thread: the parsed prices live in the memory of the thread that owns
 * the pool, in SharedArrayBuffers, so a lookup hands back views of the same bytes (no copy) and
 * every thread parses a file at most once between them.
 */
export const remotePriceStore: PriceStore = {
  lookup: (entries) => askMain<(PriceHistory | undefined)[]>(LOOKUP, entries),
  // Moved into shared memory here, so the owner keeps these very bytes rather than a copy.
  keep: (entry, history) => askMain<PriceHistory>(KEEP, { entry, history: inSharedMemory(history) }),
};

export function isPriceRequest(kind: string): boolean {
  return kind === LOOKUP || kind === KEEP;
}

/** The pool's side: answers its threads' price requests from `memory`. */
export function answerPriceRequests(memory: PriceMemory): (kind: string, payload: unknown) => Promise<unknown> {
  return async (kind, payload) => {
    if (kind === LOOKUP) return (payload as PriceKey[]).map((e) => memory.get(e.key, e.version));
    const { entry, history } = payload as { entry: PriceKey; history: PriceHistory };
    return memory.put(entry.key, entry.version, history);
  };
}
