import { z } from 'zod';

/**
 * The theme's vocabulary, defined once: the report schema, the model file's schema and the
 * renderers all import these lists.
 */
export const SEGMENTS = [
  'cloudPlatforms',
  'accelerators',
  'foundryEquipment',
  'memory',
  'networking',
  'servers',
  'dataCentres',
  'powerCooling',
  'aiPlatforms',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Who spends the capex (cloud platforms) and who sells into it (chips, equipment, power…). */
export const ROLES = ['capexBuyer', 'capexSeller'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How much to trust a company figure (docs/theme-data.md): read in a filing, reported by the
 * company (a release or a call, quoted by a public report), or estimated with written reasoning.
 */
export const CONFIDENCE_LEVELS = ['filing', 'reported', 'estimate'] as const;
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export type Confidence = z.infer<typeof Confidence>;
/**
 * A holding's or an issuer's confidence adds "inferred" (an industry default), "none" (outside the
 * model) and "look-through" (a fund's mix of its constituents' figures).
 */
export const HOLDING_CONFIDENCE = [...CONFIDENCE_LEVELS, 'inferred', 'none', 'look-through'] as const;

/** The four hyperscaler/supplier names the AI basket and the core exposure are built on. */
export const CORE_FOUR = ['AMZN', 'MSFT', 'GOOGL', 'NVDA'] as const;
export type CoreFourSymbol = (typeof CORE_FOUR)[number];
/**
 * The AI basket: an equal-weighted daily mix of the core four. A list of its own (the same names):
 * the basket is a risk factor and the core four an exposure figure, and each caller names the one it means.
 */
export const AI_BASKET: readonly string[] = [...CORE_FOUR];
/** The broad market every analysis loads beside the basket (for beta to the market). */
export const MARKET_BENCHMARK = 'SPY';
