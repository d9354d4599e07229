import { RULE_DEFAULTS, type RuleOverrides } from './defaults';
import { SingleIssuerRule } from './single-issuer.rule';
import { ThemeConcentrationRule } from './theme-concentration.rule';
import { Ucits51040Rule } from './ucits-5-10-40.rule';
import type { RuleInput, RuleResult } from './types';

/** Every rule with its thresholds (defaults, then overrides), in report order. */
export function evaluateRules(input: RuleInput, overrides: RuleOverrides = {}): RuleResult[] {
  return [
    new Ucits51040Rule({ ...RULE_DEFAULTS['ucits-5-10-40'], ...overrides['ucits-5-10-40'] }),
    new SingleIssuerRule({ ...RULE_DEFAULTS['single-issuer'], ...overrides['single-issuer'] }),
    new ThemeConcentrationRule({ ...RULE_DEFAULTS['theme-concentration'], ...overrides['theme-concentration'] }),
  ].map((rule) => rule.evaluate(input));
}

export { RULE_DEFAULTS, Ucits51040Rule, SingleIssuerRule, ThemeConcentrationRule };
export type { RuleInput, RuleResult, RuleOverrides };
