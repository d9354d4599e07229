import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's folder (where package.json and data/ are), found from this file: src/shared/ when
 * run through tsx, dist/src/shared/ once compiled.
 */
export const PROJECT_ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'data'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../..');
  }
}

/**
 * The file a worker thread runs, from its path under src/ without extension (`batch/batch-worker`):
 * the compiled module under dist/src/ (also when the caller is the bundled CLI, whose own __dirname
 * is dist/cli/), or, through tsx (tests and development), the .cjs entry beside the TypeScript that
 * registers tsx's hook before loading it.
 */
export function threadScript(module: string, tsxEntry: string): string {
  return __filename.endsWith('.js')
    ? path.join(PROJECT_ROOT, 'dist', 'src', `${module}.js`)
    : path.join(PROJECT_ROOT, 'src', path.dirname(module), tsxEntry);
}
