import { beta, historicalVarEs, maxDrawdown, rowMeanOfColumns, sampleVariance, simpleReturns, weightedRowSum, type Matrix } from './core';

export interface Concentration {
  hhi: number;
  effectiveN: number;
  top1: number;
  top5: number;
  top10: number;
}

/** HHI = Σw², effective N = 1/HHI, topK = sum of the K largest weights (all when fewer than K). */
export function concentration(weights: ArrayLike<number>): Concentration {
  const sorted = Float64Array.from(weights).sort().reverse();
  let hhi = 0;
  for (let i = 0; i < sorted.length; i++) hhi += sorted[i]! * sorted[i]!;
  const top = (k: number) => {
    let s = 0;
    for (let i = 0; i < Math.min(k, sorted.length); i++) s += sorted[i]!;
    return s;
  };
  return { hhi, effectiveN: 1 / hhi, top1: top(1), top5: top(5), top10: top(10) };
}

export interface RiskInputs {
  /** adj_close on the window's days (lookback + 1 rows), column-major. */
  prices: Matrix;
  /** Portfolio weight of each column (0 for columns loaded only as factors). */
  weights: Float64Array;
  /** Columns whose equal-weight, daily-rebalanced mean is the AI basket. */
  basketColumns: readonly number[];
}

export interface RiskFigures {
  lookbackDays: number;
  volatility: number;
  betaToAiBasket: number;
  var95: number;
  es95: number;
  maxDrawdown: number;
}

export const TRADING_DAYS_PER_YEAR = 252;

export function riskFigures({ prices, weights, basketColumns }: RiskInputs): RiskFigures {
  const returns = simpleReturns(prices);
  const portfolio = weightedRowSum(returns, weights);
  const basket = rowMeanOfColumns(returns, basketColumns);
  const tail = historicalVarEs(portfolio, 0.05);
  return {
    lookbackDays: returns.rows,
    volatility: Math.sqrt(sampleVariance(portfolio) * TRADING_DAYS_PER_YEAR),
    betaToAiBasket: beta(portfolio, basket),
    var95: tail.var,
    es95: tail.es,
    maxDrawdown: maxDrawdown(portfolio),
  };
}
