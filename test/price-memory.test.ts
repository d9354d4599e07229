/** Parsed prices kept in memory: bounded by bytes, least recently used out first, one version per key, shared arrays. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvMarketData } from '../src/market';
import { PriceMemory } from '../src/market/price-memory';
import type { PriceHistory } from '../src/market/types';

const history = (symbol: string, days: number): PriceHistory => ({
  symbol,
  currency: 'USD',
  days: Int32Array.from({ length: days }, (_, i) => 19_000 + i),
  close: Float64Array.from({ length: days }, (_, i) => 100 + i),
  adjClose: Float64Array.from({ length: days }, (_, i) => 99 + i),
  adjCloseIsClose: false,
  origin: `${symbol}.csv`,
});

test('a history is kept once per version, its arrays in one SharedArrayBuffer', () => {
  const memory = new PriceMemory(1_000_000);
  const kept = memory.put('csv:/p/A.csv', 'v1', history('A', 100));
  expect(kept.days.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(kept.close.buffer).toBe(kept.days.buffer);
  expect(Array.from(kept.adjClose.subarray(0, 2))).toEqual([99, 100]);
  expect(memory.get('csv:/p/A.csv', 'v1')).toBe(kept);
  expect(memory.get('csv:/p/A.csv', 'v2')).toBeUndefined(); // the file changed: parse it again
  expect(memory.stats).toMatchObject({ entries: 1, bytes: 2_000, hits: 1, misses: 1 });
});

test('past its bound the least recently used go first, and the evictions are counted for the threads', () => {
  const memory = new PriceMemory(5_000); // 20 bytes a day: two histories of 100 days fit, not three
  memory.put('a', 'v', history('A', 100));
  memory.put('b', 'v', history('B', 100));
  memory.get('a', 'v'); // a is now the most recent
  memory.put('c', 'v', history('C', 100));
  expect(memory.get('b', 'v')).toBeUndefined();
  expect(memory.get('a', 'v')).toBeDefined();
  expect(memory.get('c', 'v')).toBeDefined();
  expect(memory.stats.bytes).toBe(4_000);
  expect(Atomics.load(memory.evictions, 0)).toBe(1);
  memory.put('huge', 'v', history('H', 1_000)); // larger than the bound: handed back, not kept
  expect(memory.get('huge', 'v')).toBeUndefined();
  expect(memory.stats.entries).toBe(2);
});

test('a replaced price file is read again once its version is no longer trusted, not before', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-prices-'));
  const write = (close: number) =>
    writeFileSync(
      path.join(dir, 'ABC.csv'),
      `date,close,adj_close\n2026-01-05,${close},${close}\n2026-01-06,${close + 1},${close + 1}\n`,
    );
  const closeOf = async (market: CsvMarketData) => {
    const r = (await market.getHistories(['ABC'])).get('ABC')!;
    return r.ok ? r.history.close[0] : Number.NaN;
  };
  try {
    write(10);
    const trusting = new CsvMarketData({ pricesDir: dir, prices: new PriceMemory(1e6).store(), revalidateMs: 60_000 });
    const checking = new CsvMarketData({ pricesDir: dir, prices: new PriceMemory(1e6).store(), revalidateMs: 0 });
    expect([await closeOf(trusting), await closeOf(checking)]).toEqual([10, 10]);
    write(100); // a different size too, so the version differs whatever the clock's resolution
    expect(await closeOf(trusting)).toBe(10); // within its minute: served from memory, no stat
    expect(await closeOf(checking)).toBe(100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
