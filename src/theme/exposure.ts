import { SEGMENTS, type Role, type Segment } from './enums';
import type { IssuerExposure } from './look-through';
import type { ThemeClassification } from './model';

export interface IssuerThemeExposure extends IssuerExposure {
  classification: ThemeClassification;
  /** weight × relevance: how much of the portfolio's revenue exposure runs through this issuer. */
  themeWeight: number;
}

type ByRole = { capexBuyers: number; capexSellers: number };

export interface ThemeExposure {
  /** Σ issuer look-through weight × relevance (the AI revenue share). */
  aiInfrastructure: number;
  /** The AI revenue share by each issuer's primary role: they add up to it. */
  byRole: ByRole;
  bySegment: Record<Segment, number>;
  /** Look-through weight in companies of the AI-infrastructure chain (any role). */
  themeHoldings: number;
  themeHoldingsByRole: ByRole;
  issuers: IssuerThemeExposure[];
}

/**
 * The role an issuer counts under, so no issuer is counted twice: a company that spends the capex
 * (a hyperscaler, even one that also rents out compute) is a buyer; one that only sells into it is
 * a seller; one with no role is outside the chain.
 */
export function primaryRole(c: { roles: readonly Role[] }): Role | null {
  if (c.roles.includes('capexBuyer')) return 'capexBuyer';
  return c.roles.includes('capexSeller') ? 'capexSeller' : null;
}

const segmentLists = new WeakMap<ThemeClassification, [Segment, number][]>();

/** A classification's segments as a list, made once (a broad fund brings 1,000 issuers to each analysis). */
function segmentsOf(c: ThemeClassification): [Segment, number][] {
  let list = segmentLists.get(c);
  if (list === undefined) segmentLists.set(c, (list = Object.entries(c.segments) as [Segment, number][]));
  return list;
}

/**
 * Theme exposure of the look-through issuers: membership (weight in the chain), revenue share
 * (weight × relevance), by role (each issuer once, by its primary role) and by segment (segments
 * split relevance, so they add up to the revenue share exactly).
 */
export function themeExposure(
  issuers: readonly IssuerExposure[],
  classify: (issuer: string) => ThemeClassification,
): ThemeExposure {
  const bySegment = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
  const byRole: ByRole = { capexBuyers: 0, capexSellers: 0 };
  const holdingsByRole: ByRole = { capexBuyers: 0, capexSellers: 0 };
  let total = 0;
  let members = 0;
  const out: IssuerThemeExposure[] = issuers.map((e) => {
    const classification = classify(e.issuer);
    const themeWeight = e.weight * classification.relevance;
    total += themeWeight;
    const role = primaryRole(classification);
    if (role !== null) {
      const key = role === 'capexBuyer' ? 'capexBuyers' : 'capexSellers';
      byRole[key] += themeWeight;
      holdingsByRole[key] += e.weight;
      members += e.weight;
    }
    for (const [segment, share] of segmentsOf(classification)) bySegment[segment] += e.weight * share;
    return { issuer: e.issuer, weight: e.weight, paths: e.paths, classification, themeWeight };
  });
  return {
    aiInfrastructure: total,
    byRole,
    bySegment,
    themeHoldings: members,
    themeHoldingsByRole: holdingsByRole,
    issuers: out,
  };
}
