/** What the bench's parts share: medians, formatting, and a python3 with numpy on one BLAS thread. */
import path from 'node:path';
import { column, createPanelMatrix, Rng, type Matrix } from '../src/analytics/core';
import { PROJECT_ROOT } from '../src/shared/project-root';

export const ROOT = PROJECT_ROOT;
export const SHARED = process.env.SHARED_DATASETS ?? path.resolve(ROOT, '../shared/datasets');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median of `reps` timed calls of `fn`. */
export function timedMedian(fn: () => unknown, reps: number): number {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0)).padStart(9);

/** A python3 that imports numpy, or null (the bench then prints TypeScript figures only). */
export { pythonWithNumpy as python } from '../test/helpers/python';

/** numpy on one thread (OpenBLAS would otherwise take both cores from the TypeScript side). */
export function numpyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Prices as an analysis holds them: in a panel the wasm kernels work on in place (kernel-arena.ts). */
export function syntheticPrices(n: number, rows: number): Matrix {
  const rng = new Rng(1);
  const m = createPanelMatrix(rows, n);
  const z = new Float64Array(rows);
  for (let j = 0; j < n; j++) {
    rng.fillNormal(z);
    const col = column(m, j);
    let p = 100;
    for (let t = 0; t < rows; t++) {
      p *= Math.exp(0.02 * z[t]!);
      col[t] = p;
    }
  }
  return m;
}
