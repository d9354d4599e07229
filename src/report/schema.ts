import { z } from 'zod';
import type { MessageParam } from '../i18n';
import { CORE_FOUR, HOLDING_CONFIDENCE, ROLES, SEGMENTS } from '../theme/enums';
import { DependenceSectionSchema } from './theme-schema';

/**
 * The canonical AnalysisReport. Field names and meanings are a contract (docs/methodology.md):
 * a version adds fields; a change of meaning bumps `schemaVersion` and is listed in the methodology.
 * Every sentence is a message: a catalogue code with its values (rendered per language by the
 * report layer) and its English text beside it for API readers.
 */
export const SCHEMA_VERSION = 4;

const fraction = z.number().describe('a fraction: 0.25 means 25 %');

const MessageParamSchema: z.ZodType<MessageParam> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.string()),
    z.object({ code: z.string(), params: z.record(z.string(), MessageParamSchema) }),
    z.array(z.object({ code: z.string(), params: z.record(z.string(), MessageParamSchema) })),
  ]),
);

/** A sentence as data: `code` names it in the catalogues (en, it), `params` fill it, `message` is its English text. */
export const MessageSchema = z.object({
  code: z.string().describe('catalogue code, e.g. "warn.etf_without_constituents"'),
  params: z.record(z.string(), MessageParamSchema).describe('the values the sentence is built from'),
  message: z.string().describe('the sentence in English'),
});

const WarningSchema = MessageSchema.extend({ symbols: z.array(z.string()).optional() });

const DataSourceSchema = z.object({
  kind: z.enum(['csv', 'demo', 'yahoo']),
  stale: z
    .array(z.object({ symbol: z.string(), fetchedAt: z.string(), reason: MessageSchema }))
    .optional()
    .describe('symbols served from the cache because the source failed'),
  missing: z
    .array(z.object({ symbol: z.string(), reason: MessageSchema, share: fraction.nullable() }))
    .optional()
    .describe(
      'held symbols with no data from the source or the cache, left out, with their share of the value when the file says it',
    ),
  description: MessageSchema,
  seed: z.number().int().optional(),
});

const VersionsSchema = z.object({
  product: z.string().describe('ai-exposure version that made the report'),
  methodology: z.string().describe('version of the methods (docs/methodology.md); a change of meaning bumps it'),
  data: z.record(z.string(), z.string()).describe('version or content hash of each reference data file used'),
});

const HoldingSchema = z.object({
  symbol: z.string().describe('Yahoo symbol; CASH for a cash balance'),
  name: z.string().optional(),
  isin: z.string().optional(),
  quantity: z
    .number()
    .positive()
    .describe('shares (implied from value or weight when the file gave those); for cash, the amount'),
  price: z.number().positive().describe('close on asOf (unadjusted), in the holding currency; 1 for cash'),
  currency: z.string().length(3).describe('currency of price (Yahoo spelling: GBp is pence)'),
  fxRate: z.number().positive().optional().describe('base-currency value of one unit of price on asOf, when not 1'),
  marketValue: z.number().nonnegative().describe('in the base currency'),
  weight: fraction,
  kind: z.enum(['equity', 'fund', 'unknown', 'cash']),
  sizedBy: z.enum(['quantity', 'marketValue', 'weight']).describe('how the file gave the size of this position'),
  costBasis: z
    .number()
    .nonnegative()
    .optional()
    .describe(
      "average cost per unit as the file gave it, in the listing's currency: a what-if on this stored analysis estimates the tax on a sale's gain from it",
    ),
  rows: z.array(z.number().int().positive()).describe('rows of the input file merged into this holding'),
  theme: z
    .object({
      relevance: fraction.describe(
        'look-through share of this holding that is AI-infrastructure revenue (weight × relevance / weight)',
      ),
      buyerShare: fraction.describe(
        'part of the relevance from capex buyers (an issuer in both roles counts half in each)',
      ),
      sellerShare: fraction,
      memberBuyerShare: fraction.describe('look-through share of this holding in capex buyers (members of the chain)'),
      memberSellerShare: fraction.describe(
        'look-through share of this holding in companies that only sell into the build-out',
      ),
      roles: z.array(z.enum(ROLES)),
      confidence: z.enum(HOLDING_CONFIDENCE),
      source: MessageSchema,
    })
    .optional(),
  accounts: z
    .array(
      z.object({
        account: z.string(),
        rows: z.array(z.number().int()),
        quantity: z.number().optional(),
        marketValue: z.number().optional(),
        weight: z.number().optional(),
      }),
    )
    .optional()
    .describe('per-account detail when the file names accounts'),
});

const RowProblemSchema = MessageSchema.extend({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string().describe('the English text (same as message)'),
});

const CoreFourSchema = z.object({
  ...(Object.fromEntries(CORE_FOUR.map((k) => [k, fraction])) as Record<(typeof CORE_FOUR)[number], typeof fraction>),
  total: fraction,
});
const ConcentrationFiguresSchema = z.object({
  hhi: z.number(),
  effectiveN: z.number(),
  top1: fraction,
  top5: fraction,
  top10: fraction,
});
const PathSchema = z.object({
  via: z.string().describe('"direct" or the fund chain, e.g. "QQQ" or "AOR > IVV"'),
  listing: z.string().optional().describe('for a direct path, the listing held (ASML and ASML.AS are one issuer)'),
  weight: fraction,
});

const ByRoleSchema = z.object({ capexBuyers: fraction, capexSellers: fraction });

/** The four measures of AI exposure, defined in docs/methodology.md, shown together on page 1. */
const HeadlineSchema = z.object({
  themeHoldings: fraction.describe('look-through weight in companies of the AI-infrastructure chain (any role)'),
  themeHoldingsByRole: ByRoleSchema.describe('themeHoldings by primary role; they add up to it'),
  aiRevenueShare: fraction.describe(
    'Σ look-through weight × relevance: the share of the money that is AI-infrastructure revenue',
  ),
  aiRevenueShareByRole: ByRoleSchema.describe('aiRevenueShare by primary role; they add up to it'),
  netAiBeta: z
    .number()
    .describe('beta to the AI basket net of the market: two-factor regression on SPY and the basket residual'),
  netAiBetaR2: fraction.describe("share of the portfolio's variance the net-AI factor explains"),
  marketBeta: z.number().describe('beta to SPY in the same two-factor regression'),
  marketR2: fraction.describe("share of the portfolio's variance the market explains"),
  coreFour: fraction.describe('Amazon, Microsoft, Alphabet and NVIDIA, held directly and through funds'),
});

export const AnalysisReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string().describe('ISO timestamp of the analysis'),
  versions: VersionsSchema,
  asOf: z.string().describe('valuation date: latest day on which every held symbol and the core four have a price'),
  baseCurrency: z.string().length(3).describe('currency of every value and return in the report'),
  baseCurrencySource: z
    .enum(['asked', 'file', 'default'])
    .describe('asked for; the currency of every value in the file; or the default (USD)'),
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
        constituentsAsOf: z
          .string()
          .nullable()
          .describe('date of the constituents list; null when it has none that parses (undated)'),
        constituentsAgeDays: z.number().int().nullable().describe('days from that date to asOf'),
        constituentsStale: z.boolean().describe('older than 12 months (still used unless excluded)'),
        constituentsExcluded: z.boolean().describe('left out by the maximum age: the fund is one opaque issuer'),
        constituentsSource: z.string().nullable(),
        constituentsVia: z
          .object({
            index: z.string(),
            indexName: z.string(),
            list: z.string(),
            filter: z.string(),
            proxy: z.boolean(),
          })
          .nullable()
          .describe(
            "the fund was looked through with its index's list (another fund's file); proxy: that list stands in for the index",
          ),
        constituentsCoverage: fraction.describe('share of the fund named in its constituents file'),
      }),
    ),
    headline: HeadlineSchema,
    currency: z
      .object({
        byListing: z
          .record(z.string(), fraction)
          .describe('share of the value by the currency each line is listed (or held, for cash) in'),
        byIssuerHome: z
          .record(z.string(), fraction)
          .describe(
            "share of the value by the home currency of the issuers it owns after look-through (the country of our instruments table or the fund provider's location; cash in its own currency)",
          ),
        issuerHomeUnattributed: fraction.describe(
          'share of the value whose issuers are not known (fund weight not looked through, unknown issuers)',
        ),
      })
      .describe('what the value is denominated in'),
    aiInfrastructure: fraction.describe('Σ issuer look-through weight × relevance (= headline.aiRevenueShare)'),
    byRole: ByRoleSchema.describe('aiInfrastructure by primary role: each issuer once; they add up to it'),
    bySegment: z.object(
      Object.fromEntries(SEGMENTS.map((k) => [k, fraction])) as Record<(typeof SEGMENTS)[number], typeof fraction>,
    ),
    lookThroughCoverage: fraction.describe('share of the weight held in funds that was resolved to named issuers'),
    unresolved: z.array(
      z.object({
        fund: z.string(),
        weight: fraction,
        reason: z.enum(['no-constituents', 'unlisted-remainder', 'nesting-too-deep']),
        largestPiece: fraction
          .optional()
          .describe(
            "an unlisted remainder: the most one unseen issuer in it can weigh (the fund's smallest listed piece), which bounds the issuer concentration",
          ),
      }),
    ),
    issuers: z.array(
      z.object({
        issuer: z.string(),
        weight: fraction,
        themeWeight: fraction,
        relevance: fraction,
        roles: z.array(z.enum(ROLES)),
        confidence: z.enum(HOLDING_CONFIDENCE).describe('where the relevance figure comes from (docs/theme-data.md)'),
        fiscalYear: z.string().nullable().describe('fiscal year of the relevance figure'),
        paths: z.array(PathSchema),
      }),
    ),
    issuersOmitted: z
      .object({ count: z.number().int(), weight: fraction })
      .describe('`issuers` holds those in the theme and the 25 largest (all with allIssuers); these are the rest'),
    dependence: DependenceSectionSchema,
  }),
  concentration: ConcentrationFiguresSchema.extend({
    issuer: ConcentrationFiguresSchema.nullable().describe(
      'after look-through, on the non-cash value: a fund not looked through counts as one opaque issuer; the unlisted remainder of a partly listed fund adds its largest possible HHI (each unlisted name as large as the smallest listed one), so effectiveN is a floor; null when all is cash',
    ),
    issuerCoverage: z.object({
      named: fraction.describe('share of the non-cash value resolved to named issuers'),
      opaque: fraction.describe('share of the non-cash value in funds counted as one opaque issuer'),
      unlisted: fraction.describe('share of the non-cash value in unlisted fund remainders, left out'),
      cash: fraction.describe('share of the portfolio in cash, left out'),
      opaqueFunds: z.array(z.string()),
    }),
    grade: z
      .enum(['A', 'B', 'C', 'D', 'E'])
      .nullable()
      .describe('by issuer effective N: A ≥ 30, B ≥ 15, C ≥ 8, D ≥ 4, E below'),
    theme: fraction.describe('the AI-infrastructure theme as a concentration of its own'),
    intersections: z
      .array(z.object({ issuer: z.string(), weight: fraction, paths: z.array(PathSchema) }))
      .describe('issuers above 5 % with the paths that put them there'),
    rules: z.array(
      MessageSchema.extend({
        id: z.string(),
        label: z.string().describe("the rule's name in English; the catalogue has it as rule.<id>"),
        status: z.enum(['pass', 'warn', 'fail']),
        value: z.number(),
        thresholds: z.record(z.string(), z.number()),
        offenders: z.array(z.string()),
      }),
    ),
  }),
  risk: z.object({
    lookbackDays: z.number().int().positive(),
    returnsFrom: z.string().describe('first day whose return is in the window (the day before is its base)'),
    volatility: z.number().describe('annualised: sample sd of daily returns × √252'),
    betaToAiBasket: z.number(),
    var95: fraction.describe('one-day historical VaR at 95 %, positive loss'),
    es95: fraction.describe('one-day historical expected shortfall at 95 %, positive loss'),
    maxDrawdown: fraction,
    betaToMarket: z.number().describe('against SPY, same definition as betaToAiBasket'),
    aiBasketRSquared: fraction,
    fxShareOfVariance: z
      .number()
      .describe(
        "share of the portfolio's variance that comes from exchange rates into the base currency (Euler split)",
      ),
    riskContributions: z
      .array(z.object({ symbol: z.string(), share: z.number() }))
      .describe('share_i = w_i·cov(r_i, r_p)/var(r_p); sums to 1'),
    drawdownSeries: z
      .array(z.object({ date: z.string(), value: z.number(), drawdown: fraction }))
      .describe(
        "wealth of today's portfolio over the window (start = 1) and its drawdown; weekly points plus the deepest day",
      ),
    rollingBetaToAiBasket: z
      .array(z.object({ date: z.string(), beta: z.number() }))
      .describe('63-day trailing beta, weekly points'),
    correlation: z.object({
      symbols: z.array(z.string()),
      matrix: z.array(z.array(z.number())),
      method: z.enum(['sample', 'ledoit-wolf']),
      shrinkage: z.number(),
    }),
  }),
  summary: z.object({
    aiShare: fraction,
    aiShareDirect: fraction.describe('the part held directly (stocks)'),
    aiShareThroughFunds: fraction.describe('the part held through funds (look-through)'),
    topThemeIssuer: z
      .object({ issuer: z.string(), shareOfTheme: fraction })
      .nullable()
      .describe('the issuer carrying the largest part of the theme exposure'),
    effectiveIssuers: z.number().nullable(),
    concentrationVerdict: z
      .enum(['diversified', 'watch', 'concentrated'])
      .describe('concentrated: a rule failed; watch: a rule warned'),
  }),
  overspending: z.object({
    score: z
      .number()
      .min(0)
      .max(100)
      .describe('the estimated loss in the AI capex bust scenario, in percent of the portfolio, clipped to 0–100'),
    expectedLoss: z.number().describe('the estimated loss in the scenario as a fraction (negative: a gain)'),
    scenario: z.object({
      id: z.string(),
      basketMove: z.number().describe("the AI basket's move in the scenario"),
      marketMove: z.number().describe("the market's (SPY) move in the scenario"),
      sellerExtraFall: z.number().describe('further fall of a pure seller, scaled by its AI revenue share'),
      window: z.object({ start: z.string(), end: z.string() }),
      lossAtScore100: fraction,
    }),
    reference2000: z
      .object({ basketMove: z.number(), marketMove: z.number(), loss: z.number() })
      .describe('the same holdings in a bust as deep as 2000–02 (Nasdaq-100 and S&P 500 as proxies)'),
    contributions: z
      .array(
        z.object({
          symbol: z.string(),
          weight: fraction,
          betaToAiBasket: z.number(),
          marketBeta: z.number(),
          netAiBeta: z.number(),
          sellerRevenueShare: fraction,
          scenarioReturn: z.number(),
          contribution: z.number().describe('−weight × scenario return: part of the loss; they add up to expectedLoss'),
        }),
      )
      .describe('who loses what in the scenario, largest first'),
    topReasons: z.array(MessageSchema).describe('the holdings contributing most to the loss'),
    shocks: z.array(
      z.object({
        shock: z.number(),
        portfolioReturn: z.number(),
        fromBuyers: z.number(),
        fromSellers: z.number(),
        fromRest: z.number(),
      }),
    ),
    historical: z.array(
      z.object({
        id: z.string(),
        label: MessageSchema,
        start: z.string().nullable(),
        end: z.string().nullable(),
        portfolioReturn: z.number().nullable(),
        holdings: z.array(z.object({ symbol: z.string(), return: z.number() })).describe("each holding's own return"),
        note: MessageSchema.optional(),
        why: MessageSchema.optional(),
        source: MessageSchema.optional(),
      }),
    ),
    fundamentals: z.object({
      buyers: z.array(
        z.object({
          issuer: z.string(),
          weight: fraction,
          fiscalYear: z.string(),
          capexToOperatingCashFlow: z.number(),
          capexToRevenue: z.number(),
          capexGrowth: z.number().nullable(),
          confidence: z.string(),
        }),
      ),
      sellers: z.array(
        z.object({ issuer: z.string(), weight: fraction, dependence: fraction, confidence: z.string() }),
      ),
      aggregate: z.object({
        buyerWeight: fraction,
        sellerWeight: fraction,
        capexToOperatingCashFlow: z.number().nullable(),
        capexToRevenue: z.number().nullable(),
        capexGrowth: z.number().nullable(),
        sellerDependence: z.number().nullable(),
      }),
    }),
    monteCarlo: z.object({
      paths: z.number().int(),
      horizonDays: z.number().int(),
      seed: z.number().int(),
      var95: z.number(),
      es95: z.number(),
      probLossOver20: fraction,
      mean: z.number().describe('simulated mean one-year simple return'),
      analyticalMean: z.number().describe('its exact value: bust probability × Σ w_i × scenario return_i'),
      meanStandardError: z.number(),
      median: z.number(),
      bustProbability: fraction,
      histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
      sensitivity: z
        .array(z.object({ bustProbability: fraction, basketFall: z.number(), var95: z.number(), es95: z.number() }))
        .describe('VaR95 and ES95 for other bust probabilities and basket falls'),
    }),
  }),
  warnings: z.array(WarningSchema),
});

export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
export type ReportHolding = z.infer<typeof HoldingSchema>;
