import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** UCITS 5/10/40: no issuer above 10 %, and the issuers above 5 % together at most 40 %. */
export class Ucits51040Rule {
  static readonly id = 'ucits-5-10-40' as const;
  constructor(private readonly t: RuleThresholds['ucits-5-10-40'] = RULE_DEFAULTS['ucits-5-10-40']) {}

  evaluate({ issuers }: RuleInput): RuleResult {
    const overLimit = issuers.filter((i) => i.weight > this.t.issuerLimit);
    const large = issuers.filter((i) => i.weight > this.t.largeIssuer);
    const largeTotal = large.reduce((s, i) => s + i.weight, 0);
    const failed = overLimit.length > 0 || largeTotal > this.t.largeIssuersTotal;
    const message = failed
      ? [
          overLimit.length > 0
            ? `${overLimit.map((i) => `${i.issuer} ${pct(i.weight)}`).join(', ')} above the ${pct(this.t.issuerLimit)} issuer limit`
            : '',
          largeTotal > this.t.largeIssuersTotal
            ? `issuers above ${pct(this.t.largeIssuer)} add up to ${pct(largeTotal)} (limit ${pct(this.t.largeIssuersTotal)})`
            : '',
        ]
          .filter(Boolean)
          .join('; ')
      : `no issuer above ${pct(this.t.issuerLimit)}; issuers above ${pct(this.t.largeIssuer)} add up to ${pct(largeTotal)}`;
    return {
      id: Ucits51040Rule.id,
      label: 'UCITS 5/10/40',
      status: failed ? 'fail' : 'pass',
      value: largeTotal,
      thresholds: { ...this.t },
      message,
      offenders: (overLimit.length > 0 ? overLimit : largeTotal > this.t.largeIssuersTotal ? large : []).map(
        (i) => i.issuer,
      ),
    };
  }
}
