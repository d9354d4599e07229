/**
 * The importer's bounds (#13): each limit is exact, each refusal says which limit, and no input
 * within 5 MB costs more than a fraction of a second. Before, `mapColumns` and `normaliseHeader`
 * were super-linear in the length of a line: the 5 MB one-line file below took 43 s.
 */
import { AppError } from '../src/errors';
import { importHoldings, MAX_HEADER_COLUMNS, MAX_LINE_CHARS, MAX_ROWS } from '../src/holdings';

const read = (fileName: string, text: string) => importHoldings({ fileName, bytes: Buffer.from(text) });

/** CPU time of a call in ms (user + system), so a busy machine does not fail the test. */
async function cpuMs<T>(run: () => Promise<T>): Promise<{ result: T | unknown; ms: number }> {
  const before = process.cpuUsage();
  const result = await run().catch((err: unknown) => err);
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** A sanity bound only: the measured cost is ~0.1 s; the old code took 43 s. */
const FAR_TOO_SLOW_MS = 5_000;

test('the limits are what the README states', () => {
  expect({ MAX_ROWS, MAX_LINE_CHARS, MAX_HEADER_COLUMNS }).toEqual({
    MAX_ROWS: 10_000,
    MAX_LINE_CHARS: 65_536,
    MAX_HEADER_COLUMNS: 200,
  });
});

test('a 5 MB file of one wide line is refused at its row, quickly (#13)', async () => {
  const text = `symbol,quantity\nNVDA,1${';'.repeat(5_242_800)}`;
  const { result, ms } = await cpuMs(() => read('wide.csv', text));
  expect(result).toBeInstanceOf(AppError);
  expect(result).toMatchObject({
    kind: 'unprocessable',
    code: 'line_too_long',
    location: { file: 'wide.csv', row: 2 },
    message: 'file wide.csv, row 2: a line is longer than 64 KB: this is not a holdings table',
  });
  expect(ms).toBeLessThan(FAR_TOO_SLOW_MS);
});

test('a line of exactly 64 KB is read; one character more is refused', async () => {
  const line = (length: number) => `NVDA,1,${'x'.repeat(length - 'NVDA,1,'.length)}`;
  const ok = await read('edge.csv', `symbol,quantity,name\n${line(MAX_LINE_CHARS)}\n`);
  expect(ok.holdings.map((h) => h.symbol)).toEqual(['NVDA']);
  await expect(read('edge.csv', `symbol,quantity,name\n${line(MAX_LINE_CHARS + 1)}\n`)).rejects.toMatchObject({
    code: 'line_too_long',
    location: { row: 2 },
  });
});

test('exactly 10,000 data rows pass; 10,001 are refused as too large', async () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `S${i},1\n`).join('');
  const ok = await read('big.csv', `Holdings export\nsymbol,quantity\n${rows(10_000)}`);
  expect(ok.counts).toMatchObject({ accepted: 10_000, rejected: 0 });
  await expect(read('big.csv', `Holdings export\nsymbol,quantity\n${rows(10_001)}`)).rejects.toMatchObject({
    kind: 'too_large',
    code: 'too_many_rows',
    message: 'file big.csv: the file has more than 10,000 rows; split it into smaller portfolios',
  });
});

test('blank lines do not count as rows', async () => {
  const text = `symbol,quantity\n${'NVDA,1\n\n,,\n'.repeat(MAX_ROWS)}`;
  const r = await read('gaps.csv', text);
  expect(r.counts.read).toBe(MAX_ROWS);
});

test('5 MB of short lines is refused without reading them all', async () => {
  const { result, ms } = await cpuMs(() => read('long.csv', `symbol,quantity\n${'NVDA,1\n'.repeat(740_000)}`));
  expect(result).toMatchObject({ kind: 'too_large', code: 'too_many_rows' });
  expect(ms).toBeLessThan(FAR_TOO_SLOW_MS);
});

test('a header of more than 200 filled columns is refused; padding with empty cells is not a column', async () => {
  const header = (n: number) => ['symbol', 'quantity', ...Array.from({ length: n - 2 }, (_, i) => `c${i}`)].join(',');
  const ok = await read('cols.csv', `${header(MAX_HEADER_COLUMNS)}\nNVDA,1\n`);
  expect(ok.holdings).toHaveLength(1);
  const padded = await read('cols.csv', `symbol,quantity${','.repeat(5_000)}\nNVDA,1\n`);
  expect(padded.holdings).toHaveLength(1);
  await expect(read('cols.csv', `${header(MAX_HEADER_COLUMNS + 1)}\nNVDA,1\n`)).rejects.toMatchObject({
    kind: 'unprocessable',
    code: 'too_many_columns',
    location: { file: 'cols.csv', row: 1 },
    message: 'file cols.csv, row 1: the header has more than 200 columns: this is not a holdings table',
  });
});

test.each([
  ['a 60,000-space number', `symbol,quantity\nNVDA,1${' '.repeat(60_000)}1\n`],
  ['a 60,000-bracket header cell', `symbol,quantity,${'('.repeat(60_000)}\nNVDA,1\n`],
  ['a 60,000-space cell before a currency code', `symbol,quantity\nNVDA,1${' '.repeat(60_000)}USD\n`],
])('linear in the length of a cell: %s', async (_label, text) => {
  const { result, ms } = await cpuMs(() => read('cell.csv', text));
  expect(result).not.toBeInstanceOf(Error);
  expect(ms).toBeLessThan(FAR_TOO_SLOW_MS);
});
