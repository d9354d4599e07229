import { createHash } from 'node:crypto';

/** A report as JSON text, with the SHA-256 of that text. */
export interface CachedReport {
  json: string;
  hash: string;
}

/** What identifies a repeat: who sent it, under which file name, which bytes, with which options. */
export interface ResultKey {
  owner: string;
  fileName: string;
  bytes: Uint8Array;
  /** Options after validation (trusted values, small): part of the key as JSON. */
  options: unknown;
}

/**
 * Reports of recent identical requests, for a short while: a re-upload costs nothing. Keyed on the
 * owner, the file name, the bytes and the options, so a report is only ever reused for the same
 * caller sending the same file under the same name: it never tells one client what another
 * uploaded, and its `input.fileName` and `generatedAt` are the caller's own.
 */
export class ResultCache {
  private readonly entries = new Map<string, { at: number; report: CachedReport }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

  static key(k: ResultKey): string {
    const hash = createHash('sha256');
    for (const part of [k.owner, k.fileName, JSON.stringify(k.options)]) {
      const text = Buffer.from(part);
      hash.update(`${text.length}:`).update(text);
    }
    return hash.update(k.bytes).digest('hex');
  }

  /** The report of an identical request made within the time to live. */
  get(key: string): CachedReport | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.report;
  }

  /** Keeps a report for repeats; returns it with its content hash (the store keeps one copy per hash). */
  put(key: string, json: string): CachedReport {
    const report = { json, hash: createHash('sha256').update(json).digest('hex') };
    if (this.ttlMs <= 0) return report;
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), report });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return report;
  }
}

/** SHA-256 of an upload, stored with its analysis. */
export function inputHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
