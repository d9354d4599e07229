import { message } from '../../i18n';
import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

/** The largest issuer after look-through: a warning above 5 %, a failure above 10 %. */
export class SingleIssuerRule {
  static readonly id = 'single-issuer' as const;
  constructor(private readonly t: RuleThresholds['single-issuer'] = RULE_DEFAULTS['single-issuer']) {}

  evaluate({ issuers }: RuleInput): RuleResult {
    const largest = issuers.reduce<{ issuer: string; weight: number } | undefined>(
      (a, b) => (a === undefined || b.weight > a.weight ? b : a),
      undefined,
    );
    const value = largest?.weight ?? 0;
    const status = value > this.t.failAbove ? 'fail' : value > this.t.warnAbove ? 'warn' : 'pass';
    const offenders = issuers.filter((i) => i.weight > this.t.warnAbove).map((i) => i.issuer);
    const limit = status === 'fail' ? this.t.failAbove : this.t.warnAbove;
    const detail =
      largest === undefined
        ? message('rule.single.none')
        : message(`rule.single.${status}`, { issuer: largest.issuer, value, limit });
    return {
      id: SingleIssuerRule.id,
      label: message(`rule.${SingleIssuerRule.id}`).message,
      status,
      value,
      thresholds: { ...this.t },
      ...detail,
      offenders,
    };
  }
}
