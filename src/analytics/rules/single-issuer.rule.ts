import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

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
    return {
      id: SingleIssuerRule.id,
      label: 'Single issuer',
      status,
      value,
      thresholds: { ...this.t },
      message:
        largest === undefined
          ? 'no issuers'
          : `largest issuer ${largest.issuer} at ${pct(value)}${status === 'pass' ? '' : ` (${status === 'fail' ? 'limit' : 'warning above'} ${pct(status === 'fail' ? this.t.failAbove : this.t.warnAbove)})`}`,
      offenders,
    };
  }
}
