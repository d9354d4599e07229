import type { Highs, LegacyHighsOptions } from 'highs';
import type { LinearProgram } from './lp';

export interface Solution {
  /** `time-limit`: a MIP stopped at its time limit with trades that meet every target, perhaps not the fewest. */
  status: 'optimal' | 'time-limit' | 'infeasible';
  objective: number;
  /** Value of each variable, by index. */
  x: Float64Array;
  /** Activity (left-hand side) of each row, by index. */
  activity: Float64Array;
}

/**
 * Solves a program to optimality, or to its time limit with a feasible answer, or says it is
 * infeasible; anything else is a bug of ours or the solver's.
 */
export type Solve = (lp: LinearProgram) => Solution;

/**
 * Tolerances tight enough that a target met by the solver is met by the re-analysis to 1e-6
 * (variables are fractions of the portfolio), and a MIP gap small enough that the whole-share
 * answer is the least turnover to within a millionth. Whole shares with a minimum trade on the
 * example portfolio take 0.6–3 s on this machine; five seconds keeps a harder MIP from holding a
 * request, and its best answer so far is still returned.
 */
const OPTIONS: LegacyHighsOptions = {
  output_flag: false,
  primal_feasibility_tolerance: 1e-9,
  dual_feasibility_tolerance: 1e-9,
  mip_feasibility_tolerance: 1e-9,
  mip_rel_gap: 1e-6,
  time_limit: 5,
};

let loading: Promise<Highs> | undefined;

/**
 * HiGHS, loaded on first use: its WebAssembly takes ~150 ms to compile, so only the what-if pays
 * for it, once per process.
 */
export async function loadSolver(): Promise<Solve> {
  // Its CommonJS build sets module.exports.default to the loader. require, not import(): the CLI bundle
  // runs from V8's code cache, where a dynamic import has no loader to call.
  loading ??= Promise.resolve().then(() => (require('highs') as { default: () => Promise<Highs> }).default());
  const highs = await loading;
  return (lp) => solveWith(highs, lp);
}

function solveWith(highs: Highs, lp: LinearProgram): Solution {
  const result = highs.solve(lp.toCplexLp(), OPTIONS);
  const n = lp.variables.length;
  if (result.Status === 'Infeasible' || result.Status === 'Primal infeasible or unbounded')
    return { status: 'infeasible', objective: Number.NaN, x: new Float64Array(n), activity: new Float64Array(0) };
  const found = Object.values(result.Columns).every((c) => 'Primal' in c);
  const status =
    result.Status === 'Optimal' ? 'optimal' : result.Status === 'Time limit reached' && found ? 'time-limit' : null;
  if (status === null) throw new Error(`HiGHS ended with status "${result.Status}"`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = (result.Columns[`v${i}`] as { Primal?: number } | undefined)?.Primal ?? 0;
  const activity = Float64Array.from(result.Rows, (r) => ('Primal' in r ? r.Primal : Number.NaN));
  return { status, objective: result.ObjectiveValue, x, activity };
}
