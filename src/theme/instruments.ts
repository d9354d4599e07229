import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { isBlankRecord, parseCsv, stripBom } from '../shared/csv';
import { PROJECT_ROOT } from '../shared/project-root';
import { micOf } from './exchanges';

const INSTRUMENTS_FILE = path.join(PROJECT_ROOT, 'data/instruments.csv');
const FUNDS_FILE = path.join(PROJECT_ROOT, 'data/funds.csv');

const COLUMNS = [
  'issuer',
  'issuer_name',
  'country',
  'kind',
  'isin',
  'symbol',
  'exchange',
  'currency',
  'shares_per_unit',
  'local_code',
  'industry',
] as const;

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;
/** An empty cell is an absent value. */
const optional = <T extends z.ZodType<string, string>>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** One listing of one issuer: a row of data/instruments.csv. */
const ListingSchema = z.object({
  issuer: z.string().min(1),
  issuer_name: z.string().min(1),
  country: optional(z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code')),
  kind: z.enum(['equity', 'fund']),
  isin: optional(z.string().regex(ISIN, 'an ISIN (two letters, nine characters, a check digit)')),
  symbol: z.string().min(1).describe('Yahoo symbol of the listing'),
  exchange: optional(z.string().refine((s) => micOf(s) === s, 'an ISO 10383 MIC we know (src/theme/exchanges.ts)')),
  currency: z.string().regex(/^[A-Z]{2}[A-Za-z]$/, 'an ISO 4217 currency, or a minor unit as Yahoo writes it (GBp)'),
  shares_per_unit: z.coerce.number().positive().describe('ordinary shares one unit stands for (an ADR ratio)'),
  local_code: z.string().min(1).describe('the code fund files print for the listing on its exchange'),
  industry: optional(z.string()).describe("Yahoo's industry name, where a theme default should reach the issuer"),
});

export type Listing = z.output<typeof ListingSchema>;

/**
 * Every listing we know, each naming its issuer: the companies of data/instruments.csv and the funds'
 * listings of data/funds.csv (kind fund, the fund id as issuer), joined so each fact is written once.
 */
export interface InstrumentsTable {
  listings: readonly Listing[];
}

/**
 * Parses the instruments table, refusing it with the row and column of the first bad cell. The
 * table is our data, so a bad row is a configuration error; a symbol listed twice would make
 * identity ambiguous and is refused too.
 */
export function parseInstruments(text: string, file = 'instruments.csv'): InstrumentsTable {
  const [header, ...rows] = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  const names = header?.fields.map((f) => f.trim());
  if (names === undefined || COLUMNS.some((c, i) => names[i] !== c))
    throw invalid(file, header?.line ?? 1, 'header', `the header must be ${COLUMNS.join(',')}`);
  const raw = rows.map((r) => ({
    line: r.line,
    cells: Object.fromEntries(COLUMNS.map((c, i) => [c, (r.fields[i] ?? '').trim()])),
  }));
  return { listings: validated(raw, file) };
}

/**
 * The funds' listings from data/funds.csv (`fund_id`, `isin`, `name`, `listings` as
 * `SWDA.MI:XMIL:EUR|IWDA.AS:XAMS:EUR`): the fund data keeps them, the instruments table reads them.
 */
function fundListings(text: string, file = 'funds.csv'): InstrumentsTable {
  const [header, ...rows] = parseCsv(stripBom(text), ',').filter((r) => !isBlankRecord(r));
  const cols = header?.fields.map((f) => f.trim()) ?? [];
  const raw = rows.flatMap((r) => {
    const cell = (name: string) => (r.fields[cols.indexOf(name)] ?? '').trim();
    return cell('listings')
      .split('|')
      .filter(Boolean)
      .map((listing) => {
        const [symbol = '', exchange = '', currency = ''] = listing.split(':');
        const cells = {
          issuer: cell('fund_id'),
          issuer_name: cell('name'),
          country: cell('isin').slice(0, 2),
          kind: 'fund',
          isin: cell('isin'),
          symbol,
          exchange,
          currency,
          shares_per_unit: '1',
          local_code: symbol.split('.')[0]!,
          industry: '',
        };
        return { line: r.line, cells };
      });
  });
  return { listings: validated(raw, file) };
}

/** One table from several, refusing a symbol that two rows claim: identity must not be ambiguous. */
function joinTables(...tables: InstrumentsTable[]): InstrumentsTable {
  const listings = tables.flatMap((t) => t.listings);
  const seen = new Set<string>();
  for (const l of listings) {
    if (seen.has(l.symbol)) throw invalid('instruments.csv + funds.csv', 0, 'symbol', `${l.symbol} is listed twice`);
    seen.add(l.symbol);
  }
  return { listings };
}

function validated(rows: { line: number; cells: Record<string, string> }[], file: string): Listing[] {
  const seen = new Set<string>();
  return rows.map(({ line, cells }) => {
    const parsed = ListingSchema.safeParse(cells);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(file, line, String(issue.path[0]), issue.message);
    }
    if (seen.has(parsed.data.symbol)) throw invalid(file, line, 'symbol', `${parsed.data.symbol} is listed twice`);
    seen.add(parsed.data.symbol);
    return parsed.data;
  });
}

function invalid(file: string, row: number, column: string, reason: string): AppError {
  return new AppError('misconfigured', 'reference_data_invalid', { params: { file, row, column, reason } });
}

let cached: { text: string; table: InstrumentsTable } | undefined;

/**
 * data/instruments.csv joined with the funds' listings of data/funds.csv, read once per process
 * (reference data and the offline ISIN resolver share it). `text` is instruments.csv, for its hash.
 */
export function loadInstruments(): { text: string; table: InstrumentsTable } {
  if (cached === undefined) {
    const text = readFileSync(INSTRUMENTS_FILE, 'utf8');
    cached = { text, table: joinTables(parseInstruments(text), fundListings(readFileSync(FUNDS_FILE, 'utf8'))) };
  }
  return cached;
}
