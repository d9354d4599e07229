import { z } from 'zod';
import { StressWindowSchema } from '../analytics/overspending/stress-windows';
import { AppError } from '../errors';
import { LANGUAGES } from '../i18n/format';
import type { MessageCode } from '../i18n';
import { parseIsoDay } from '../shared/dates';

/** Value given to a portfolio described by weights alone. */
const DEFAULT_NOTIONAL_VALUE = 100_000;
/** Bounds of a notional value: a cent-less amount a person could hold, never ∞ or a denormal. */
const NOTIONAL_BOUNDS = { min: 1, max: 1e12 } as const;
const PAPER_SIZES = ['A4', 'LETTER'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
/** Monte Carlo paths a caller may ask for: fewer say nothing, more cost seconds of CPU. */
export const MONTE_CARLO_PATH_BOUNDS = { min: 100, max: 1_000_000 } as const;

/**
 * Every option of an analysis, validated once for every way in: the CLI, each HTTP route, batch
 * jobs and OpenAPI. Values arrive as text from flags, query strings and form fields, or typed from
 * JSON; numbers must be plain decimals, finite and within bounds.
 */
export const AnalysisOptionsSchema = z.object({
  asOf: z
    .string()
    .refine((s) => parseIsoDay(s) !== null, { params: { reason: 'option.date' } })
    .optional()
    .describe('analyse as of the latest common price day on or before this date (YYYY-MM-DD)'),
  baseCurrency: z
    .string()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{3}$/.test(s), { params: { reason: 'option.currency' } })
    .optional()
    .describe('currency to value and measure the portfolio in (ISO 4217, e.g. EUR)'),
  notionalValue: z
    .number()
    .min(NOTIONAL_BOUNDS.min)
    .max(NOTIONAL_BOUNDS.max)
    .default(DEFAULT_NOTIONAL_VALUE)
    .describe('total value of a portfolio given by weights only, in the base currency'),
  strict: z.boolean().default(false).describe('refuse the file at its first rejected row'),
  monteCarloPaths: z
    .number()
    .int()
    .min(MONTE_CARLO_PATH_BOUNDS.min)
    .max(MONTE_CARLO_PATH_BOUNDS.max)
    .optional()
    .describe('simulated one-year paths (default: the methodology default)'),
  monteCarloSeed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional()
    .describe('seed of the simulation (default: the methodology default, so reports are reproducible)'),
  maxConstituentsAge: z
    .number()
    .int()
    .min(1)
    .max(36_500)
    .optional()
    .describe(
      'leave out fund constituent lists older than this many days (and undated ones): the fund counts as one opaque issuer',
    ),
  shrinkCorrelation: z.boolean().default(false).describe('Ledoit–Wolf shrinkage for the correlation heat map'),
  allIssuers: z
    .boolean()
    .default(false)
    .describe('list every issuer after look-through (default: those in the theme and the 25 largest)'),
  ruleOverrides: z
    .record(z.string(), z.record(z.string(), z.number().min(0).max(1)))
    .optional()
    .describe('thresholds of the concentration rules over their defaults, e.g. {"single-issuer": {"failAbove": 0.15}}'),
  stressWindows: z
    .array(StressWindowSchema)
    .max(20)
    .optional()
    .describe('past windows to replay besides the standard ones'),
  lang: z.enum(LANGUAGES).default('en').describe('language of the HTML and PDF report'),
  paper: z.enum(PAPER_SIZES).default('A4').describe('PDF paper size'),
});

export type AnalysisOptions = z.output<typeof AnalysisOptionsSchema>;
type OptionName = keyof AnalysisOptions;

/** How each option is spelled where the caller wrote it. */
const CLI_FLAGS: Record<OptionName, string> = {
  asOf: '--as-of',
  baseCurrency: '--base-currency',
  notionalValue: '--notional-value',
  strict: '--strict',
  monteCarloPaths: '--mc-paths',
  maxConstituentsAge: '--max-constituents-age',
  monteCarloSeed: '--mc-seed',
  shrinkCorrelation: '--shrink-correlation',
  allIssuers: '--all-issuers',
  ruleOverrides: '--rules',
  stressWindows: '--stress-windows',
  lang: '--lang',
  paper: '--paper',
};

export type OptionSurface = 'cli' | 'http';

/** A flag not in the table is its name in kebab case (`maxIssuer` → `--max-issuer`), as commander spells it. */
function optionLabel(name: string, surface: OptionSurface): string {
  if (surface !== 'cli') return name;
  return CLI_FLAGS[name as OptionName] ?? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const NUMBER_OPTIONS = new Set<string>(['notionalValue', 'monteCarloPaths', 'maxConstituentsAge', 'monteCarloSeed']);
const BOOLEAN_OPTIONS = new Set<string>(['strict', 'shrinkCorrelation', 'allIssuers']);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/**
 * Text from flags or query strings into typed values. Only plain decimals are numbers: "0x10",
 * "Infinity", "1e-320" (a denormal) and "" are refused rather than read as something surprising.
 */
function typed(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (NUMBER_OPTIONS.has(name)) return DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
  if (BOOLEAN_OPTIONS.has(name)) return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Parses a schema's options, naming the bad field as the caller wrote it (`asOf` or `--as-of`). */
export function parseOptions<S extends z.ZodObject>(
  schema: S,
  raw: Record<string, unknown>,
  surface: OptionSurface,
): z.output<S> {
  const known = Object.fromEntries(
    Object.entries(raw)
      .filter(([k, v]) => v !== undefined && Object.hasOwn(schema.shape, k))
      .map(([k, v]) => [k, typed(k, v)]),
  );
  const parsed = schema.safeParse(known);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  const reason = reasonOf(issue, name);
  throw new AppError('bad_request', 'invalid_option', {
    params: {
      option: optionLabel(name, surface),
      value: String(raw[name] ?? ''),
      reason: { code: reason, params: {} },
    },
    details: { option: optionLabel(name, surface) },
  });
}

function reasonOf(issue: z.core.$ZodIssue, name: string): MessageCode {
  const custom = (issue as { params?: { reason?: string } }).params?.reason;
  if (custom !== undefined) return custom as MessageCode;
  if (name === 'lang') return 'option.lang';
  if (name === 'paper') return 'option.paper';
  if (BOOLEAN_OPTIONS.has(name)) return 'option.boolean';
  if (name === 'notionalValue') return 'option.notional';
  if (name === 'monteCarloPaths') return 'option.paths';
  if (name === 'maxConstituentsAge') return 'option.age';
  if (name === 'monteCarloSeed') return 'option.seed';
  return 'option.invalid';
}

export function parseAnalysisOptions(raw: Record<string, unknown>, surface: OptionSurface): AnalysisOptions {
  return parseOptions(AnalysisOptionsSchema, raw, surface);
}
