import type { PriceHistory } from './types';

/** Default bound of the parsed prices kept in memory: ~6,500 series of 2,000 days (20 bytes a day). */
const DEFAULT_PRICE_MEMORY_MB = 256;

/**
 * Where a provider keeps the histories it has parsed, keyed by source ("csv:/data/prices/NVDA.csv")
 * and checked against a version (the file's mtime and size, the cache row's fetch time): a history is
 * parsed once per version, then read in place. Local (this thread's PriceMemory) or the pool
 * owner's, asked across threads (`remotePriceStore`).
 */
export interface PriceStore {
  /** The kept history of each key at exactly that version, or undefined. */
  lookup(entries: readonly PriceKey[]): Promise<(PriceHistory | undefined)[]>;
  /** Keeps a history just parsed; returns it as kept (its arrays in shared memory). */
  keep(entry: PriceKey, history: PriceHistory): Promise<PriceHistory>;
}

export interface PriceKey {
  key: string;
  version: string;
}

interface Entry {
  version: string;
  history: PriceHistory;
  bytes: number;
}

/**
 * Parsed price histories, least recently used out first, bounded by bytes. Each history's arrays
 * live in one SharedArrayBuffer, so a worker thread handed one reads it in place (no copy), as the
 * batch snapshot's threads do.
 */
export class PriceMemory {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  /**
   * Evictions so far, in shared memory: a worker thread keeps the histories it was handed (views of
   * these same buffers) until this changes, so it asks this thread only about what it has not seen.
   */
  readonly evictions = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly maxBytes: number) {}

  get(key: string, version: string): PriceHistory | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.version !== version) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key); // re-inserted: a Map iterates in insertion order, oldest first
    this.entries.set(key, entry);
    return entry.history;
  }

  put(key: string, version: string, history: PriceHistory): PriceHistory {
    const shared = isShared(history) ? history : inSharedMemory(history);
    const bytes = shared.days.byteLength + shared.close.byteLength + shared.adjClose.byteLength;
    this.drop(key);
    if (bytes > this.maxBytes) return shared;
    this.entries.set(key, { version, history: shared, bytes });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
      Atomics.add(this.evictions, 0, 1);
    }
    return shared;
  }

  get stats() {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  /** This thread's store over this memory. */
  store(): PriceStore {
    return {
      lookup: async (entries) => entries.map((e) => this.get(e.key, e.version)),
      keep: async (entry, history) => this.put(entry.key, entry.version, history),
    };
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

function isShared(h: PriceHistory): boolean {
  return h.days.buffer instanceof SharedArrayBuffer && h.adjClose.buffer === h.days.buffer;
}

/** The history with days, close and adjusted close copied into one SharedArrayBuffer. */
export function inSharedMemory(h: PriceHistory): PriceHistory {
  const n = h.days.length;
  const buffer = new SharedArrayBuffer(n * 20);
  const close = new Float64Array(buffer, 0, n);
  const adjClose = new Float64Array(buffer, n * 8, n);
  const days = new Int32Array(buffer, n * 16, n);
  close.set(h.close);
  adjClose.set(h.adjClose);
  days.set(h.days);
  return { ...h, days, close, adjClose };
}

let processMemory: PriceMemory | undefined;

/**
 * The memory every provider of this thread shares unless given another store, bounded by
 * PRICE_MEMORY_MB (default 256). The service's threads use their pool owner's instead.
 */
export function priceMemory(): PriceMemory {
  if (processMemory === undefined) {
    const mb = Number(process.env.PRICE_MEMORY_MB ?? DEFAULT_PRICE_MEMORY_MB);
    processMemory = new PriceMemory((Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_PRICE_MEMORY_MB) * 1048576);
  }
  return processMemory;
}
