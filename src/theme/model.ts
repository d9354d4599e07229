import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SEGMENTS = [
  'cloudPlatforms',
  'accelerators',
  'foundryEquipment',
  'memory',
  'networking',
  'servers',
  'dataCentres',
  'powerCooling',
  'aiPlatforms',
] as const;
export type Segment = (typeof SEGMENTS)[number];
export const ROLES = ['capexBuyer', 'capexSeller'] as const;
export type Role = (typeof ROLES)[number];

/** How much to trust a figure: from a filing, a company release quoted elsewhere, computed from others, recalled, or inferred from an industry. */
export const Confidence = z.enum(['filing', 'reported', 'derived', 'memory-unverified', 'inferred']);
export type Confidence = z.infer<typeof Confidence>;

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

export const THEME_FILE = path.resolve(__dirname, '../../data/themes/ai-infrastructure.json');

let cached: ThemeModel | undefined;

export function loadThemeModel(file = THEME_FILE): ThemeModel {
  if (file === THEME_FILE && cached !== undefined) return cached;
  const model = ThemeModelSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (file === THEME_FILE) cached = model;
  return model;
}

/** A holding's place in the theme: from the model, inferred from its industry, or outside it. */
export interface ThemeClassification {
  issuer: string;
  roles: Role[];
  segments: Partial<Record<Segment, number>>;
  relevance: number;
  confidence: Confidence | 'none';
  source: string;
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
        source: `${company.basis.text} (${company.basis.fiscalYear}; ${company.basis.source})`,
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
        source: `industry default for "${industry}"`,
      };
    }
    return { issuer, roles: [], segments: {}, relevance: 0, confidence: 'none', source: 'not in the theme model' };
  };
}
