import { z } from 'zod';
import { MessageSchema } from '../report/schema';
import { TARGET_NAMES } from './options';

/**
 * The what-if document: the CLI prints it, the HTTP route will answer it and OpenAPI describe it.
 * Measures carry the AnalysisReport's names and meanings, so `before.exposure.headline.aiRevenueShare`
 * is the report's figure for the portfolio as it is, and `after.…` the report's figure for the
 * portfolio after the trades, analysed again.
 */
export const WHATIF_SCHEMA_VERSION = 1;

const fraction = z.number().describe('a fraction: 0.25 means 25 %');
const money = z.number().describe('in the base currency');

const IssuerFiguresSchema = z
  .object({ top1: fraction, effectiveN: z.number() })
  .nullable()
  .describe('concentration.issuer: on the non-cash value after look-through; null when there is none (all cash)');

const MeasuresSchema = z.object({
  exposure: z.object({
    headline: z.object({
      themeHoldings: fraction,
      aiRevenueShare: fraction,
      coreFour: fraction,
      netAiBeta: z.number(),
    }),
  }),
  concentration: z.object({ issuer: IssuerFiguresSchema }),
  overspending: z.object({ score: z.number(), monteCarlo: z.object({ var95: z.number() }) }),
  risk: z.object({ volatility: z.number(), var95: fraction }),
});

/** What the linear model says the measures it can target will be after the trades. */
const PredictedSchema = z.object({
  exposure: z.object({ headline: z.object({ themeHoldings: fraction, aiRevenueShare: fraction, coreFour: fraction }) }),
  concentration: z.object({ issuer: IssuerFiguresSchema }),
  overspending: z.object({ score: z.number() }),
});

const TradeSchema = z.object({
  symbol: z.string(),
  side: z.enum(['sell', 'buy']),
  quantity: z.number().positive().describe('shares'),
  price: z.number().positive().describe('close on asOf in the listing currency'),
  currency: z.string().describe('the listing currency'),
  value: money.describe('quantity × price × rate, in the base currency'),
  cost: money.describe('estimated trading cost: fixed per trade plus basis points of the value'),
  tax: money.nullable().describe('estimated tax on the realised gain; null when it cannot be estimated'),
  taxRule: MessageSchema.describe('the tax rule applied, or why none was'),
});

const HoldingAfterSchema = z.object({
  symbol: z.string().describe('CASH for cash'),
  quantity: z.number().positive().describe('shares; for cash, the amount in its currency'),
  currency: z.string().describe('the listing currency, or the cash currency'),
  value: money,
});

const BindingSchema = z.object({
  target: z.enum(TARGET_NAMES),
  limit: z.number(),
  value: z.number().describe("the linear model's value after the trades, at the limit"),
  issuer: z.string().optional().describe('for an issuer cap: the issuer at the cap'),
});

export const WhatIfSchema = z.object({
  schemaVersion: z.literal(WHATIF_SCHEMA_VERSION),
  disclaimer: MessageSchema.describe('an illustration of trades that meet the targets, not investment advice'),
  generatedAt: z.string(),
  asOf: z.string().describe('the day every figure is valued on'),
  baseCurrency: z.string().length(3),
  fileName: z.string(),
  targets: z
    .object({
      maxAiRevenueShare: fraction.optional(),
      maxThemeHoldings: fraction.optional(),
      maxIssuer: fraction.optional(),
      maxCoreFour: fraction.optional(),
      maxScore: z.number().optional().describe('0–100'),
    })
    .describe('the ceilings asked for'),
  settings: z.object({
    onlySell: z.boolean(),
    buy: z.array(z.string()),
    minTrade: money.nullable(),
    wholeShares: z.boolean(),
    costBps: z.number(),
    costPerTrade: money,
    tax: z.enum(['it', 'none']),
  }),
  trades: z.array(TradeSchema).describe('sells first, then buys; largest first'),
  turnover: money.describe('Σ |trade value|: what the trades minimise'),
  costs: money.describe('Σ trade cost'),
  taxes: money.describe('Σ estimated tax (trades whose tax cannot be estimated count 0, and say so)'),
  holdingsAfter: z.array(HoldingAfterSchema),
  before: MeasuresSchema,
  after: MeasuresSchema.describe('the analysis of holdingsAfter on the same market data'),
  predicted: PredictedSchema,
  binding: z.array(BindingSchema).describe('targets the trades meet exactly: loosening one would save turnover'),
  check: z.object({
    agrees: z.boolean().describe('the re-analysis equals the linear prediction within the tolerance'),
    tolerance: z.number(),
    largestDifference: z.number(),
    message: MessageSchema.nullable(),
  }),
  notes: z.array(MessageSchema),
});

export type WhatIfDocument = z.infer<typeof WhatIfSchema>;
export type Measures = z.infer<typeof MeasuresSchema>;
export type Trade = z.infer<typeof TradeSchema>;
export type HoldingAfter = z.infer<typeof HoldingAfterSchema>;
export type Binding = z.infer<typeof BindingSchema>;
