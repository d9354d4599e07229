/** The price-file fast path gives exactly what the general CSV reader gives, or leaves the file to it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAnyPriceCsv, parsePriceCsv } from '../src/market/price-csv';
import { PRICES_DIR } from './helpers/paths';

const same = (text: string) =>
  expect(parsePriceCsv(text, 'X', 'x.csv')).toEqual(parseAnyPriceCsv(text, 'X', 'x.csv', 'USD'));

test('every shared price file reads the same both ways', () => {
  for (const file of readdirSync(PRICES_DIR)) same(readFileSync(path.join(PRICES_DIR, file), 'utf8'));
});

test.each([
  ['CRLF, blank and empty lines', 'date,close,adj_close\r\n2024-01-02,10,9\r\n\r\n,,\r\n2024-01-03,11,10\r\n'],
  ['null and empty cells', 'date,open,high,low,close,adj_close,volume\n2024-01-02,,,,null,9,\n2024-01-03,,,,11,,\n'],
  ["Yahoo's header, no adjusted close values", 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,10,,5\n'],
  ['no adjusted close column', 'date,close\n2024-02-28,10\n2024-02-29,11\n'],
  ['a byte-order mark and spaces', '\uFEFFdate , close\n2024-01-02, 10 \n'],
  ['a quoted field', 'date,close\n"2024-01-02",10\n'],
  ['a day that does not exist', 'date,close\n2023-02-29,10\n'],
  ['a year before 100', 'date,close\n0099-01-01,10\n'],
  ['days out of order', 'date,close\n2024-01-03,10\n2024-01-02,11\n'],
  ['a zero price', 'date,close\n2024-01-02,0\n'],
  ['a word for a price', 'date,close\n2024-01-02,ten\n'],
  ['a padded date', 'date,close\n 2024-01-02 ,10\n'],
  ['a short row', 'date,close,adj_close\n2024-01-02\n2024-01-03,10\n'],
  ['the header alone', 'date,close\n'],
  ['no date column', 'day,close\n2024-01-02,10\n'],
  ['CR line ends', 'date,close\r2024-01-02,10\r'],
])('%s', (_, text) => same(text));
