import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/shared/project-root';

/** The project's folder, also when the benches import this helper compiled under dist/. */
export const ROOT = PROJECT_ROOT;
/** Real data shared by the team, beside the clone; read in place, never copied into the project. */
export const SHARED = process.env.SHARED_DATASETS ?? path.resolve(ROOT, '../shared/datasets');
if (!existsSync(SHARED))
  throw new Error(`the shared datasets are not at ${SHARED}: clone next to shared/ or set SHARED_DATASETS`);
export const PRICES_DIR = path.join(SHARED, 'prices');
export const ETF_DIR = path.join(SHARED, 'etf-holdings');
export const FIXTURES = path.join(ROOT, 'test/fixtures');

let python: string | null | undefined;

/** A python3 that can import numpy (the image's python3, or Debian's with python3-numpy). */
export function pythonWithNumpy(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import numpy'], { stdio: 'ignore' });
      python = candidate;
      break;
    } catch {
      // try the next one
    }
  }
  return python;
}
