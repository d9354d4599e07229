import type { IssuerColumn, LinearModel } from './model';
import { LinearProgram, type Term } from './lp';
import type { TargetName, Targets } from './options';

/** How trades may be made: the options that shape the program, not the targets. */
export interface TradingRules {
  onlySell: boolean;
  /** Smallest trade in the base currency (a smaller position may still be closed). */
  minTrade?: number;
  wholeShares: boolean;
}

/** A target's row: an issuer cap has one per issuer that could exceed it. */
interface TargetRow {
  target: TargetName;
  limit: number;
  row: number;
  /** The issuer a cap's row is about. */
  issuer?: IssuerColumn;
}

/** Per holding, the indices of its variables (−1: none). */
export interface HoldingVariables {
  sell: number;
  buy: number;
  /** Whole shares: shares sold, the fractional remainder closed (0/1), shares bought. */
  sharesSold: number;
  remainderSold: number;
  sharesBought: number;
}

export interface Formulation {
  lp: LinearProgram;
  /** Each holding's value now, as a fraction of the portfolio. */
  weights: Float64Array;
  vars: HoldingVariables[];
  targetRows: TargetRow[];
}

/**
 * An issuer cap is a cap on what stays invested: selling everything would leave no issuer to cap,
 * so the covered value must keep at least this share of what it is now.
 */
const INVESTED_FLOOR = 1e-3;

/**
 * The what-if as a linear program in fractions of the portfolio's value V (which trades never
 * change): sell s_j ∈ [0, w_j], buy b_j ≥ 0 (only the symbols to buy), buys paid by sales and the
 * base-currency cash, every target a row on the values after, w_j − s_j + b_j; minimise Σ s + Σ b.
 */
export function formulate(model: LinearModel, targets: Targets, rules: TradingRules): Formulation {
  const lp = new LinearProgram();
  const weights = Float64Array.from(model.holdings, (h) => h.value / model.total);
  const vars = model.holdings.map((h, j) => {
    const sell = weights[j]! > 0 ? lp.variable(0, weights[j]!) : -1;
    const buy = h.buyable && !rules.onlySell ? lp.variable(0, 1) : -1;
    return { sell, buy, sharesSold: -1, remainderSold: -1, sharesBought: -1 };
  });
  // Nothing to trade (all cash, nothing to buy) still makes a program: one variable fixed at 0, so
  // the rows say whether the targets hold as things are.
  if (lp.variables.length === 0) lp.variable(0, 0);
  lp.objective = vars.flatMap((v) => [v.sell, v.buy].filter((i) => i >= 0).map((i) => ({ v: i, c: 1 })));
  const buys = vars.filter((v) => v.buy >= 0);
  if (buys.length > 0) {
    const cash = model.cash.filter((c) => c.currency === model.baseCurrency).reduce((s, c) => s + c.value, 0);
    lp.row(
      change(vars, () => 1),
      '<=',
      cash / model.total,
    );
  }
  const targetRows = targetRowsOf(lp, model, weights, vars, targets);
  if (rules.wholeShares) wholeShares(lp, model, vars);
  if (rules.minTrade !== undefined && rules.minTrade > 0) minimumTrades(lp, vars, rules.minTrade / model.total);
  return { lp, weights, vars, targetRows };
}

/** Σ c_j (b_j − s_j): the change a linear measure takes from the trades. */
function change(vars: readonly HoldingVariables[], coefficient: (j: number) => number): Term[] {
  return vars.flatMap((v, j) => {
    const c = coefficient(j);
    const terms: Term[] = [];
    if (v.sell >= 0) terms.push({ v: v.sell, c: -c });
    if (v.buy >= 0) terms.push({ v: v.buy, c });
    return terms;
  });
}

const dot = (c: Float64Array, w: Float64Array) => c.reduce((s, x, j) => s + x * w[j]!, 0);

/** A linear target's coefficients per unit of value (the score's scaled to points). */
function linearMeasure(model: LinearModel, name: Exclude<TargetName, 'maxIssuer'>): Float64Array {
  if (name === 'maxAiRevenueShare') return model.aiRevenueShare;
  if (name === 'maxThemeHoldings') return model.themeHoldings;
  if (name === 'maxCoreFour') return model.coreFour;
  return model.loss.map((x) => (100 * x) / model.lossAtScore100);
}

/** The change trades make to a linear target's measure: what minimising it finds the best reachable value of. */
export function measureChange(model: LinearModel, name: Exclude<TargetName, 'maxIssuer'>, f: Formulation): Term[] {
  const c = linearMeasure(model, name);
  return change(f.vars, (j) => c[j]!);
}

function targetRowsOf(
  lp: LinearProgram,
  model: LinearModel,
  w: Float64Array,
  vars: readonly HoldingVariables[],
  targets: Targets,
): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const target of ['maxAiRevenueShare', 'maxThemeHoldings', 'maxCoreFour', 'maxScore'] as const) {
    const limit = targets[target];
    // The score is clipped at 100: a ceiling of 100 or more holds whatever the trades.
    if (limit === undefined || (target === 'maxScore' && limit >= 100)) continue;
    const c = linearMeasure(model, target);
    rows.push({
      target,
      limit,
      row: lp.row(
        change(vars, (j) => c[j]!),
        '<=',
        limit - dot(c, w),
      ),
    });
  }
  if (targets.maxIssuer !== undefined) rows.push(...issuerCaps(lp, model, w, vars, targets.maxIssuer));
  return rows;
}

/**
 * Issuer k's share of the covered value is at most X ⇔ Σ_j (A_kj − X·cov_j) x_j ≤ 0: linear in
 * the values. Only issuers some holding could push above X get a row: an issuer's share is a
 * ratio of sums, so it never exceeds its largest per-holding ratio A_kj / cov_j.
 */
function issuerCaps(
  lp: LinearProgram,
  model: LinearModel,
  w: Float64Array,
  vars: readonly HoldingVariables[],
  cap: number,
): TargetRow[] {
  const present = (j: number) => w[j]! > 0 || vars[j]!.buy >= 0;
  const rows: TargetRow[] = [];
  for (const issuer of model.issuers) {
    const a = (j: number) => issuer.perUnit.get(j) ?? 0;
    if (![...issuer.perUnit.keys()].some((j) => present(j) && a(j) > cap * model.covered[j]! + 1e-12)) continue;
    const d = (j: number) => a(j) - cap * model.covered[j]!;
    const now = w.reduce((s, wj, j) => s + d(j) * wj, 0);
    rows.push({ target: 'maxIssuer', limit: cap, issuer, row: lp.row(change(vars, d), '<=', -now) });
  }
  const covered = dot(model.covered, w);
  if (rows.length > 0 && covered > 0)
    lp.row(
      change(vars, (j) => model.covered[j]!),
      '>=',
      INVESTED_FLOOR * covered - covered,
    );
  return rows;
}

/**
 * Whole shares (a MIP): a holding sized by quantity sells n_j whole shares (n_j ≤ its whole
 * shares) plus, if it has a fractional remainder, that remainder as a 0/1 choice; a symbol to buy
 * buys whole shares. Holdings sized by value or weight keep trading by value.
 */
function wholeShares(lp: LinearProgram, model: LinearModel, vars: HoldingVariables[]): void {
  model.holdings.forEach((h, j) => {
    const v = vars[j]!;
    const unit = (h.price * h.fxRate) / model.total;
    if (v.sell >= 0 && h.sizedByQuantity) {
      const whole = Math.floor(h.quantity);
      const remainder = h.quantity - whole;
      v.sharesSold = lp.variable(0, whole, 'integer');
      const terms = [
        { v: v.sell, c: 1 },
        { v: v.sharesSold, c: -unit },
      ];
      if (remainder > 1e-9) {
        v.remainderSold = lp.variable(0, 1, 'binary');
        terms.push({ v: v.remainderSold, c: -unit * remainder });
      }
      lp.row(terms, '=', 0);
    }
    if (v.buy >= 0) {
      v.sharesBought = lp.variable(0, Math.floor(1 / unit), 'integer');
      lp.row(
        [
          { v: v.buy, c: 1 },
          { v: v.sharesBought, c: -unit },
        ],
        '=',
        0,
      );
    }
  });
}

/** A trade is 0 or at least μ (a MIP: one 0/1 per trade); a position worth less than μ may be closed whole. */
function minimumTrades(lp: LinearProgram, vars: readonly HoldingVariables[], mu: number): void {
  for (const v of vars)
    for (const t of [v.sell, v.buy]) {
      if (t < 0) continue;
      const upper = lp.variables[t]!.hi;
      const made = lp.variable(0, 1, 'binary');
      lp.row(
        [
          { v: t, c: 1 },
          { v: made, c: -upper },
        ],
        '<=',
        0,
      );
      lp.row(
        [
          { v: t, c: 1 },
          { v: made, c: -Math.min(mu, upper) },
        ],
        '>=',
        0,
      );
    }
}
