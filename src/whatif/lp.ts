/** A linear term: coefficient × variable (by index). */
export interface Term {
  v: number;
  c: number;
}

export type Sense = '<=' | '>=' | '=';

export interface Row {
  terms: Term[];
  sense: Sense;
  rhs: number;
}

export interface Variable {
  lo: number;
  hi: number;
  kind: 'continuous' | 'integer' | 'binary';
}

/**
 * A linear (or mixed-integer) program to minimise, written for HiGHS in CPLEX LP format. Variables
 * and rows are named by position (v0, r0): HiGHS answers rows in the order written and columns by
 * name, and callers keep their own meaning of each index.
 */
export class LinearProgram {
  readonly variables: Variable[] = [];
  readonly rows: Row[] = [];
  objective: Term[] = [];

  variable(lo: number, hi: number, kind: Variable['kind'] = 'continuous'): number {
    this.variables.push({ lo, hi, kind });
    return this.variables.length - 1;
  }

  /** Adds a row and returns its index. */
  row(terms: Term[], sense: Sense, rhs: number): number {
    this.rows.push({ terms: terms.filter((t) => t.c !== 0), sense, rhs });
    return this.rows.length - 1;
  }

  /** A copy whose rows and objective can change without touching this one (variables are shared). */
  clone(): LinearProgram {
    const copy = new LinearProgram();
    copy.variables.push(...this.variables);
    copy.rows.push(...this.rows);
    copy.objective = this.objective;
    return copy;
  }

  get isMixedInteger(): boolean {
    return this.variables.some((v) => v.kind !== 'continuous');
  }

  toCplexLp(): string {
    const out = ['Minimize', ` obj: ${expression(this.objective.length > 0 ? this.objective : [{ v: 0, c: 0 }])}`];
    out.push('Subject To');
    // A row whose terms all vanished still has to be written: 0 v0 keeps its (in)feasibility.
    for (const [i, r] of this.rows.entries())
      out.push(` r${i}: ${expression(r.terms.length > 0 ? r.terms : [{ v: 0, c: 0 }])} ${r.sense} ${num(r.rhs)}`);
    out.push('Bounds');
    for (const [i, v] of this.variables.entries())
      out.push(v.hi === Infinity ? ` v${i} >= ${num(v.lo)}` : ` ${num(v.lo)} <= v${i} <= ${num(v.hi)}`);
    const of = (kind: Variable['kind']) => this.variables.flatMap((v, i) => (v.kind === kind ? [`v${i}`] : []));
    if (of('integer').length > 0) out.push('General', ...chunks(of('integer')));
    if (of('binary').length > 0) out.push('Binary', ...chunks(of('binary')));
    out.push('End', '');
    return out.join('\n');
  }
}

/** Terms eight to a line: the LP reader takes long lines, people reading a dump do not. */
function expression(terms: readonly Term[]): string {
  return chunks(terms.map((t) => `${t.c < 0 ? '-' : '+'} ${num(Math.abs(t.c))} v${t.v}`)).join('\n  ');
}

function chunks(items: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 8) lines.push(` ${items.slice(i, i + 8).join(' ')}`);
  return lines;
}

/** Shortest round-trip decimal: the LP reader parses it back to the same double. */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`LP coefficient ${x} is not finite`);
  return String(x);
}
