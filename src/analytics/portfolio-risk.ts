import {
  beta,
  column,
  correlationOfColumns,
  covarianceWithSeries,
  historicalVarEs,
  maxDrawdown,
  rollingBeta,
  rowMeanOfColumns,
  sampleCovariance,
  sampleVariance,
  simpleReturns,
  weightedRowSum,
  type Matrix,
} from './core';
import { TRADING_DAYS_PER_YEAR } from './metrics';

const ROLLING_BETA_DAYS = 63;
const HEATMAP_SIZE = 15;

export interface PortfolioRiskInputs {
  /** adj_close on the window's days, column-major; columns = symbols. */
  prices: Matrix;
  symbols: readonly string[];
  /** Portfolio weight per column (0 for factor-only columns; cash is not a column). */
  weights: Float64Array;
  basketColumns: readonly number[];
  marketColumn: number;
  days: Int32Array;
  shrinkCorrelation: boolean;
}

export interface PortfolioRisk {
  lookbackDays: number;
  volatility: number;
  betaToAiBasket: number;
  var95: number;
  es95: number;
  maxDrawdown: number;
  returns: Matrix;
  portfolio: Float64Array;
  basket: Float64Array;
  /** Beta of every column to the AI basket. */
  columnBetas: Float64Array;
  betaToMarket: number;
  aiBasketRSquared: number;
  riskContributions: { symbol: string; share: number }[];
  /** The beta over the trailing window ending each day, from the first full window on, and those days. */
  rollingBeta: { days: Int32Array; betas: Float64Array };
  correlation: { symbols: string[]; matrix: number[][]; method: 'sample' | 'ledoit-wolf'; shrinkage: number };
}

/**
 * The risk figures, from the portfolio's own return series in O(T·N): volatility, betas, VaR/ES,
 * drawdown, R² on the basket, each holding's share of variance w_i·cov(r_i, r_p)/var(r_p) (they sum to 1),
 * a rolling beta, and — the only N×N step — the correlation of the largest holdings.
 */
export function portfolioRisk(i: PortfolioRiskInputs): PortfolioRisk {
  const returns = simpleReturns(i.prices);
  const portfolio = weightedRowSum(returns, i.weights);
  const basket = rowMeanOfColumns(returns, i.basketColumns);
  const market = column(returns, i.marketColumn);
  const varP = sampleVariance(portfolio);
  const covWithP = covarianceWithSeries(returns, portfolio);
  const covWithBasket = covarianceWithSeries(returns, basket);
  const varBasket = sampleVariance(basket);
  const columnBetas = Float64Array.from(covWithBasket, (c) => c / varBasket);
  const tail = historicalVarEs(portfolio, 0.05);
  const riskContributions: { symbol: string; share: number }[] = [];
  for (let j = 0; j < i.symbols.length; j++) {
    if (i.weights[j] !== 0)
      riskContributions.push({ symbol: i.symbols[j]!, share: (i.weights[j]! * covWithP[j]!) / varP });
  }
  riskContributions.sort((a, b) => b.share - a.share);
  // An all-cash portfolio does not move: nothing to explain, R² 0 (not 0/0).
  const corrPB = varP > 0 ? sampleCovariance(portfolio, basket) / Math.sqrt(varP * varBasket) : 0;
  // Views, not an object per day: a chart keeps one day in five.
  const rolling = rollingBeta(portfolio, basket, ROLLING_BETA_DAYS).subarray(ROLLING_BETA_DAYS - 1);
  const rollingDays = i.days.subarray(ROLLING_BETA_DAYS, ROLLING_BETA_DAYS + rolling.length);

  const largest = [...i.weights.keys()]
    .filter((j) => i.weights[j]! > 0)
    .sort((a, b) => i.weights[b]! - i.weights[a]!)
    .slice(0, HEATMAP_SIZE);
  const corr =
    largest.length > 0
      ? correlationOfColumns(returns, largest, i.shrinkCorrelation)
      : { matrix: new Float64Array(0), shrinkage: 0 };
  const n = largest.length;
  return {
    lookbackDays: returns.rows,
    volatility: Math.sqrt(varP * TRADING_DAYS_PER_YEAR),
    betaToAiBasket: sampleCovariance(basket, portfolio) / varBasket,
    var95: tail.var,
    es95: tail.es,
    maxDrawdown: maxDrawdown(portfolio),
    returns,
    portfolio,
    basket,
    columnBetas,
    betaToMarket: beta(portfolio, market),
    aiBasketRSquared: corrPB * corrPB,
    riskContributions,
    rollingBeta: { days: rollingDays, betas: rolling },
    correlation: {
      symbols: largest.map((j) => i.symbols[j]!),
      matrix: Array.from({ length: n }, (_, a) => Array.from(corr.matrix.subarray(a * n, a * n + n))),
      method: i.shrinkCorrelation ? 'ledoit-wolf' : 'sample',
      shrinkage: corr.shrinkage,
    },
  };
}
