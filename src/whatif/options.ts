import { z } from 'zod';
import { AnalysisOptionsSchema, parseOptions, type OptionSurface } from '../analysis/options';
import { AppError } from '../errors';

/** Trading cost when the caller names none: 10 bps, a typical online broker's commission plus spread on liquid ETFs. */
export const DEFAULT_COST_BPS = 10;
/** Symbols a what-if may buy: enough for any policy's diversifiers, few enough to gather at once. */
const MAX_BUY_SYMBOLS = 20;
const MAX_AMOUNT = 1e12;

const fraction = (what: string, of = 'the portfolio') =>
  z
    .number()
    .refine((x) => x >= 0 && x <= 1, { params: { reason: 'whatif.option_fraction' } })
    .min(0)
    .max(1)
    .optional()
    .describe(`${what}, as a fraction of ${of} (0.25 = 25 %)`);

const amount = (what: string) =>
  z
    .number()
    .refine((x) => x >= 0 && x <= MAX_AMOUNT, { params: { reason: 'whatif.option_amount' } })
    .min(0)
    .max(MAX_AMOUNT)
    .describe(`${what}, in the base currency`);

/** The targets: at least one is needed, and every one is a ceiling. */
const TargetsShape = {
  maxAiRevenueShare: fraction('ceiling on exposure.headline.aiRevenueShare'),
  maxThemeHoldings: fraction('ceiling on exposure.headline.themeHoldings'),
  maxIssuer: fraction(
    'ceiling on any single issuer after look-through (concentration.issuer.top1)',
    'the invested value it covers',
  ),
  maxCoreFour: fraction('ceiling on exposure.headline.coreFour'),
  maxScore: z
    .number()
    .refine((x) => x >= 0 && x <= 100, { params: { reason: 'whatif.option_score' } })
    .min(0)
    .max(100)
    .optional()
    .describe('ceiling on overspending.score (0–100)'),
};
export const TARGET_NAMES = Object.keys(TargetsShape) as (keyof typeof TargetsShape)[];
export type TargetName = (typeof TARGET_NAMES)[number];

/** The what-if's options: every analysis option, the targets, and the trading rules. */
const WhatIfOptionsSchema = AnalysisOptionsSchema.extend({
  ...TargetsShape,
  onlySell: z.boolean().default(false).describe('sell only: the proceeds go to cash, nothing is bought'),
  buy: z
    .array(
      z
        .string()
        .transform((s) => s.trim().toUpperCase())
        .refine((s) => /^[A-Z0-9^][A-Z0-9.=^-]{0,19}$/.test(s), { params: { reason: 'whatif.option_symbol' } }),
    )
    .max(MAX_BUY_SYMBOLS)
    .default([])
    .describe('symbols the proceeds may buy (diversifiers); by default they go to cash'),
  minTrade: amount(
    'smallest trade: a trade is 0 or at least this much (a position worth less may still be closed)',
  ).optional(),
  wholeShares: z
    .boolean()
    .default(false)
    .describe('trade whole shares of holdings sized by quantity and of what is bought'),
  costBps: z
    .number()
    .refine((x) => x >= 0 && x <= 1000, { params: { reason: 'whatif.option_bps' } })
    .min(0)
    .max(1000)
    .default(DEFAULT_COST_BPS)
    .describe('estimated trading cost in basis points of each trade'),
  costPerTrade: amount('estimated fixed cost of each trade').default(0),
  tax: z
    .enum(['it', 'none'])
    .default('it')
    .describe('it: Italian tax on realised gains (26 %, 12.5 % for government bonds) where the file gives a cost'),
});

/** The what-if's own fields (targets and trading rules): a request on a stored analysis sends these. */
export const WhatIfRequestSchema = WhatIfOptionsSchema.pick({
  maxAiRevenueShare: true,
  maxThemeHoldings: true,
  maxIssuer: true,
  maxCoreFour: true,
  maxScore: true,
  onlySell: true,
  buy: true,
  minTrade: true,
  wholeShares: true,
  costBps: true,
  costPerTrade: true,
  tax: true,
});

export type WhatIfOptions = z.output<typeof WhatIfOptionsSchema>;
export type Targets = Partial<Record<TargetName, number>>;

const NUMBERS = new Set<string>([...TARGET_NAMES, 'minTrade', 'costBps', 'costPerTrade']);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/**
 * Text from flags or query strings into numbers: a plain decimal, or a percentage ("25%" is 0.25)
 * for the fractions, so `--max-issuer 10%` reads as a person means it. Anything else stays text
 * and is refused by the schema.
 */
function numeric(name: string, value: unknown): unknown {
  if (typeof value !== 'string' || !NUMBERS.has(name)) return value;
  const text = value.trim();
  const percent = text.endsWith('%') && name !== 'maxScore' && TARGET_NAMES.includes(name as TargetName);
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (!DECIMAL.test(digits)) return value;
  return percent ? Number(digits) / 100 : Number(digits);
}

/** Parses and checks what-if options from any way in, naming a bad one as the caller wrote it. */
export function parseWhatIfOptions(raw: Record<string, unknown>, surface: OptionSurface): WhatIfOptions {
  const typed = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, numeric(k, v)]));
  const options = parseOptions(WhatIfOptionsSchema, typed, surface);
  if (TARGET_NAMES.every((t) => options[t] === undefined)) throw combination('whatif.no_target');
  if (options.onlySell && options.buy.length > 0) throw combination('whatif.only_sell_buy');
  return { ...options, buy: [...new Set(options.buy)] };
}

export function targetsOf(options: WhatIfOptions): Targets {
  return Object.fromEntries(TARGET_NAMES.filter((t) => options[t] !== undefined).map((t) => [t, options[t]]));
}

function combination(reason: 'whatif.no_target' | 'whatif.only_sell_buy'): AppError {
  return new AppError('bad_request', 'option_combination', { params: { reason: { code: reason, params: {} } } });
}
