/** Each broker preset and alias case, read from a fixture written to the broker's column layout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importHoldings, type HoldingsImport, type Position, type RowProblem, type SkippedRow } from '../src/holdings';
import { FIXTURES } from './helpers/paths';

const load = (name: string) =>
  importHoldings({ fileName: name, bytes: readFileSync(path.join(FIXTURES, 'holdings', name)) });
/** What matters of a position, in a form that reads like the file: how it is sized, by how much, in what. */
function brief(h: Position) {
  switch (h.basis) {
    case 'quantity':
      return [h.symbol, 'quantity', h.quantity, h.file.currency ?? null, h.rows];
    case 'marketValue':
      return [h.symbol, 'marketValue', h.marketValue, h.marketValueCurrency ?? null, h.rows];
    case 'weight':
      return [h.symbol, 'weight', h.weight, h.file.currency ?? null, h.rows];
    case 'cash':
      return 'amount' in h.size
        ? [h.symbol, 'cash amount', h.size.amount, h.currency, h.rows]
        : [h.symbol, 'cash weight', h.size.weight, h.currency, h.rows];
  }
}
const located = (p: RowProblem) => [p.row, p.column, p.value, p.code];
const skip = (s: SkippedRow) => [s.row, s.code];
const accounted = (r: HoldingsImport) =>
  expect(r.counts.accepted + r.counts.rejected + r.counts.skipped).toBe(r.counts.read);

test('Degiro portfolio, Italian headers and decimal commas, cash line, ISINs resolved', async () => {
  const r = await load('degiro-portfolio-it.csv');
  expect(r.format).toMatchObject({ id: 'degiro', delimiter: ',', decimalMark: ',' });
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash amount', 1523.4, 'EUR', [2]],
    ['VWCE.DE', 'quantity', 40, 'EUR', [3]],
    ['NVDA', 'quantity', 25, 'USD', [4]],
    ['MSFT', 'quantity', 8, 'USD', [5]],
    ['ISP.MI', 'quantity', 500, 'EUR', [6]],
  ]);
  expect(r.holdings[2]).toMatchObject({
    isin: 'US67066G1040',
    name: 'NVIDIA CORP. - COMMON STOCK',
    file: { price: 177.82, currency: 'USD', value: 3831.21, valueCurrency: 'EUR' },
  });
  expect(r.problems).toEqual([]);
  accounted(r);
});

test('Degiro portfolio, English headers; an unknown ISIN is reported by row, not dropped', async () => {
  const r = await load('degiro-portfolio-en.csv');
  expect(r.format).toMatchObject({ id: 'degiro', decimalMark: '.' });
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash amount', 1523.4, 'EUR', [2]],
    ['VWCE.DE', 'quantity', 40, 'EUR', [3]],
    ['NVDA', 'quantity', 25, 'USD', [4]],
  ]);
  expect(r.problems.map(located)).toEqual([[5, 'Symbol/ISIN', 'DE0005557508', 'problem.isin_unresolved']]);
  // The reason tells the user what to do in their own file, never a path on our side.
  expect(r.problems[0]?.reason).toBe(
    'ISIN DE0005557508 could not be resolved to a ticker: add a symbol column with its Yahoo ticker',
  );
  accounted(r);
});

test('Interactive Brokers activity statement: Open Positions summary rows only', async () => {
  const r = await load('ibkr-activity-statement.csv');
  expect(r.format).toMatchObject({ id: 'ibkr-activity', headerRow: 6 });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'quantity', 100, 'USD', [7]],
    ['BRK-B', 'quantity', 10, 'USD', [9]],
  ]);
  // The column is named as the statement names it.
  expect(r.problems.map(located)).toEqual([[10, 'Asset Category', 'Equity and Index Options', 'problem.asset_type']]);
  expect(r.skipped.find((s) => s.row === 8)).toMatchObject({
    code: 'skip.ibkr_detail',
    params: { level: 'Lot' },
    reason: 'Lot detail of a position already counted in its summary row',
  });
  expect(r.skipped.find((s) => s.row === 11)).toMatchObject({
    code: 'skip.ibkr_line',
    reason: 'Total line of the positions table',
  });
  expect(r.skipped.find((s) => s.row === 1)).toMatchObject({
    code: 'skip.other_section',
    params: { section: 'Statement' },
  });
  expect(r.counts).toEqual({ read: 12, accepted: 2, merged: 0, rejected: 1, skipped: 9 });
  accounted(r);
});

test('Interactive Brokers Flex positions: accounts merged with their detail, ISIN picks the listing', async () => {
  const r = await load('ibkr-flex-positions.csv');
  expect(r.format.id).toBe('ibkr-flex');
  expect(r.holdings.map(brief)).toEqual([
    ['MSFT', 'quantity', 25, 'USD', [2, 5]],
    ['ASML.AS', 'quantity', 3, 'EUR', [3]],
  ]);
  expect(r.holdings[0]!.accounts).toEqual([
    { account: 'U1234567', rows: [2], quantity: 20, marketValue: 9442.4 },
    { account: 'U7654321', rows: [5], quantity: 5, marketValue: 2360.6 },
  ]);
  expect(r.problems.map(located)).toEqual([[4, 'AssetClass', 'OPT', 'problem.asset_type']]);
  accounted(r);
});

test('Fidelity positions: BOM, $ amounts, money market and pending activity as cash, disclaimers skipped', async () => {
  const r = await load('fidelity-positions.csv');
  expect(r.format.id).toBe('fidelity');
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash amount', 2663.11, 'USD', [2, 6]],
    ['NVDA', 'quantity', 60, 'USD', [3, 5]],
    ['QQQ', 'quantity', 12.5, 'USD', [4]],
  ]);
  expect(r.holdings[1]!.accounts?.map((a) => [a.account, a.quantity])).toEqual([
    ['Z12345678', 50],
    ['X98765432', 10],
  ]);
  expect(r.skipped.map(skip)).toEqual([
    [8, 'skip.text'],
    [9, 'skip.text'],
  ]);
  accounted(r);
});

test('Charles Schwab positions: title line, "Qty (Quantity)" headers, cash and account total', async () => {
  const r = await load('schwab-positions.csv');
  expect(r.format).toMatchObject({ id: 'schwab', headerRow: 3 });
  expect(r.holdings.map(brief)).toEqual([
    ['AMZN', 'quantity', 30, 'USD', [4]],
    ['VOO', 'quantity', 15, 'USD', [5]],
    ['CASH', 'cash amount', 945.12, 'USD', [6]],
  ]);
  expect(r.skipped.map(skip)).toEqual([
    [1, 'skip.title'],
    [7, 'skip.totals'],
  ]);
  accounted(r);
});

test('Trading 212 history: buys and sells netted, closed positions and non-trades skipped with reasons', async () => {
  const r = await load('trading212-history.csv');
  expect(r.format.id).toBe('trading212');
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'quantity', 5, 'EUR', [3]],
    ['NVDA', 'quantity', 1.5, 'USD', [4, 7]],
  ]);
  expect(r.skipped.map((s) => [s.row, s.code, s.params])).toEqual([
    [2, 'skip.not_a_trade', { action: 'Deposit' }],
    [5, 'skip.closed', { symbol: 'TSLA' }],
    [6, 'skip.closed', { symbol: 'TSLA' }],
    [8, 'skip.not_a_trade', { action: 'Dividend (Dividend)' }],
  ]);
  expect(r.skipped[1]?.reason).toBe('TSLA was bought and sold in full in this file (closed position)');
  accounted(r);
});

test('Italian sheet by weight: Titolo/ISIN/Peso/Valuta, "10,5%", Liquidità as cash, Totale skipped', async () => {
  const r = await load('generic-weights-it.csv');
  expect(r.format).toMatchObject({ id: 'generic', delimiter: ';', decimalMark: ',' });
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'weight', 0.4, 'EUR', [2]],
    ['NVDA', 'weight', 0.105, 'USD', [3]],
    ['MSFT', 'weight', 0.095, 'USD', [4]],
    ['CASH', 'cash weight', 0.05, 'EUR', [5]],
  ]);
  expect(r.skipped.map(skip)).toEqual([[6, 'skip.totals']]);
  accounted(r);
});

test('tab-separated values with a title line, $ amounts, parentheses negatives and a Total row', async () => {
  const r = await load('generic-values-titled.csv');
  expect(r.format).toMatchObject({ id: 'generic', delimiter: 'tab', headerRow: 3 });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'marketValue', 15000, 'USD', [4, 7]],
    ['MSFT', 'marketValue', 8430.5, 'USD', [6]],
  ]);
  expect(r.holdings[0]!.accounts).toEqual([
    { account: 'Broker A', rows: [4], marketValue: 12500 },
    { account: 'Broker B', rows: [7], marketValue: 2500 },
  ]);
  expect(r.problems.map(located)).toEqual([[5, 'Market Value', '(1,200.00)', 'problem.value_not_positive']]);
  expect(r.skipped.map(skip)).toEqual([
    [1, 'skip.title'],
    [8, 'skip.totals'],
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
  expect(r.holdings.map(brief)).toEqual([['NVDA', 'quantity', 3, null, [2]]]);
});

test('mixed sizes side by side in one file; one symbol sized two ways is rejected', async () => {
  const r = await importHoldings({
    fileName: 'm.csv',
    text: 'symbol,quantity,market value,weight\nNVDA,10,,\nSPY,,5000,\nVWCE.DE,,,30%\nNVDA,,1000,\n',
  });
  expect(r.holdings.map(brief)).toEqual([
    ['NVDA', 'quantity', 10, null, [2]],
    ['SPY', 'marketValue', 5000, null, [3]],
    ['VWCE.DE', 'weight', 0.3, null, [4]],
  ]);
  expect(r.problems.map(located)).toEqual([[5, 'symbol', 'NVDA', 'problem.sized_twice']]);
  expect(r.problems[0]?.reason).toBe('NVDA is sized by quantity on row 2 and by market value here');
});

test('Fineco portafoglio di sintesi (CSV export): title lines, "-" symbol, bonds rejected by row', async () => {
  const r = await load('fineco-portafoglio-sintesi.csv');
  expect(r.format).toMatchObject({ id: 'fineco', delimiter: ';', decimalMark: ',', headerRow: 3, encoding: 'utf-8' });
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'quantity', 35, 'EUR', [4]],
    ['SWDA.MI', 'quantity', 120, 'EUR', [5]],
    // Not in our ISIN map: the file's own symbol stands.
    ['SGLD.MI', 'quantity', 8, 'EUR', [6]],
    ['ENEL.MI', 'quantity', 1500, 'EUR', [7]],
    ['AAPL', 'quantity', 12, 'USD', [8]],
  ]);
  expect(r.holdings[4]).toMatchObject({ name: 'Apple', isin: 'US0378331005', file: { costBasis: 185.4 } });
  expect(r.problems.map(located)).toEqual([
    [9, 'Strumento', 'Titoli di Stato', 'problem.asset_type'],
    // A fund: "-" as its symbol, so its ISIN must resolve (Yahoo's search does; the offline map does not).
    [10, 'ISIN', 'LU1279334483', 'problem.isin_unresolved'],
  ]);
  expect(r.skipped.map(skip)).toEqual([[1, 'skip.title']]);
  accounted(r);
});

test('Fineco portafoglio di sintesi, 17 columns (xls saved as CSV): sized by "Valore di mercato €"', async () => {
  const r = await load('fineco-portafoglio-sintesi-17col.csv');
  expect(r.format).toMatchObject({ id: 'fineco', delimiter: ';', decimalMark: ',', encoding: 'windows-1252' });
  expect(r.holdings.map(brief)).toEqual([
    ['VWCE.DE', 'marketValue', 4588.5, 'EUR', [5]],
    ['AAPL', 'marketValue', 2608.94, 'EUR', [6]],
    ['ENEL.MI', 'marketValue', 10657.5, 'EUR', [7]],
  ]);
  expect(r.holdings[1]).toMatchObject({
    file: { price: 228.5, currency: 'USD', value: 2608.94, valueCurrency: 'EUR', costBasis: 185.4 },
  });
  expect(r.problems.map(located)).toEqual([
    [8, 'Strumento', 'Titoli di Stato', 'problem.asset_type'],
    [9, 'ISIN', 'LU1279334483', 'problem.isin_unresolved'],
  ]);
  expect(r.skipped.map(skip)).toEqual([
    [1, 'skip.title'],
    [10, 'skip.totals'],
  ]);
  accounted(r);
});

test('Fineco: a fund known by ISIN alone is read once the resolver knows it', async () => {
  const bytes = readFileSync(path.join(FIXTURES, 'holdings', 'fineco-portafoglio-sintesi.csv'));
  const isinResolver = {
    resolve: async (isins: readonly string[]) =>
      new Map(
        isins
          .filter((i) => i === 'LU1279334483')
          .map((i) => [i, { symbol: '0P0001EHC4.F', name: 'Pictet Robotics R EUR', currency: 'EUR' }]),
      ),
  };
  const r = await importHoldings({ fileName: 'f.csv', bytes }, { isinResolver });
  expect(r.holdings.find((h) => h.isin === 'LU1279334483')).toMatchObject({
    symbol: '0P0001EHC4.F',
    basis: 'quantity',
    quantity: 7.318,
    name: 'PICTET ROBOT R EUR',
  });
});

test('Degiro Italian export of European ETFs: quoted "1.234,56", thousands in a quantity, EUR cash', async () => {
  const r = await load('degiro-it-europe.csv');
  expect(r.format).toMatchObject({ id: 'degiro', delimiter: ',', decimalMark: ',' });
  expect(r.holdings.map(brief)).toEqual([
    ['CASH', 'cash amount', 2315.48, 'EUR', [2]],
    ['VWCE.DE', 'quantity', 85, 'EUR', [3]],
    ['SWDA.MI', 'quantity', 1250, 'EUR', [4]],
    // IE00B5BMR087 is listed as CSSPX in Milan and SXR8 in Xetra: our map keeps the listing data/funds.csv knows.
    ['SXR8.DE', 'quantity', 30, 'EUR', [5]],
    ['EQQQ.MI', 'quantity', 12, 'EUR', [6]],
    ['NVDA', 'quantity', 40, 'USD', [7]],
    ['MSFT', 'quantity', 15, 'USD', [8]],
  ]);
  expect(r.holdings[6]).toMatchObject({
    isin: 'US5949181045',
    file: { price: 512.38, currency: 'USD', value: 7312.75, valueCurrency: 'EUR' },
  });
  expect(r.problems).toEqual([]);
  accounted(r);
});

test('Directa movimenti: preamble skipped, trades netted by ISIN, closed and other movements skipped', async () => {
  const r = await load('directa-movimenti.csv');
  expect(r.format).toMatchObject({ id: 'directa-movimenti', delimiter: ',', headerRow: 10 });
  expect(r.holdings.map(brief)).toEqual([
    ['SWDA.MI', 'quantity', 6, 'EUR', [12, 16]],
    ['VWRL.AS', 'quantity', 15, 'EUR', [15]],
  ]);
  expect(r.skipped.map((s) => [s.row, s.code])).toEqual([
    [1, 'skip.title'],
    [2, 'skip.title'],
    [4, 'skip.title'],
    [5, 'skip.title'],
    [6, 'skip.title'],
    [8, 'skip.title'],
    [11, 'skip.not_a_trade'],
    [13, 'skip.closed'],
    [14, 'skip.closed'],
    [17, 'skip.not_a_trade'],
  ]);
  expect(r.problems).toEqual([]);
  accounted(r);
});
