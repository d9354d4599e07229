import { inSharedMemory, type PriceKey, type PriceMemory, type PriceStore } from '../market/price-memory';
import type { PriceHistory } from '../market/types';
import { askMain } from './thread-worker';

const LOOKUP = 'prices.lookup';
const KEEP = 'prices.keep';

/**
 * The price store of a worker thread: the parsed prices live in the memory of the thread that owns
 * the pool, in SharedArrayBuffers, so a lookup hands back views of the same bytes (no copy) and
 * every thread parses a file at most once between them. The thread remembers what it was handed
 * (references, not copies) until the owner evicts anything (`evictions` changes), so a warm
 * analysis asks the owner nothing: under load its event loop answered late, and the threads waited
 * (40 % of their time idle at 41 analyses/s).
 */
export function remotePriceStore(evictions: Int32Array): PriceStore {
  const handed = new Map<string, { version: string; history: PriceHistory }>();
  let seen = Atomics.load(evictions, 0);
  const remember = (entry: PriceKey, history: PriceHistory | undefined) => {
    if (history !== undefined) handed.set(entry.key, { version: entry.version, history });
    return history;
  };
  return {
    async lookup(entries) {
      if (Atomics.load(evictions, 0) !== seen) {
        handed.clear(); // what the owner let go of must not be held here
        seen = Atomics.load(evictions, 0);
      }
      const out = entries.map((e) => {
        const h = handed.get(e.key);
        return h?.version === e.version ? h.history : undefined;
      });
      const missing = entries.filter((_, i) => out[i] === undefined);
      if (missing.length === 0) return out;
      const answers = await askMain<(PriceHistory | undefined)[]>(LOOKUP, missing);
      let k = 0;
      return out.map((h, i) => h ?? remember(entries[i]!, answers[k++]));
    },
    // Moved into shared memory here, so the owner keeps these very bytes rather than a copy.
    keep: async (entry, history) =>
      remember(entry, await askMain<PriceHistory>(KEEP, { entry, history: inSharedMemory(history) }))!,
  };
}

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
