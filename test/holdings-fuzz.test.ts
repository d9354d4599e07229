/**
 * Property-based tests of the importer on random and mangled files: it never fails with anything
 * but an AppError (a located refusal), never invents a position, and accounts for every row it read.
 */
import fc from 'fast-check';
import { importHoldings, type HoldingsImport } from '../src/holdings';
import { AppError } from '../src/errors';
import { isMessageCode } from '../src/i18n';

const SYMBOLS = [
  'NVDA',
  'MSFT',
  'brk.b',
  'VWCE.DE',
  'US67066G1040',
  'IE00BK5BQT80',
  'CASH',
  'EUR',
  'Totale',
  '=HYPERLINK("http://x")',
  '',
  '@SUM(A1)',
  '+1',
  'Liquidità',
  'Acquisto',
  'Vendita',
];
const NUMBERS = [
  '10',
  '1.234,56',
  '1,234.56',
  '12,5%',
  '$1,234.50',
  '€ 1.234,56',
  '(12)',
  '-3',
  '0',
  '1e308',
  '9'.repeat(400),
  'abc',
  '',
  '--',
  '=1+1',
];
const HEADERS = [
  ['symbol', 'quantity'],
  ['symbol', 'quantity', 'currency'],
  ['Symbol', 'Market value', 'Weight'],
  ['Simbolo', 'Quantità', 'Valuta'],
  ['Ticker', 'Market Value', 'Currency', 'Account'],
  ['ISIN', 'Peso'],
  ['Prodotto', 'Simbolo/ISIN', 'Quantità', 'Chiusura', 'Valore locale', '', 'Valore in EUR'],
  ['Action', 'Ticker', 'ISIN', 'No. of shares'],
  // Broker layouts with the symbol (or the action) moved first, so random rows reach their row logic.
  ['Simbolo', 'Quantità', 'Titolo', 'ISIN', 'Strumento', 'P.zo medio di carico', 'Valore di mercato €'],
  ['Tipo operazione', 'Ticker', 'Quantità', 'Isin', 'Data operazione', 'Importo euro'],
];

const table = fc
  .record({
    header: fc.constantFrom(...HEADERS),
    delimiter: fc.constantFrom(',', ';', '\t'),
    rows: fc.array(
      fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .tuple(
              fc.constantFrom(...SYMBOLS),
              fc.array(fc.constantFrom(...NUMBERS, 'USD', 'EUR', 'Broker A'), { maxLength: 6 }),
            )
            .map(([s, rest]) => [s, ...rest]),
        },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.oneof(fc.constantFrom(...SYMBOLS), fc.constantFrom(...NUMBERS), fc.string({ maxLength: 12 })),
            { maxLength: 8 },
          ),
        },
      ),
      { maxLength: 30 },
    ),
    title: fc.option(fc.string({ maxLength: 40 })),
    crlf: fc.boolean(),
  })
  .map(({ header, delimiter, rows, title, crlf }) => {
    const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const lines = [
      ...(title === null ? [] : [title]),
      header.map(quote).join(delimiter),
      ...rows.map((r) => r.map(quote).join(delimiter)),
    ];
    return lines.join(crlf ? '\r\n' : '\n');
  });

/** Cut lines short, swap a line's delimiters, drop a quote, duplicate a line. */
const mangled = fc
  .tuple(table, fc.array(fc.tuple(fc.nat(), fc.constantFrom('cut', 'swap', 'quote', 'dup')), { maxLength: 5 }))
  .map(([text, edits]) => {
    const lines = text.split('\n');
    for (const [at, kind] of edits) {
      const i = at % lines.length;
      const line = lines[i]!;
      if (kind === 'cut') lines[i] = line.slice(0, Math.floor(line.length / 2));
      else if (kind === 'swap') lines[i] = line.replace(/,/g, ';');
      else if (kind === 'quote') lines[i] = `"${line}`;
      else lines.splice(i, 0, line);
    }
    return lines.join('\n');
  });

const encoded = fc
  .tuple(fc.oneof(table, mangled), fc.constantFrom('utf8', 'utf16le', 'latin1', 'bom'))
  .map(([text, enc]) =>
    enc === 'bom'
      ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
      : Buffer.from(text, enc as BufferEncoding),
  );

const outcomes = { refused: 0, imported: 0, withHoldings: 0 };

async function check(bytes: Uint8Array, text: string): Promise<void> {
  let r: HoldingsImport;
  try {
    r = await importHoldings({ fileName: 'fuzz.csv', bytes });
  } catch (err) {
    if (err instanceof AppError) {
      // A refusal of the file as such, with a catalogue code, naming the file and never a path.
      expect(['unprocessable', 'too_large', 'unsupported_media']).toContain(err.kind);
      expect(isMessageCode(`error.${err.code}`)).toBe(true);
      expect(err.location.file).toBe('fuzz.csv');
      outcomes.refused++;
      return; // a located refusal is an answer
    }
    throw err;
  }
  outcomes.imported++;
  if (r.holdings.length > 0) outcomes.withHoldings++;
  // Every row read is accepted, rejected or skipped — once.
  expect(r.counts.accepted + r.counts.rejected + r.counts.skipped).toBe(r.counts.read);
  const rows = [...r.holdings.flatMap((h) => h.rows), ...r.problems.map((p) => p.row), ...r.skipped.map((s) => s.row)];
  expect(new Set(rows).size).toBe(rows.length);
  expect(rows.length).toBe(r.counts.read);
  expect(r.counts.merged).toBe(r.counts.accepted - r.holdings.length);
  // Nothing invented: each security comes from a symbol or ISIN written in the file.
  const upper = text.toUpperCase();
  for (const h of r.holdings) {
    if (h.kind === 'cash') continue;
    const fromText =
      upper.includes(h.symbol) ||
      upper.includes(h.symbol.replace('-', '.')) ||
      (h.isin !== undefined && upper.includes(h.isin));
    expect([h.symbol, fromText]).toEqual([h.symbol, true]);
    if (h.basis === 'quantity') expect(Number.isFinite(h.quantity) && h.quantity > 0).toBe(true);
  }
}

test('random tables: never an unhandled error, every row accounted for, nothing invented', async () => {
  await fc.assert(
    fc.asyncProperty(table, (text) => check(Buffer.from(text), text)),
    { numRuns: 400, seed: 42 },
  );
  // The generator must reach the row logic, not only the file-level refusals.
  expect(outcomes.imported).toBeGreaterThan(150);
  expect(outcomes.withHoldings).toBeGreaterThan(50);
});

test('mangled tables (cut lines, mixed delimiters, stray quotes, duplicated lines)', async () => {
  await fc.assert(
    fc.asyncProperty(mangled, (text) => check(Buffer.from(text), text)),
    { numRuns: 400, seed: 7 },
  );
});

test('odd encodings of random and mangled tables', async () => {
  await fc.assert(
    fc.asyncProperty(encoded, (bytes) =>
      check(bytes, new TextDecoder(bytes[0] === 0xef ? 'utf-8' : 'latin1').decode(bytes).replace(/\0/g, '')),
    ),
    { numRuns: 300, seed: 3 },
  );
});

test('arbitrary bytes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), (bytes) => check(bytes, Buffer.from(bytes).toString('latin1'))),
    { numRuns: 400, seed: 11 },
  );
});
