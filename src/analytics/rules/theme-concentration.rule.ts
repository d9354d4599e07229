import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The AI-infrastructure theme's share of the portfolio, judged as one concentrated bet. */
export class ThemeConcentrationRule {
  static readonly id = 'theme-concentration' as const;
  constructor(private readonly t: RuleThresholds['theme-concentration'] = RULE_DEFAULTS['theme-concentration']) {}

  evaluate({ themeWeight }: RuleInput): RuleResult {
    const status = themeWeight > this.t.failAbove ? 'fail' : themeWeight > this.t.warnAbove ? 'warn' : 'pass';
    return {
      id: ThemeConcentrationRule.id,
      label: 'AI-infrastructure theme',
      status,
      value: themeWeight,
      thresholds: { ...this.t },
      message: `${pct(themeWeight)} of the portfolio moves with the AI build-out${status === 'pass' ? '' : ` (${status === 'fail' ? 'above' : 'warning above'} ${pct(status === 'fail' ? this.t.failAbove : this.t.warnAbove)})`}`,
      offenders: [],
    };
  }
}
