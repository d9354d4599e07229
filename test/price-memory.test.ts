/** Parsed prices kept in memory: bounded by bytes, least recently used out first, one version per key, shared arrays. */
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
