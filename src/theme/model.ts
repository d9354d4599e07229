import { z } from 'zod';
import { message, type Message } from '../i18n';
import { Confidence, ROLES, SEGMENTS, type Role, type Segment } from './enums';
import type { IssuerResolver } from './issuers';

const share = z.number().min(0).max(1);
/** Format errors name the expected form, which reads the same in every language. */
const FiscalYear = z.string().regex(/^FY\d{4}$/, 'FY2025');
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Url = z.string().url('https://…');
/** A refinement's reason as a catalogue code (src/i18n/catalogue/theme.ts). */
const reason = (code: string, path: string) => ({ message: code, path: [path], params: { reason: code } });

/** Every figure says where it comes from; an estimate also says how it was reached. */
const sourced = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject({
      ...shape,
      source: z.string().min(1),
      url: Url.optional(),
      confidence: Confidence,
      reasoning: z.string().optional(),
    })
    .refine(
      (f) => hasReasoning(f as { confidence: Confidence; reasoning?: string }),
      reason('themefile.estimate_reasoning', 'reasoning'),
    );

function hasReasoning(f: { confidence: Confidence; reasoning?: string }): boolean {
  return f.confidence !== 'estimate' || (f.reasoning ?? '').trim() !== '';
}

/** A filing-level figure that brackets a value which itself is reported or estimated (TSMC's HPC platform). */
const BoundSchema = sourced({
  side: z.enum(['upper', 'lower']),
  value: share,
  fiscalYear: FiscalYear,
  basis: z.string().min(1),
});

/**
 * The one relevance definition: the share of the latest fiscal year's revenue from products and
 * services sold into the AI data-centre build-out (docs/theme-data.md).
 */
const RelevanceSchema = sourced({
  value: share,
  fiscalYear: FiscalYear,
  periodEnd: IsoDay.optional(),
  numerator: z
    .number()
    .nonnegative()
    .nullable()
    .default(null)
    .describe('USD, when the figure is a ratio of two amounts'),
  denominator: z.number().positive().nullable().default(null),
  basis: z.string().min(1).describe('what was divided by what'),
  note: z.string().optional(),
  bound: BoundSchema.optional(),
}).refine(
  (r) => r.numerator === null || r.denominator === null || Math.abs(r.numerator / r.denominator - r.value) < 5e-4,
  reason('themefile.ratio', 'value'),
);

const SharePoint = sourced({ value: share, fiscalYear: FiscalYear });

const BuyerYearSchema = sourced({
  fiscalYear: FiscalYear,
  periodEnd: IsoDay,
  revenue: z.number().positive().nullable(),
  capex: z.number().nonnegative().nullable(),
  operatingCashFlow: z.number().nullable(),
  note: z.string().optional(),
});

/** Capex buyers are characterised apart from relevance: what they spend, against what they earn. */
const BuyerSchema = z.strictObject({
  financials: z.array(BuyerYearSchema).min(1).describe('annual figures in USD, oldest first'),
  aiCapexShare: SharePoint.optional(),
  cloudRevenueShare: SharePoint.optional(),
});

const DependenceSchema = z.strictObject({
  topCustomer: sourced({
    share: share.describe("the customers' share of revenue"),
    customers: z.number().int().positive().describe('how many customers the share covers (1: a single customer)'),
    customer: z.string().min(1),
    period: z.string().min(1),
  }).optional(),
  backlog: sourced({
    value: z.number().positive().describe('USD'),
    asOf: IsoDay,
    what: z.string().min(1),
    largestCounterparty: z.strictObject({ name: z.string().min(1), share }).optional(),
  }).optional(),
  commitments: z.array(z.string().min(1)).optional().describe('ids in data/themes/commitments.json'),
  note: z.string().optional(),
});

const CompanySchema = z
  .strictObject({
    issuer: z.string().min(1).describe('issuer id of data/instruments.csv'),
    name: z.string().min(1),
    roles: z.array(z.enum(ROLES)),
    segments: z.partialRecord(z.enum(SEGMENTS), share),
    relevance: RelevanceSchema,
    buyer: BuyerSchema.optional(),
    dependence: DependenceSchema.optional(),
  })
  .refine((c) => addsUp(c.segments, c.relevance.value), reason('themefile.segments_sum', 'segments'))
  .refine((c) => c.roles.length > 0 || c.relevance.value === 0, reason('themefile.role_needed', 'roles'))
  .refine((c) => c.buyer === undefined || c.roles.includes('capexBuyer'), reason('themefile.buyer_role', 'buyer'));

function addsUp(segments: Partial<Record<Segment, number>>, value: number): boolean {
  return Math.abs(Object.values(segments).reduce((s, v) => s + (v ?? 0), 0) - value) < 1e-6;
}

const IndustryDefaultSchema = z.strictObject({
  industry: z.string().min(1).describe("Yahoo's industry name"),
  roles: z.array(z.enum(ROLES)).min(1),
  segment: z.enum(SEGMENTS),
  relevance: share,
  reasoning: z.string().min(1),
  exclude: z
    .array(z.strictObject({ issuer: z.string().min(1), reason: z.string().min(1) }))
    .optional()
    .describe('issuers of the industry the default must not reach (tower REITs are not data centres)'),
});

export const ThemeModelSchema = z
  .strictObject({
    id: z.string().min(1),
    version: z.number().int(),
    updated: IsoDay,
    relevanceDefinition: z.string().min(1),
    confidenceLevels: z.record(Confidence, z.string().min(1)),
    segments: z.record(z.enum(SEGMENTS), z.string()),
    industryDefaults: z.array(IndustryDefaultSchema),
    companies: z.array(CompanySchema),
  })
  .superRefine((m, ctx) => {
    const seen = new Map<string, number>();
    m.companies.forEach((c, i) => {
      if (seen.has(c.issuer))
        ctx.addIssue({
          code: 'custom',
          path: ['companies', i, 'issuer'],
          message: 'themefile.duplicate_issuer',
          params: { reason: 'themefile.duplicate_issuer', first: `companies[${seen.get(c.issuer)}]` },
        });
      seen.set(c.issuer, i);
    });
  });

/**
 * A user's overrides file: only some relevance figures, each for an issuer named by any of its
 * listings. A company the model lacks needs its name, roles and segments too.
 */
const OverrideSchema = z
  .strictObject({
    issuer: z.string().min(1).describe('issuer id or any listing of it (ASML.AS, 2330.TW)'),
    name: z.string().min(1).optional(),
    roles: z.array(z.enum(ROLES)).optional(),
    segments: z.partialRecord(z.enum(SEGMENTS), share).optional(),
    relevance: sourced({
      value: share,
      fiscalYear: FiscalYear,
      basis: z.string().min(1).optional(),
    }),
  })
  .refine(
    (o) => o.segments === undefined || addsUp(o.segments, o.relevance.value),
    reason('themefile.segments_sum', 'segments'),
  );

export const OverridesFileSchema = z.strictObject({
  note: z.string().optional(),
  overrides: z.array(OverrideSchema).min(1),
});

export type Override = z.infer<typeof OverrideSchema>;
export type Company = z.infer<typeof CompanySchema>;
export type ThemeModel = z.infer<typeof ThemeModelSchema>;

/** A holding's place in the theme: from the model, inferred from its industry, or outside it. */
export interface ThemeClassification {
  issuer: string;
  roles: Role[];
  segments: Partial<Record<Segment, number>>;
  relevance: number;
  confidence: Confidence | 'inferred' | 'none';
  /** Fiscal year of the relevance figure (null for a default or an issuer outside the model). */
  fiscalYear: string | null;
  /** A company figure that came from the user's own theme file rather than ours. */
  fromUser?: boolean;
  source: Message;
}

/**
 * Classifies issuers (already resolved: `GOOG` is `GOOGL` before it gets here): the model's figure,
 * else the default of the issuer's industry — our instruments table's industry first, so a default
 * reaches an issuer however it is held, then the one the market data gives for a held listing.
 */
export function classifier(
  model: ThemeModel,
  issuers: Pick<IssuerResolver, 'industryOf'>,
  userIssuers: ReadonlySet<string> = new Set(),
): (issuer: string, marketIndustry?: string) => ThemeClassification {
  const byIssuer = new Map(model.companies.map((c) => [c.issuer, c]));
  return (issuer, marketIndustry) => {
    const company = byIssuer.get(issuer);
    if (company !== undefined) return fromCompany(company, userIssuers.has(issuer));
    const industry = issuers.industryOf(issuer) ?? marketIndustry;
    const fallback = model.industryDefaults.find(
      (d) => d.industry === industry && !(d.exclude ?? []).some((x) => x.issuer === issuer),
    );
    if (fallback !== undefined) {
      return {
        issuer,
        roles: fallback.roles,
        segments: { [fallback.segment]: fallback.relevance },
        relevance: fallback.relevance,
        confidence: 'inferred',
        fiscalYear: null,
        source: message('theme.industry_default', { industry: fallback.industry }),
      };
    }
    return {
      issuer,
      roles: [],
      segments: {},
      relevance: 0,
      confidence: 'none',
      fiscalYear: null,
      source: message('theme.not_in_model'),
    };
  };
}

function fromCompany(company: Company, fromUser: boolean): ThemeClassification {
  const r = company.relevance;
  return {
    issuer: company.issuer,
    roles: company.roles,
    segments: company.segments,
    relevance: r.value,
    confidence: r.confidence,
    fiscalYear: r.fiscalYear,
    ...(fromUser && { fromUser }),
    source: message(fromUser ? 'theme.user_figure' : 'theme.company_figure', {
      basis: r.basis,
      fiscalYear: r.fiscalYear,
      source: r.source,
    }),
  };
}
