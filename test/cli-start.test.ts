/**
 * The installed `ai-exposure` command, dist/src/cli/start.js as `npm ci` builds it: it runs the CLI
 * bundle with its code cache, answers what the sources answer (the what-if's solver too), finds its
 * worker threads from the bundle, and never uses a cache made for another bundle.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/paths';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const EXAMPLE = path.join(ROOT, 'data/examples/portfolio.csv');
const ANALYSE = ['analyse', EXAMPLE, '--market-data', 'demo', '--format', 'json', '--mc-paths', '2000'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, AI_EXPOSURE_CODE_CACHE: 'report' };
    for (const k of ['MARKET_DATA', 'PRICES_DIR', 'ETF_HOLDINGS_DIR', 'REDIS_URL']) delete env[k];
    execFile(file, args, { cwd, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const node = (start: string, args: string[], cwd?: string) => run(process.execPath, [start, ...args], cwd);
const withoutTime = (json: string) => ({ ...JSON.parse(json), generatedAt: null });

beforeAll(() => {
  for (const built of ['dist/src/cli/start.js', 'dist/cli/ai-exposure.js', 'dist/cli/ai-exposure.js.code-cache'])
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run npm run build`);
});

const WHATIF = ['whatif', EXAMPLE, '--market-data', 'demo', '--max-ai-revenue-share', '0.2', '--mc-paths', '2000'];

test.each([
  ['analyse', ANALYSE],
  ['whatif (its solver loaded on demand)', WHATIF],
])('%s runs the bundle with its code cache and answers what the sources answer', async (_, args) => {
  const [built, sources] = await Promise.all([
    node(path.join(ROOT, 'dist/src/cli/start.js'), args),
    run(TSX, [path.join(ROOT, 'src/cli/main.ts'), ...args]),
  ]);
  expect(built.stderr).toBe('code cache: used\n');
  expect(built.code).toBe(0);
  expect(sources.code).toBe(0);
  // A difference here after editing src/ means dist/ is stale: npm run build.
  expect(withoutTime(built.stdout)).toEqual(withoutTime(sources.stdout));
});

test('under other V8 flags the cache is rejected, and the bundle still answers the same', async () => {
  const [flagged, plain] = await Promise.all([
    run(process.execPath, ['--max-semi-space-size=32', path.join(ROOT, 'dist/src/cli/start.js'), ...ANALYSE]),
    node(path.join(ROOT, 'dist/src/cli/start.js'), ANALYSE),
  ]);
  expect(flagged.stderr).toBe('code cache: rejected\n');
  expect(flagged.code).toBe(0);
  expect(withoutTime(flagged.stdout)).toEqual(withoutTime(plain.stdout));
});

test('a batch through the bundle starts its worker threads from the compiled modules', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'aix-start-batch-'));
  try {
    const res = await node(path.join(ROOT, 'dist/src/cli/start.js'), [
      'batch',
      path.join(ROOT, 'data/examples/batch'),
      '--market-data',
      'demo',
      '--out-dir',
      out,
      '--mc-paths',
      '500',
    ]);
    expect(res.stderr).not.toMatch(/error|Cannot find/i);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/5 analysed, 1 failed/);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).counts).toEqual({
      total: 6,
      done: 5,
      failed: 1,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

describe('a copy of the project whose bundle changed after its cache was made', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'aix-start-copy-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  const bundle = path.join(copy, 'dist/cli/ai-exposure.js');
  beforeAll(() => {
    cpSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
    for (const linked of ['data', 'node_modules']) symlinkSync(path.join(ROOT, linked), path.join(copy, linked));
    for (const part of ['dist/src', 'dist/cli', 'dist/.tsbuildinfo'])
      cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    // One character of a comment: the same length, so only the digest can tell the cache is not this bundle's.
    const source = readFileSync(bundle, 'utf8');
    const at = source.indexOf('// dist/src/');
    expect(at).toBeGreaterThan(0);
    writeFileSync(bundle, `${source.slice(0, at)}//_${source.slice(at + 3)}`);
    // As the build leaves it: tsc first, then the bundle.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(path.join(copy, 'dist/.tsbuildinfo'), earlier, earlier);
  });

  /** Analyses through the copy's start.js, which says on stderr whether it used a code cache ('' when it ran the modules). */
  async function analysesInCopy(stderr: string): Promise<void> {
    const res = await node(path.join(copy, 'dist/src/cli/start.js'), ANALYSE, copy);
    expect(res.stderr).toBe(stderr);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).holdings.length).toBeGreaterThan(0);
  }

  test('does not use the cache, and still analyses', async () => {
    await analysesInCopy('code cache: stale\n');
  });

  test('compiled again after the bundle was made, runs the compiled modules', async () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(copy, 'dist/.tsbuildinfo'), later, later);
    await analysesInCopy('');
  });

  test('a bundle cut short (as if read mid-write) is not run: the compiled modules are', async () => {
    const later = new Date(Date.now() + 120_000);
    writeFileSync(bundle, readFileSync(bundle, 'utf8').slice(0, 100_000));
    utimesSync(bundle, later, later);
    await analysesInCopy('');
  });

  test('without a bundle, runs the compiled modules', async () => {
    rmSync(path.join(copy, 'dist/cli'), { recursive: true });
    await analysesInCopy('');
  });
});
