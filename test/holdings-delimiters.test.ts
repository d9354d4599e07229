/**
 * Delimiter × decimal mark × column count × quoting (#16). `symbol;quantity` / `MSFT;5,5` was read
 * as a comma file (one comma on the data line, one semicolon on each line) and refused for want of
 * a symbol column, while whole numbers worked. Every combination a spreadsheet can write is here.
 */
import { importHoldings } from '../src/holdings';

type Delimiter = ',' | ';' | '\t';
type Mark = '.' | ',';
/** `some` quotes the numbers only, as Degiro does (`"1.234,56"`). */
type Quoting = 'none' | 'some' | 'all';

/** Quantities chosen so each file shows its decimal mark: a fraction, thousands, millions, a whole number. */
const ROWS = [
  { symbol: 'MSFT', name: 'Microsoft', quantity: 5.5, text: { '.': '5.5', ',': '5,5' } },
  { symbol: 'NVDA', name: 'NVIDIA', quantity: 1234.5, text: { '.': '1,234.5', ',': '1.234,5' } },
  { symbol: 'AAPL', name: 'Apple', quantity: 1234567.25, text: { '.': '1,234,567.25', ',': '1.234.567,25' } },
  { symbol: 'VWCE.DE', name: 'Vanguard FTSE All-World', quantity: 12, text: { '.': '12', ',': '12' } },
] as const;

const COLUMN_SETS = {
  2: ['symbol', 'quantity'],
  3: ['symbol', 'quantity', 'currency'],
  5: ['symbol', 'name', 'quantity', 'price', 'currency'],
} as const;

function cellsOf(row: (typeof ROWS)[number], columns: readonly string[], mark: Mark): string[] {
  const price = mark === '.' ? '101.25' : '101,25';
  const values: Record<string, string> = {
    symbol: row.symbol,
    name: row.name,
    quantity: row.text[mark],
    price,
    currency: row.symbol.endsWith('.DE') ? 'EUR' : 'USD',
  };
  return columns.map((c) => values[c] ?? '');
}

function write(delimiter: Delimiter, mark: Mark, columns: readonly string[], quoting: Quoting): string | null {
  const numeric = new Set(['quantity', 'price']);
  const quote = (cell: string, column: string) =>
    quoting === 'all' || (quoting === 'some' && numeric.has(column)) ? `"${cell}"` : cell;
  const lines = [
    columns.map((c) => quote(c, '')),
    ...ROWS.map((r) => cellsOf(r, columns, mark).map((c, i) => quote(c, columns[i] as string))),
  ];
  const text = lines.map((cells) => cells.join(delimiter)).join('\r\n');
  // A cell holding the delimiter unquoted cannot be written: a spreadsheet would quote it.
  const unquotedDelimiter = lines.some((cells) => cells.some((c) => !c.startsWith('"') && c.includes(delimiter)));
  return unquotedDelimiter ? null : `${text}\r\n`;
}

const cases: [string, Mark, number, Quoting, string][] = [];
for (const [delimiterName, delimiter] of [
  ['comma', ','],
  ['semicolon', ';'],
  ['tab', '\t'],
] as const)
  for (const mark of ['.', ','] as const)
    for (const count of [2, 3, 5] as const)
      for (const quoting of ['none', 'some', 'all'] as const) {
        const text = write(delimiter, mark, COLUMN_SETS[count], quoting);
        if (text !== null) cases.push([delimiterName, mark, count, quoting, text]);
      }

test('the table covers every combination a spreadsheet can write', () => {
  // 3 delimiters × 2 marks × 3 column sets × 3 quotings, less comma files with unquoted numbers
  // (every number here but one holds a comma).
  expect(cases).toHaveLength(54 - 6);
});

test.each(cases)('%s-separated, decimal "%s", %i columns, quoting %s', async (name, mark, _count, _quoting, text) => {
  const r = await importHoldings({ fileName: 'table.csv', text });
  expect(r.format).toMatchObject({
    delimiter: name === 'tab' ? 'tab' : name === 'comma' ? ',' : ';',
    decimalMark: mark,
  });
  expect(r.problems).toEqual([]);
  expect(r.holdings.map((h) => [h.symbol, h.basis === 'quantity' ? h.quantity : null])).toEqual(
    ROWS.map((row) => [row.symbol, row.quantity]),
  );
});
