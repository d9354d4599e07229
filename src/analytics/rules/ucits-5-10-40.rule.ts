import { message } from '../../i18n';
import { RULE_DEFAULTS, type RuleThresholds } from './defaults';
import type { RuleInput, RuleResult } from './types';

/** UCITS 5/10/40: no issuer above 10 %, and the issuers above 5 % together at most 40 %. */
export class Ucits51040Rule {
  static readonly id = 'ucits-5-10-40' as const;
  constructor(private readonly t: RuleThresholds['ucits-5-10-40'] = RULE_DEFAULTS['ucits-5-10-40']) {}

  evaluate({ issuers }: RuleInput): RuleResult {
    const overLimit = issuers.filter((i) => i.weight > this.t.issuerLimit);
    const large = issuers.filter((i) => i.weight > this.t.largeIssuer);
    const largeTotal = large.reduce((s, i) => s + i.weight, 0);
    const tooLarge = largeTotal > this.t.largeIssuersTotal;
    const failed = overLimit.length > 0 || tooLarge;
    const params = {
      issuers: overLimit.map((x) => ({ code: 'rule.issuer_weight', params: { issuer: x.issuer, weight: x.weight } })),
      limit: this.t.issuerLimit,
      large: this.t.largeIssuer,
      total: largeTotal,
    };
    const detail =
      overLimit.length > 0 && tooLarge
        ? message('rule.ucits.both', params)
        : overLimit.length > 0
          ? message('rule.ucits.over_limit', params)
          : tooLarge
            ? message('rule.ucits.large_total', { ...params, limit: this.t.largeIssuersTotal })
            : message('rule.ucits.pass', params);
    return {
      id: Ucits51040Rule.id,
      label: message(`rule.${Ucits51040Rule.id}`).message,
      status: failed ? 'fail' : 'pass',
      value: largeTotal,
      thresholds: { ...this.t },
      ...detail,
      offenders: (overLimit.length > 0 ? overLimit : tooLarge ? large : []).map((x) => x.issuer),
    };
  }
}
