import type { Position } from '../../holdings';
import { message, type Message } from '../../i18n';
import type { MarketInputs } from '../../market/gather';
import type { PriceHistory } from '../../market/types';
import type { ThemeModel } from '../../theme/model';
import type { IssuerThemeExposure } from '../../theme/exposure';
import type { HoldingTheme } from '../../theme/holding-theme';
import type { IssuerWeights } from '../../theme/look-through';
import type { Matrix } from '../core';
import { buildPanel } from '../panel';
import type { RiskStage } from '../risk-stage';
import { type FundamentalsEntry, fundamentals, type FundamentalsSummary } from './fundamentals';
import { historicalReplay, lastOnOrBefore, type ReplayResult } from './historical';
import { MONTE_CARLO_DEFAULTS, simulateOutcomes, type MonteCarloResult } from './monte-carlo';
import { monteCarloInputs } from './monte-carlo-inputs';
import { scaledMoves, scenarioReturn, scoreFromLoss, type ScenarioFile, type ScenarioMoves } from './scenario';
import type { StressWindow } from './stress-windows';
import { parseIsoDay } from '../../shared/dates';

const SHOCKS = [-0.1, -0.2, -0.3, -0.4, -0.5] as const;

interface ShockRow {
  shock: number;
  portfolioReturn: number;
  fromBuyers: number;
  fromSellers: number;
  fromRest: number;
}

/** One holding's part in the scenario's loss: what it would return and what that costs the portfolio. */
interface Contribution {
  symbol: string;
  weight: number;
  /** Plain beta to the AI basket (daily, three years): what the shock table uses. */
  betaToAiBasket: number;
  marketBeta: number;
  netAiBeta: number;
  sellerRevenueShare: number;
  scenarioReturn: number;
  /** −weight × scenario return: its share of the portfolio's loss (negative for a holding that gains). */
  contribution: number;
}

export interface OverspendingStage {
  score: number;
  expectedLoss: number;
  reference2000Loss: number;
  contributions: Contribution[];
  topReasons: Message[];
  shocks: ShockRow[];
  historical: ReplayResult[];
  fundamentals: FundamentalsSummary;
}

export interface OverspendingInputs {
  positions: readonly Position[];
  weights: Float64Array;
  holdingThemes: readonly (HoldingTheme | null)[];
  themeIssuers: readonly IssuerThemeExposure[];
  issuerWeight: IssuerWeights;
  risk: RiskStage;
  /** The risk panel's returns: in its wasm memory, valid only inside analysisStages' arena scope. */
  returns: Matrix;
  baseHistories: readonly PriceHistory[];
  allDays: Int32Array;
  market: MarketInputs;
  model: ThemeModel;
  scenario: ScenarioFile;
  stressWindows: readonly StressWindow[];
  monteCarloPaths: number | undefined;
  monteCarloSeed: number | undefined;
}

/**
 * What an AI capex bust would cost: the score is the portfolio's loss in the headline scenario (in
 * percent, 0–100), holding by holding; beside it the basket shocks, past episodes, the buyers'
 * capex; the one-year simulation with the same scenario as its bust regime is `monteCarloStage`.
 */
export function overspendingStage(i: OverspendingInputs): OverspendingStage {
  const headline = i.scenario.headline;
  const contributions = scenarioContributions(i, headline);
  const expectedLoss = contributions.reduce((s, c) => s + c.contribution, 0);
  const reference2000Loss = scenarioContributions(i, i.scenario.reference2000).reduce((s, c) => s + c.contribution, 0);
  return {
    score: scoreFromLoss(expectedLoss, i.scenario.scoreScale.lossAtScore100),
    expectedLoss,
    reference2000Loss,
    contributions,
    topReasons: contributions
      .filter((c) => c.contribution > 0)
      .slice(0, 3)
      .map((c) =>
        message('reason.contribution', {
          symbol: c.symbol,
          weight: c.weight,
          move: c.scenarioReturn,
          points: 100 * c.contribution,
        }),
      ),
    shocks: shockTable(i),
    historical: replayWindows(i),
    fundamentals: fundamentals(i.model, i.issuerWeight, inferredCompanies(i.themeIssuers, i.market)),
  };
}

/**
 * The past episodes, priced only on the days they need (each window's ends and the last day): a
 * panel of the whole history would cost 500 holdings × 1,800 days for six numbers a holding.
 */
function replayWindows(i: OverspendingInputs): ReplayResult[] {
  const needed = new Set(i.allDays.length > 0 ? [i.allDays.length - 1] : []);
  for (const w of i.stressWindows)
    for (const day of [w.start, w.end]) {
      const at = lastOnOrBefore(i.allDays, parseIsoDay(day)!);
      if (at >= 0) needed.add(at);
    }
  const days = Int32Array.from(
    [...needed].sort((a, b) => a - b),
    (at) => i.allDays[at]!,
  );
  const panel = buildPanel(i.baseHistories, days);
  return historicalReplay(panel.adjClose, days, i.risk.columnWeights, i.risk.symbols, i.stressWindows);
}

/** Each holding's return in the scenario from its own betas and AI revenue share; cash returns nothing. */
function scenarioContributions(i: OverspendingInputs, moves: ScenarioMoves): Contribution[] {
  const { factors } = i.risk;
  const out: Contribution[] = [];
  i.positions.forEach((p, k) => {
    if (p.kind === 'cash') return;
    const j = i.risk.columnOf.get(p.symbol)!;
    const marketBeta = factors.marketBeta[j]!;
    const netAiBeta = factors.netAiBeta[j]!;
    const sellerRevenueShare = i.holdingThemes[k]?.sellerShare ?? 0;
    const exposure = { marketBeta, netAiBeta, sellerRevenueShare };
    const r = scenarioReturn(exposure, moves, factors.basketMarketBeta[j]!, i.scenario.sellerExtraFall.value);
    const weight = i.weights[k]!;
    const betaToAiBasket = i.risk.risk.columnBetas[j]!;
    // Written out, not `...exposure`: a literal that spreads and then adds fields costs V8 (Node 20) 1-3 µs.
    out.push({
      symbol: p.symbol,
      weight,
      betaToAiBasket,
      marketBeta,
      netAiBeta,
      sellerRevenueShare,
      scenarioReturn: r,
      contribution: -weight * r,
    });
  });
  return out.sort((a, b) => b.contribution - a.contribution);
}

/** Per price column (what the simulation follows): its return in the scenario with the given moves. */
function columnScenarioReturns(i: OverspendingInputs, moves: ScenarioMoves): Float64Array {
  const byColumn = new Float64Array(i.risk.symbols.length);
  for (const c of scenarioContributions(i, moves)) byColumn[i.risk.columnOf.get(c.symbol)!] = c.scenarioReturn;
  return byColumn;
}

/** The one-year simulation whose bust regime is the headline scenario (its own stage: it is timed apart). */
export function monteCarloStage(i: OverspendingInputs): MonteCarloResult {
  const { headline, bustRegime, sensitivity } = i.scenario;
  const byFall = new Map(
    sensitivity.basketFalls.map((f) => [f, columnScenarioReturns(i, scaledMoves(headline, f))] as const),
  );
  const inputs = monteCarloInputs(i.returns, i.risk.columnWeights, columnScenarioReturns(i, headline), byFall);
  return simulateOutcomes(inputs, {
    ...MONTE_CARLO_DEFAULTS,
    ...(i.monteCarloPaths !== undefined && { paths: i.monteCarloPaths }),
    ...(i.monteCarloSeed !== undefined && { seed: i.monteCarloSeed }),
    regime: bustRegime,
    sensitivity,
  });
}

/**
 * A fall of the AI basket through each holding's beta to it, split by who would fall: companies that
 * buy the capex, companies that sell into it, and the rest. Each holding's part is its look-through
 * weight in the chain by role, so the three parts add up to the whole and no issuer counts twice.
 */
function shockTable(i: OverspendingInputs): ShockRow[] {
  const out = { total: 0, buyers: 0, sellers: 0, rest: 0 };
  const betas = i.risk.risk.columnBetas;
  i.positions.forEach((p, k) => {
    if (p.kind === 'cash') return;
    const wb = i.weights[k]! * betas[i.risk.columnOf.get(p.symbol)!]!;
    const t = i.holdingThemes[k];
    const buyers = t?.memberBuyerShare ?? 0;
    const sellers = t?.memberSellerShare ?? 0;
    out.total += wb;
    out.buyers += wb * buyers;
    out.sellers += wb * sellers;
    out.rest += wb * (1 - buyers - sellers);
  });
  return SHOCKS.map((shock) => ({
    shock,
    portfolioReturn: shock * out.total,
    fromBuyers: shock * out.buyers,
    fromSellers: shock * out.sellers,
    fromRest: shock * out.rest,
  }));
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
