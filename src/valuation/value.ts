import { indexOfDay } from '../analytics/panel';
import { AppError } from '../errors';
import type { Position } from '../holdings';
import { message, type Message } from '../i18n';
import type { PriceHistory } from '../market/types';
import { dayToIso } from '../shared/dates';
import { type RatesToBase, rateOnDay } from './currency';

export interface Warning extends Message {
  symbols?: string[];
}

export interface Valuation {
  /** Base-currency value of each position on asOf. */
  values: Float64Array;
  /** Price used (local currency; 1 for cash). */
  prices: Float64Array;
  /** Base-currency value of one unit of the price currency. */
  fxRates: Float64Array;
  total: number;
  weights: Float64Array;
  warnings: Warning[];
}

interface ValuationContext {
  histories: ReadonlyMap<string, PriceHistory>;
  rates: RatesToBase;
  base: string;
  asOfDay: number;
  notional: number;
  fileName: string;
}

/**
 * Values every position on asOf in the base currency: quantity × close; a market value as given;
 * weight-only positions take their share of the total implied by the valued ones
 * (T = V / (1 − W)), or of the notional value when every position is a weight.
 */
export function valuePositions(positions: readonly Position[], ctx: ValuationContext): Valuation {
  const n = positions.length;
  const out = { values: new Float64Array(n), prices: new Float64Array(n), fxRates: new Float64Array(n) };
  const noClose: string[] = [];
  const noAdjusted: string[] = [];
  positions.forEach((p, i) => {
    const priced = priceOf(p, ctx);
    out.prices[i] = priced.price;
    out.fxRates[i] = priced.fxRate;
    if (priced.adjustedOnly) noClose.push(p.symbol);
    if (priced.noDividends) noAdjusted.push(p.symbol);
    out.values[i] = knownValue(p, priced, ctx);
  });
  const warnings: Warning[] = [];
  spreadWeights(positions, out.values, ctx, warnings);
  if (noClose.length > 0)
    warnings.push({
      ...message('warn.valued_at_adjusted_close', { date: dayToIso(ctx.asOfDay), symbols: noClose }),
      symbols: noClose,
    });
  if (noAdjusted.length > 0)
    warnings.push({ ...message('warn.no_adjusted_close', { symbols: noAdjusted }), symbols: noAdjusted });
  let total = 0;
  for (const v of out.values) total += v;
  const weights = Float64Array.from(out.values, (v) => v / total);
  return { ...out, total, weights, warnings };
}

interface Priced {
  price: number;
  fxRate: number;
  adjustedOnly: boolean;
  noDividends: boolean;
}

function priceOf(p: Position, ctx: ValuationContext): Priced {
  if (p.kind === 'cash')
    return {
      price: 1,
      fxRate: rateOnDay(ctx.rates, ctx.base, p.currency, ctx.asOfDay),
      adjustedOnly: false,
      noDividends: false,
    };
  const h = ctx.histories.get(p.symbol)!;
  const at = indexOfDay(h, ctx.asOfDay);
  const close = h.close[at]!;
  const adjustedOnly = Number.isNaN(close);
  return {
    price: adjustedOnly ? h.adjClose[at]! : close,
    fxRate: rateOnDay(ctx.rates, ctx.base, h.currency, ctx.asOfDay),
    adjustedOnly,
    noDividends: h.adjCloseIsClose,
  };
}

/** The value a position has on its own (0 for weights, which depend on the others). */
function knownValue(p: Position, priced: Priced, ctx: ValuationContext): number {
  switch (p.basis) {
    case 'quantity':
      return p.quantity * priced.price * priced.fxRate;
    case 'marketValue':
      return p.marketValue * fxRateOrFail(p.marketValueCurrency ?? ctx.base, p.symbol, ctx);
    case 'cash':
      return 'amount' in p.size ? p.size.amount * priced.fxRate : 0;
    case 'weight':
      return 0;
  }
}

function fxRateOrFail(currency: string, symbol: string, ctx: ValuationContext): number {
  const rate = rateOnDay(ctx.rates, ctx.base, currency, ctx.asOfDay);
  if (Number.isFinite(rate)) return rate;
  throw new AppError('market_data_missing', 'fx_unavailable', {
    params: { from: currency, to: ctx.base, pair: `${currency}${ctx.base}=X`, date: dayToIso(ctx.asOfDay), symbol },
  });
}

function weightOf(p: Position): number | null {
  if (p.basis === 'weight') return p.weight;
  if (p.basis === 'cash' && 'weight' in p.size) return p.size.weight;
  return null;
}

/** Weight-only positions take their share of the total the valued ones imply, or of the notional value. */
function spreadWeights(
  positions: readonly Position[],
  values: Float64Array,
  ctx: ValuationContext,
  warnings: Warning[],
): void {
  let weightSum = 0;
  let known = 0;
  positions.forEach((p, i) => {
    const w = weightOf(p);
    if (w === null) known += values[i]!;
    else weightSum += w;
  });
  if (weightSum <= 0) return;
  let scale: number;
  if (known > 0) {
    if (weightSum >= 1) throw weightsExceed(positions, weightSum, ctx.fileName);
    scale = known / (1 - weightSum);
  } else {
    warnings.push(message('warn.notional_value', { value: ctx.notional, currency: ctx.base }));
    if (Math.abs(weightSum - 1) > 0.005) warnings.push(message('warn.weights_rescaled', { sum: weightSum }));
    scale = ctx.notional / weightSum;
  }
  positions.forEach((p, i) => {
    const w = weightOf(p);
    if (w !== null) values[i] = w * scale;
  });
}

function weightsExceed(positions: readonly Position[], weightSum: number, fileName: string): AppError {
  const first = positions.find((p) => weightOf(p) !== null)!;
  return new AppError('unprocessable', 'weights_exceed', {
    params: { sum: weightSum },
    location: { file: fileName, row: first.rows[0]!, column: 'weight' },
  });
}
