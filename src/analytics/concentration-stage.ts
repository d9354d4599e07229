import type { LookThrough } from '../theme/look-through';
import { concentration, type Concentration } from './metrics';
import { evaluateRules, type RuleOverrides, type RuleResult } from './rules';

/** Issuers above this share are listed with the paths that put them there. */
const INTERSECTION_THRESHOLD = 0.05;

/** Grades by effective number of issuers: about 30 equal names diversify away most single-name risk. */
export const CONCENTRATION_GRADES = [
  { grade: 'A', minEffectiveN: 30 },
  { grade: 'B', minEffectiveN: 15 },
  { grade: 'C', minEffectiveN: 8 },
  { grade: 'D', minEffectiveN: 4 },
  { grade: 'E', minEffectiveN: 0 },
] as const;
export type ConcentrationGrade = (typeof CONCENTRATION_GRADES)[number]['grade'];

export interface IssuerCoverage {
  /** Shares of the non-cash value: named issuers, funds counted as one opaque issuer, fund remainders left out. */
  named: number;
  opaque: number;
  unlisted: number;
  /** Share of the whole portfolio in cash, left out of issuer concentration. */
  cash: number;
  opaqueFunds: string[];
}

export interface ConcentrationStage {
  holdings: Concentration;
  /** After look-through, on the issuers' weights renormalised to what they cover; null when nothing does. */
  issuer: Concentration | null;
  issuerCoverage: IssuerCoverage;
  grade: ConcentrationGrade | null;
  intersections: LookThrough['issuers'];
  rules: RuleResult[];
}

/**
 * Concentration per holding and per issuer. Issuer weights leave cash out and are renormalised to
 * the value they cover, so a small position beside a large bond fund is not read as "25 equal
 * issuers": a fund we cannot look through is one opaque issuer, and the unlisted remainder of a
 * partly listed fund (spread over many small names) is left out, as the coverage says.
 */
export function concentrationStage(
  weights: Float64Array,
  look: LookThrough,
  cashWeight: number,
  themeWeight: number,
  ruleOverrides: RuleOverrides = {},
): ConcentrationStage {
  const opaque = look.unresolved.filter((u) => u.reason !== 'unlisted-remainder');
  const unlisted = look.unresolved.filter((u) => u.reason === 'unlisted-remainder').reduce((s, u) => s + u.weight, 0);
  const named = look.issuers.reduce((s, e) => s + e.weight, 0);
  const opaqueWeight = opaque.reduce((s, u) => s + u.weight, 0);
  const covered = named + opaqueWeight;
  const issuerWeights = [...look.issuers.map((e) => e.weight), ...opaque.map((u) => u.weight)];
  const issuer = covered > 0 ? concentration(issuerWeights.map((w) => w / covered)) : null;
  const nonCash = Math.max(1 - cashWeight, 1e-300);
  return {
    holdings: concentration(weights),
    issuer,
    issuerCoverage: {
      named: named / nonCash,
      opaque: opaqueWeight / nonCash,
      unlisted: unlisted / nonCash,
      cash: cashWeight,
      opaqueFunds: opaque.map((u) => u.fund),
    },
    grade: issuer === null ? null : CONCENTRATION_GRADES.find((g) => issuer.effectiveN >= g.minEffectiveN)!.grade,
    intersections: look.issuers.filter((e) => e.weight > INTERSECTION_THRESHOLD),
    rules: evaluateRules({ issuers: look.issuers, themeWeight }, ruleOverrides),
  };
}
