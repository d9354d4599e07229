/**
 * `npm run bench -- phase [SECONDS]` — how far this shared machine's speed moves while nothing of
 * ours changes, and what that does to the absolute targets. For SECONDS (default 180), one sample
 * every 5 s in one process: the 25-holding analysis without the Monte Carlo as `-- analysis` times
 * it (median of 15) and numpy's script on the same work right after (bench/numpy_analysis.py), the
 * portfolio series at N = 2,000 (median of 50), and two workloads that are not ours: 200,000 doubles
 * sorted (CPU and the core's own cache) and 32 MB summed (memory, past the L3 the VM shares with its
 * neighbours). Each sample is a line; the end gives each figure's range and how many samples met
 * the 5 ms target. Why: docs/performance.md, "The machine's phases".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Rng, weightedRowSum, withPanelArenas, simpleReturns } from '../src/analytics/core';
import { CsvMarketData } from '../src/market';
import { holdingsCsv, numpyRound, REAL_25, tsRound } from './analysis';
import { fmt, median, python, SHARED, syntheticPrices, timedMedian } from './common';

const SAMPLE_EVERY_MS = 5000;
const TARGET_MS = 5;
const COLUMNS = ['analysis', 'numpy', 'series', 'sort', 'sum'] as const;

interface Sample {
  analysis: number;
  numpy: number;
  series: number;
  sort: number;
  sum: number;
}

/** Workloads that are not ours, on fixed data: what the machine gives any program at that moment. */
function calibrations() {
  const rng = new Rng(3);
  const unsorted = Float64Array.from({ length: 200_000 }, () => rng.uniform());
  const large = new Float64Array(4 << 20).fill(1);
  const sort = () => unsorted.slice().sort();
  const sum = () => {
    let s = 0;
    for (let i = 0; i < large.length; i++) s += large[i]!;
    return s;
  };
  return { sort: () => timedMedian(sort, 5), sum: () => timedMedian(sum, 5) };
}

export async function benchPhase(seconds: number): Promise<void> {
  const pricesDir = path.join(SHARED, 'prices');
  const etfDir = path.join(SHARED, 'etf-holdings');
  const market = new CsvMarketData({ pricesDir, etfHoldingsDir: etfDir });
  const text = holdingsCsv(REAL_25);
  const holdingsFile = path.join(mkdtempSync(path.join(tmpdir(), 'aix-phase-')), 'real-25.csv');
  writeFileSync(holdingsFile, text);
  const py = python();
  const analysis = async () => median((await tsRound('real-25.csv', market, text, 15)).withoutMc);
  const numpy = () => (py === null ? Number.NaN : numpyRound(py, { holdingsFile, pricesDir, etfDir }, 15).analysis);
  const calibrate = calibrations();
  const columns = COLUMNS.filter((c) => py !== null || c !== 'numpy');
  console.log(
    `\nThe machine's phases: one sample every ${SAMPLE_EVERY_MS / 1000} s for ${seconds} s, one process (ms)`,
  );
  console.log(`${'time'.padEnd(10)}${columns.map((c) => c.padStart(9)).join('')}`);
  // Warm-up as in `-- analysis`: prices in memory, hot paths compiled.
  const warmUntil = performance.now() + 1500;
  while (performance.now() < warmUntil) await analysis();
  const samples: Sample[] = [];
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    const next = Date.now() + SAMPLE_EVERY_MS;
    const s: Sample = {
      analysis: await analysis(),
      numpy: numpy(),
      series: seriesAtN2000(),
      sort: calibrate.sort(),
      sum: calibrate.sum(),
    };
    samples.push(s);
    console.log(`${new Date().toISOString().slice(11, 19).padEnd(10)}${columns.map((c) => fmt(s[c])).join('')}`);
    await new Promise((done) => setTimeout(done, Math.max(0, next - Date.now())));
  }
  summarise(samples, columns);
}

/** The portfolio series kernel at N = 2,000 as `-- kernels` times it: its panel in wasm memory, warm. */
function seriesAtN2000(): number {
  return withPanelArenas(() => {
    const returns = simpleReturns(syntheticPrices(2000, 757));
    const weights = new Float64Array(2000).fill(1 / 2000);
    const call = () => weightedRowSum(returns, weights);
    timedMedian(call, 50);
    return timedMedian(call, 50);
  });
}

function summarise(samples: readonly Sample[], columns: readonly (keyof Sample)[]): void {
  console.log(`\n${'of'.padEnd(10)}${'min'.padStart(9)}${'median'.padStart(9)}${'max'.padStart(9)}  max/min`);
  for (const key of columns) {
    const xs = samples.map((s) => s[key]);
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    console.log(`${key.padEnd(10)}${fmt(lo)}${fmt(median(xs))}${fmt(hi)}  ${(hi / lo).toFixed(2)}×`);
  }
  const met = samples.filter((s) => s.analysis <= TARGET_MS).length;
  console.log(`analysis without the Monte Carlo ≤ ${TARGET_MS} ms in ${met} of ${samples.length} samples`);
  if (!columns.includes('numpy')) return;
  const ratios = samples.map((s) => s.analysis / s.numpy);
  const [lo, hi] = [Math.min(...ratios), Math.max(...ratios)];
  console.log(`ts/numpy in the same sample: ${lo.toFixed(2)}–${hi.toFixed(2)}×, median ${median(ratios).toFixed(2)}×`);
}
