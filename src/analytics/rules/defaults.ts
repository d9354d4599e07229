/**
 * Default thresholds of every rule, in one table so they can be read (docs, the report, a settings
 * page) without building a rule. Each can be overridden per analysis.
 */
export const RULE_DEFAULTS = {
  /** UCITS diversification (Directive 2009/65/EC art. 52): ≤ 10 % in one issuer; issuers above 5 % together ≤ 40 %. */
  'ucits-5-10-40': { issuerLimit: 0.1, largeIssuer: 0.05, largeIssuersTotal: 0.4 },
  /** A single issuer above 5 % is worth a look; above 10 % it dominates the portfolio. */
  'single-issuer': { warnAbove: 0.05, failAbove: 0.1 },
  /** The theme as a concentration of its own: a quarter of the portfolio moving with one build-out is a lot. */
  'theme-concentration': { warnAbove: 0.25, failAbove: 0.5 },
} as const;

type RuleId = keyof typeof RULE_DEFAULTS;
export type RuleThresholds = { [K in RuleId]: { [P in keyof (typeof RULE_DEFAULTS)[K]]: number } };
export type RuleOverrides = { [K in RuleId]?: Partial<RuleThresholds[K]> };
