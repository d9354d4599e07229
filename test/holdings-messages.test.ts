/**
 * Every message the importer can give exists in the catalogue, and the Italian of each is Italian:
 * an Italian saver must not meet an English sentence in a rejected row or a refusal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatter, isMessageCode, translate, type MessageCode, type MessageParams } from '../src/i18n';
import { INPUT_MESSAGES } from '../src/i18n/catalogue/input';
import { importHoldings } from '../src/holdings';

const HOLDINGS_SRC = path.join(__dirname, '../src/holdings');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Codes written in src/holdings: prefixed literals, and AppError codes (`error.*` without the prefix). */
function codesUsedInHoldings(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(HOLDINGS_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'((?:problem|skip|error|format|csv|json|basis|positions|where|file)\.[a-z_]+)'/g))
      codes.add(m[1] as string);
    for (const m of text.matchAll(/new AppError\(\s*'\w+',\s*'(\w+)'/g)) codes.add(`error.${m[1]}`);
  }
  return codes;
}

test('every code used in src/holdings exists in the catalogue', () => {
  const used = [...codesUsedInHoldings()];
  expect(used.length).toBeGreaterThan(40);
  expect(used.filter((code) => !isMessageCode(code))).toEqual([]);
});

test('the size bases merge-rows names by kind (basis.quantity, basis.amount …) are all in the catalogue', () => {
  for (const kind of ['quantity', 'marketValue', 'weight', 'amount', 'unnamed'])
    expect(isMessageCode(`basis.${kind}`)).toBe(true);
});

/** Values a message may carry, as a file would give them: nothing in them is an English word. */
const SAMPLE: MessageParams = {
  file: 'portafoglio.csv',
  row: '7',
  column: 'Quantità',
  item: '3',
  symbol: 'NVDA',
  isin: 'US67066G1040',
  value: '12,5',
  type: 'Warrant',
  section: 'Trades',
  level: 'Lot',
  banner: 'Conto 1234',
  action: 'Deposito',
  limit: 10_000,
  limitKb: 64,
  limitMb: 5,
  sizeMb: 5.2,
  seconds: 30,
  more: 2,
  code: 'EACCES',
  path: 'holdings[0].quantity',
  fields: ['qty'],
  allowed: ['simbolo', 'quantita'],
  first: 'USD',
  second: 'EUR',
};

/** Per code, what differs from SAMPLE: nested messages and lists. */
const NESTED: Partial<Record<MessageCode, MessageParams>> = {
  'error.file_not_found': { reason: { code: 'file.no_such_file', params: {} } },
  'error.no_usable_positions': { reason: { code: 'positions.none', params: {} } },
  'error.unsupported_format': { reason: { code: 'format.zip', params: {} } },
  'error.invalid_csv': { reason: { code: 'csv.unclosed_quote', params: {} } },
  'error.invalid_value': { reason: { code: 'problem.quantity_zero', params: {} } },
  'error.json_field': { reason: { code: 'json.no_holdings', params: {} } },
  'positions.first_problem': { reason: { code: 'problem.no_size', params: {} } },
  'error.missing_column': { first: ['Foo', 'Bar'] },
  'problem.sized_twice': {
    first: { code: 'basis.quantity', params: {} },
    second: { code: 'basis.marketValue', params: {} },
  },
  'problem.valued_twice': { first: 'USD', second: { code: 'basis.unnamed', params: {} } },
};

/** English that must not survive in an Italian message (with spaces: "file" alone is Italian too). */
const ENGLISH = [
  ' the ',
  'The ',
  ' is not ',
  ' is ',
  ' row ',
  'file is',
  ' not ',
  ' and ',
  ' with ',
  ' column',
  ' must ',
  ' only ',
  ' cannot ',
  ' line ',
  ' could ',
  ' here',
  ' of ',
  ' no ',
  ' than ',
  ' sold ',
  ' bought ',
  ' amount',
  ' weight',
  ' value ',
  ' empty',
  ' header',
  ' positions ',
];

/** Codes whose text is the same in both languages by nature. */
const SAME_IN_BOTH = new Set<string>(['where.file']);

const codes = Object.keys(INPUT_MESSAGES.en) as MessageCode[];
const it = formatter('it');
const en = formatter('en');

test.each(codes)('Italian of %s is Italian', (code) => {
  const params = { ...SAMPLE, ...NESTED[code] };
  const italian = translate(it, code, params);
  const english = translate(en, code, params);
  expect(italian).not.toMatch(/\{\w+(:[^}]*)?\}/); // every placeholder filled
  if (!SAME_IN_BOTH.has(code)) expect(italian).not.toBe(english);
  const padded = ` ${italian} `;
  expect(ENGLISH.filter((word) => padded.includes(word))).toEqual([]);
});

test('a rejected row renders in Italian from its code and values', async () => {
  const text = 'Simbolo;Quantità\nNVDA;dieci\nMSFT;1\nMSFT;2\nNVDA;0\n';
  const r = await importHoldings({ fileName: 'p.csv', text });
  const italian = r.problems.map((p) => translate(it, p.code, p.params));
  expect(italian).toEqual(['"dieci" non è un numero', 'la quantità è zero']);
});
