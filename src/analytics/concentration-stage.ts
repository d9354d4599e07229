import type { LookThrough, UnresolvedFundWeight } from '../theme/look-through';
import { concentration, type Concentration } from './metrics';
import { evaluateRules, type RuleOverrides, type RuleResult } from './rules';

/** Issuers above this share are listed with the paths that put them there. */
const INTERSECTION_THRESHOLD = 0.05;

/** Grades by effective number of issuers: about 30 equal names diversify away most single-name risk. */
const CONCENTRATION_GRADES = [
  { grade: 'A', minEffectiveN: 30 },
  { grade: 'B', minEffectiveN: 15 },
  { grade: 'C', minEffectiveN: 8 },
  { grade: 'D', minEffectiveN: 4 },
  { grade: 'E', minEffectiveN: 0 },
] as const;
type ConcentrationGrade = (typeof CONCENTRATION_GRADES)[number]['grade'];

interface IssuerCoverage {
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
  /** After look-through, on the non-cash value (unlisted remainders bounded); null when all is cash. */
  issuer: Concentration | null;
  issuerCoverage: IssuerCoverage;
  grade: ConcentrationGrade | null;
  intersections: LookThrough['issuers'];
  rules: RuleResult[];
}

/**
 * Concentration per holding and per issuer, on the non-cash value. A fund we cannot look through is
 * one opaque issuer. The unlisted remainder of a partly listed fund is many names, none larger than
 * the fund's smallest listed one: it adds at most remainder × that piece to the HHI (Σp² ≤ max p ·
 * Σp), and that bound is what is added, so the effective N is a floor, never flattered by a short
 * list (QQQ's top 10, a proxy list) nor inflated by treating the remainder as concentrated.
 */
export function concentrationStage(
  weights: Float64Array,
  look: LookThrough,
  cashWeight: number,
  themeWeight: number,
  ruleOverrides: RuleOverrides = {},
): ConcentrationStage {
  const opaque = look.unresolved.filter((u) => u.reason !== 'unlisted-remainder');
  const remainders = look.unresolved.filter((u) => u.reason === 'unlisted-remainder');
  const unlisted = remainders.reduce((s, u) => s + u.weight, 0);
  const named = look.issuers.reduce((s, e) => s + e.weight, 0);
  const opaqueWeight = opaque.reduce((s, u) => s + u.weight, 0);
  const total = named + opaqueWeight + unlisted;
  const issuer = total > 0 ? issuerConcentration(look, opaque, remainders, total) : null;
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

function issuerConcentration(
  look: LookThrough,
  opaque: readonly UnresolvedFundWeight[],
  remainders: readonly UnresolvedFundWeight[],
  total: number,
): Concentration {
  const known = concentration([...look.issuers.map((e) => e.weight / total), ...opaque.map((u) => u.weight / total)]);
  const bound = remainders.reduce((s, u) => s + (u.weight / total) * ((u.largestPiece ?? u.weight) / total), 0);
  const hhi = known.hhi + bound;
  return { ...known, hhi, effectiveN: 1 / hhi };
}
