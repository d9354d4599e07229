import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { isBlankRecord, parseCsv, stripBom } from '../shared/csv';
import { micOf } from './exchanges';

const INSTRUMENTS_FILE = path.resolve(__dirname, '../../data/instruments.csv');

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
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code'),
  kind: z.enum(['equity', 'fund']),
  isin: optional(z.string().regex(ISIN, 'an ISIN (two letters, nine characters, a check digit)')),
  symbol: z.string().min(1).describe('Yahoo symbol of the listing'),
  exchange: optional(z.string().refine((s) => micOf(s) === s, 'an ISO 10383 MIC we know (src/theme/exchanges.ts)')),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency'),
  shares_per_unit: z.coerce.number().positive().describe('ordinary shares one unit stands for (an ADR ratio)'),
  local_code: z.string().min(1).describe('the code fund files print for the listing on its exchange'),
  industry: optional(z.string()).describe("Yahoo's industry name, where a theme default should reach the issuer"),
});

export type Listing = z.output<typeof ListingSchema>;

/** data/instruments.csv: every listing we know, each naming its issuer. Funds are issuers of kind fund. */
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
  const listings: Listing[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const raw = Object.fromEntries(COLUMNS.map((c, i) => [c, (r.fields[i] ?? '').trim()]));
    const parsed = ListingSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(file, r.line, String(issue.path[0]), issue.message);
    }
    if (seen.has(parsed.data.symbol)) throw invalid(file, r.line, 'symbol', `${parsed.data.symbol} is listed twice`);
    seen.add(parsed.data.symbol);
    listings.push(parsed.data);
  }
  return { listings };
}

function invalid(file: string, row: number, column: string, reason: string): AppError {
  return new AppError('misconfigured', 'reference_data_invalid', { params: { file, row, column, reason } });
}

let cached: { text: string; table: InstrumentsTable } | undefined;

/** data/instruments.csv, read once per process (reference data and the offline ISIN resolver share it). */
export function loadInstruments(): { text: string; table: InstrumentsTable } {
  if (cached === undefined) {
    const text = readFileSync(INSTRUMENTS_FILE, 'utf8');
    cached = { text, table: parseInstruments(text) };
  }
  return cached;
}
