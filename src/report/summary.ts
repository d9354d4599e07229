import type { ConcentrationStage } from '../analytics/concentration-stage';
import type { ThemeExposure } from '../theme/exposure';

/**
 * The headline facts a reader needs first, decided here so every renderer says the same thing:
 * the theme's share, the issuer carrying most of it, and a concentration verdict from the rules.
 */
export function summarise(theme: ThemeExposure, concentration: ConcentrationStage) {
  const aiShare = theme.aiInfrastructure;
  // One pass: the first of the largest, as a stable sort would put it (a sort of 500 issuers was
  // most of this function), and the share held directly.
  let top = theme.issuers[0];
  let direct = 0;
  for (const e of theme.issuers) {
    if (e.themeWeight > top!.themeWeight) top = e;
    for (const p of e.paths) if (p.via === 'direct') direct += p.weight * e.classification.relevance;
  }
  const fails = concentration.rules.filter((r) => r.status === 'fail').length;
  const warns = concentration.rules.filter((r) => r.status === 'warn').length;
  return {
    aiShare,
    aiShareDirect: direct,
    aiShareThroughFunds: aiShare - direct,
    topThemeIssuer:
      top !== undefined && top.themeWeight > 0 ? { issuer: top.issuer, shareOfTheme: top.themeWeight / aiShare } : null,
    effectiveIssuers: concentration.issuer?.effectiveN ?? null,
    concentrationVerdict:
      fails > 0 ? ('concentrated' as const) : warns > 0 ? ('watch' as const) : ('diversified' as const),
  };
}
