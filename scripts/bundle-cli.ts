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
import { writeFileAtomic } from '../src/shared/atomic-write';
import { PROJECT_ROOT } from '../src/shared/project-root';

const INLINED = new Set(['zod', 'commander']);
const OUT = path.join(PROJECT_ROOT, 'dist', 'cli', 'ai-exposure.js');

async function bundle(): Promise<void> {
  const dependencies = Object.keys(
    (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: object })
      .dependencies,
  );
  const result = buildSync({
    entryPoints: [path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js')],
    outfile: OUT,
    write: false,
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: dependencies.filter((d) => !INLINED.has(d)),
    logLevel: 'warning',
  });
  // start.js runs the bundle from V8's code cache, where import() has no loader: use require.
  const dynamic = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
  );
  if (dynamic.length > 0) throw new Error(`import() of ${dynamic.join(', ')} would fail in the bundle: use require`);
  // Written whole, then renamed: a CLI started during the build never reads half a bundle.
  await writeFileAtomic(OUT, result.outputFiles[0]!.contents);
}

/** One offline analysis through start.js, which saves the code cache when it succeeds. */
function warmRun(): void {
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
    // The caller's settings (DEMO_SEED, THEME_FILE, …) must not change what is cached or break the build.
    { env: { PATH: process.env.PATH ?? '', AI_EXPOSURE_CODE_CACHE: 'write' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

rmSync(`${OUT}.code-cache`, { force: true });
bundle()
  .then(warmRun)
  .catch((err: Error) => {
    process.stderr.write(`bundle-cli: ${err.message.split('\n')[0]}\n`);
    process.exitCode = 1;
  });
