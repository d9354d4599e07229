import type { IssuerExposure } from './look-through';
import { SEGMENTS, type Role, type Segment } from './enums';
import type { ThemeClassification } from './model';

export interface IssuerThemeExposure extends IssuerExposure {
  classification: ThemeClassification;
  /** weight × relevance: how much of the portfolio moves with the theme through this issuer. */
  themeWeight: number;
}

export interface ThemeExposure {
  aiInfrastructure: number;
  byRole: { capexBuyers: number; capexSellers: number };
  bySegment: Record<Segment, number>;
  issuers: IssuerThemeExposure[];
}

/**
 * Theme exposure = Σ issuer look-through weight × relevance. Role totals count an issuer that both
 * buys and sells (AMZN, MSFT, GOOGL, ORCL) in each role it has, so buyers + sellers can exceed the
 * total; segments split relevance, so they add up to the total exactly.
 */
export function themeExposure(
  issuers: readonly IssuerExposure[],
  classify: (issuer: string) => ThemeClassification,
): ThemeExposure {
  const bySegment = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
  const byRole: Record<Role, number> = { capexBuyer: 0, capexSeller: 0 };
  let total = 0;
  const out: IssuerThemeExposure[] = issuers.map((e) => {
    const classification = classify(e.issuer);
    const themeWeight = e.weight * classification.relevance;
    total += themeWeight;
    for (const role of classification.roles) byRole[role] += themeWeight;
    for (const [segment, share] of Object.entries(classification.segments) as [Segment, number][])
      bySegment[segment] += e.weight * share;
    return { ...e, classification, themeWeight };
  });
  return {
    aiInfrastructure: total,
    byRole: { capexBuyers: byRole.capexBuyer, capexSellers: byRole.capexSeller },
    bySegment,
    issuers: out,
  };
}
