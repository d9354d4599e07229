import { z } from 'zod';

/**
 * The canonical AnalysisReport. Field names and meanings are a contract (docs/methodology.md):
 * later versions add fields, never rename or re-mean these.
 */

const fraction = z.number().describe('a fraction: 0.25 means 25 %');

export const WarningSchema = z.object({
  code: z.string().describe('machine-readable reason, e.g. "demo_data", "etf_without_constituents"'),
  message: z.string(),
  symbols: z.array(z.string()).optional(),
});

export const DataSourceSchema = z.object({
  kind: z.enum(['csv', 'demo']),
  description: z.string(),
  pricesDir: z.string().optional(),
  etfHoldingsDir: z.string().optional(),
  seed: z.number().int().optional(),
  notice: z.string().optional().describe('shown wherever the report is shown, e.g. the demo-data notice'),
});

export const HoldingSchema = z.object({
  symbol: z.string().describe('Yahoo symbol; CASH for a cash balance'),
  name: z.string().optional(),
  isin: z.string().optional(),
  quantity: z.number().positive().describe('shares (implied from value or weight when the file gave those); for cash, the amount'),
  price: z.number().positive().describe('close on asOf (unadjusted), in the holding currency; 1 for cash'),
  currency: z.string().length(3),
  marketValue: z.number().nonnegative(),
  weight: fraction,
  kind: z.enum(['equity', 'fund', 'unknown', 'cash']),
  sizedBy: z.enum(['quantity', 'marketValue', 'weight']).describe('how the file gave the size of this position'),
  rows: z.array(z.number().int().positive()).describe('rows of the input file merged into this holding'),
  accounts: z
    .array(z.object({ account: z.string(), rows: z.array(z.number().int()), quantity: z.number().optional(), marketValue: z.number().optional(), weight: z.number().optional() }))
    .optional()
    .describe('per-account detail when the file names accounts'),
});

export const RowProblemSchema = z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() });

const CoreFourSchema = z.object({ AMZN: fraction, MSFT: fraction, GOOGL: fraction, NVDA: fraction, total: fraction });

export const AnalysisReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string().describe('ISO timestamp of the analysis'),
  asOf: z.string().describe('valuation date: latest day on which every held symbol and the core four have a price'),
  baseCurrency: z.literal('USD'),
  input: z.object({
    fileName: z.string(),
    format: z.string().describe('adapter that read the file, e.g. "degiro", "generic"'),
    rows: z.number().int().describe('rows read below the header'),
    positions: z.number().int(),
    rejected: z.array(RowProblemSchema).describe('rows left out of the analysis, with where and why'),
    skipped: z.number().int().describe('rows recognised as not positions (totals, titles, footers)'),
  }),
  dataSource: DataSourceSchema,
  holdings: z.array(HoldingSchema),
  totals: z.object({ marketValue: z.number().nonnegative() }),
  exposure: z.object({
    coreFour: CoreFourSchema.describe('direct weight plus ETF look-through; GOOG counts as GOOGL'),
    funds: z.array(
      z.object({
        symbol: z.string(),
        weight: fraction,
        constituentsAsOf: z.string().nullable(),
        constituentsSource: z.string().nullable(),
        constituentsCoverage: fraction.describe('share of the fund named in its constituents file'),
      }),
    ),
  }),
  concentration: z.object({ hhi: z.number(), effectiveN: z.number(), top1: fraction, top5: fraction, top10: fraction }),
  risk: z.object({
    lookbackDays: z.number().int().positive(),
    returnsFrom: z.string().describe('first day whose return is in the window (the day before is its base)'),
    volatility: z.number().describe('annualised: sample sd of daily returns × √252'),
    betaToAiBasket: z.number(),
    var95: fraction.describe('one-day historical VaR at 95 %, positive loss'),
    es95: fraction.describe('one-day historical expected shortfall at 95 %, positive loss'),
    maxDrawdown: fraction,
  }),
  warnings: z.array(WarningSchema),
});

export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
export type ReportWarning = z.infer<typeof WarningSchema>;
export type ReportHolding = z.infer<typeof HoldingSchema>;
