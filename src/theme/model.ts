import { z } from 'zod';
import { message, type Message } from '../i18n';
import { Confidence, ROLES, SEGMENTS, type Role, type Segment } from './enums';

const Sourced = z.object({ value: z.number().nonnegative(), source: z.string().min(1), confidence: Confidence });
const share = z.number().min(0).max(1);

export const CompanySchema = z
  .object({
    symbol: z.string().min(1),
    aliases: z.array(z.string()).optional().describe('other listings or share classes of the same issuer'),
    name: z.string(),
    roles: z.array(z.enum(ROLES)).min(1),
    segments: z.partialRecord(z.enum(SEGMENTS), share),
    relevance: share.describe('share of revenue from theme segments (0–1)'),
    basis: z.object({
      fiscalYear: z.string(),
      periodEnd: z.string().optional(),
      text: z.string(),
      source: z.string(),
      confidence: Confidence,
    }),
    financials: z
      .array(
        z.object({
          fiscalYear: z.string(),
          periodEnd: z.string().optional(),
          revenue: Sourced,
          capex: Sourced,
          operatingCashFlow: Sourced,
        }),
      )
      .optional()
      .describe('annual figures, oldest first; buyers need them for capex intensity'),
  })
  .refine((c) => Math.abs(Object.values(c.segments).reduce((s, v) => s + (v ?? 0), 0) - c.relevance) < 1e-6, {
    message: 'segment shares must add up to relevance',
  });

export const ThemeModelSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  updated: z.string(),
  description: z.string(),
  segments: z.record(z.enum(SEGMENTS), z.string()),
  companies: z.array(CompanySchema),
  industryDefaults: z.array(
    z.object({
      industry: z.string(),
      roles: z.array(z.enum(ROLES)).min(1),
      segment: z.enum(SEGMENTS),
      relevance: share,
    }),
  ),
});

export type Company = z.infer<typeof CompanySchema>;
export type ThemeModel = z.infer<typeof ThemeModelSchema>;

/** A holding's place in the theme: from the model, inferred from its industry, or outside it. */
export interface ThemeClassification {
  issuer: string;
  roles: Role[];
  segments: Partial<Record<Segment, number>>;
  relevance: number;
  confidence: Confidence | 'none';
  source: Message;
}

export function classifier(model: ThemeModel): (issuer: string, industry?: string) => ThemeClassification {
  const bySymbol = new Map<string, Company>();
  for (const c of model.companies) {
    bySymbol.set(c.symbol, c);
    for (const a of c.aliases ?? []) bySymbol.set(a, c);
  }
  return (issuer, industry) => {
    const company = bySymbol.get(issuer);
    if (company !== undefined) {
      return {
        issuer: company.symbol,
        roles: company.roles,
        segments: company.segments,
        relevance: company.relevance,
        confidence: company.basis.confidence,
        source: message('theme.company_basis', {
          text: company.basis.text,
          fiscalYear: company.basis.fiscalYear,
          source: company.basis.source,
        }),
      };
    }
    const fallback = industry === undefined ? undefined : model.industryDefaults.find((d) => d.industry === industry);
    if (fallback !== undefined) {
      return {
        issuer,
        roles: fallback.roles,
        segments: { [fallback.segment]: fallback.relevance },
        relevance: fallback.relevance,
        confidence: 'inferred',
        source: message('theme.industry_default', { industry: fallback.industry }),
      };
    }
    return { issuer, roles: [], segments: {}, relevance: 0, confidence: 'none', source: message('theme.not_in_model') };
  };
}
