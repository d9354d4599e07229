import { z } from 'zod';

const move = z.number().gt(-1).lt(0);
const text = z.string().min(1);

/** data/scenarios.json: the AI capex bust the score measures, its 2000-02 reference, the bust regime. */
export const ScenarioFileSchema = z.object({
  id: z.literal('ai-capex-bust'),
  description: text,
  headline: z.object({
    basketMove: move,
    marketMove: move,
    window: z.object({ start: z.iso.date(), end: z.iso.date() }),
    source: text,
  }),
  sellerExtraFall: z.object({ value: z.number().gt(-1).lte(0), reasoning: text, sources: z.array(text).min(1) }),
  reference2000: z.object({ label: text, basketMove: move, marketMove: move, proxy: text, sources: z.array(text) }),
  bustRegime: z.object({
    probability: z.number().gt(0).lt(1),
    probabilityReasoning: text,
    volatilityScale: z.number().min(1).max(3),
    correlationBlend: z.number().min(0).max(1),
    source: text,
  }),
  sensitivity: z.object({ bustProbabilities: z.array(z.number().gt(0).lt(1)), basketFalls: z.array(move) }),
  scoreScale: z.object({ lossAtScore100: z.number().gt(0).lte(1), reasoning: text }),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

export interface ScenarioMoves {
  basketMove: number;
  marketMove: number;
}

/** What a holding is exposed to, for the scenario: its betas and the share of its revenue sold into the build-out. */
export interface HoldingExposure {
  marketBeta: number;
  netAiBeta: number;
  sellerRevenueShare: number;
}

/**
 * A holding's return in the scenario. The two-factor model runs on log returns, so a large fall
 * compounds as it did (NVDA's betas give −62 % for a −47 % basket, not −82 %): ln(1 + r) =
 * β_m ln(1 + M) + β_ai (ln(1 + B) − β_bm ln(1 + M)). A seller then falls further by its AI revenue
 * share × the sellers' extra fall, and nothing can lose more than everything.
 */
export function scenarioReturn(
  h: HoldingExposure,
  moves: ScenarioMoves,
  basketMarketBeta: number,
  sellerExtraFall: number,
): number {
  const logMarket = Math.log1p(moves.marketMove);
  const logResidual = Math.log1p(moves.basketMove) - basketMarketBeta * logMarket;
  const fromBetas = Math.expm1(h.marketBeta * logMarket + h.netAiBeta * logResidual);
  return Math.max(-1, fromBetas + sellerExtraFall * h.sellerRevenueShare);
}

/** The same scenario with another basket fall: the market moves in the same proportion (in log terms). */
export function scaledMoves(headline: ScenarioMoves, basketMove: number): ScenarioMoves {
  const ratio = Math.log1p(basketMove) / Math.log1p(headline.basketMove);
  return { basketMove, marketMove: Math.expm1(ratio * Math.log1p(headline.marketMove)) };
}

/** The score: the loss in percent of the portfolio, linear and clipped to 0–100. */
export function scoreFromLoss(loss: number, lossAtScore100: number): number {
  return Math.min(100, Math.max(0, (100 * loss) / lossAtScore100));
}
