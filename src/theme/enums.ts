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

/** How much to trust a figure: from a filing, a company release quoted elsewhere, computed from others, recalled, or inferred from an industry. */
export const CONFIDENCE_LEVELS = ['filing', 'reported', 'derived', 'memory-unverified', 'inferred'] as const;
export const Confidence = z.enum(CONFIDENCE_LEVELS);
export type Confidence = z.infer<typeof Confidence>;
/** A holding's confidence adds "none" (outside the model) and "look-through" (a fund's mix). */
export const HOLDING_CONFIDENCE = [...CONFIDENCE_LEVELS, 'none', 'look-through'] as const;

/** The four hyperscaler/supplier names the AI basket and the core exposure are built on. */
export const CORE_FOUR = ['AMZN', 'MSFT', 'GOOGL', 'NVDA'] as const;
export type CoreFourSymbol = (typeof CORE_FOUR)[number];
/** The AI basket: an equal-weighted daily mix of the core four. */
export const AI_BASKET: readonly string[] = CORE_FOUR;
/** The broad market every analysis loads beside the basket (for beta to the market). */
export const MARKET_BENCHMARK = 'SPY';
