/** Encodings, number formats, identifiers and file-level refusals. */
import { AppError } from '../src/errors';
import {
  detectDecimalMark,
  importHoldings,
  isValidIsin,
  loadIsinMap,
  normaliseTicker,
  parseAmount,
} from '../src/holdings';

const ITALIAN = 'Simbolo;Quantità;Nome\nNVDA;1.234,5;NVIDIA Società\n';

test.each([
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ITALIAN, 'utf8')]), 'utf-8'],
  [
    'UTF-16LE with BOM (Excel "Unicode text")',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ITALIAN, 'utf16le')]),
    'utf-16le',
  ],
  ['UTF-16LE without BOM', Buffer.from(ITALIAN, 'utf16le'), 'utf-16le'],
  [
    'UTF-16BE with BOM',
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ITALIAN, 'utf16le').swap16()]),
    'utf-16be',
  ],
  ['Windows-1252', Buffer.from(ITALIAN, 'latin1'), 'windows-1252'],
])('%s', async (_label, bytes, encoding) => {
  const r = await importHoldings({ fileName: 'it.csv', bytes });
  expect(r.format.encoding).toBe(encoding);
  expect(r.holdings).toEqual([
    {
      symbol: 'NVDA',
      kind: 'security',
      basis: 'quantity',
      quantity: 1234.5,
      name: 'NVIDIA Società',
      file: {},
      rows: [2],
    },
  ]);
});

test('tab-separated UTF-16 (what Excel saves as Unicode text)', async () => {
  const text = 'Symbol\tQuantity\r\nMSFT\t2\r\nAAPL\t"1,000"\r\n';
  const r = await importHoldings({
    fileName: 'u.txt',
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  });
  expect(r.format).toMatchObject({ delimiter: 'tab', encoding: 'utf-16le' });
  expect(r.holdings.map((h) => [h.symbol, h.basis === 'quantity' && h.quantity])).toEqual([
    ['MSFT', 2],
    ['AAPL', 1000],
  ]);
});

test.each([
  ['1.234,56', ',', 1234.56, false, undefined],
  ['1,234.56', '.', 1234.56, false, undefined],
  ['12,5%', ',', 12.5, true, undefined],
  ['$1,234.50', '.', 1234.5, false, 'USD'],
  ['€ 1.234,56', ',', 1234.56, false, 'EUR'],
  ['1.234,56 €', ',', 1234.56, false, 'EUR'],
  ['USD 901,25', ',', 901.25, false, 'USD'],
  ['(123.45)', '.', -123.45, false, undefined],
  ['-$18.98', '.', -18.98, false, 'USD'],
  ['+4.44%', '.', 4.44, true, undefined],
  ["CHF 1'234.50", '.', 1234.5, false, 'CHF'],
  ['1 234,5', ',', 1234.5, false, undefined],
  ['0,0001', ',', 0.0001, false, undefined],
  ['1e3', '.', 1000, false, undefined],
] as const)('parseAmount(%s, %s)', (raw, mark, value, percent, currency) => {
  const r = parseAmount(raw, mark);
  expect(r).not.toBeNull();
  expect(r!.value).toBeCloseTo(value, 12);
  expect(r!.percent).toBe(percent);
  expect(r!.currency).toBe(currency);
});

test.each(['abc', '1,2,3.4.5', '12..5', '$', '1.2.3', '--5'])('parseAmount rejects %s', (raw) => {
  expect(parseAmount(raw, '.')).toBeNull();
});

test('decimal mark is read from the cells, falling back to the delimiter habit', () => {
  expect(detectDecimalMark(['1.234,56', '12'], ',')).toBe(',');
  expect(detectDecimalMark(['1,234.56', '12'], ';')).toBe('.');
  expect(detectDecimalMark(['1,234', '17'], ';')).toBe(',');
  expect(detectDecimalMark(['1,234', '17'], ',')).toBe('.');
  expect(detectDecimalMark(['0,5', '3,25'], ',')).toBe(',');
});

test('ISIN check digits; every ISIN we maintain is valid', () => {
  expect(isValidIsin('US0378331005')).toBe(true);
  expect(isValidIsin('IE00BK5BQT80')).toBe(true);
  expect(isValidIsin('US0378331006')).toBe(false);
  expect(isValidIsin('XX')).toBe(false);
  for (const isin of loadIsinMap().keys()) expect([isin, isValidIsin(isin)]).toEqual([isin, true]);
});

test('tickers as Yahoo spells them', () => {
  expect(normaliseTicker('brk.b')).toBe('BRK-B');
  expect(normaliseTicker('BRK B')).toBe('BRK-B');
  expect(normaliseTicker('BF/B')).toBe('BF-B');
  expect(normaliseTicker('VWCE.DE')).toBe('VWCE.DE');
  expect(normaliseTicker('ISP.MI')).toBe('ISP.MI');
  expect(normaliseTicker('7203.T')).toBe('7203.T');
  expect(normaliseTicker('VOD.L')).toBe('VOD.L');
  expect(normaliseTicker('EURUSD=X')).toBe('EURUSD=X');
  expect(normaliseTicker('NV DA!')).toBeNull();
});

test('an invalid ISIN is rejected by its check digit, with its row', async () => {
  const r = await importHoldings({ fileName: 'i.csv', text: 'isin,quantity\nUS0378331006,3\nUS0378331005,2\n' });
  expect(r.problems).toEqual([
    {
      row: 2,
      column: 'isin',
      value: 'US0378331006',
      code: 'problem.isin_check_digit',
      params: { isin: 'US0378331006' },
      message: '"US0378331006" is not a valid ISIN (its check digit does not match)',
      reason: '"US0378331006" is not a valid ISIN (its check digit does not match)',
    },
  ]);
  expect(r.holdings.map((h) => [h.symbol, h.isin])).toEqual([['AAPL', 'US0378331005']]);
});

test.each([
  ['empty file', Buffer.alloc(0), 'unprocessable', 'empty_file', 'file f.csv: the file is empty'],
  [
    'blank lines only',
    Buffer.from('\n\n  \n'),
    'unprocessable',
    'blank_file',
    'file f.csv: the file holds only blank lines',
  ],
  [
    'header only',
    Buffer.from('symbol,quantity\n'),
    'unprocessable',
    'header_only',
    'file f.csv, row 1: the file has a header but no positions',
  ],
  [
    'zip / xlsx',
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
    'unsupported_media',
    'unsupported_format',
    'file f.csv: this is a zip or Excel (.xlsx) file, not CSV: save it as CSV and upload that',
  ],
  [
    'old Excel .xls (as Fineco exports it)',
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    'unsupported_media',
    'unsupported_format',
    'file f.csv: this is an old Excel (.xls) file, not CSV: save it as CSV and upload that',
  ],
  [
    'PDF',
    Buffer.from('%PDF-1.7\n...'),
    'unsupported_media',
    'unsupported_format',
    'file f.csv: this is a PDF, not CSV: export the positions as CSV from your broker',
  ],
  [
    'binary',
    Buffer.from([0x01, 0x02, 0x00, 0x9f, 0x88, 0x00, 0x07, 0x08, 0x01, 0x00, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0e]),
    'unsupported_media',
    'unsupported_format',
    'file f.csv: the file holds binary data, not text: upload a CSV file',
  ],
  [
    'over 5 MB',
    Buffer.alloc(5 * 1024 * 1024 + 1, 0x41),
    'too_large',
    'file_too_large',
    'file f.csv: the file is 5.0 MB; the limit is 5 MB',
  ],
  [
    'no symbol or ISIN column',
    Buffer.from('a,b\n1,2\n'),
    'unprocessable',
    'missing_column',
    'file f.csv, row 1: no recognisable symbol or ISIN column with a quantity, value or weight column' +
      ' (first line: a, b)',
  ],
])('refused: %s', async (_label, bytes, kind, code, message) => {
  const attempt = importHoldings({ fileName: 'f.csv', bytes });
  await expect(attempt).rejects.toBeInstanceOf(AppError);
  await expect(attempt).rejects.toMatchObject({ kind, code, message });
});

test('Windows-1252 bytes 0x80–0x9F are the characters Excel meant: € and curly quotes', async () => {
  // "€" is 0x80 and "’" 0x92 in Windows-1252; read as Latin-1 they were invisible control characters.
  const text = 'Titolo;Simbolo;Valore di mercato\nL\x92Oréal;OR.PA;\x80 1.234,56\n';
  const r = await importHoldings({ fileName: 'w.csv', bytes: Buffer.from(text, 'latin1') });
  expect(r.format.encoding).toBe('windows-1252');
  expect(r.holdings).toEqual([
    {
      symbol: 'OR.PA',
      kind: 'security',
      basis: 'marketValue',
      marketValue: 1234.56,
      marketValueCurrency: 'EUR',
      name: 'L’Oréal',
      file: { value: 1234.56, valueCurrency: 'EUR' },
      rows: [2],
    },
  ]);
});
