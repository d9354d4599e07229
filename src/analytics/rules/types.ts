import type { Message } from '../../i18n';

/** What every concentration rule is evaluated on: already computed, no I/O. */
export interface RuleInput {
  /** Look-through issuer weights (share classes merged), cash and unresolved fund weight excluded. */
  issuers: ReadonlyArray<{ issuer: string; weight: number }>;
  /** The AI-infrastructure theme's share of the portfolio. */
  themeWeight: number;
}

type RuleStatus = 'pass' | 'warn' | 'fail';

/** A rule's verdict; its detail is a catalogue message (code, params, English text). */
export interface RuleResult extends Message {
  id: string;
  /** The rule's name in English, for API readers; renderers use the catalogue's `rule.<id>`. */
  label: string;
  status: RuleStatus;
  /** The figure the rule judged (largest issuer weight, sum of large issuers, theme share). */
  value: number;
  thresholds: Record<string, number>;
  /** Issuers that broke the rule, largest first. */
  offenders: string[];
}
