import type { Position } from '../../holdings';
import { message, type Message } from '../../i18n';
import type { MarketInputs } from '../../market/gather';
import type { PriceHistory } from '../../market/types';
import type { ThemeModel } from '../../theme/model';
import type { IssuerThemeExposure } from '../../theme/exposure';
import type { HoldingTheme } from '../../theme/holding-theme';
import { buildPanel } from '../panel';
import type { RiskStage } from '../risk-stage';
import { type FundamentalsEntry, fundamentals, type FundamentalsSummary } from './fundamentals';
import { historicalReplay, type ReplayResult } from './historical';
import { MONTE_CARLO_DEFAULTS, simulateOutcomes, type MonteCarloResult } from './monte-carlo';
import { monteCarloInputs } from './monte-carlo-inputs';
import { overspendingScore, type ScoreComponent } from './score';
import type { StressWindow } from './stress-windows';

export const SHOCKS = [-0.1, -0.2, -0.3, -0.4, -0.5] as const;

export interface ShockRow {
  shock: number;
  portfolioReturn: number;
  fromBuyers: number;
  fromSellers: number;
  fromRest: number;
}

export interface OverspendingStage {
  score: number;
  components: ScoreComponent[];
  topReasons: Message[];
  shocks: ShockRow[];
  historical: ReplayResult[];
  fundamentals: FundamentalsSummary;
  monteCarlo: MonteCarloResult;
}

export interface OverspendingInputs {
  positions: readonly Position[];
  weights: Float64Array;
  holdingThemes: readonly (HoldingTheme | null)[];
  themeWeight: number;
  themeIssuers: readonly IssuerThemeExposure[];
  issuerWeight: ReadonlyMap<string, number>;
  issuerHhi: number;
  risk: RiskStage;
  baseHistories: readonly PriceHistory[];
  allDays: Int32Array;
  market: MarketInputs;
  model: ThemeModel;
  stressWindows: readonly StressWindow[];
  monteCarloPaths: number | undefined;
}

/** What an overspending repricing would cost: basket shocks, past episodes, the buyers' capex, a simulation, a score. */
export function overspendingStage(i: OverspendingInputs): OverspendingStage {
  const split = splitByRole(i.positions, i.weights, i.holdingThemes, i.risk.symbols, i.risk.risk.columnBetas);
  const shocks = SHOCKS.map((shock) => ({
    shock,
    portfolioReturn: shock * split.total,
    fromBuyers: shock * split.buyers,
    fromSellers: shock * split.sellers,
    fromRest: shock * split.rest,
  }));
  const fullPanel = buildPanel(i.baseHistories, i.allDays);
  const historical = historicalReplay(fullPanel.adjClose, i.allDays, i.risk.columnWeights, i.stressWindows);
  const summary = fundamentals(i.model, i.issuerWeight, inferredCompanies(i.themeIssuers, i.market));
  const settings = { ...MONTE_CARLO_DEFAULTS, ...(i.monteCarloPaths !== undefined && { paths: i.monteCarloPaths }) };
  const { returns, columnBetas } = i.risk.risk;
  const monteCarlo = simulateOutcomes(monteCarloInputs(returns, i.risk.columnWeights, columnBetas), settings);
  const score = overspendingScore({
    themeWeight: i.themeWeight,
    betaToAiBasket: i.risk.risk.betaToAiBasket,
    buyerCapexToOcf: summary.aggregate.capexToOperatingCashFlow,
    buyerWeight: summary.aggregate.buyerWeight,
    sellerDependence: summary.aggregate.sellerDependence,
    sellerWeight: summary.aggregate.sellerWeight,
    issuerHhi: i.issuerHhi,
  });
  return { ...score, shocks, historical, fundamentals: summary, monteCarlo };
}

/** Σ w_i β_i split by each holding's buyer / seller / other share: the parts of a basket shock. */
function splitByRole(
  positions: readonly Position[],
  weights: Float64Array,
  themes: readonly (HoldingTheme | null)[],
  symbols: readonly string[],
  betas: Float64Array,
) {
  const out = { total: 0, buyers: 0, sellers: 0, rest: 0 };
  positions.forEach((p, i) => {
    if (p.kind === 'cash') return;
    const wb = weights[i]! * betas[symbols.indexOf(p.symbol)]!;
    const t = themes[i];
    const b = t?.buyerShare ?? 0;
    const s = t?.sellerShare ?? 0;
    out.total += wb;
    out.buyers += wb * b;
    out.sellers += wb * s;
    out.rest += wb * (1 - b - s);
  });
  return out;
}

/**
 * Issuers classified by their industry (not in the model), as companies for the fundamentals: a
 * buyer's capex intensity needs its annual figures, which the data source may have; without them
 * it counts as a buyer with no figures.
 */
function inferredCompanies(issuers: readonly IssuerThemeExposure[], market: MarketInputs): FundamentalsEntry[] {
  const provider = market.info.fundamentalsProvider ?? market.info.kind;
  const source = message('fundamentals.provider', { provider }).message;
  return issuers
    .filter((e) => e.classification.confidence === 'inferred')
    .map((e) => {
      const rows = (market.fundamentals[e.issuer] ?? []).filter(
        (r) => r.revenue !== null && r.capitalExpenditure !== null && r.operatingCashFlow !== null,
      );
      return {
        issuer: e.issuer,
        roles: e.classification.roles,
        relevance: e.classification.relevance,
        confidence: 'inferred',
        financials: rows.slice(-2).map((r) => ({
          fiscalYear: r.periodEnd.slice(0, 4),
          periodEnd: r.periodEnd,
          revenue: r.revenue,
          capex: r.capitalExpenditure,
          operatingCashFlow: r.operatingCashFlow,
          source,
          confidence: 'reported' as const,
        })),
      };
    });
}
