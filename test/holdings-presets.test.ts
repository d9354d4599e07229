/** Each broker preset and alias case, read from a fixture written to the broker's column layout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importHoldings, type HoldingsImport, type Position } from '../src/holdings';
import { FIXTURES } from './helpers/paths';

const load = (name: string) =>
  importHoldings({ fileName: name, bytes: readFileSync(path.join(FIXTURES, 'holdings', name)) });
/** What matters of a position, in a form that reads like the file. */
const brief = (h: Position) => [
  h.symbol,
  h.kind,
  h.basis,
  h.quantity ?? h.marketValue ?? h.weight,
  h.currency ?? h.marketValueCurrency ?? null,
  h.rows,
];
const accounted = (r: HoldingsImport) =>
  expect(r.counts.accepted + r.counts.rejected + r.counts.skipped).toBe(r.counts.read);

test('Degiro portfolio, Italian headers and decimal commas, cash line, ISINs resolved', async () => {
  const r = await load('degiro-portfolio-it.csv');
  expect(r.format).toMatchObject({ id: 'degiro', delimiter: ',', decimalMark: ',' });
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash', 'marketValue', 1523.4, 'EUR', [2]],
    ['VWCE.DE', 'security', 'quantity', 40, 'EUR', [3]],
    ['NVDA', 'security', 'quantity', 25, 'USD', [4]],
    ['MSFT', 'security', 'quantity', 8, 'USD', [5]],
    ['ISP.MI', 'security', 'quantity', 500, 'EUR', [6]],
  ]);
  expect(r.holdings[2]).toMatchObject({
    isin: 'US67066G1040',
    price: 177.82,
    marketValue: 3831.21,
    marketValueCurrency: 'EUR',
    name: 'NVIDIA CORP. - COMMON STOCK',
  });
  expect(r.problems).toEqual([]);
  accounted(r);
});

test('Degiro portfolio, English headers; an unknown ISIN is reported by row, not dropped', async () => {
  const r = await load('degiro-portfolio-en.csv');
  expect(r.format).toMatchObject({ id: 'degiro', decimalMark: '.' });
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash', 'marketValue', 1523.4, 'EUR', [2]],
    ['VWCE.DE', 'security', 'quantity', 40, 'EUR', [3]],
    ['NVDA', 'security', 'quantity', 25, 'USD', [4]],
  ]);
  expect(r.problems).toEqual([
    {
      row: 5,
      column: 'Symbol/ISIN',
      value: 'DE0005557508',
      reason:
        'ISIN DE0005557508 could not be resolved to a ticker: add a symbol column with its Yahoo ticker, or ask us to add it to data/isin-map.csv',
    },
  ]);
  accounted(r);
});

test('Interactive Brokers activity statement: Open Positions summary rows only', async () => {
  const r = await load('ibkr-activity-statement.csv');
  expect(r.format).toMatchObject({ id: 'ibkr-activity', headerRow: 6 });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'security', 'quantity', 100, 'USD', [7]],
    ['BRK-B', 'security', 'quantity', 10, 'USD', [9]],
  ]);
  expect(r.problems).toEqual([
    {
      row: 10,
      column: 'asset class',
      value: 'Equity and Index Options',
      reason: 'Equity and Index Options positions are not supported (stocks and ETFs only)',
    },
  ]);
  expect(r.skipped.find((s) => s.row === 8)?.reason).toBe(
    'Lot detail of a position already counted in its Summary row',
  );
  expect(r.skipped.find((s) => s.row === 11)?.reason).toBe('Total line of the positions table');
  expect(r.counts).toEqual({ read: 12, accepted: 2, merged: 0, rejected: 1, skipped: 9 });
  accounted(r);
});

test('Interactive Brokers Flex positions: accounts merged with per-account detail, ISIN picks the listing', async () => {
  const r = await load('ibkr-flex-positions.csv');
  expect(r.format.id).toBe('ibkr-flex');
  expect(r.holdings.map(brief)).toEqual([
    ['MSFT', 'security', 'quantity', 25, 'USD', [2, 5]],
    ['ASML.AS', 'security', 'quantity', 3, 'EUR', [3]],
  ]);
  expect(r.holdings[0]!.accounts).toEqual([
    { account: 'U1234567', rows: [2], quantity: 20, marketValue: 9442.4 },
    { account: 'U7654321', rows: [5], quantity: 5, marketValue: 2360.6 },
  ]);
  expect(r.problems.map((p) => [p.row, p.value])).toEqual([[4, 'OPT']]);
  accounted(r);
});

test('Fidelity positions: BOM, $ amounts, money market and pending activity as cash, disclaimers skipped', async () => {
  const r = await load('fidelity-positions.csv');
  expect(r.format.id).toBe('fidelity');
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash', 'marketValue', 2663.11, 'USD', [2, 6]],
    ['NVDA', 'security', 'quantity', 60, 'USD', [3, 5]],
    ['QQQ', 'security', 'quantity', 12.5, 'USD', [4]],
  ]);
  expect(r.holdings[1]!.accounts?.map((a) => [a.account, a.quantity])).toEqual([
    ['Z12345678', 50],
    ['X98765432', 10],
  ]);
  expect(r.skipped).toEqual([
    { row: 8, reason: 'text line (note, disclaimer or banner), not a position' },
    { row: 9, reason: 'text line (note, disclaimer or banner), not a position' },
  ]);
  accounted(r);
});

test('Charles Schwab positions: title line, "Qty (Quantity)" headers, cash and account total', async () => {
  const r = await load('schwab-positions.csv');
  expect(r.format).toMatchObject({ id: 'schwab', headerRow: 3 });
  expect(r.holdings.map(brief)).toEqual([
    ['AMZN', 'security', 'quantity', 30, 'USD', [4]],
    ['VOO', 'security', 'quantity', 15, 'USD', [5]],
    ['CASH', 'cash', 'marketValue', 945.12, 'USD', [6]],
  ]);
  expect(r.skipped).toEqual([
    { row: 1, reason: 'title line above the header' },
    { row: 7, reason: 'totals row' },
  ]);
  accounted(r);
});

test('Trading 212 history: buys and sells netted, closed positions and non-trades skipped with reasons', async () => {
  const r = await load('trading212-history.csv');
  expect(r.format.id).toBe('trading212');
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'security', 'quantity', 5, 'EUR', [3]],
    ['NVDA', 'security', 'quantity', 1.5, 'USD', [4, 7]],
  ]);
  expect(r.skipped).toEqual([
    { row: 2, reason: '"Deposit" is not a trade' },
    { row: 5, reason: 'TSLA was bought and sold in full in this file (closed position)' },
    { row: 6, reason: 'TSLA was bought and sold in full in this file (closed position)' },
    { row: 8, reason: '"Dividend (Dividend)" is not a trade' },
  ]);
  accounted(r);
});

test('Italian hand-made sheet by weight: Titolo/ISIN/Peso/Valuta, "10,5%", Liquidità as cash, Totale skipped', async () => {
  const r = await load('generic-weights-it.csv');
  expect(r.format).toMatchObject({ id: 'generic', delimiter: ';', decimalMark: ',' });
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'security', 'weight', 0.4, 'EUR', [2]],
    ['NVDA', 'security', 'weight', 0.105, 'USD', [3]],
    ['MSFT', 'security', 'weight', 0.095, 'USD', [4]],
    ['CASH', 'cash', 'weight', 0.05, 'EUR', [5]],
  ]);
  expect(r.skipped).toEqual([{ row: 6, reason: 'totals row' }]);
  accounted(r);
});

test('tab-separated values with a title line, $ amounts, parentheses negatives and a Total row', async () => {
  const r = await load('generic-values-titled.csv');
  expect(r.format).toMatchObject({ id: 'generic', delimiter: 'tab', headerRow: 3 });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'security', 'marketValue', 15000, 'USD', [4, 7]],
    ['MSFT', 'security', 'marketValue', 8430.5, 'USD', [6]],
  ]);
  expect(r.holdings[0]!.accounts).toEqual([
    { account: 'Broker A', rows: [4], marketValue: 12500 },
    { account: 'Broker B', rows: [7], marketValue: 2500 },
  ]);
  expect(r.problems).toEqual([
    { row: 5, column: 'Market Value', value: '(1,200.00)', reason: 'the market value must be a positive amount' },
  ]);
  expect(r.skipped).toEqual([
    { row: 1, reason: 'title line above the header' },
    { row: 8, reason: 'totals row' },
  ]);
  accounted(r);
});

test.each([
  ['ticker,qty', 'ticker'],
  ['Simbolo,Quantità', 'simbolo'],
  ['code,units', 'code'],
  ['Symbol,Shares', 'symbol'],
  ['SIMBOLO;QUANTITA', 'simbolo'],
])('header aliases: %s', async (header) => {
  const sep = header.includes(';') ? ';' : ',';
  const r = await importHoldings({ fileName: 'a.csv', text: `${header}\nNVDA${sep}3\n` });
  expect(r.holdings.map(brief)).toEqual([['NVDA', 'security', 'quantity', 3, null, [2]]]);
});

test('mixed sizes in one file: quantities, values and weights side by side; one symbol sized two ways is rejected', async () => {
  const r = await importHoldings({
    fileName: 'm.csv',
    text: 'symbol,quantity,market value,weight\nNVDA,10,,\nSPY,,5000,\nVWCE.DE,,,30%\nNVDA,,1000,\n',
  });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'security', 'quantity', 10, null, [2]],
    ['SPY', 'security', 'marketValue', 5000, null, [3]],
    ['VWCE.DE', 'security', 'weight', 0.3, null, [4]],
  ]);
  expect(r.problems).toEqual([
    { row: 5, column: 'symbol', value: 'NVDA', reason: 'NVDA is sized by quantity on row 2 and by marketValue here' },
  ]);
});
