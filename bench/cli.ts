/**
 * `npm run bench -- cli` — the compiled CLI from a cold start, as a user runs it (`node
 * dist/src/cli/start.js analyse FILE --prices-dir … --format json`, not through npm), against the
 * independent numpy script test/reference/analyse_reference.py on the same 10-holding file: runs
 * alternate, and the ratio is the median of each pair's ratio, so the machine's load hits both.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, numpyEnv, python, ROOT, SHARED } from './common';

const RUNS = 9;
const TARGET_MS = 400;
const TARGET_RATIO = 1.5;
const HOLDINGS = ['SPY', 'QQQ', 'SMH', 'NVDA', 'MSFT', 'AMZN', 'AAPL', 'GOOGL', 'AVGO', 'JNJ'];

function wall(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export function benchCli(): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-bench-cli-'));
  const holdings = path.join(dir, 'ten.csv');
  writeFileSync(holdings, `symbol,quantity\n${HOLDINGS.map((s, i) => `${s},${20 + 7 * i}`).join('\n')}\n`);
  const prices = path.join(SHARED, 'prices');
  const etfs = path.join(SHARED, 'etf-holdings');
  const main = path.join(ROOT, 'dist/src/cli/start.js');
  const cli = () =>
    execFileSync(process.execPath, [main, 'analyse', holdings, '--prices-dir', prices, '--etf-holdings-dir', etfs], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const py = python();
  const input = JSON.stringify([{ holdings, pricesDir: prices, etfDir: etfs }]);
  const script = path.join(ROOT, 'test/reference/analyse_reference.py');
  const numpy = () => execFileSync(py!, [script], { input, env: numpyEnv(), stdio: ['pipe', 'ignore', 'inherit'] });
  cli(); // the page cache holds the files for both sides
  const ts: number[] = [];
  const np: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    ts.push(wall(cli));
    if (py === null) continue;
    np.push(wall(numpy));
    ratios.push(ts[r]! / np[r]!);
  }
  const ms = median(ts);
  const ratio = ratios.length > 0 ? median(ratios) : undefined;
  const ok = ms <= TARGET_MS && (ratio === undefined || ratio <= TARGET_RATIO);
  console.log(`\nCLI cold start, analyse of ${HOLDINGS.length} holdings to JSON (median of ${RUNS} alternating runs)`);
  console.log(
    `  node dist/src/cli/start.js analyse   ${ms.toFixed(0).padStart(5)} ms   target ≤ ${TARGET_MS} ms: ${ms <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  if (ratio !== undefined) {
    console.log(`  numpy reference script              ${median(np).toFixed(0).padStart(5)} ms`);
    console.log(
      `  ts/numpy (median of pair ratios)    ${ratio.toFixed(2).padStart(5)}×   target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
    );
  }
  return ok;
}
