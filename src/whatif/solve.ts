import { AppError } from '../errors';
import type { MessageRef } from '../i18n';
import { formulate, measureChange, type Formulation, type TradingRules } from './formulate';
import { issuerValue, predict, type LinearModel, type Predicted } from './model';
import { TARGET_NAMES, type TargetName, type Targets } from './options';
import type { Solution, Solve } from './solver';

export interface Solved {
  formulation: Formulation;
  solution: Solution;
}

/**
 * The least-turnover trades that meet every target. When none exist, the error names the target
 * that cannot be met and the best value it can reach: first each target alone under the trading
 * rules, then each with the others held (when only their combination is out of reach).
 */
export function solveTargets(model: LinearModel, targets: Targets, rules: TradingRules, solve: Solve): Solved {
  const formulation = formulate(model, targets, rules);
  const solution = solve(formulation.lp);
  if (solution.status !== 'infeasible') return { formulation, solution };
  const names = TARGET_NAMES.filter((t) => targets[t] !== undefined);
  for (const together of [false, true])
    for (const name of names) {
      const others = together ? Object.fromEntries(names.filter((n) => n !== name).map((n) => [n, targets[n]])) : {};
      const best = bestReachable(model, name, others, rules, solve);
      if (best !== null && best.value > targets[name]! + 1e-9 * scaleOf(name))
        throw infeasible(name, targets[name]!, best, rules, together);
    }
  throw infeasible(names[0]!, targets[names[0]!]!, null, rules, true);
}

const scaleOf = (name: TargetName) => (name === 'maxScore' ? 100 : 1);

interface Best {
  value: number;
  /** For an issuer cap: the largest issuer at the best value. */
  issuer?: string;
}

/** The lowest value of one target's measure the trades can reach (null: the other targets cannot be met). */
function bestReachable(
  model: LinearModel,
  name: TargetName,
  others: Targets,
  rules: TradingRules,
  solve: Solve,
): Best | null {
  if (name === 'maxIssuer') return lowestIssuerCap(model, others, rules, solve);
  const f = formulate(model, others, rules);
  f.lp.objective = measureChange(model, name, f);
  const s = solve(f.lp);
  if (s.status === 'infeasible') return null;
  return { value: PREDICTED[name](predict(model, valuesAfter(model, f, s))) };
}

const PREDICTED: Record<Exclude<TargetName, 'maxIssuer'>, (p: Predicted) => number> = {
  maxAiRevenueShare: (p) => p.aiRevenueShare,
  maxThemeHoldings: (p) => p.themeHoldings,
  maxCoreFour: (p) => p.coreFour,
  maxScore: (p) => p.score,
};

/**
 * An issuer cap is a ratio (issuer / covered value), not a linear objective, but whether a cap
 * can be met is a linear feasibility question: bisect on the cap. Forty halvings of [0, 1] leave
 * an interval far below the 1e-6 a reader sees; the reported value is the feasible end.
 */
function lowestIssuerCap(model: LinearModel, others: Targets, rules: TradingRules, solve: Solve): Best | null {
  const attempt = (cap: number) => {
    const f = formulate(model, { ...others, maxIssuer: cap }, rules);
    const s = solve(f.lp);
    return s.status === 'infeasible' ? null : { f, s };
  };
  let best = attempt(1);
  if (best === null) return null;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40 && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    const found = attempt(mid);
    if (found === null) lo = mid;
    else [hi, best] = [mid, found];
  }
  const values = valuesAfter(model, best.f, best.s);
  const top = largestIssuer(model, values);
  return { value: predict(model, values).top1 ?? hi, ...(top !== undefined && { issuer: top }) };
}

/** Each holding's value after a solution's trades, in the base currency. */
function valuesAfter(model: LinearModel, f: Formulation, s: Solution): Float64Array {
  return Float64Array.from(model.holdings, (_, j) => {
    const v = f.vars[j]!;
    const change = (v.buy >= 0 ? s.x[v.buy]! : 0) - (v.sell >= 0 ? s.x[v.sell]! : 0);
    return (f.weights[j]! + change) * model.total;
  });
}

/** The issuer with the largest look-through value in a portfolio worth `values`. */
function largestIssuer(model: LinearModel, values: Float64Array): string | undefined {
  let top: { label: string; value: number } | undefined;
  for (const issuer of model.issuers) {
    const value = issuerValue(issuer, values);
    if (top === undefined || value > top.value) top = { label: issuer.label, value };
  }
  return top?.label;
}

function infeasible(name: TargetName, limit: number, best: Best | null, rules: TradingRules, together: boolean) {
  const how: MessageRef = {
    code: together ? 'whatif.how_together' : rules.onlySell ? 'whatif.how_only_sell' : 'whatif.how_trades',
    params: {},
  };
  const amount = (value: number): MessageRef => ({
    code: name === 'maxScore' ? 'whatif.points' : 'whatif.percent',
    params: { value },
  });
  const reason: MessageRef =
    best === null
      ? { code: 'whatif.unreachable', params: { target: { code: `whatif.target.${name}`, params: {} }, how } }
      : {
          code: best.issuer === undefined ? 'whatif.best' : 'whatif.best_issuer',
          params: {
            target: { code: `whatif.target.${name}`, params: {} },
            limit: amount(limit),
            how,
            best: amount(best.value),
            ...(best.issuer !== undefined && { issuer: best.issuer }),
          },
        };
  return new AppError('unprocessable', 'whatif_infeasible', {
    params: { reason },
    details: {
      constraint: name,
      limit,
      best: best?.value ?? null,
      ...(best?.issuer !== undefined && { issuer: best.issuer }),
    },
  });
}
