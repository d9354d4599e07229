import { message } from '../i18n';
import type { Formulation, HoldingVariables } from './formulate';
import type { Line } from './holdings';
import type { LinearModel, ModelHolding } from './model';
import type { HoldingAfter, Trade } from './schema';
import type { Solution } from './solver';
import { taxOnSale, type TaxRegime } from './tax';

export interface CostSettings {
  costBps: number;
  costPerTrade: number;
  tax: TaxRegime;
}

export interface TradeResult {
  trades: Trade[];
  holdingsAfter: HoldingAfter[];
  /** Base-currency value of each model holding after the trades (what the model predicts from). */
  valuesAfter: Float64Array;
}

/** A trade below a billionth of the portfolio is the solver's rounding, not a trade. */
const NOISE = 1e-9;

/**
 * The solution as trades and the holdings they leave. Shares follow from values at the day's
 * price (whole shares from the integer variables exactly); a sale at its upper bound sells the
 * whole position, so no dust is left. Proceeds net of purchases go to base-currency cash.
 */
export function tradesOf(model: LinearModel, f: Formulation, s: Solution, costs: CostSettings): TradeResult {
  const trades: Trade[] = [];
  const holdingsAfter: HoldingAfter[] = [];
  const valuesAfter = new Float64Array(model.holdings.length);
  let net = 0;
  model.holdings.forEach((h, j) => {
    const unit = h.price * h.fxRate;
    const sold = soldShares(h, f.vars[j]!, f.weights[j]!, s, model.total);
    const bought = boughtShares(h, f.vars[j]!, s, model.total);
    if (sold > 0) trades.push(trade(h, 'sell', sold, costs, model.baseCurrency));
    if (bought > 0) trades.push(trade(h, 'buy', bought, costs, model.baseCurrency));
    net += (sold - bought) * unit;
    const quantity = h.quantity - sold + bought;
    valuesAfter[j] = quantity * unit;
    if (quantity > 0) holdingsAfter.push({ symbol: h.symbol, quantity, currency: h.currency, value: quantity * unit });
  });
  holdingsAfter.push(...cashAfter(model, net));
  trades.sort((a, b) => (a.side === b.side ? b.value - a.value : a.side === 'sell' ? -1 : 1));
  return { trades, holdingsAfter, valuesAfter };
}

function soldShares(h: ModelHolding, v: HoldingVariables, w: number, s: Solution, total: number): number {
  if (v.sell < 0) return 0;
  if (v.sharesSold >= 0) {
    const whole = Math.round(s.x[v.sharesSold]!);
    const remainder = v.remainderSold >= 0 && Math.round(s.x[v.remainderSold]!) === 1;
    return whole === Math.floor(h.quantity) && remainder
      ? h.quantity
      : whole + (remainder ? h.quantity - Math.floor(h.quantity) : 0);
  }
  const x = s.x[v.sell]!;
  if (x < NOISE) return 0;
  return x >= w - NOISE ? h.quantity : (x * total) / (h.price * h.fxRate);
}

function boughtShares(h: ModelHolding, v: HoldingVariables, s: Solution, total: number): number {
  if (v.buy < 0) return 0;
  if (v.sharesBought >= 0) return Math.round(s.x[v.sharesBought]!);
  const x = s.x[v.buy]!;
  return x < NOISE ? 0 : (x * total) / (h.price * h.fxRate);
}

function trade(h: ModelHolding, side: 'sell' | 'buy', quantity: number, c: CostSettings, base: string): Trade {
  const value = quantity * h.price * h.fxRate;
  const tax = side === 'sell' ? taxOnSale({ ...h, quantity }, c.tax, base) : { amount: null, rule: message('tax.buy') };
  return {
    symbol: h.symbol,
    side,
    quantity,
    price: h.price,
    currency: h.currency,
    value,
    cost: c.costPerTrade + (value * c.costBps) / 10_000,
    tax: tax.amount,
    taxRule: tax.rule,
  };
}

/** Cash in other currencies stays as it is; the base-currency cash takes the net proceeds. */
function cashAfter(model: LinearModel, net: number): HoldingAfter[] {
  const base = model.baseCurrency;
  const lines: Line[] = [...model.cash];
  if (net !== 0 && !lines.some((c) => c.currency === base))
    lines.push({
      symbol: 'CASH',
      kind: 'cash',
      currency: base,
      quantity: 0,
      price: 1,
      fxRate: 1,
      value: 0,
      sizedByQuantity: false,
    });
  return lines.flatMap((c) => {
    const value = c.currency === base ? c.value + net : c.value;
    // Buys paid with all the cash leave rounding dust of either sign: no cash, not a negative balance.
    if (value <= NOISE * model.total) return [];
    return [{ symbol: 'CASH', quantity: value / c.fxRate, currency: c.currency, value }];
  });
}
