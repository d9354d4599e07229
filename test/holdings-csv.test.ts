import { AppError } from '../src/errors';
import { importHoldings, type RowProblem } from '../src/holdings';
import { parseCsv, sniffDelimiter } from '../src/shared/csv';

const read = (text: string) => importHoldings({ fileName: 'h.csv', text });
/** A rejected row as the tests read it: where, what, which code (the English text is checked separately). */
const located = (p: RowProblem) => [p.row, p.column, p.value, p.code];

test('header in any case, optional name and currency, rows of one symbol merged', async () => {
  const parsed = await read('Symbol,QUANTITY,Name,Currency\nnvda,10,NVIDIA,usd\nMSFT,2.5,,\nNVDA,5,,USD\n');
  expect(parsed.holdings).toEqual([
    {
      symbol: 'NVDA',
      kind: 'security',
      basis: 'quantity',
      quantity: 15,
      name: 'NVIDIA',
      file: { currency: 'USD' },
      rows: [2, 4],
    },
    { symbol: 'MSFT', kind: 'security', basis: 'quantity', quantity: 2.5, file: {}, rows: [3] },
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
    {
      symbol: 'AAPL',
      kind: 'security',
      basis: 'quantity',
      quantity: 3,
      name: 'Apple; "the" company',
      file: {},
      rows: [2],
    },
    { symbol: 'BRK-B', kind: 'security', basis: 'quantity', quantity: 1, name: 'Berkshire', file: {}, rows: [4] },
  ]);
});

test('row problems carry row, column, raw value, a catalogue code with its values and the English text', async () => {
  const parsed = await read(
    'symbol,quantity,currency\nNVDA,abc,\n,4,\nMSFT,0,\nAMZN,-2,\nGOOGL,1,euro\nME$TA,1,\nAAPL,1e400,\nTSLA,3,\n',
  );
  expect(parsed.problems.map(located)).toEqual([
    [2, 'quantity', 'abc', 'problem.not_a_number'],
    [3, 'symbol', '', 'problem.no_identifier'],
    [4, 'quantity', '0', 'problem.quantity_zero'],
    [5, 'quantity', '-2', 'problem.quantity_negative'],
    [6, 'currency', 'euro', 'problem.bad_currency'],
    [7, 'symbol', 'ME$TA', 'problem.bad_ticker'],
    [8, 'quantity', '1e400', 'problem.quantity_too_large'],
  ]);
  expect(parsed.problems[0]).toEqual({
    row: 2,
    column: 'quantity',
    value: 'abc',
    code: 'problem.not_a_number',
    params: { value: 'abc' },
    message: '"abc" is not a number',
    reason: '"abc" is not a number',
  });
  expect(parsed.problems.map((p) => p.reason)).toEqual([
    '"abc" is not a number',
    'no symbol or ISIN',
    'the quantity is zero',
    'short positions (negative quantities) are not supported',
    'not a three-letter ISO currency code',
    'not a valid ticker symbol',
    'the quantity is too large',
  ]);
  expect(parsed.holdings.map((h) => h.symbol)).toEqual(['TSLA']);
  expect(parsed.counts).toEqual({ read: 8, accepted: 1, merged: 0, rejected: 7, skipped: 0 });
});

/** The refusal a promise ends with, as plain data. */
async function refusal(attempt: Promise<unknown>) {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const { kind, code, location, message } = err as AppError;
  return { kind, code, location, message };
}

test('file-level refusals: a kind, a code, the place in the file, and the message', async () => {
  expect(await refusal(read(''))).toEqual({
    kind: 'unprocessable',
    code: 'empty_file',
    location: { file: 'h.csv' },
    message: 'file h.csv: the file is empty',
  });
  expect(await refusal(read('symbol,quantity\n'))).toEqual({
    kind: 'unprocessable',
    code: 'header_only',
    location: { file: 'h.csv', row: 1 },
    message: 'file h.csv, row 1: the file has a header but no positions',
  });
  expect(await refusal(read('foo,bar\nNVDA,1\n'))).toEqual({
    kind: 'unprocessable',
    code: 'missing_column',
    location: { file: 'h.csv', row: 1 },
    message:
      'file h.csv, row 1: no recognisable symbol or ISIN column with a quantity, value or weight column' +
      ' (first line: foo, bar)',
  });
  expect(await refusal(read('symbol,quantity\nNVDA,"1\nMSFT,2\n'))).toEqual({
    kind: 'unprocessable',
    code: 'invalid_csv',
    location: { file: 'h.csv', row: 2 },
    message: 'file h.csv, row 2: the CSV cannot be read: a quoted field is never closed (missing ")',
  });
  expect(await refusal(read(';;;\n;;;\n'))).toMatchObject({ code: 'blank_file' });
});

test('a refusal names the file by its name, never by the folder it was read from', async () => {
  const attempt = importHoldings({ fileName: '/srv/uploads/tmp-81/Portafoglio.csv', text: 'foo\n1\n' });
  const err = await refusal(attempt);
  expect(err.location.file).toBe('Portafoglio.csv');
  expect(err.message).not.toContain('/srv');
  const windows = await refusal(importHoldings({ fileName: 'C:\\Users\\anna\\x.csv', text: '' }));
  expect(windows.message).toBe('file x.csv: the file is empty');
});

test('a multi-line quoted field keeps later rows numbered by file line', () => {
  const records = parseCsv('a,b\n"x\ny",1\nz,2\n', ',');
  expect(records).toEqual([
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x\ny', '1'] },
    { line: 4, fields: ['z', '2'] },
  ]);
});

test('parseCsv can leave out blank records and stop early', () => {
  const text = 'a;b\n;;\n\n1;2\n3;4\n';
  expect(parseCsv(text, ';', { skipBlank: true })).toEqual([
    { line: 1, fields: ['a', 'b'] },
    { line: 4, fields: ['1', '2'] },
    { line: 5, fields: ['3', '4'] },
  ]);
  expect(parseCsv(text, ';', { skipBlank: true, stopAfter: 2 })).toHaveLength(2);
});

test.each([
  ['semicolons with a decimal comma on one line (#16)', 'symbol;quantity\nMSFT;5,5', ';'],
  ['semicolons, every number with a decimal comma', 'isin;peso\nIE00BK5BQT80;40,5\nUS67066G1040;10,5', ';'],
  ['commas with quoted decimal commas', 'symbol,quantity\nMSFT,"5,5"\nNVDA,"1.234,5"', ','],
  ['tabs with comma thousands in cells', 'Ticker\tValue\nNVDA\t$12,500.00\nMSFT\t$1,200.00', '\t'],
  ['a title line without delimiters', 'My portfolio\n\nsymbol;quantity\nMSFT;5,5\nNVDA;7', ';'],
  ['Fineco title line padded with semicolons', 'Portafoglio di sintesi;;;\n;;;\nTitolo;ISIN;Simbolo;Quantità', ';'],
])('delimiter sniffing: %s', (_label, text, delimiter) => {
  expect(sniffDelimiter(text)).toBe(delimiter);
});
