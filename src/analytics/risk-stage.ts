import type { Position } from '../holdings';
import type { PriceHistory } from '../market/types';
import { dayToIso } from '../shared/dates';
import { AI_BASKET, MARKET_BENCHMARK } from '../theme/enums';
import { buildPanel } from './panel';
import { factorModel, portfolioFactorShares, type FactorModel } from './factor-model';
import { column, createPanelMatrix, type Matrix } from './core';
import { type ConvertedColumn, fxShareOfVariance } from './fx-share';
import { portfolioRisk, type PortfolioRisk } from './portfolio-risk';

export interface RiskStage {
  /** The risk figures; the return series is handed out apart (see riskStage). */
  risk: Omit<PortfolioRisk, 'returns'>;
  /** Market and net-AI betas of every column (two-day returns, recent weighted more). */
  factors: FactorModel;
  /** The portfolio's: Σ w β, and the share of its variance each factor explains. */
  portfolioFactors: ReturnType<typeof portfolioFactorShares>;
  /** Share of the portfolio's variance that comes from exchange rates into the base currency. */
  fxShareOfVariance: number;
  /** Portfolio weight of each price column (0 for the basket and benchmark when not held). */
  columnWeights: Float64Array;
  symbols: string[];
  /** Column of each symbol in `symbols`. */
  columnOf: ReadonlyMap<string, number>;
  /** Wealth of today's portfolio over the window and its drawdown: weekly points plus the deepest day. */
  drawdownSeries: { date: string; value: number; drawdown: number }[];
  rollingBeta: { date: string; beta: number }[];
}

/**
 * Risk on the common window; factor-only columns carry zero weight and cash earns nothing. Inside
 * withPanelArenas the price panel and its `returns` live in reused wasm memory: the stage itself
 * refers to neither (every figure is computed or copied out), and `returns` is valid only until
 * the scope ends (analysisStages hands it to the Monte Carlo and drops it).
 */
export function riskStage(
  histories: readonly PriceHistory[],
  localHistories: readonly PriceHistory[],
  windowDays: Int32Array,
  positions: readonly Position[],
  weights: Float64Array,
  shrinkCorrelation: boolean,
): { stage: RiskStage; returns: Matrix } {
  const symbols = histories.map((h) => h.symbol);
  const columnOf = new Map(symbols.map((s, j) => [s, j]));
  const panel = buildPanel(histories, windowDays, createPanelMatrix);
  const columnWeights = new Float64Array(histories.length);
  positions.forEach((p, i) => {
    if (p.kind === 'security') columnWeights[columnOf.get(p.symbol)!]! += weights[i]!;
  });
  const basketColumns = AI_BASKET.map((s) => symbols.indexOf(s));
  const marketColumn = symbols.indexOf(MARKET_BENCHMARK);
  const { returns, ...risk } = portfolioRisk({
    prices: panel.adjClose,
    symbols,
    weights: columnWeights,
    basketColumns,
    marketColumn,
    days: windowDays,
    shrinkCorrelation,
  });
  const factors = factorModel(panel.adjClose, basketColumns, marketColumn, symbols);
  const stage: RiskStage = {
    risk,
    factors,
    portfolioFactors: portfolioFactorShares(factors, columnWeights),
    fxShareOfVariance: fxShareOfVariance(
      risk.portfolio,
      convertedColumns(histories, localHistories, windowDays, panel.adjClose, columnWeights),
    ),
    columnWeights,
    symbols,
    columnOf,
    drawdownSeries: drawdownSeries(risk.portfolio, windowDays),
    rollingBeta: weekly(risk.rollingBeta.betas.length).map((t) => ({
      date: dayToIso(risk.rollingBeta.days[t]!),
      beta: risk.rollingBeta.betas[t]!,
    })),
  };
  return { stage, returns };
}

/** The held columns whose base-currency prices were converted, with their prices in both currencies. */
function convertedColumns(
  histories: readonly PriceHistory[],
  localHistories: readonly PriceHistory[],
  windowDays: Int32Array,
  base: Matrix,
  columnWeights: Float64Array,
): ConvertedColumn[] {
  const converted = histories.flatMap((h, j) => (h !== localHistories[j] && columnWeights[j] !== 0 ? [j] : []));
  const local = buildPanel(
    converted.map((j) => localHistories[j]!),
    windowDays,
  ).adjClose;
  return converted.map((j, k) => ({ weight: columnWeights[j]!, local: column(local, k), base: column(base, j) }));
}

/** Charts need weekly points, not daily ones: the indices of every fifth trading day, the last, and `keep`. */
function weekly(n: number, keep = -1): number[] {
  const kept: number[] = [];
  for (let t = 0; t < n; t++) if (t % 5 === 0 || t === n - 1 || t === keep) kept.push(t);
  return kept;
}

/**
 * The wealth path of today's portfolio over the window (V₀ = 1) and its drawdown from the running
 * peak, weekly, with the deepest day kept so the chart shows the maximum drawdown. Kept in arrays
 * and written out for the points kept only (an object per day was 95 KB of garbage per analysis).
 */
function drawdownSeries(
  portfolio: Float64Array,
  days: Int32Array,
): { date: string; value: number; drawdown: number }[] {
  const n = portfolio.length + 1;
  const values = new Float64Array(n);
  const drawdowns = new Float64Array(n);
  values[0] = 1;
  let peak = 1;
  let deepest = 0;
  for (let t = 1; t < n; t++) {
    const value = values[t - 1]! * (1 + portfolio[t - 1]!);
    peak = Math.max(peak, value);
    values[t] = value;
    drawdowns[t] = 1 - value / peak;
    if (drawdowns[t]! > drawdowns[deepest]!) deepest = t;
  }
  return weekly(n, deepest).map((t) => ({ date: dayToIso(days[t]!), value: values[t]!, drawdown: drawdowns[t]! }));
}
