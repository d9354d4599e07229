/** Holdings sent as JSON: rows are item numbers everywhere, problems are addressed by the caller's path. */
import { AppError } from '../src/errors';
import { importJsonHoldings } from '../src/holdings';

test('items are rows 1, 2, … in positions, accounts, problems and skipped rows (#13.13)', async () => {
  const r = await importJsonHoldings({
    holdings: [
      { symbol: 'NVDA', quantity: 10, account: 'Broker A' },
      { symbol: 'NVDA', quantity: '5', account: 'Broker B' },
      { symbol: 'MSFT', quantity: 'ten' },
      { symbol: 'Total', quantity: 15 },
      { symbol: 'NVDA', quantity: 1, account: 'Broker A' },
    ],
  });
  expect(r.holdings).toEqual([
    {
      symbol: 'NVDA',
      kind: 'security',
      basis: 'quantity',
      quantity: 16,
      rows: [1, 2, 5],
      file: {},
      accounts: [
        { account: 'Broker A', rows: [1, 5], quantity: 11 },
        { account: 'Broker B', rows: [2], quantity: 5 },
      ],
    },
  ]);
  expect(r.problems).toEqual([
    expect.objectContaining({ row: 3, column: 'holdings[2].quantity', value: 'ten', code: 'problem.not_a_number' }),
  ]);
  expect(r.skipped).toEqual([expect.objectContaining({ row: 4, code: 'skip.totals' })]);
  expect(r.format).toMatchObject({ id: 'json', headerRow: 0 });
});

test('a name with a line break or a comma cannot shift the items', async () => {
  const r = await importJsonHoldings({
    holdings: [
      { symbol: 'AAPL', name: 'Apple,\n"Inc"', quantity: 1 },
      { symbol: 'MSFT', quantity: 2, marketValue: 'abc' },
    ],
  });
  expect(r.holdings.map((h) => [h.symbol, h.name, h.rows])).toEqual([['AAPL', 'Apple,\n"Inc"', [1]]]);
  expect(r.problems.map((p) => [p.row, p.column, p.code])).toEqual([
    [2, 'holdings[1].marketValue', 'problem.not_an_amount'],
  ]);
});

test.each([
  ['not an object', 'a list', 'unprocessable', 'json.not_an_object', {}],
  ['no list', { holdings: 3 }, 'unprocessable', 'json.not_a_list', { column: 'holdings' }],
  ['an empty list', { holdings: [] }, 'unprocessable', 'json.no_holdings', { column: 'holdings' }],
  ['an unknown field', { holdings: [{ symbol: 'A', qty: 1 }] }, 'unprocessable', 'json.unknown_field', { row: 1 }],
  [
    'a boolean cell',
    { holdings: [{ symbol: 'A', quantity: true }] },
    'unprocessable',
    'json.not_text_or_number',
    {
      row: 1,
      column: 'holdings[0].quantity',
    },
  ],
  [
    'a long name',
    { holdings: [{ symbol: 'A', name: 'x'.repeat(201) }] },
    'unprocessable',
    'json.text_too_long',
    {
      row: 1,
    },
  ],
])('refused: %s', async (_label, body, kind, reason, location) => {
  const err = await importJsonHoldings(body).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({
    kind,
    code: 'json_field',
    params: { reason: { code: reason } },
    location: { file: 'holdings.json', ...location },
  });
});

test('more than 10,000 items is refused as too large', async () => {
  const holdings = Array.from({ length: 10_001 }, () => ({ symbol: 'NVDA', quantity: 1 }));
  await expect(importJsonHoldings({ holdings })).rejects.toMatchObject({ kind: 'too_large', code: 'too_many_rows' });
});

test('refusal messages are rendered from the catalogue in both languages', async () => {
  const err = (await importJsonHoldings({ holdings: [{ symbol: 'A', qty: 1 }] }).catch((e: unknown) => e)) as AppError;
  expect(err.message).toBe(
    'file holdings.json, row 1, column holdings[0]: fields not allowed: qty' +
      ' (the allowed ones are symbol, isin, name, quantity, marketValue, weight, currency, account)',
  );
  expect(err.describe('it')).toBe(
    'file holdings.json, riga 1, colonna holdings[0]: campi non previsti: qty' +
      ' (quelli ammessi sono symbol, isin, name, quantity, marketValue, weight, currency, account)',
  );
});
