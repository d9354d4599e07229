/**
 * The build's last step (`npm run build`, after tsc): bundles the compiled CLI into
 * dist/cli/ai-exposure.js and saves V8's code cache of one warm run beside it, for
 * dist/src/cli/start.js to load.
 *
 * Our modules, zod and commander go into the bundle: zod alone is 95 files, 75–95 ms to load
 * separately here and 37–48 ms bundled. The other dependencies stay in node_modules: they load
 * only when a command needs them, and some find their own data files (pdfkit's fonts, the HiGHS
 * wasm) beside their sources. The warm run analyses the example portfolio on the offline demo
 * market, so the cache holds the compiled code of a whole analysis.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../src/shared/project-root';

const INLINED = new Set(['zod', 'commander']);
const OUT = path.join(PROJECT_ROOT, 'dist', 'cli', 'ai-exposure.js');

const dependencies = Object.keys(
  (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
);
rmSync(`${OUT}.code-cache`, { force: true });
buildSync({
  entryPoints: [path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: dependencies.filter((d) => !INLINED.has(d)),
  logLevel: 'warning',
});
execFileSync(
  process.execPath,
  [
    path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'start.js'),
    'analyse',
    path.join(PROJECT_ROOT, 'data', 'examples', 'portfolio.csv'),
    '--market-data',
    'demo',
    '--format',
    'json',
  ],
  { env: { ...process.env, AI_EXPOSURE_CODE_CACHE: 'write' }, stdio: ['ignore', 'ignore', 'inherit'] },
);
