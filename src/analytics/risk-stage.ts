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
    rollingBeta: weekly(risk.rollingBeta).map((r) => ({ date: dayToIso(r.date), beta: r.beta })),
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

/** Charts need weekly points, not daily ones: every fifth trading day, the last, and any marked `keep`. */
function weekly<T>(points: readonly T[], keep: (p: T) => boolean = () => false): T[] {
  return points.filter((p, i) => i % 5 === 0 || i === points.length - 1 || keep(p));
}

/**
 * The wealth path of today's portfolio over the window (V₀ = 1) and its drawdown from the running
 * peak, weekly, with the deepest day kept so the chart shows the maximum drawdown.
 */
function drawdownSeries(
  portfolio: Float64Array,
  days: Int32Array,
): { date: string; value: number; drawdown: number }[] {
  const all: { day: number; value: number; drawdown: number }[] = [{ day: days[0]!, value: 1, drawdown: 0 }];
  let value = 1;
  let peak = 1;
  for (let t = 0; t < portfolio.length; t++) {
    value *= 1 + portfolio[t]!;
    peak = Math.max(peak, value);
    all.push({ day: days[t + 1]!, value, drawdown: 1 - value / peak });
  }
  const deepest = all.reduce((a, b) => (b.drawdown > a.drawdown ? b : a));
  // Dates written only for the points kept.
  return weekly(all, (p) => p === deepest).map((p) => ({
    date: dayToIso(p.day),
    value: p.value,
    drawdown: p.drawdown,
  }));
}
