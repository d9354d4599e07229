import { existsSync, mkdirSync, rmSync } from 'node:fs';
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

export { pythonWithNumpy } from './python';

/** test/artifacts/NAME emptied for this run: what a test leaves there (screenshots, PDFs) is for a person to look at. */
export function freshArtifacts(name: string): string {
  const dir = path.join(ROOT, 'test', 'artifacts', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
