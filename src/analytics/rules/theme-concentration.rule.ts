import { message } from '../../i18n';
import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

/** The AI-infrastructure theme's share of the portfolio, judged as one concentrated bet. */
export class ThemeConcentrationRule {
  static readonly id = 'theme-concentration' as const;
  constructor(private readonly t: RuleThresholds['theme-concentration'] = RULE_DEFAULTS['theme-concentration']) {}

  evaluate({ themeWeight }: RuleInput): RuleResult {
    const status = themeWeight > this.t.failAbove ? 'fail' : themeWeight > this.t.warnAbove ? 'warn' : 'pass';
    const limit = status === 'fail' ? this.t.failAbove : this.t.warnAbove;
    return {
      id: ThemeConcentrationRule.id,
      label: message(`rule.${ThemeConcentrationRule.id}`).message,
      status,
      value: themeWeight,
      thresholds: { ...this.t },
      ...message(`rule.theme.${status}`, { value: themeWeight, limit }),
      offenders: [],
    };
  }
}
