import type { LookThrough } from '../theme/look-through';
import { concentration, type Concentration } from './metrics';
import { evaluateRules, type RuleOverrides, type RuleResult } from './rules';

/** Issuers above this share are listed with the paths that put them there. */
const INTERSECTION_THRESHOLD = 0.05;

export interface ConcentrationStage {
  holdings: Concentration;
  /** After look-through; null when nothing resolves to an issuer (only opaque funds or cash). */
  issuer: Concentration | null;
  intersections: LookThrough['issuers'];
  rules: RuleResult[];
}

export function concentrationStage(
  weights: Float64Array,
  look: LookThrough,
  themeWeight: number,
  ruleOverrides: RuleOverrides = {},
): ConcentrationStage {
  return {
    holdings: concentration(weights),
    issuer: look.issuers.length > 0 ? concentration(look.issuers.map((e) => e.weight)) : null,
    intersections: look.issuers.filter((e) => e.weight > INTERSECTION_THRESHOLD),
    rules: evaluateRules({ issuers: look.issuers, themeWeight }, ruleOverrides),
  };
}
