import { importHoldings } from '../src/holdings';
import { parseCsv } from '../src/shared/csv';

const read = (text: string) => importHoldings({ fileName: 'h.csv', text });

test('header in any case, optional name and currency, rows of one symbol merged', async () => {
  const parsed = await read('Symbol,QUANTITY,Name,Currency\nnvda,10,NVIDIA,usd\nMSFT,2.5,,\nNVDA,5,,USD\n');
  expect(parsed.holdings).toEqual([
    {
      symbol: 'NVDA',
      kind: 'security',
      basis: 'quantity',
      quantity: 15,
      name: 'NVIDIA',
      currency: 'USD',
      rows: [2, 4],
    },
    { symbol: 'MSFT', kind: 'security', basis: 'quantity', quantity: 2.5, rows: [3] },
  ]);
  expect(parsed.counts).toEqual({ read: 3, accepted: 3, merged: 1, rejected: 0, skipped: 0 });
  expect(parsed.problems).toEqual([]);
  expect(parsed.format).toMatchObject({ id: 'generic', delimiter: ',', decimalMark: '.', headerRow: 1 });
});

test('semicolon files, BOM, CRLF, quoted fields with delimiters and quotes, blank lines', async () => {
  const parsed = await read(
    '\uFEFFsymbol;quantity;name\r\n"AAPL";3;"Apple; ""the"" company"\r\n\r\nBRK.B;1;Berkshire\r\n',
  );
  expect(parsed.holdings).toEqual([
    { symbol: 'AAPL', kind: 'security', basis: 'quantity', quantity: 3, name: 'Apple; "the" company', rows: [2] },
    { symbol: 'BRK-B', kind: 'security', basis: 'quantity', quantity: 1, name: 'Berkshire', rows: [4] },
  ]);
});

test('row problems carry row, column, raw value and reason; good rows are kept', async () => {
  const parsed = await read(
    'symbol,quantity,currency\nNVDA,abc,\n,4,\nMSFT,0,\nAMZN,-2,\nGOOGL,1,euro\nME$TA,1,\nAAPL,1e400,\nTSLA,3,\n',
  );
  expect(parsed.problems).toEqual([
    { row: 2, column: 'quantity', value: 'abc', reason: '"abc" is not a number' },
    { row: 3, column: 'symbol', value: '', reason: 'no symbol or ISIN' },
    { row: 4, column: 'quantity', value: '0', reason: 'the quantity is zero' },
    { row: 5, column: 'quantity', value: '-2', reason: 'short positions (negative quantities) are not supported' },
    { row: 6, column: 'currency', value: 'euro', reason: 'not a three-letter ISO currency code' },
    { row: 7, column: 'symbol', value: 'ME$TA', reason: 'not a valid ticker symbol' },
    { row: 8, column: 'quantity', value: '1e400', reason: 'the quantity is too large' },
  ]);
  expect(parsed.holdings.map((h) => h.symbol)).toEqual(['TSLA']);
  expect(parsed.counts).toEqual({ read: 8, accepted: 1, merged: 0, rejected: 7, skipped: 0 });
});

test('file-level problems throw with their own message', async () => {
  await expect(read('')).rejects.toThrow('file h.csv: the file is empty');
  await expect(read('symbol,quantity\n')).rejects.toThrow('file h.csv, row 1: the file has a header but no positions');
  await expect(read('foo,bar\nNVDA,1\n')).rejects.toThrow(
    'file h.csv, row 1: no recognisable symbol or ISIN column with a quantity, value or weight column (first line: foo, bar)',
  );
  await expect(read('symbol,quantity\nNVDA,"1\nMSFT,2\n')).rejects.toThrow(
    'file h.csv, row 2: a quoted field is never closed (missing ")',
  );
});

test('a multi-line quoted field keeps later rows numbered by file line', () => {
  const records = parseCsv('a,b\n"x\ny",1\nz,2\n', ',');
  expect(records).toEqual([
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x\ny', '1'] },
    { line: 4, fields: ['z', '2'] },
  ]);
});
