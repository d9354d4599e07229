#!/usr/bin/env node
/**
 * The `ai-exposure` command as installed: it runs the CLI bundle (dist/cli/ai-exposure.js, made by
 * `npm run build`) with V8's code cache of a warm run beside it, so a cold start neither resolves
 * ~300 module files nor compiles the same functions again. Measured on a 10-holding `analyse` here,
 * alternating runs: 736 → 536 ms and 776 → 524 ms (medians of 21; docs/performance.md).
 * Without a current bundle (run through tsx, compiled without the bundle step, compiled again since,
 * or a bundle that cannot be read or compiled) it loads main directly.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { PROJECT_ROOT } from '../shared/project-root';

const BUNDLE = path.join(PROJECT_ROOT, 'dist', 'cli', 'ai-exposure.js');
const CODE_CACHE = `${BUNDLE}.code-cache`;
const TSC_BUILD_INFO = path.join(PROJECT_ROOT, 'dist', '.tsbuildinfo');
/** `write`: save the code cache when this run ends (the build's warm run); `report`: say whether it was used. */
const CACHE_MODE = process.env.AI_EXPOSURE_CODE_CACHE;

const compiled = __filename.endsWith('.js') && bundleIsCurrent() ? compileBundle() : null;
if (compiled === null) require('./main');
else runBundle(compiled);

/** A bundle older than tsc's last build may lack what was compiled since: the modules run instead. */
function bundleIsCurrent(): boolean {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  const built = statSync(TSC_BUILD_INFO, { throwIfNoEntry: false });
  return bundle !== undefined && (built === undefined || built.mtimeMs <= bundle.mtimeMs);
}

interface CompiledBundle {
  script: vm.Script;
  digest: Buffer;
  cache: Buffer | 'missing' | 'stale';
}

/** The bundle compiled, from its code cache when the cache is this bundle's; null when it cannot be read or compiled. */
function compileBundle(): CompiledBundle | null {
  try {
    const source = readFileSync(BUNDLE, 'utf8');
    // The cache names the bundle it was made from: V8 itself checks only the source's length.
    const digest = createHash('sha256').update(source).digest();
    const cache = readCache(digest);
    // esbuild keeps main's `#!` line, which is a syntax error inside the module wrapper. No
    // importModuleDynamically: a script compiled from a code cache loses it, so the bundle holds no
    // import() (scripts/bundle-cli.ts refuses one).
    const script = new vm.Script(Module.wrap(source.replace(/^#!/, '//')), {
      filename: BUNDLE,
      ...(typeof cache !== 'string' && { cachedData: cache }),
    });
    return { script, digest, cache };
  } catch {
    return null;
  }
}

function runBundle({ script, digest, cache }: CompiledBundle): void {
  if (CACHE_MODE === 'report')
    process.stderr.write(
      `code cache: ${typeof cache === 'string' ? cache : script.cachedDataRejected ? 'rejected' : 'used'}\n`,
    );
  // Only a run that succeeded leaves its compiled code for the next ones.
  if (CACHE_MODE === 'write')
    process.once('exit', (code) => {
      if (code === 0) writeCache(digest, script.createCachedData());
    });
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(bundle.exports, bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
}

/** The cached code when the file starts with this bundle's digest, else why there is none. */
function readCache(digest: Buffer): Buffer | 'missing' | 'stale' {
  let file: Buffer;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return 'missing';
  }
  return file.length > digest.length && file.subarray(0, digest.length).equals(digest)
    ? file.subarray(digest.length)
    : 'stale';
}

/** Synchronous, unlike writeFileAtomic: it runs in the exit handler, where no promise would settle. */
function writeCache(digest: Buffer, data: Buffer): void {
  const temporary = `${CODE_CACHE}.${process.pid}`;
  writeFileSync(temporary, Buffer.concat([digest, data]));
  renameSync(temporary, CODE_CACHE);
}
