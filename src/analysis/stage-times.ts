/**
 * Where one analysis spends its time, stage by stage: `npm run bench -- analysis` prints it beside
 * numpy. Timing is opt-in (a `StageTimes` passed in); without one a stage just runs.
 */
export const STAGES = [
  'import',
  'plan',
  'market data',
  'valuation',
  'look-through',
  'theme exposure',
  'risk',
  'overspending',
  'Monte Carlo',
  'report assembly',
  'JSON',
] as const;

export type Stage = (typeof STAGES)[number];
export type StageTimes = Partial<Record<Stage, number>>;

/** Runs `fn`, adding its wall time in ms to `times[stage]` when times are being kept. */
export function timed<T>(times: StageTimes | undefined, stage: Stage, fn: () => T): T {
  if (times === undefined) return fn();
  const start = performance.now();
  const out = fn();
  times[stage] = (times[stage] ?? 0) + performance.now() - start;
  return out;
}

/** The same for a stage that awaits (import, market data). */
export async function timedAsync<T>(times: StageTimes | undefined, stage: Stage, fn: () => Promise<T>): Promise<T> {
  if (times === undefined) return fn();
  const start = performance.now();
  const out = await fn();
  times[stage] = (times[stage] ?? 0) + performance.now() - start;
  return out;
}
